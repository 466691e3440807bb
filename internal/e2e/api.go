//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// apiRequest bounds one request to the API; a JVM's first requests are slow.
const apiRequest = 30 * time.Second

// bodyLimit bounds how much of a response is read.
const bodyLimit = 2 << 20

// maxBody is the contract's cap on a request body: 1 MiB.
const maxBody = 1 << 20

// apiUser is a user as the contract describes it.
type apiUser struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	// The intermediate contract's timestamps; empty at entry.
	CreatedAt string `json:"created_at,omitempty"`
	UpdatedAt string `json:"updated_at,omitempty"`
}

// client talks to a server under test and holds every answer it receives
// to the contract. It remembers the users it created, which are all the
// users the server may have: the harness is its only client.
type client struct {
	base string // http://127.0.0.1:port
	// usersPath is where the users resource lives: /users at entry,
	// /api/v1/users at intermediate, whose lists are pages.
	usersPath string
	paged     bool
	addr      string // 127.0.0.1:port
	http      *http.Client
	contract  *Contract
	users     []apiUser
	seq       int // makes emails unique
}

func newClient(base string, contract *Contract, tier string) *client {
	usersPath, paged := "/users", false
	if tier != "entry" {
		usersPath, paged = "/api/v1/users", true
	}
	return &client{
		base:      base,
		usersPath: usersPath,
		paged:     paged,
		addr:      strings.TrimPrefix(base, "http://"),
		http:      &http.Client{Timeout: apiRequest},
		contract:  contract,
	}
}

// answer is one response, read whole.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// describe names a request in a message: method, path and the start of
// its body.
func describe(method, path string, body []byte) string {
	what := method + " " + path
	switch {
	case body == nil:
	case len(body) > 200:
		what += fmt.Sprintf(" (a body of %d bytes: %q…)", len(body), body[:60])
	default:
		what += " " + strconv.Quote(string(body))
	}
	return what
}

// send makes one request and validates the answer against the contract.
// contentType "" sends application/json when there is a body.
func (c *client) send(ctx context.Context, method, path string, body []byte, contentType string) (*answer, error) {
	return c.sendHeader(ctx, method, path, body, contentType, nil)
}

// sendHeader is send with more request headers.
func (c *client) sendHeader(ctx context.Context, method, path string, body []byte, contentType string, header http.Header) (*answer, error) {
	what := describe(method, path, body)
	var rd io.Reader = http.NoBody
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	req.Header.Set("Accept", "application/json")
	for k, vs := range header {
		req.Header[k] = vs
	}
	if body != nil {
		if contentType == "" {
			contentType = "application/json"
		}
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, bodyLimit))
	if err != nil {
		return nil, fmt.Errorf("%s: reading the answer: %w", what, err)
	}
	a := &answer{status: resp.StatusCode, header: resp.Header, body: raw}
	if err := c.contract.Check(req, resp, raw); err != nil {
		return a, fmt.Errorf("%s: %w", what, err)
	}
	return a, nil
}

// expect is send that also requires the status want.
func (c *client) expect(ctx context.Context, method, path string, body []byte, want int) (*answer, error) {
	return c.expectType(ctx, method, path, body, "", want)
}

func (c *client) expectType(ctx context.Context, method, path string, body []byte, contentType string, want int) (*answer, error) {
	a, err := c.send(ctx, method, path, body, contentType)
	if a != nil && a.status != want {
		return a, fmt.Errorf("%s: want status %d, got %d: %s", describe(method, path, body), want, a.status, clipText(string(a.body)))
	}
	return a, err
}

// userBody is a create request.
func userBody(name, email string) []byte {
	b, err := json.Marshal(map[string]string{"name": name, "email": email})
	if err != nil {
		panic(err) // strings always marshal
	}
	return b
}

// email returns an address no earlier request used.
func (c *client) email(tag string) string {
	c.seq++
	return fmt.Sprintf("%s.%d@example.com", tag, c.seq)
}

// create posts a user and requires 201, the Location of the new user and
// the stored values: the trimmed name and email.
func (c *client) create(ctx context.Context, name, email string) (apiUser, error) {
	return c.createBody(ctx, userBody(name, email), strings.TrimSpace(name), strings.TrimSpace(email))
}

