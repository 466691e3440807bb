package e2e

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/generate"
	"github.com/archgen/archgen/templates"
)

// intermediateContractFile is where an intermediate project ships its
// contract, rendered from the layer contract-intermediate.
const intermediateContractFile = "api/openapi.yaml"

// contractProbe is a template that is nothing but the intermediate
// contract layer, so that the layer renders through the engine exactly as
// a real template's would, with archgen's own layers underneath.
func contractProbe() fstest.MapFS {
	return fstest.MapFS{
		"intermediate/go-probe/template.yaml": {Data: []byte(`id: intermediate/go-probe
tier: intermediate
lang: go
style: probe
description: the intermediate contract layer alone
layers: [contract-intermediate]
parameters:
  - name: port
    type: int
    default: 8080
  - name: db
    type: choice
    choices: [postgres, sqlite]
    default: postgres
  - name: modules
    type: list
    default: [users, orders, products]
commands:
  verify: "true"
  run: "true"
`)},
		"intermediate/go-probe/files/README.md.tmpl": {Data: []byte("# {{.Name}}\n")},
		// The partials a language layer fills in for the layer's CI
		// workflow, compose.yaml and .env.example.
		"intermediate/go-probe/partials/probe.tmpl": {Data: []byte(`{{define "ci.strategy"}}{{end}}` +
			`{{define "ci.setup"}}{{end}}{{define "compose.healthcheck"}}["CMD", "true"]{{end}}` +
			`{{define "env.extra"}}{{end}}`)},
	}
}

// renderIntermediateContract renders the layer for a project named shop
// with the given modules and returns the document's text.
func renderIntermediateContract(t *testing.T, modules ...string) []byte {
	t.Helper()
	cat, err := catalog.Load(templates.FS(), contractProbe())
	require.NoError(t, err)
	tm, ok := cat.Get("intermediate/go-probe")
	require.True(t, ok)
	list := make([]any, len(modules))
	for i, m := range modules {
		list[i] = m
	}
	a := &answers.Answers{Name: "shop", Params: map[string]any{"modules": list}}
	require.NoError(t, a.Complete(tm))
	res, err := generate.Project(tm, a, "dev")
	require.NoError(t, err)
	for _, f := range res.Files {
		if f.Path == intermediateContractFile {
			return f.Content
		}
	}
	t.Fatalf("the layer rendered no %s", intermediateContractFile)
	return nil
}

func intermediateContract(t *testing.T, modules ...string) *Contract {
	t.Helper()
	doc := renderIntermediateContract(t, modules...)
	c, err := ParseContract(intermediateContractFile, doc)
	require.NoError(t, err, "rendered for modules %v:\n%s", modules, doc)
	return c
}

// TestIntermediateContractPaths checks that the rendered document is a
// valid OpenAPI 3.1 document with the operational paths, users always and
// one resource per module, users listed once however often it is asked.
func TestIntermediateContractPaths(t *testing.T) {
	for _, tc := range []struct {
		modules   []string
		resources []string
	}{
		{[]string{"users", "orders", "products"}, []string{"users", "orders", "products"}},
		{[]string{"invoices", "order-items"}, []string{"users", "invoices", "order-items"}},
		{[]string{"user", "people"}, []string{"users", "people"}},
	} {
		t.Run(strings.Join(tc.modules, ","), func(t *testing.T) {
			c := intermediateContract(t, tc.modules...)
			want := []string{"/health", "/ready", "/metrics", "/openapi.json"}
			for _, r := range tc.resources {
				want = append(want, "/api/v1/"+r, "/api/v1/"+r+"/{id}")
			}
			var got []string
			for _, r := range c.routes {
				got = append(got, r.template)
			}
			assert.Equal(t, want, got)
			for _, r := range tc.resources {
				assert.Equal(t, []string{"GET", "POST"}, c.Methods("/api/v1/"+r))
				assert.Equal(t, []string{"GET", "PATCH", "DELETE"}, c.Methods("/api/v1/"+r+"/7"))
			}
			assert.Equal(t, []string{"GET"}, c.Methods("/ready"))
			assert.Nil(t, c.Methods("/users"), "resources live under /api/v1 only")
		})
	}
	doc := string(renderIntermediateContract(t, "invoices", "order-items"))
	assert.Contains(t, doc, "\n  title: shop\n", "the title is the project's name")
	for _, s := range []string{"OrderItemPage:", "OrderItemCreate:", "OrderItemUpdate:", "operationId: listOrderItems", "operationId: deleteOrderItem"} {
		assert.Contains(t, doc, s)
	}
}

var (
	okJSON    = []string{"Content-Type", "application/json", "X-Content-Type-Options", "nosniff", "X-Request-ID", "4b0c7a1e-9f0d-4a51-8d2e-1f3c5b7a9e20"}
	okProblem = []string{"Content-Type", "application/problem+json", "X-Content-Type-Options", "nosniff", "X-Request-ID", "req-42"}
)

