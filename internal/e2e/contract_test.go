package e2e

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// entryContract loads the entry tier's contract from this repository.
func entryContract(t *testing.T) *Contract {
	t.Helper()
	root, err := RepoRoot()
	require.NoError(t, err)
	c, err := LoadContract(filepath.Join(root, "templates", "_layers", "contract-entry", "files", ContractFile))
	require.NoError(t, err)
	return c
}

// answer builds a response as a server would send it.
func fakeAnswer(status int, body string, headers ...string) *http.Response {
	rec := httptest.NewRecorder()
	for i := 0; i+1 < len(headers); i += 2 {
		rec.Header().Set(headers[i], headers[i+1])
	}
	rec.WriteHeader(status)
	_, _ = rec.WriteString(body)
	return rec.Result()
}

var jsonHeaders = []string{"Content-Type", "application/json", "X-Content-Type-Options", "nosniff"}

func with(extra ...string) []string {
	return append(append([]string{}, jsonHeaders...), extra...)
}

// TestEntryContract checks that the entry contract is a valid OpenAPI 3.1
// document and that responses are held to it: what the contract allows
// passes, and each kind of departure from it is caught.
func TestEntryContract(t *testing.T) {
	c := entryContract(t)
	ada := `{"id":1,"name":"Ada Lovelace","email":"ada@example.com"}`
	cases := []checkCase{
		{"health", "GET", "/health", fakeAnswer(200, `{"status":"ok"}`, jsonHeaders...), ""},
		{"health with charset", "GET", "/health", fakeAnswer(200, `{"status":"ok"}`, "Content-Type", "application/json; charset=utf-8", "X-Content-Type-Options", "nosniff"), ""},
		{"health wrong status value", "GET", "/health", fakeAnswer(200, `{"status":"up"}`, jsonHeaders...), "status"},
		{"created", "POST", "/users", fakeAnswer(201, ada, with("Location", "/users/1")...), ""},
		{"created without Location", "POST", "/users", fakeAnswer(201, ada, jsonHeaders...), "Location"},
		{"created with a bad Location", "POST", "/users", fakeAnswer(201, ada, with("Location", "users/1")...), "location"},
		{"created with an extra field", "POST", "/users", fakeAnswer(201, `{"id":1,"name":"A","email":"a@b.co","admin":true}`, with("Location", "/users/1")...), "admin"},
		{"created with id 0", "POST", "/users", fakeAnswer(201, `{"id":0,"name":"A","email":"a@b.co"}`, with("Location", "/users/1")...), "minimum"},
		{"created with a string id", "POST", "/users", fakeAnswer(201, `{"id":"1","name":"A","email":"a@b.co"}`, with("Location", "/users/1")...), "id"},
		{"created with an untrimmed name", "POST", "/users", fakeAnswer(201, `{"id":1,"name":" A","email":"a@b.co"}`, with("Location", "/users/1")...), "name"},
		{"created with a name of 101", "POST", "/users", fakeAnswer(201, `{"id":1,"name":"`+strings.Repeat("é", 101)+`","email":"a@b.co"}`, with("Location", "/users/1")...), "name"},
		{"created with a name of 100", "POST", "/users", fakeAnswer(201, `{"id":1,"name":"`+strings.Repeat("é", 100)+`","email":"a@b.co"}`, with("Location", "/users/1")...), ""},
		{"created with an undotted domain", "POST", "/users", fakeAnswer(201, `{"id":1,"name":"A","email":"a@localhost"}`, with("Location", "/users/1")...), "email"},
		{"conflict", "POST", "/users", fakeAnswer(409, `{"error":"email already exists"}`, jsonHeaders...), ""},
		{"too large", "POST", "/users", fakeAnswer(413, `{"error":"request body too large"}`, jsonHeaders...), ""},
		{"an undeclared status", "POST", "/users", fakeAnswer(422, `{"error":"invalid"}`, jsonHeaders...), "422"},
		{"an error with more", "POST", "/users", fakeAnswer(400, `{"error":"bad","detail":"x"}`, jsonHeaders...), "detail"},
		{"an error that is a string", "POST", "/users", fakeAnswer(400, `"bad"`, jsonHeaders...), "bad"},
		{"no nosniff", "GET", "/users", fakeAnswer(200, `[]`, "Content-Type", "application/json"), "nosniff"},
		{"a Server header", "GET", "/users", fakeAnswer(200, `[]`, with("Server", "gunicorn")...), "Server"},
		{"text", "GET", "/users", fakeAnswer(200, `[]`, "Content-Type", "text/plain", "X-Content-Type-Options", "nosniff"), "Content-Type"},
		{"not JSON", "GET", "/users/1", fakeAnswer(404, `not found`, jsonHeaders...), "not JSON"},
		{"a 500 that says more", "GET", "/users", fakeAnswer(500, `{"error":"sql: database is locked"}`, jsonHeaders...), "internal server error"},
		{"a 500", "GET", "/users", fakeAnswer(500, `{"error":"internal server error"}`, jsonHeaders...), ""},
		{"list", "GET", "/users", fakeAnswer(200, "["+ada+"]", jsonHeaders...), ""},
		{"user not found", "GET", "/users/7", fakeAnswer(404, `{"error":"user not found"}`, jsonHeaders...), ""},
		{"bad id", "GET", "/users/abc", fakeAnswer(400, `{"error":"invalid id"}`, jsonHeaders...), ""},
		{"health 404", "GET", "/health", fakeAnswer(404, `{"error":"not found"}`, jsonHeaders...), "404"},
		{"unknown path", "GET", "/nope", fakeAnswer(404, `{"error":"not found"}`, jsonHeaders...), ""},
		{"unknown path 200", "GET", "/nope", fakeAnswer(200, `{}`, jsonHeaders...), "must be 404"},
		{"other method", "DELETE", "/users/1", fakeAnswer(405, `{"error":"method not allowed"}`, with("Allow", "GET, HEAD")...), ""},
		{"other method without Allow", "PUT", "/users", fakeAnswer(405, `{"error":"method not allowed"}`, jsonHeaders...), "Allow"},
		{"other method, Allow incomplete", "PUT", "/users", fakeAnswer(405, `{"error":"method not allowed"}`, with("Allow", "GET")...), "POST"},
		{"other method 404", "PUT", "/users", fakeAnswer(404, `{"error":"not found"}`, jsonHeaders...), "must be 405"},
	}
	runChecks(t, c, cases)
	assert.Equal(t, []string{"GET", "POST"}, c.Methods("/users"))
}

// checkCase is one answer held to a contract: want is "" when it must
// pass, else a part of the error it must get.
type checkCase struct {
	name, method, path string
	resp               *http.Response
	want               string
}

// runChecks holds each case's answer to c, a subtest each.
func runChecks(t *testing.T, c *Contract, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, http.NoBody)
			body := readAll(t, tc.resp)
			err := c.Check(req, tc.resp, body)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return b
}

// TestLoadContractRejectsInvalid checks that a document the OpenAPI
// specification does not allow is refused.
func TestLoadContractRejectsInvalid(t *testing.T) {
	dir := t.TempDir()
	for name, doc := range map[string]string{
		"no info":      "openapi: 3.1.0\npaths: {}\n",
		"openapi 3.0":  "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n",
		"bad response": "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n        '200': 7\n",
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".yaml")
		require.NoError(t, writeFile(p, doc))
		_, err := LoadContract(p)
		assert.Error(t, err, name)
	}
}

func writeFile(path, text string) error {
	return os.WriteFile(path, []byte(text), 0o600)
}
