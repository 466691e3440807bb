package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	liberrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/responses"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// ContractFile is where a generated project ships its API contract, and
// where this repository keeps the one of each tier:
// templates/_layers/contract-<tier>/openapi.yaml.
const ContractFile = "openapi.yaml"

// Contract is an OpenAPI 3.1 document that every response of a server is
// checked against.
type Contract struct {
	// Path is the file it was read from.
	Path string

	model     *v3.Document
	responses responses.ResponseBodyValidator
	schemas   schema_validation.SchemaValidator
	routes    []route
}

// route is one path of the document, split into segments; a segment in
// braces matches any one segment.
type route struct {
	template string
	segments []string
	item     *v3.PathItem
}

// LoadContract reads an OpenAPI document and validates it against the
// OpenAPI specification.
func LoadContract(path string) (*Contract, error) {
	spec, err := os.ReadFile(path) //nolint:gosec // the path is the caller's choice
	if err != nil {
		return nil, err
	}
	return ParseContract(path, spec)
}

// ParseContract is LoadContract for a document already read; path names it
// in messages.
func ParseContract(path string, spec []byte) (*Contract, error) {
	doc, err := libopenapi.NewDocument(spec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if v := doc.GetVersion(); !strings.HasPrefix(v, "3.1") {
		return nil, fmt.Errorf("%s: OpenAPI %s, want 3.1", path, v)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s: %w", path, errors.Join(errs...))
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		return nil, fmt.Errorf("%s is not a valid OpenAPI document:\n%s", path, formatErrors(verrs))
	}
	m, err := doc.BuildV3Model()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &Contract{
		Path:      path,
		model:     &m.Model,
		responses: v.GetResponseBodyValidator(),
		schemas:   schema_validation.NewSchemaValidator(),
	}
	if c.model.Paths != nil {
		for tmpl, item := range c.model.Paths.PathItems.FromOldest() {
			c.routes = append(c.routes, route{template: tmpl, segments: strings.Split(tmpl, "/"), item: item})
		}
	}
	for _, name := range []string{"BadRequest", "NotFound", "MethodNotAllowed"} {
		if c.component(name) == nil {
			return nil, fmt.Errorf("%s: components.responses.%s is missing; the harness checks unknown paths and methods against it", path, name)
		}
	}
	return c, nil
}

// FindContract returns the contract a generated project is held to: its own
// openapi.yaml when it ships one, else the one of its tier in this
// repository.
func FindContract(project, tier string) (string, error) {
	// At the root (entry) or under api/ (the intermediate layout).
	for _, own := range []string{filepath.Join(project, ContractFile), filepath.Join(project, "api", ContractFile)} {
		if _, err := os.Stat(own); err == nil {
			return own, nil
		}
	}
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	shared := filepath.Join(root, "templates", "_layers", "contract-"+tier, "files", ContractFile)
	if _, err := os.Stat(shared); err != nil {
		return "", fmt.Errorf("the project ships no %s and the repository has no contract for the tier %s: %w", ContractFile, tier, err)
	}
	return shared, nil
}

// RepoRoot finds this repository's root from the working directory (a
// test runs in its package's directory) by looking upwards for its go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod")) //nolint:gosec // a go.mod above the working directory
		if err == nil && bytes.HasPrefix(b, []byte("module github.com/archgen/archgen\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("cannot find the archgen repository's go.mod above the working directory")
		}
		dir = parent
	}
}

// Check validates one response to req, whose body is body, against the
// contract: the status is one the operation declares (404 for a path the
// document does not list, 405 with Allow for a method it does not list),
// the body is JSON of the declared schema, the declared headers are there,
// every response carries X-Content-Type-Options: nosniff and none names
// the server software.
func (c *Contract) Check(req *http.Request, resp *http.Response, body []byte) error {
	path := requestPath(req)
	rt := c.match(path)
	var op *v3.Operation
	if rt != nil {
		op = rt.item.GetOperations().GetOrZero(strings.ToLower(req.Method))
	}
	var problems []string
	switch {
	case rt == nil:
		problems = common(resp, body, c.componentTypes("NotFound"))
		problems = append(problems, c.checkComponent("NotFound", http.StatusNotFound, req, resp, body)...)
	case op == nil:
		problems = common(resp, body, c.componentTypes("MethodNotAllowed"))
		problems = append(problems, c.checkComponent("MethodNotAllowed", http.StatusMethodNotAllowed, req, resp, body)...)
		problems = append(problems, checkAllow(rt, resp.Header.Get("Allow"))...)
	default:
		problems = common(resp, body, declaredTypes(op, resp.StatusCode))
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if ok, errs := c.responses.ValidateResponseBodyWithPathItem(req, resp, rt.item, rt.template); !ok {
			problems = append(problems, formatErrors(errs))
		}
	}
	return c.verdict(resp, body, problems)
}

