//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/archgen/archgen/internal/naming"
)

// The checks of the intermediate contract (docs/contracts/intermediate.md)
// that the entry checks, run with the intermediate paths, do not already
// make: paging, PATCH, DELETE, problem details, every feature module,
// /ready, /metrics and X-Request-ID. Every answer is still held to the
// project's own /openapi.json by the client.

// timestampPattern is the contract's timestamp: RFC 3339 in UTC with
// exactly three fractional digits.
var timestampPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`)

// uuidV4Pattern is a random UUID in lower-case canonical form.
var uuidV4Pattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// The contract's titles and fixed details.
var problemTitles = map[int]string{
	400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
	413: "Content Too Large", 422: "Unprocessable Content", 429: "Too Many Requests",
	500: "Internal Server Error", 503: "Service Unavailable", 504: "Gateway Timeout",
}

const (
	detailInvalid   = "The request is invalid; see errors."
	detailNoPath    = "There is nothing at this path."
	detailNoMethod  = "The method is not allowed here; see the Allow header."
	detailConflict  = "A user with this email already exists."
	detailTooLarge  = "The request body is larger than 1 MiB."
	ruleObject      = "must be a JSON object sent as application/json"
	ruleRequired    = "is required"
	ruleString      = "must be a string"
	ruleName        = "must be 1 to 100 characters"
	ruleDescription = "must be 1 to 1000 characters; send null for none"
	ruleControl     = "must not contain control characters"
	ruleUnknown     = "is not a known field"
	rulePage        = "must be an integer from 1 to 2147483647"
	ruleLimit       = "must be an integer from 1 to 100"
	ruleID          = "must be an integer from 1 to 9223372036854775807"
)

// problem is an RFC 9457 problem detail as the contract writes it.
type problem struct {
	Type     string       `json:"type"`
	Title    string       `json:"title"`
	Status   int          `json:"status"`
	Detail   string       `json:"detail"`
	Instance string       `json:"instance"`
	Errors   []fieldError `json:"errors"`
}

// fieldError is one entry of a 400's errors.
type fieldError struct {
	Pointer   string `json:"pointer,omitempty"`
	Parameter string `json:"parameter,omitempty"`
	Detail    string `json:"detail"`
}

func (f fieldError) String() string {
	if f.Pointer != "" {
		return "pointer " + f.Pointer + ": " + f.Detail
	}
	return "parameter " + f.Parameter + ": " + f.Detail
}

// checkProblem requires the answer to be the contract's problem detail for
// its status: type about:blank, the status's title, the instance the path
// without its query, the detail given (unless empty) and, on a 400,
// exactly the field errors given, in any order.
func checkProblem(a *answer, path, detail string, errs ...fieldError) error {
	var p problem
	if err := json.Unmarshal(a.body, &p); err != nil {
		return fmt.Errorf("the %d answer is not a problem detail: %w", a.status, err)
	}
	var bad []string
	if p.Type != "about:blank" {
		bad = append(bad, fmt.Sprintf("type %q, want about:blank", p.Type))
	}
	if want := problemTitles[a.status]; p.Title != want {
		bad = append(bad, fmt.Sprintf("title %q, want %q", p.Title, want))
	}
	if p.Status != a.status {
		bad = append(bad, fmt.Sprintf("status member %d on a %d answer", p.Status, a.status))
	}
	if want, _, _ := strings.Cut(path, "?"); p.Instance != want {
		bad = append(bad, fmt.Sprintf("instance %q, want %q", p.Instance, want))
	}
	if detail != "" && p.Detail != detail {
		bad = append(bad, fmt.Sprintf("detail %q, want %q", p.Detail, detail))
	}
	if a.status == http.StatusBadRequest {
		got := make([]string, len(p.Errors))
		for i, e := range p.Errors {
			got[i] = e.String()
		}
		want := make([]string, len(errs))
		for i, e := range errs {
			want[i] = e.String()
		}
		slices.Sort(got)
		slices.Sort(want)
		if len(want) > 0 && !slices.Equal(got, want) {
			bad = append(bad, fmt.Sprintf("errors %q, want %q", got, want))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("problem detail: %s; body: %s", strings.Join(bad, "; "), clipText(string(a.body)))
	}
	return nil
}

// invalid sends a request that breaks rules and requires the 400 with
// exactly the given field errors.
func (c *client) invalid(ctx context.Context, method, path string, body []byte, errs ...fieldError) error {
	a, err := c.expect(ctx, method, path, body, http.StatusBadRequest)
	if err != nil {
		return err
	}
	if err := checkProblem(a, path, detailInvalid, errs...); err != nil {
		return fmt.Errorf("%s: %w", describe(method, path, body), err)
	}
	return nil
}

func ptr(name, rule string) fieldError   { return fieldError{Pointer: name, Detail: rule} }
func param(name, rule string) fieldError { return fieldError{Parameter: name, Detail: rule} }

// resource is one resource of the contract under /api/v1: users or a
// feature module.
type resource struct {
	path string // /api/v1/order-items
	item string // order-item, as the 404 detail names it
	user bool
}

// resources lists users and every module of the answers, as the contract
// does.
func resources(modules []string) []resource {
	out := []resource{{path: "/api/v1/users", item: "user", user: true}}
	for _, m := range modules {
		f := naming.NewForms(m)
		if f.Plural.Kebab == "users" {
			continue
		}
		out = append(out, resource{path: "/api/v1/" + f.Plural.Kebab, item: f.Kebab})
	}
	return out
}

// item is a user or a module's item, with the fields of both.
type item map[string]any

// id is the item's id; every item is decoded with UseNumber.
func (it item) id() int64 {
	n, _ := it["id"].(json.Number)
	id, _ := n.Int64()
	return id
}

// itemPath is the path of one item.
func (r resource) itemPath(id int64) string { return r.path + "/" + strconv.FormatInt(id, 10) }

func decodeItem(body []byte) (item, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var it item
	if err := dec.Decode(&it); err != nil || it == nil {
		return nil, fmt.Errorf("the answer is not an item: %s", clipText(string(body)))
	}
	return it, nil
}

// checkTimestamps requires both timestamps in the contract's form and
// updated_at never before created_at.
func checkTimestamps(it item) error {
	created, _ := it["created_at"].(string)
	updated, _ := it["updated_at"].(string)
	if !timestampPattern.MatchString(created) || !timestampPattern.MatchString(updated) {
		return fmt.Errorf("timestamps %q and %q, want RFC 3339 UTC with milliseconds (2025-01-02T03:04:05.678Z)", created, updated)
	}
	if updated < created {
		return fmt.Errorf("updated_at %s is before created_at %s", updated, created)
	}
	return nil
}

// createItem posts body to the resource and requires 201, Location and an
// item with the contract's timestamps, created_at equal to updated_at.
func (c *client) createItem(ctx context.Context, r resource, body []byte) (item, error) {
	what := describe(http.MethodPost, r.path, body)
	a, err := c.expect(ctx, http.MethodPost, r.path, body, http.StatusCreated)
	if err != nil {
		return nil, err
	}
	it, err := decodeItem(a.body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if loc, want := a.header.Get("Location"), r.itemPath(it.id()); loc != want {
		return it, fmt.Errorf("%s: Location is %q, want %q", what, loc, want)
	}
	if err := checkTimestamps(it); err != nil {
		return it, fmt.Errorf("%s: %w", what, err)
	}
	if it["created_at"] != it["updated_at"] {
		return it, fmt.Errorf("%s: at creation updated_at %v differs from created_at %v", what, it["updated_at"], it["created_at"])
	}
	if r.user {
		c.users = append(c.users, c.asUser(it))
	}
	return it, nil
}

// asUser turns an item of users into the client's record of a user.
func (c *client) asUser(it item) apiUser {
	u := apiUser{ID: it.id()}
	u.Name, _ = it["name"].(string)
	u.Email, _ = it["email"].(string)
	u.CreatedAt, _ = it["created_at"].(string)
	u.UpdatedAt, _ = it["updated_at"].(string)
	return u
}

// remember replaces the client's record of a user after a change.
func (c *client) remember(it item) {
	for i := range c.users {
		if c.users[i].ID == it.id() {
			c.users[i] = c.asUser(it)
		}
	}
}

// forget drops a deleted user from the client's record.
func (c *client) forget(id int64) {
	c.users = slices.DeleteFunc(c.users, func(u apiUser) bool { return u.ID == id })
}

// getItem requires GET of an item to answer exactly want.
func (c *client) getItem(ctx context.Context, r resource, want item) error {
	path := r.itemPath(want.id())
	a, err := c.expect(ctx, http.MethodGet, path, nil, http.StatusOK)
	if err != nil {
		return err
	}
	got, err := decodeItem(a.body)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	if !reflect.DeepEqual(got, want) {
		return fmt.Errorf("GET %s: want %s (the last answer), got %s", path, clipJSON(want), clipText(string(a.body)))
	}
	return nil
}

// patchItem sends a PATCH and requires 200 with the item after it.
func (c *client) patchItem(ctx context.Context, r resource, id int64, body []byte) (item, error) {
	path := r.itemPath(id)
	a, err := c.expect(ctx, http.MethodPatch, path, body, http.StatusOK)
	if err != nil {
		return nil, err
	}
	it, err := decodeItem(a.body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", describe(http.MethodPatch, path, body), err)
	}
	if err := checkTimestamps(it); err != nil {
		return it, fmt.Errorf("%s: %w", describe(http.MethodPatch, path, body), err)
	}
	if r.user {
		c.remember(it)
	}
	return it, nil
}

// body marshals a request body.
func body(fields map[string]any) []byte {
	b, err := json.Marshal(fields)
	if err != nil {
		panic(err) // maps of strings, numbers and nil always marshal
	}
	return b
}

// newItemBody is a valid create body for the resource.
func (c *client) newItemBody(r resource, name string) map[string]any {
	if r.user {
		return map[string]any{"name": name, "email": c.email(strings.ToLower(strings.ReplaceAll(name, " ", ".")))}
	}
	return map[string]any{"name": name, "description": "About " + name}
}

// checkIntermediate runs the intermediate contract's checks on every
// resource and on the operational paths.
func checkIntermediate(ctx context.Context, c *client, modules []string) error {
	var errs []error
	try := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	try(checkOperations(ctx, c))
	for _, r := range resources(modules) {
		if err := checkResource(ctx, c, r); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", r.path, err))
		}
	}
	try(checkUserConflicts(ctx, c))
	try(checkRequestIDs(ctx, c))
	try(checkMetrics(ctx, c))
	try(c.checkList(ctx))
	return errors.Join(errs...)
}

// checkOperations: /health, /ready and the problem bodies of unknown paths
// and methods.
func checkOperations(ctx context.Context, c *client) error {
	var errs []error
	for _, p := range []string{"/health", "/ready"} {
		a, err := c.expect(ctx, http.MethodGet, p, nil, http.StatusOK)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if got := strings.TrimSpace(string(a.body)); got != `{"status":"ok"}` {
			errs = append(errs, fmt.Errorf("GET %s: body %s, want {\"status\":\"ok\"}", p, got))
		}
	}
	for _, p := range []string{"/nope", "/api/v1/users/", "/api/v1", "/api/v1/users/1/x", "/api/v2/users"} {
		a, err := c.expect(ctx, http.MethodGet, p, nil, http.StatusNotFound)
		if err == nil {
			err = checkProblem(a, p, detailNoPath)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("GET %s: %w", p, err))
		}
	}
	for _, mp := range c.unservedMethods() {
		a, err := c.expect(ctx, mp[0], mp[1], nil, http.StatusMethodNotAllowed)
		if err == nil {
			err = checkProblem(a, mp[1], detailNoMethod)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %s: %w", mp[0], mp[1], err))
		}
	}
	return errors.Join(errs...)
}

// checkResource: create, paging, get, PATCH, DELETE and their refusals on
// one resource.
func checkResource(ctx context.Context, c *client, r resource) error {
	var errs []error
	try := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	// Three new items, so that a page of 2 is not the last.
	var made []item
	for i := range 3 {
		it, err := c.createItem(ctx, r, body(c.newItemBody(r, fmt.Sprintf("Paged %s %d", r.item, i+1))))
		if err != nil {
			return err // the rest needs them
		}
		made = append(made, it)
	}
	all, err := listPages[item](ctx, c, r.path)
	if err != nil {
		return err
	}
	try(checkPaging(ctx, c, r, int64(len(all))))

	first := made[0]
	try(c.getItem(ctx, r, first))
	// PATCH: {} changes nothing, updated_at included.
	same, err := c.patchItem(ctx, r, first.id(), []byte(`{}`))
	try(err)
	if err == nil && !reflect.DeepEqual(same, first) {
		try(fmt.Errorf("PATCH %s {}: want the item unchanged %s, got %s", r.itemPath(first.id()), clipJSON(first), clipJSON(same)))
	}
	// A partial update changes the name, trimmed, and only it.
	renamed, err := c.patchItem(ctx, r, first.id(), []byte(`{"name":"  Renamed  "}`))
	try(err)
	if err == nil {
		want := withField(first, "name", "Renamed")
		want["updated_at"] = renamed["updated_at"]
		if !reflect.DeepEqual(renamed, want) {
			try(fmt.Errorf("PATCH %s name: want %s, got %s", r.itemPath(first.id()), clipJSON(want), clipJSON(renamed)))
		}
		try(c.getItem(ctx, r, renamed))
	}
	if !r.user {
		cleared, err := c.patchItem(ctx, r, first.id(), []byte(`{"description":null}`))
		try(err)
		if err == nil && cleared["description"] != nil {
			try(fmt.Errorf("PATCH %s {\"description\":null}: description is %v, want null", r.itemPath(first.id()), cleared["description"]))
		}
		// Tab, line feed and carriage return are allowed in a description.
		_, err = c.patchItem(ctx, r, first.id(), []byte(`{"description":"line one\nline\ttwo\r\n"}`))
		try(err)
		try(c.invalid(ctx, http.MethodPatch, r.itemPath(first.id()), []byte(`{"description":"  "}`), ptr("#/description", ruleDescription)))
		try(c.invalid(ctx, http.MethodPatch, r.itemPath(first.id()), []byte(`{"description":"a\u0000b"}`), ptr("#/description", ruleControl)))
		try(c.invalid(ctx, http.MethodPatch, r.itemPath(first.id()), body(map[string]any{"description": strings.Repeat("d", 1001)}), ptr("#/description", ruleDescription)))
		try(c.invalid(ctx, http.MethodPost, r.path, []byte(`{"description":5}`), ptr("#/name", ruleRequired), ptr("#/description", ruleString)))
		_, err = c.createItem(ctx, r, []byte(`{"name":"No description"}`))
		try(err)
	}
	// Refusals, each stage of the order the contract gives.
	itemPath := r.itemPath(first.id())
	try(c.invalid(ctx, http.MethodPatch, itemPath, []byte(`{"name":null}`), ptr("#/name", ruleString)))
	try(c.invalid(ctx, http.MethodPatch, itemPath, []byte(`{"id":5,"created_at":"x","name":""}`),
		ptr("#/id", ruleUnknown), ptr("#/created_at", ruleUnknown), ptr("#/name", ruleName)))
	try(c.invalid(ctx, http.MethodPatch, itemPath, []byte(`[]`), ptr("#", ruleObject)))
	try(c.invalid(ctx, http.MethodPatch, itemPath, []byte(`{"name":"`+strings.Repeat("[", 600)), ptr("#", ruleObject)))
	try(c.invalid(ctx, http.MethodPatch, r.path+"/0", []byte(`{"name":"x"}`), param("id", ruleID)))
	try(c.invalid(ctx, http.MethodDelete, r.path+"/01", nil, param("id", ruleID)))
	try(c.invalid(ctx, http.MethodGet, r.path+"/abc", nil, param("id", ruleID)))
	required := []fieldError{ptr("#/name", ruleRequired)}
	if r.user {
		required = append(required, ptr("#/email", ruleRequired))
	}
	try(c.invalid(ctx, http.MethodPost, r.path, []byte(`{}`), required...))
	try(c.invalid(ctx, http.MethodPost, r.path, []byte(`{"name":"a\u0001b","role":"admin"}`),
		append(required[1:], ptr("#/name", ruleControl), ptr("#/role", ruleUnknown))...))
	if _, err := c.expectType(ctx, http.MethodPatch, itemPath, []byte(`{"name":"x"}`), "text/plain", http.StatusBadRequest); err != nil {
		try(fmt.Errorf("%w (PATCH with Content-Type text/plain)", err))
	}
	// 413 on PATCH as on POST; 1 MiB exactly passes.
	a, err := c.expect(ctx, http.MethodPatch, itemPath, padTo([]byte(`{"name":"Big"}`), maxBody+1), http.StatusRequestEntityTooLarge)
	if err == nil {
		err = checkProblem(a, itemPath, detailTooLarge)
	}
	try(err)
	big, err := c.patchItem(ctx, r, first.id(), padTo([]byte(`{"name":"Exactly One MiB"}`), maxBody))
	try(err)
	if err == nil && big["name"] != "Exactly One MiB" {
		try(fmt.Errorf("PATCH %s with a body of exactly 1 MiB: name %v", itemPath, big["name"]))
	}
	// DELETE: 204 without a body, then 404 with the contract's detail, for
	// GET, PATCH and DELETE alike; the PATCH body is checked first.
	victim := made[2]
	path := r.itemPath(victim.id())
	a, err = c.expect(ctx, http.MethodDelete, path, nil, http.StatusNoContent)
	try(err)
	if err == nil {
		if len(a.body) != 0 {
			try(fmt.Errorf("DELETE %s: a 204 with a body of %d bytes", path, len(a.body)))
		}
		if r.user {
			c.forget(victim.id())
		}
	}
	gone := fmt.Sprintf("No %s has the id %d.", r.item, victim.id())
	for _, m := range []string{http.MethodGet, http.MethodDelete, http.MethodPatch} {
		var b []byte
		if m == http.MethodPatch {
			b = []byte(`{"name":"Ghost"}`)
		}
		a, err := c.expect(ctx, m, path, b, http.StatusNotFound)
		if err == nil {
			err = checkProblem(a, path, gone)
		}
		if err != nil {
			try(fmt.Errorf("%s %s after DELETE: %w", m, path, err))
		}
	}
	try(c.invalid(ctx, http.MethodPatch, path, []byte(`{"name":5}`), ptr("#/name", ruleString)))
	// Ids are never reused.
	next, err := c.createItem(ctx, r, body(c.newItemBody(r, "After delete "+r.item)))
	try(err)
	if err == nil && next.id() <= victim.id() {
		try(fmt.Errorf("POST %s after deleting id %d: the new id %d is not higher", r.path, victim.id(), next.id()))
	}
	return errors.Join(errs...)
}

// withField copies an item with one field replaced.
func withField(it item, key string, v any) item {
	out := item{}
	for k, x := range it {
		out[k] = x
	}
	out[key] = v
	return out
}

// checkPaging: a page of 2 over a resource of total items, the default and
// largest limits, a page past the end, and the refusals of bad paging.
func checkPaging(ctx context.Context, c *client, r resource, total int64) error {
	var errs []error
	read := func(query string) (page[item], error) {
		path := r.path + query
		a, err := c.expect(ctx, http.MethodGet, path, nil, http.StatusOK)
		if err != nil {
			return page[item]{}, err
		}
		var p page[item]
		dec := json.NewDecoder(bytes.NewReader(a.body))
		dec.UseNumber()
		if err := dec.Decode(&p); err != nil {
			return p, fmt.Errorf("GET %s: %w", path, err)
		}
		if p.Total != total {
			return p, fmt.Errorf("GET %s: total %d, want %d", path, p.Total, total)
		}
		return p, nil
	}
	want := func(query string, pg, limit int64, n int) (page[item], error) {
		p, err := read(query)
		if err == nil && (p.Page != pg || p.Limit != limit || len(p.Data) != n) {
			err = fmt.Errorf("GET %s%s: page %d, limit %d, %d items; want page %d, limit %d, %d items", r.path, query, p.Page, p.Limit, len(p.Data), pg, limit, n)
		}
		return p, err
	}
	p1, err := want("?limit=2", 1, 2, 2)
	errs = append(errs, err)
	p2, err := want("?page=2&limit=2", 2, 2, int(min(2, total-2)))
	errs = append(errs, err)
	if err == nil && len(p1.Data) == 2 && len(p2.Data) > 0 && p2.Data[0].id() <= p1.Data[1].id() {
		errs = append(errs, fmt.Errorf("GET %s?page=2&limit=2: its first id %d is not after page 1's last %d", r.path, p2.Data[0].id(), p1.Data[1].id()))
	}
	_, err = want("", 1, 20, int(min(20, total)))
	errs = append(errs, err)
	_, err = want("?limit=100&unknown=x", 1, 100, int(min(100, total)))
	errs = append(errs, err)
	_, err = want("?page=2147483647", 2147483647, 20, 0)
	errs = append(errs, err)
	bad := map[string][]fieldError{
		"?page=0":              {param("page", rulePage)},
		"?page=":               {param("page", rulePage)},
		"?page=-1":             {param("page", rulePage)},
		"?page=01":             {param("page", rulePage)},
		"?page=2147483648":     {param("page", rulePage)},
		"?limit=101":           {param("limit", ruleLimit)},
		"?limit=0":             {param("limit", ruleLimit)},
		"?limit=1.5":           {param("limit", ruleLimit)},
		"?limit=5&limit=6":     {param("limit", ruleLimit)},
		"?page=a&limit=0":      {param("page", rulePage), param("limit", ruleLimit)},
		"?page=%201&limit=+20": {param("page", rulePage), param("limit", ruleLimit)},
	}
	for _, q := range sortedKeys(bad) {
		errs = append(errs, c.invalid(ctx, http.MethodGet, r.path+q, nil, bad[q]...))
	}
	return errors.Join(errs...)
}

// checkUserConflicts: an email is unique in any letter case, on POST and
// on PATCH; a user may change the case of its own.
func checkUserConflicts(ctx context.Context, c *client) error {
	r := resources(nil)[0]
	var errs []error
	mixed := "Mixed." + strconv.Itoa(c.seq+1) + "@Example.ORG"
	c.seq++
	a, err := c.createItem(ctx, r, body(map[string]any{"name": "Mixed Case", "email": mixed}))
	if err != nil {
		return err
	}
	b, err := c.createItem(ctx, r, body(c.newItemBody(r, "Other User")))
	if err != nil {
		return err
	}
	for _, e := range []string{strings.ToLower(mixed), " " + strings.ToUpper(mixed) + " "} {
		ans, err := c.expect(ctx, http.MethodPost, r.path, body(map[string]any{"name": "Copy", "email": e}), http.StatusConflict)
		if err == nil {
			err = checkProblem(ans, r.path, detailConflict)
		}
		if ans != nil && ans.status == http.StatusCreated {
			if it, derr := decodeItem(ans.body); derr == nil {
				c.users = append(c.users, c.asUser(it))
			}
		}
		errs = append(errs, err)
		path := r.itemPath(b.id())
		ans, err = c.expect(ctx, http.MethodPatch, path, body(map[string]any{"email": e}), http.StatusConflict)
		if err == nil {
			err = checkProblem(ans, path, detailConflict)
		}
		if ans != nil && ans.status == http.StatusOK {
			if it, derr := decodeItem(ans.body); derr == nil {
				c.remember(it)
			}
		}
		errs = append(errs, err)
	}
	own, err := c.patchItem(ctx, r, a.id(), body(map[string]any{"email": strings.ToUpper(mixed)}))
	errs = append(errs, err)
	if err == nil && own["email"] != strings.ToUpper(mixed) {
		errs = append(errs, fmt.Errorf("PATCH %s with its own email in upper case: email %v", r.itemPath(a.id()), own["email"]))
	}
	errs = append(errs, c.invalid(ctx, http.MethodPatch, r.itemPath(a.id()), []byte(`{"email":"not-an-email"}`),
		ptr("#/email", "must be a valid email address of at most 254 characters")))
	return errors.Join(errs...)
}

// checkRequestIDs: a valid X-Request-ID comes back as it was sent; an
// absent, invalid, too long or repeated one is replaced by a new UUID v4,
// on errors too.
func checkRequestIDs(ctx context.Context, c *client) error {
	var errs []error
	ask := func(path string, ids ...string) (string, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, http.NoBody)
		if err != nil {
			return "", err
		}
		for _, id := range ids {
			req.Header.Add("X-Request-ID", id)
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return "", err
		}
		defer func() { _ = resp.Body.Close() }()
		raw, err := io.ReadAll(io.LimitReader(resp.Body, bodyLimit))
		if err != nil {
			return "", err
		}
		if err := c.contract.Check(req, resp, raw); err != nil {
			return "", err
		}
		if n := len(resp.Header.Values("X-Request-ID")); n != 1 {
			return "", fmt.Errorf("%d X-Request-ID headers in the answer, want 1", n)
		}
		return resp.Header.Get("X-Request-ID"), nil
	}
	keep := []string{"abc-123", "A.b_c:d-9", strings.Repeat("x", 128)}
	for _, id := range keep {
		for _, p := range []string{"/health", "/nope"} {
			got, err := ask(p, id)
			if err == nil && got != id {
				err = fmt.Errorf("X-Request-ID %q came back as %q", id, got)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("GET %s: %w", p, err))
			}
		}
	}
	replace := [][]string{nil, {""}, {"has space"}, {"semi;colon"}, {strings.Repeat("y", 129)}, {"é"}, {"one", "two"}}
	seen := map[string]bool{}
	for _, ids := range replace {
		got, err := ask("/health", ids...)
		if err == nil && (!uuidV4Pattern.MatchString(got) || seen[got]) {
			err = fmt.Errorf("sent X-Request-ID %q, got %q; want a new random UUID in lower case", ids, got)
		}
		seen[got] = true
		if err != nil {
			errs = append(errs, fmt.Errorf("GET /health: %w", err))
		}
	}
	return errors.Join(errs...)
}

