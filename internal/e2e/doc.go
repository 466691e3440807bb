// Package e2e proves every template of the catalog the way its users would:
// it generates the template with default answers into a temporary
// directory, runs the manifest's install, verify and build commands in the
// template's own toolchain, starts the server with its run command on a free
// loopback port, exercises the users API over HTTP and stops it with SIGTERM.
//
// Every answer the harness receives is validated against the project's API
// contract, an OpenAPI 3.1 document: the project's own openapi.yaml when it
// ships one, else templates/_layers/contract-<tier>/openapi.yaml of this
// repository (see docs/contracts/entry.md). After the api step come the
// contract's limits (limits) and one step per hostile-client class of the
// contract: malformed-json, malformed-paths, control-chars, huge-body,
// slow-clients and sigterm-load, which stops the server with SIGTERM while
// requests run and requires a clean exit. Each is bounded in count and
// time; when one fails, the next still run while the server is up, so a
// run reports every class a template fails. The contract's document is
// checked against the OpenAPI specification by a plain unit test
// (contract_test.go), without the build tag.
//
// A manifest with processes (a platform) has each started in its order on
// free loopback ports (its port and ports variables), after its own
// database (database, handed as its DATABASE_URL) was created and migrated
// (migrate, in its dir); each waits for its health path before the next
// starts. The checks talk to the entry process (entry: true, else the
// first), held to the OpenAPI document in the entry's dir. At the
// enterprise tier (docs/contracts/enterprise.md, "How it is proven") three
// more checks run at the entry: platform (a product read twice, miss then
// hit, and again after a PATCH; an order paid within 10 s that took its
// units; the 422s of a missing user or product and the 409 of too little
// stock), trace (one order's spans, under a traceparent of the harness's,
// from every process at the OTLP receiver) and rate-limit (a copy of the
// entry with RATE_LIMIT_BURST=20 and RATE_LIMIT_RPS=5 answers 429 with
// Retry-After after its burst; the entry itself gets a limit its checks
// never meet). The last step stops the entry under load, then every other
// process at once, and requires each to exit cleanly and, with etcd, no key
// left under the run's ETCD_PREFIX.
//
// Everything but this comment is behind the build tag e2e, so `go test ./...`
// never compiles the suite. Run it with
//
//	go test -tags e2e -v -timeout 60m ./internal/e2e
//
// and narrow it to templates with -run 'TestTemplates/entry/go-stdlib' or
// ARCHGEN_E2E_ONLY=entry/go-stdlib (a comma-separated list of template ids;
// an id proves the defaults and every run its manifest declares, id@name
// one run, id@defaults the defaults alone).
//
// Environment:
//
//   - CI=true turns what is a skip on a workstation (a missing toolchain, no
//     PostgreSQL server programs, an empty catalog) into a failure.
//   - ARCHGEN_E2E_REPORT=path writes a markdown table of the results there.
//   - ARCHGEN_E2E_KEEP=1 keeps every generated project, not only failed ones.
//   - ARCHGEN_JDK_DIRS lists where JDKs are installed (default /usr/lib/jvm):
//     a Java template's java answer picks the JDK of that version for its
//     commands (JAVA_HOME and PATH), named in the report.
//
// The services a manifest lists (catalog.Services) are started on
// 127.0.0.1, on free ports, once per suite on first use, and stopped when
// the suite ends; each template gets its share of them in its environment:
//
//   - postgres: a throwaway PostgreSQL server from Debian's postgresql
//     package (apt-get install -y postgresql): DATABASE_URL for the server
//     and TEST_DATABASE_URL, a second database, for the project's own
//     tests.
//   - etcd (Debian's etcd-server, 3.4; a single member with its client and
//     peer ports and its data in a temporary directory): ETCD_ENDPOINTS
//     (127.0.0.1:<port>) and ETCD_PREFIX (/<run-id>, for instance
//     /e2e_enterprise_go_kit): the project keeps every key under that
//     prefix (the platform contract's /<platform>/... becomes
//     <ETCD_PREFIX>/<platform>/...), so runs sharing the etcd never meet.
//   - redis (Debian's redis-server, 7.0; no persistence): REDIS_URL
//     (redis://127.0.0.1:<port>/<db>), a logical database per run, 0 to
//     15 in turn and round again, flushed before it is handed over.
//   - nats (Debian's nats-server, 2.9, with JetStream, -js -sd <dir>):
//     NATS_URL (nats://127.0.0.1:<port>); every stream (and so every
//     durable consumer) of an earlier run is deleted before the next run
//     gets the server.
//   - otlp: the harness's own OTLP/HTTP trace receiver (POST /v1/traces,
//     protobuf, gzip or not): OTEL_EXPORTER_OTLP_ENDPOINT
//     (http://127.0.0.1:<port>), OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
//     and OTEL_BSP_SCHEDULE_DELAY=200 (milliseconds between batches, so
//     spans arrive soon after their request). It keeps at most 100,000
//     spans; a step reads one trace across processes with Trace or
//     WaitTrace, each span with its service (the resource attribute
//     service.name), name, ids and kind.
//
// A missing server program is a skip (a failure with CI=true) naming the
// install command: apt-get install -y --no-install-recommends etcd-server
// redis-server nats-server. .ci/run installs them when one is missing.
package e2e