// CheckRejected validates the answer to a request whose path is malformed
// (a bad percent-escape, an encoded slash or NUL): 400 or 404, never
// anything else. A 400 that is not JSON is the HTTP server's own rejection,
// which the contract allows; any other answer is held to the contract's
// error responses.
func (c *Contract) CheckRejected(req *http.Request, resp *http.Response, body []byte) error {
	switch resp.StatusCode {
	case http.StatusBadRequest:
		types := c.componentTypes("BadRequest")
		if checkMediaType(resp.Header.Get("Content-Type"), types) != nil {
			return nil
		}
		problems := common(resp, body, types)
		return c.verdict(resp, body, append(problems, c.checkComponent("BadRequest", http.StatusBadRequest, req, resp, body)...))
	case http.StatusNotFound:
		problems := common(resp, body, c.componentTypes("NotFound"))
		return c.verdict(resp, body, append(problems, c.checkComponent("NotFound", http.StatusNotFound, req, resp, body)...))
	default:
		return fmt.Errorf("status %d for a malformed path, want 400 or 404; body: %s", resp.StatusCode, clipText(string(body)))
	}
}

func (c *Contract) verdict(resp *http.Response, body []byte, problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("the %d answer breaks the contract (%s): %s; body: %s",
		resp.StatusCode, filepath.Base(c.Path), strings.Join(problems, "; "), clipText(string(body)))
}

// common checks what every response carries: nosniff, no Server header
// and a body of one of the media types the document declares for it (JSON
// when the status is not declared), or none when it declares no content.
func common(resp *http.Response, body []byte, types []string) []string {
	var problems []string
	if v := resp.Header.Get("X-Content-Type-Options"); !strings.EqualFold(v, "nosniff") {
		problems = append(problems, fmt.Sprintf("X-Content-Type-Options is %q, want nosniff", v))
	}
	if v := resp.Header.Get("Server"); v != "" {
		problems = append(problems, fmt.Sprintf("a Server header names the software: %q", v))
	}
	if len(types) == 0 {
		if len(body) > 0 {
			problems = append(problems, fmt.Sprintf("a %d answer has no body here, but this one has %d bytes", resp.StatusCode, len(body)))
		}
		return problems
	}
	ct := resp.Header.Get("Content-Type")
	if err := checkMediaType(ct, types); err != nil {
		problems = append(problems, err.Error())
	}
	if mt, _, err := mime.ParseMediaType(ct); (err != nil || isJSON(mt)) && !json.Valid(body) {
		problems = append(problems, "the body is not JSON")
	}
	return problems
}

// declaredTypes lists the media types an operation declares for a status
// (or its range, or its default): none for an answer without content, JSON
// for a status it does not declare.
func declaredTypes(op *v3.Operation, status int) []string {
	if op.Responses == nil {
		return []string{jsonType}
	}
	r := op.Responses.Codes.GetOrZero(strconv.Itoa(status))
	if r == nil {
		r = op.Responses.Codes.GetOrZero(fmt.Sprintf("%dXX", status/100))
	}
	if r == nil {
		r = op.Responses.Default
	}
	if r == nil {
		return []string{jsonType}
	}
	return mediaTypes(r)
}

// componentTypes lists the media types of one of the document's component
// responses.
func (c *Contract) componentTypes(name string) []string {
	if r := c.component(name); r != nil {
		return mediaTypes(r)
	}
	return []string{jsonType}
}

func mediaTypes(r *v3.Response) []string {
	var out []string
	if r.Content != nil {
		for mt := range r.Content.KeysFromOldest() {
			out = append(out, mt)
		}
	}
	return out
}

const jsonType = "application/json"

// isJSON reports whether a media type is JSON: application/json or a
// +json type such as application/problem+json.
func isJSON(mt string) bool {
	return mt == jsonType || strings.HasSuffix(mt, "+json")
}