// checkMetrics: /metrics is the Prometheus text format, and the request
// counter of a route grows by the requests made; unknown paths count as
// "unmatched".
func checkMetrics(ctx context.Context, c *client) error {
	const route = `http_requests_total{method="GET",route="/api/v1/users/{id}",status="404"}`
	const unmatched = `http_requests_total{method="GET",route="unmatched",status="404"}`
	read := func() (map[string]float64, error) {
		a, err := c.expect(ctx, http.MethodGet, "/metrics", nil, http.StatusOK)
		if err != nil {
			return nil, err
		}
		if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			return nil, fmt.Errorf("GET /metrics: Content-Type %q, want text/plain; version=0.0.4", ct)
		}
		return parseMetrics(string(a.body)), nil
	}
	before, err := read()
	if err != nil {
		return err
	}
	for range 3 {
		if _, err := c.expect(ctx, http.MethodGet, "/api/v1/users/9223372036854775807", nil, http.StatusNotFound); err != nil {
			return err
		}
		if _, err := c.expect(ctx, http.MethodGet, "/no/such/path", nil, http.StatusNotFound); err != nil {
			return err
		}
	}
	// A request is counted once its answer is written, which a server may
	// do after the client has read the answer (Node.js counts on the
	// response's finish event): give the last ones a moment to land.
	var after map[string]float64
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if after, err = read(); err != nil {
			return err
		}
		if after[route]-before[route] >= 3 && after[unmatched]-before[unmatched] >= 3 || time.Now().After(deadline) {
			break
		}
	}
	var errs []error
	for _, series := range []string{route, unmatched} {
		if d := after[series] - before[series]; d < 3 {
			errs = append(errs, fmt.Errorf("GET /metrics: %s grew by %v after 3 such requests, want at least 3", series, d))
		}
	}
	histogram := false
	for name := range after {
		if strings.HasPrefix(name, `http_request_duration_seconds_bucket{`) && strings.Contains(name, `route="/api/v1/users/{id}"`) && strings.Contains(name, `le="0.005"`) {
			histogram = true
		}
	}
	if !histogram {
		errs = append(errs, errors.New("GET /metrics: no http_request_duration_seconds_bucket with le=\"0.005\" for the route /api/v1/users/{id}"))
	}
	return errors.Join(errs...)
}