func (c *client) createBody(ctx context.Context, body []byte, name, email string) (apiUser, error) {
	what := describe(http.MethodPost, c.usersPath, body)
	a, err := c.expect(ctx, http.MethodPost, c.usersPath, body, http.StatusCreated)
	if err != nil {
		return apiUser{}, err
	}
	var u apiUser
	if err := json.Unmarshal(a.body, &u); err != nil {
		return apiUser{}, fmt.Errorf("%s: the 201 answer is not a user: %w", what, err)
	}
	if u.Name != name || u.Email != email {
		return u, fmt.Errorf("%s: stored name %q and email %q, want %q and %q", what, u.Name, u.Email, name, email)
	}
	if loc, want := a.header.Get("Location"), c.userPath(u.ID); loc != want {
		return u, fmt.Errorf("%s: Location is %q, want %q", what, loc, want)
	}
	if slices.ContainsFunc(c.users, func(o apiUser) bool { return o.ID == u.ID }) {
		return u, fmt.Errorf("%s: the id %d was given before", what, u.ID)
	}
	c.users = append(c.users, u)
	return u, nil
}

// reject posts a body that breaks a rule and requires the status want.
// A user created by mistake is remembered, so that the later checks of
// the list blame the request that stored it, not themselves.
func (c *client) reject(ctx context.Context, body []byte, want int) error {
	a, err := c.expect(ctx, http.MethodPost, c.usersPath, body, want)
	if a != nil && a.status == http.StatusCreated {
		var u apiUser
		if json.Unmarshal(a.body, &u) == nil {
			c.users = append(c.users, u)
		}
	}
	return err
}

// userPath is the path of one user.
func (c *client) userPath(id int64) string {
	return c.usersPath + "/" + strconv.FormatInt(id, 10)
}

// page is one page of a list of the intermediate contract.
type page[T any] struct {
	Data  []T   `json:"data"`
	Total int64 `json:"total"`
	Page  int64 `json:"page"`
	Limit int64 `json:"limit"`
}

// listUsers reads the whole list of users: one array at entry, every page
// of 100 at intermediate, whose totals must agree.
func (c *client) listUsers(ctx context.Context) ([]apiUser, error) {
	if !c.paged {
		a, err := c.expect(ctx, http.MethodGet, c.usersPath, nil, http.StatusOK)
		if err != nil {
			return nil, err
		}
		var got []apiUser
		if err := json.Unmarshal(a.body, &got); err != nil {
			return nil, fmt.Errorf("GET %s: %w", c.usersPath, err)
		}
		return got, nil
	}
	return listPages[apiUser](ctx, c, c.usersPath)
}

// listPages reads every page of a resource's list, 100 items at a time.
func listPages[T any](ctx context.Context, c *client, resource string) ([]T, error) {
	var all []T
	for n := int64(1); ; n++ {
		path := fmt.Sprintf("%s?page=%d&limit=100", resource, n)
		a, err := c.expect(ctx, http.MethodGet, path, nil, http.StatusOK)
		if err != nil {
			return nil, err
		}
		var p page[T]
		dec := json.NewDecoder(bytes.NewReader(a.body))
		dec.UseNumber()
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("GET %s: %w", path, err)
		}
		if p.Page != n || p.Limit != 100 {
			return nil, fmt.Errorf("GET %s: the answer says page %d, limit %d", path, p.Page, p.Limit)
		}
		all = append(all, p.Data...)
		if len(p.Data) < 100 {
			if int64(len(all)) != p.Total {
				return nil, fmt.Errorf("GET %s: total is %d, but the pages hold %d items", path, p.Total, len(all))
			}
			return all, nil
		}
		if n > 1000 {
			return nil, fmt.Errorf("GET %s: more than 1000 pages of 100", path)
		}
	}
}

// checkList requires the list of users to hold exactly the users created,
// in id order: a rejected request stored nothing.
func (c *client) checkList(ctx context.Context) error {
	got, err := c.listUsers(ctx)
	if err != nil {
		return err
	}
	want := slices.Clone(c.users)
	slices.SortFunc(want, func(a, b apiUser) int { return int(a.ID - b.ID) })
	if !slices.Equal(got, want) {
		return fmt.Errorf("GET %s: want exactly the %d users created, by id ascending: %s; got %s", c.usersPath, len(want), clipJSON(want), clipJSON(got))
	}
	return nil
}

// checkUser requires GET /users/{id} to answer the user.
func (c *client) checkUser(ctx context.Context, u apiUser) error {
	path := c.userPath(u.ID)
	a, err := c.expect(ctx, http.MethodGet, path, nil, http.StatusOK)
	if err != nil {
		return err
	}
	var got apiUser
	if err := json.Unmarshal(a.body, &got); err != nil || got != u {
		return fmt.Errorf("GET %s: want %s, got %s", path, clipJSON(u), clipText(string(a.body)))
	}
	return nil
}