// requestPath is the path as sent, percent-escapes kept, so that an
// encoded slash stays inside its segment.
func requestPath(req *http.Request) string {
	if req.URL.RawPath != "" {
		return req.URL.RawPath
	}
	return req.URL.Path
}

// checkMediaType accepts one of the media types with at most a
// charset=utf-8 parameter.
func checkMediaType(ct string, types []string) error {
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || !slices.Contains(types, mt) {
		return fmt.Errorf("Content-Type is %q, want %s", ct, strings.Join(types, " or "))
	}
	for k, v := range params {
		if !isJSON(mt) && k != "charset" {
			continue // such as the version of Prometheus' text format
		}
		if k != "charset" || !strings.EqualFold(v, "utf-8") {
			return fmt.Errorf("Content-Type is %q: only a charset=utf-8 parameter is allowed", ct)
		}
	}
	return nil
}

// match finds the document's path for a request path; a listed path wins
// over a templated one.
func (c *Contract) match(path string) *route {
	segs := strings.Split(path, "/")
	var best *route
	for i := range c.routes {
		r := &c.routes[i]
		if len(r.segments) != len(segs) {
			continue
		}
		literal, ok := true, true
		for j, s := range r.segments {
			switch {
			case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"):
				literal = false
				ok = ok && segs[j] != ""
			default:
				ok = ok && s == segs[j]
			}
		}
		if ok && (best == nil || literal) {
			best = r
		}
	}
	return best
}

// Methods lists the methods the document serves on the path of a request
// path, upper case, or nil for an unknown path.
func (c *Contract) Methods(path string) []string {
	rt := c.match(path)
	if rt == nil {
		return nil
	}
	var out []string
	for m := range rt.item.GetOperations().KeysFromOldest() {
		out = append(out, strings.ToUpper(m))
	}
	return out
}

func (c *Contract) component(name string) *v3.Response {
	if c.model.Components == nil || c.model.Components.Responses == nil {
		return nil
	}
	return c.model.Components.Responses.GetOrZero(name)
}

// checkComponent checks a response against a response of the document's
// components, for the answers no operation declares.
func (c *Contract) checkComponent(name string, status int, req *http.Request, resp *http.Response, body []byte) []string {
	var problems []string
	if resp.StatusCode != status {
		return []string{fmt.Sprintf("%s %s is not in the document, so the status must be %d", req.Method, requestPath(req), status)}
	}
	want := c.component(name)
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt := want.Content.GetOrZero(ct); mt != nil && mt.Schema != nil {
		if ok, errs := c.schemas.ValidateSchemaBytes(mt.Schema.Schema(), body); !ok {
			problems = append(problems, formatErrors(errs))
		}
	}
	if want.Headers != nil {
		if ok, errs := responses.ValidateResponseHeaders(req, resp, want.Headers, req.URL.Path, fmt.Sprint(status), config.WithExistingOpts(config.NewValidationOptions())); !ok {
			problems = append(problems, formatErrors(errs))
		}
	}
	return problems
}

// checkAllow requires an Allow header that lists every method the path
// serves.
func checkAllow(rt *route, allow string) []string {
	var got []string
	for m := range strings.SplitSeq(allow, ",") {
		if m = strings.ToUpper(strings.TrimSpace(m)); m != "" {
			got = append(got, m)
		}
	}
	var problems []string
	for m := range rt.item.GetOperations().KeysFromOldest() {
		if !slices.Contains(got, strings.ToUpper(m)) {
			problems = append(problems, fmt.Sprintf("Allow %q does not list %s, which %s serves", allow, strings.ToUpper(m), rt.template))
		}
	}
	return problems
}

// formatErrors renders the validator's findings, one per line.
func formatErrors(errs []*liberrors.ValidationError) string {
	var lines []string
	for _, e := range errs {
		line := e.Message
		if e.Reason != "" && e.Reason != e.Message {
			line += ": " + e.Reason
		}
		for _, s := range e.SchemaValidationErrors {
			where := s.FieldPath
			if where == "" {
				where = s.KeywordLocation
			}
			line += fmt.Sprintf(" [%s: %s]", where, s.Reason)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "; ")
}

// clipText shortens a body for a message.
func clipText(s string) string {
	const limit = 400
	s = strings.TrimSpace(s)
	if len(s) > limit {
		return s[:limit] + "…"
	}
	if s == "" {
		return "(empty body)"
	}
	return s
}