// parseMetrics reads the samples of a Prometheus text exposition: the
// series, its labels sorted by name, and its value.
func parseMetrics(text string) map[string]float64 {
	out := map[string]float64{}
	for line := range strings.SplitSeq(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			continue
		}
		out[normalizeSeries(line[:i])] = v
	}
	return out
}

// normalizeSeries sorts a series' labels, so that the order a library
// writes them in does not matter.
func normalizeSeries(s string) string {
	open := strings.IndexByte(s, '{')
	if open < 0 || !strings.HasSuffix(s, "}") {
		return s
	}
	labels := splitLabels(s[open+1 : len(s)-1])
	slices.Sort(labels)
	return s[:open] + "{" + strings.Join(labels, ",") + "}"
}

// splitLabels splits name="value" pairs at the commas outside quotes.
func splitLabels(s string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// checkRequestLog: a request's id is in the log line that ends it, a JSON
// object with the contract's members, written to the server's standard
// output (the log file at logPath).
func checkRequestLog(ctx context.Context, c *client, logPath string) error {
	id := fmt.Sprintf("e2e-log-probe-%d", c.seq+1)
	c.seq++
	path := "/api/v1/users/9223372036854775807"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, http.NoBody)
	if err != nil {
		return err
	}
	req.Header.Set("X-Request-ID", id)
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	// The line is written once the answer is; give it a moment to land.
	deadline := time.Now().Add(3 * time.Second)
	for {
		line, err := findLogLine(logPath, id)
		if err != nil {
			return err
		}
		if line != nil {
			return checkLogLine(line, path)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("GET %s with X-Request-ID %s: no JSON log line carries \"request_id\":%q", path, id, id)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// findLogLine returns the JSON log line whose request_id is id and that
// has a status (the request's last line), or nil.
func findLogLine(logPath, id string) (map[string]any, error) {
	data, err := os.ReadFile(logPath)
	if err != nil {
		return nil, err
	}
	for raw := range strings.SplitSeq(string(data), "\n") {
		if !strings.Contains(raw, id) {
			continue
		}
		var line map[string]any
		if err := json.Unmarshal([]byte(raw), &line); err != nil {
			return nil, fmt.Errorf("a log line of the request %s is not JSON: %s", id, clipText(raw))
		}
		if line["request_id"] == id && line["status"] != nil {
			return line, nil
		}
	}
	return nil, nil
}

// checkLogLine holds a request's log line to the contract: time, level,
// msg, method, path, route, status and duration_ms.
func checkLogLine(line map[string]any, path string) error {
	var bad []string
	for _, key := range []string{"time", "level", "msg", "method", "path", "route", "status", "duration_ms"} {
		if _, ok := line[key]; !ok {
			bad = append(bad, "no "+key)
		}
	}
	if t, _ := line["time"].(string); !strings.HasSuffix(t, "Z") {
		bad = append(bad, fmt.Sprintf("time %v is not RFC 3339 in UTC", line["time"]))
	}
	if lv := line["level"]; lv != "info" {
		bad = append(bad, fmt.Sprintf("level %v, want info", lv))
	}
	if line["method"] != http.MethodGet || line["path"] != path || line["route"] != "/api/v1/users/{id}" {
		bad = append(bad, fmt.Sprintf("method %v, path %v, route %v; want GET, %s, /api/v1/users/{id}", line["method"], line["path"], line["route"], path))
	}
	if st, _ := line["status"].(float64); st != http.StatusNotFound {
		bad = append(bad, fmt.Sprintf("status %v, want 404", line["status"]))
	}
	if len(bad) > 0 {
		return fmt.Errorf("the log line of a request breaks the contract: %s; line: %s", strings.Join(bad, "; "), clipJSON(line))
	}
	return nil
}