// healthy requires GET /health to answer 200 within a second or two: the
// server survived what came before.
func (c *client) healthy(ctx context.Context, after string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if _, err := c.expect(ctx, http.MethodGet, "/health", nil, http.StatusOK); err != nil {
		return fmt.Errorf("the server is not healthy after %s: %w", after, err)
	}
	return nil
}

// checkUsers exercises the users API: create, create again, a bad email,
// list, get by id, a missing id.
func checkUsers(ctx context.Context, c *client, email string) error {
	if _, err := c.expect(ctx, http.MethodGet, "/health", nil, http.StatusOK); err != nil {
		return err
	}
	ada, err := c.create(ctx, "Ada Lovelace", email)
	if err != nil {
		return err
	}
	if err := c.reject(ctx, userBody("Ada Lovelace", email), http.StatusConflict); err != nil {
		return fmt.Errorf("%w (the same email twice)", err)
	}
	if err := c.reject(ctx, userBody("Bad Email", "not-an-email"), http.StatusBadRequest); err != nil {
		return fmt.Errorf("%w (an invalid email)", err)
	}
	if _, err := c.create(ctx, "Grace Hopper", c.email("grace")); err != nil {
		return err
	}
	if err := c.checkList(ctx); err != nil {
		return err
	}
	if err := c.checkUser(ctx, ada); err != nil {
		return err
	}
	_, err = c.expect(ctx, http.MethodGet, c.usersPath+"/9223372036854775807", nil, http.StatusNotFound)
	return err
}

// checkLimits tries every limit of the contract's table.
func checkLimits(ctx context.Context, c *client) error {
	var errs []error
	try := func(err error) { errs = append(errs, err) }
	bad := func(body []byte, why string) {
		if err := c.reject(ctx, body, http.StatusBadRequest); err != nil {
			try(fmt.Errorf("%w (%s)", err, why))
		}
	}
	// name: trimmed, then 1 to 100 code points.
	_, err := c.create(ctx, strings.Repeat("é", 100), c.email("name100"))
	try(err)
	bad(userBody(strings.Repeat("é", 101), c.email("name101")), "a name of 101 code points")
	bad(userBody("", c.email("empty")), "an empty name")
	bad(userBody("   ", c.email("blank")), "a name of spaces only")
	_, err = c.create(ctx, "  Grace  Hopper \t", "  "+c.email("trimmed")+" ")
	try(err)
	_, err = c.create(ctx, " "+strings.Repeat("x", 100)+"  ", c.email("trim100"))
	try(err)
	// email: syntax and at most 254 characters.
	for _, e := range []string{"not-an-email", "a@localhost", "@example.com", "a@", "a b@example.com",
		strings.Repeat("l", 65) + "@example.com", "a@-example.com", "a@example..com", "a@exa_mple.com"} {
		bad(userBody("Email Syntax", e), "an invalid email")
	}
	domain := strings.Repeat("d", 63) + "." + strings.Repeat("e", 63) + "." + strings.Repeat("f", 57) + ".com" // 189
	local := fmt.Sprintf("%064d", c.seq+1)[:64]
	_, err = c.create(ctx, "Email 254", local+"@"+domain)
	try(err)
	bad(userBody("Email 255", local+"@"+"g"+domain), "an email of 255 characters")
	// uniqueness in any letter case.
	mixed := "Case." + strconv.Itoa(c.seq) + "@Example.ORG"
	_, err = c.create(ctx, "Case", mixed)
	try(err)
	if err := c.reject(ctx, userBody("Case Again", strings.ToLower(mixed)), http.StatusConflict); err != nil {
		try(fmt.Errorf("%w (the same email in another letter case)", err))
	}
	if err := c.reject(ctx, userBody("Case Again", " "+strings.ToUpper(mixed)), http.StatusConflict); err != nil {
		try(fmt.Errorf("%w (the same email, upper case and untrimmed)", err))
	}
	// the body: one JSON object with name and email and nothing else.
	bad([]byte(`{"name":"Extra","email":"`+c.email("extra")+`","admin":true}`), "an unknown field")
	bad([]byte(`{"name":"Only Name"}`), "no email")
	bad([]byte(`{"email":"`+c.email("noname")+`"}`), "no name")
	for _, b := range []string{`[]`, `"text"`, `42`, `null`, `true`, `[{"name":"A","email":"a@example.com"}]`} {
		bad([]byte(b), "a body that is not an object")
	}
	if _, err := c.expectType(ctx, http.MethodPost, c.usersPath, userBody("Plain", c.email("plain")), "text/plain", http.StatusBadRequest); err != nil {
		try(fmt.Errorf("%w (Content-Type text/plain)", err))
	}
	// ids: decimal digits, no sign, no leading zero, 1 to 2^63-1.
	for _, id := range []string{"0", "-1", "01", "+1", "1.0", "1e3", "9223372036854775808", "99999999999999999999", "abc", "0x10"} {
		if _, err := c.expect(ctx, http.MethodGet, c.usersPath+"/"+id, nil, http.StatusBadRequest); err != nil {
			try(fmt.Errorf("%w (an id that is not 1 to 9223372036854775807)", err))
		}
	}
	if _, err := c.expect(ctx, http.MethodGet, c.usersPath+"/9223372036854775807", nil, http.StatusNotFound); err != nil {
		try(fmt.Errorf("%w (the largest id, which no user has)", err))
	}
	// unknown paths and other methods.
	for _, p := range []string{"/nope", c.usersPath + "/1/extra", "/health/x", strings.Replace(c.usersPath, "/users", "/Users", 1), c.usersPath + "/"} {
		_, err := c.expect(ctx, http.MethodGet, p, nil, http.StatusNotFound)
		try(err)
	}
	for _, mp := range c.unservedMethods() {
		_, err := c.expect(ctx, mp[0], mp[1], nil, http.StatusMethodNotAllowed)
		try(err)
	}
	// the body cap: 1 MiB passes, 1 MiB + 1 byte is 413.
	mib := c.email("mib")
	if _, err := c.createBody(ctx, padTo(userBody("Exactly One MiB", mib), maxBody), "Exactly One MiB", mib); err != nil {
		try(fmt.Errorf("%w (a body of exactly 1 MiB)", err))
	}
	if err := c.reject(ctx, padTo(userBody("Over", c.email("over")), maxBody+1), http.StatusRequestEntityTooLarge); err != nil {
		try(fmt.Errorf("%w (a body of 1 MiB + 1 byte)", err))
	}
	try(c.checkList(ctx))
	return errors.Join(errs...)
}