func plus(base []string, extra ...string) []string {
	return append(slices.Clone(base), extra...)
}

// TestIntermediateContract checks that responses are held to the rendered
// document: what the contract allows passes, and each kind of departure
// from it is caught.
func TestIntermediateContract(t *testing.T) {
	c := intermediateContract(t, "users", "orders", "products")
	const (
		ts      = `"created_at":"2025-01-02T03:04:05.678Z","updated_at":"2025-01-02T03:04:05.678Z"`
		ada     = `{"id":1,"name":"Ada Lovelace","email":"Ada@Example.com",` + ts + `}`
		order   = `{"id":3,"name":"First order","description":null,` + ts + `}`
		product = `{"id":9,"name":"Lamp","description":"A lamp.\nBright.",` + ts + `}`
	)
	fieldErrors := `{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request is invalid; see errors.","instance":"/api/v1/users",` +
		`"errors":[{"pointer":"#/name","detail":"must be at most 100 characters"},{"pointer":"#/admin","detail":"is not a known field"}]}`
	problem := func(status int, title, instance string) string {
		return `{"type":"about:blank","title":"` + title + `","status":` + strconv.Itoa(status) + `,"detail":"x.","instance":"` + instance + `"}`
	}
	cases := []checkCase{
		{"health", "GET", "/health", fakeAnswer(200, `{"status":"ok"}`, okJSON...), ""},
		{"ready", "GET", "/ready", fakeAnswer(200, `{"status":"ok"}`, okJSON...), ""},
		{"not ready", "GET", "/ready", fakeAnswer(503, problem(503, "Service Unavailable", "/ready"), okProblem...), ""},
		{"metrics", "GET", "/metrics", fakeAnswer(200, "# TYPE http_requests_total counter\nhttp_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 1\n",
			"Content-Type", "text/plain; version=0.0.4; charset=utf-8", "X-Content-Type-Options", "nosniff", "X-Request-ID", "m1"), ""},
		{"openapi.json", "GET", "/openapi.json", fakeAnswer(200, `{"openapi":"3.1.0","info":{},"paths":{}}`, okJSON...), ""},
		{"a page", "GET", "/api/v1/users", fakeAnswer(200, `{"data":[`+ada+`],"total":21,"page":2,"limit":20}`, okJSON...), ""},
		{"a page with charset", "GET", "/api/v1/orders", fakeAnswer(200, `{"data":[`+order+`],"total":1,"page":1,"limit":20}`,
			plus(okJSON, "Content-Type", "application/json; charset=utf-8")...), ""},
		{"an empty page", "GET", "/api/v1/products", fakeAnswer(200, `{"data":[],"total":0,"page":5,"limit":100}`, okJSON...), ""},
		{"a page without total", "GET", "/api/v1/users", fakeAnswer(200, `{"data":[],"page":1,"limit":20}`, okJSON...), "total"},
		{"a bare array", "GET", "/api/v1/users", fakeAnswer(200, `[`+ada+`]`, okJSON...), "object"},
		{"a page over the limit", "GET", "/api/v1/users", fakeAnswer(200, `{"data":[],"total":0,"page":1,"limit":101}`, okJSON...), "limit"},
		{"a page without X-Request-ID", "GET", "/api/v1/users", fakeAnswer(200, `{"data":[],"total":0,"page":1,"limit":20}`, okJSON[:4]...), "X-Request-ID"},
		{"a user without timestamps", "GET", "/api/v1/users/1", fakeAnswer(200, `{"id":1,"name":"A","email":"a@b.co"}`, okJSON...), "created_at"},
		{"a timestamp with an offset", "GET", "/api/v1/users/1", fakeAnswer(200, strings.ReplaceAll(ada, "05.678Z", "05.678+00:00"), okJSON...), "created_at"},
		{"a user with a description", "GET", "/api/v1/users/1", fakeAnswer(200, strings.Replace(ada, `"id":1,`, `"id":1,"description":null,`, 1), okJSON...), "description"},
		{"an order", "GET", "/api/v1/orders/3", fakeAnswer(200, order, okJSON...), ""},
		{"an order without description", "GET", "/api/v1/orders/3", fakeAnswer(200, strings.Replace(order, `"description":null,`, "", 1), okJSON...), "description"},
		{"an empty description", "GET", "/api/v1/products/9", fakeAnswer(200, strings.Replace(product, `"A lamp.\nBright."`, `""`, 1), okJSON...), "description"},
		{"created", "POST", "/api/v1/products", fakeAnswer(201, product, plus(okJSON, "Location", "/api/v1/products/9")...), ""},
		{"created with the entry Location", "POST", "/api/v1/users", fakeAnswer(201, ada, plus(okJSON, "Location", "/users/1")...), "location"},
		{"a problem with field errors", "POST", "/api/v1/users", fakeAnswer(400, fieldErrors, okProblem...), ""},
		{"a bad page parameter", "GET", "/api/v1/orders", fakeAnswer(400, `{"type":"about:blank","title":"Bad Request","status":400,"detail":"d.","instance":"/api/v1/orders","errors":[{"parameter":"limit","detail":"must be an integer from 1 to 100"}]}`, okProblem...), ""},
		{"a 400 without errors", "POST", "/api/v1/users", fakeAnswer(400, problem(400, "Bad Request", "/api/v1/users"), okProblem...), "errors"},
		{"a field error naming both", "POST", "/api/v1/users", fakeAnswer(400, strings.Replace(fieldErrors, `"pointer":"#/admin"`, `"pointer":"#/admin","parameter":"admin"`, 1), okProblem...), "oneOf"},
		{"a problem without status", "POST", "/api/v1/users", fakeAnswer(400, strings.Replace(fieldErrors, `"status":400,`, "", 1), okProblem...), "status"},
		{"a problem with the wrong status", "PATCH", "/api/v1/users/1", fakeAnswer(409, problem(400, "Conflict", "/api/v1/users/1"), okProblem...), "status"},
		{"a problem as plain JSON", "POST", "/api/v1/users", fakeAnswer(400, fieldErrors, plus(okProblem, "Content-Type", "application/json")...), "application/problem+json"},
		{"a page as problem JSON", "GET", "/api/v1/users", fakeAnswer(200, `{"data":[],"total":0,"page":1,"limit":20}`, okProblem...), "application/json"},
		{"the entry error shape", "GET", "/api/v1/users/7", fakeAnswer(404, `{"error":"user not found"}`, okProblem...), "type"},
		{"conflict", "PATCH", "/api/v1/users/1", fakeAnswer(409, problem(409, "Conflict", "/api/v1/users/1"), okProblem...), ""},
		{"conflict on a module", "PATCH", "/api/v1/orders/1", fakeAnswer(409, problem(409, "Conflict", "/api/v1/orders/1"), okProblem...), "409"},
		{"too large", "POST", "/api/v1/orders", fakeAnswer(413, problem(413, "Content Too Large", "/api/v1/orders"), okProblem...), ""},
		{"too large, another title", "POST", "/api/v1/orders", fakeAnswer(413, problem(413, "Payload Too Large", "/api/v1/orders"), okProblem...), "title"},
		{"a 500", "GET", "/api/v1/orders", fakeAnswer(500, `{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred.","instance":"/api/v1/orders"}`, okProblem...), ""},
		{"a 500 that says more", "GET", "/api/v1/orders", fakeAnswer(500, problem(500, "Internal Server Error", "/api/v1/orders"), okProblem...), "detail"},
		{"deleted", "DELETE", "/api/v1/orders/3", fakeAnswer(204, "", "X-Content-Type-Options", "nosniff", "X-Request-ID", "r"), ""},
		{"deleted with a body", "DELETE", "/api/v1/orders/3", fakeAnswer(204, `{}`, okJSON...), "no body"},
		{"not found", "GET", "/api/v1/orders/4", fakeAnswer(404, problem(404, "Not Found", "/api/v1/orders/4"), okProblem...), ""},
		{"unknown path", "GET", "/api/v2/users", fakeAnswer(404, problem(404, "Not Found", "/api/v2/users"), okProblem...), ""},
		{"unknown path with a trailing slash", "GET", "/api/v1/users/", fakeAnswer(404, problem(404, "Not Found", "/api/v1/users/"), okProblem...), ""},
		{"unknown path as JSON", "GET", "/nope", fakeAnswer(404, problem(404, "Not Found", "/nope"), okJSON...), "application/problem+json"},
		{"a 405", "PUT", "/api/v1/users/1", fakeAnswer(405, problem(405, "Method Not Allowed", "/api/v1/users/1"), plus(okProblem, "Allow", "GET, PATCH, DELETE")...), ""},
		{"a 405 without Allow", "POST", "/api/v1/orders/1", fakeAnswer(405, problem(405, "Method Not Allowed", "/api/v1/orders/1"), okProblem...), "Allow"},
		{"a 405 without X-Request-ID", "POST", "/api/v1/orders/1", fakeAnswer(405, problem(405, "Method Not Allowed", "/api/v1/orders/1"), plus(okProblem[:4], "Allow", "GET, PATCH, DELETE")...), "X-Request-ID"},
		{"a 405 with a bad X-Request-ID", "POST", "/api/v1/orders/1", fakeAnswer(405, problem(405, "Method Not Allowed", "/api/v1/orders/1"), plus(okProblem, "Allow", "GET, PATCH, DELETE", "X-Request-ID", "a b")...), "x-request-id"},
		{"a 405 with field errors", "DELETE", "/api/v1/users", fakeAnswer(405, strings.NewReplacer(`"Bad Request"`, `"Method Not Allowed"`, `400`, `405`).Replace(fieldErrors), plus(okProblem, "Allow", "GET, POST")...), "errors"},
	}
	runChecks(t, c, cases)
}
