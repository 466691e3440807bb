# archgen — build, test, prove and measure.
GO       ?= go
BIN      := bin/archgen
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT   ?= $(shell git rev-parse --short HEAD 2>/dev/null)
LDFLAGS  := -s -w -X github.com/archgen/archgen/internal/buildinfo.Version=$(VERSION) \
            -X github.com/archgen/archgen/internal/buildinfo.Commit=$(COMMIT)
GOLANGCI := github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0

.PHONY: all build install test e2e bench fuzz lint golden clean

all: lint test build

build: ## Build bin/archgen
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/archgen

install: ## Install archgen into $GOBIN
	$(GO) install -trimpath -ldflags '$(LDFLAGS)' ./cmd/archgen

test: ## Unit, golden, invariant and CLI script tests
	$(GO) vet ./...
	$(GO) test ./...

e2e: ## Generate every template and prove it in its own toolchain (slow)
	$(GO) test -tags e2e -count=1 -timeout 80m -v ./internal/e2e/...

bench: build ## Rendering benchmarks, and archgen new against cp -r
	$(GO) test -run '^$$' -bench . -benchmem ./internal/generate/
	./scripts/bench.sh $(BIN)

fuzz: ## Fuzz name validation and templated paths for a while
	$(GO) test -run '^$$' -fuzz FuzzName -fuzztime 60s ./internal/render/
	$(GO) test -run '^$$' -fuzz FuzzPath -fuzztime 60s ./internal/render/
	$(GO) test -run '^$$' -fuzz FuzzWriteInto -fuzztime 60s ./internal/writer/

lint: ## golangci-lint and gofmt
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo 'gofmt: the files above need formatting'; exit 1; }
	$(GO) run $(GOLANGCI) run ./...

golden: ## Rewrite every golden file (review the diff before committing)
	UPDATE_GOLDEN=1 $(GO) test ./...

clean:
	rm -rf bin