// unservedMethods lists requests whose path the contract lists with
// methods it does not serve there.
func (c *client) unservedMethods() [][2]string {
	if !c.paged {
		return [][2]string{{"DELETE", "/users/1"}, {"PUT", "/users"}, {"PATCH", "/users/1"}, {"DELETE", "/users"}, {"POST", "/health"}}
	}
	return [][2]string{{"PUT", c.usersPath + "/1"}, {"PUT", c.usersPath}, {"POST", c.usersPath + "/1"}, {"DELETE", c.usersPath}, {"PATCH", c.usersPath}, {"POST", "/health"}, {"POST", "/ready"}, {"DELETE", "/metrics"}, {"POST", "/openapi.json"}}
}

// padTo pads a JSON object with white space before its closing brace to
// exactly n bytes.
func padTo(obj []byte, n int) []byte {
	out := make([]byte, 0, n)
	out = append(out, obj[:len(obj)-1]...)
	out = append(out, bytes.Repeat([]byte{' '}, n-len(obj))...)
	return append(out, '}')
}

// rawRequest sends bytes over a new TCP connection and reads one response.
// path is the request target as written, which need not parse as a URL.
func (c *client) rawRequest(ctx context.Context, method, path string, extra string, body []byte) (*http.Request, *http.Response, []byte, error) {
	what := describe(method, path, body)
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", c.addr)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", what, err)
	}
	defer func() { _ = conn.Close() }()
	if err := conn.SetDeadline(time.Now().Add(apiRequest)); err != nil {
		return nil, nil, nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nAccept: application/json\r\nConnection: close\r\n%s", method, path, c.addr, extra)
	if body != nil {
		fmt.Fprintf(&b, "Content-Type: application/json\r\nContent-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n")
	b.Write(body)
	if _, err := conn.Write(b.Bytes()); err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", what, err)
	}
	req := &http.Request{Method: method, URL: &url.URL{Path: path, RawPath: path}, Header: http.Header{}}
	if u, err := url.ParseRequestURI(path); err == nil {
		req.URL = u
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: no answer: %w", what, err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, bodyLimit))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: reading the answer: %w", what, err)
	}
	return req, resp, raw, nil
}

func clipJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clipText(string(b))
}
