//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// apiRequest bounds one request to the API; a JVM's first requests are slow.
const apiRequest = 30 * time.Second

// bodyLimit bounds how much of a response is read.
const bodyLimit = 1 << 20

// checkUsers exercises the users API every template serves (see
// templates/README.md): create, create again, create with a bad email,
// list, get by id and get a missing id.
func checkUsers(ctx context.Context, base, email string) error {
	c := &apiClient{base: base, http: &http.Client{Timeout: apiRequest}}
	ada := map[string]string{"name": "Ada Lovelace", "email": email}
	created, err := c.expect(ctx, http.MethodPost, "/users", ada, http.StatusCreated)
	if err != nil {
		return err
	}
	id, missing, err := userID(created)
	if err != nil {
		return fmt.Errorf("POST /users answered 201 but %w", err)
	}
	if _, err := c.expect(ctx, http.MethodPost, "/users", ada, http.StatusConflict); err != nil {
		return fmt.Errorf("%w (the same email twice)", err)
	}
	bad := map[string]string{"name": "Bad Email", "email": "not-an-email"}
	if _, err := c.expect(ctx, http.MethodPost, "/users", bad, http.StatusBadRequest); err != nil {
		return fmt.Errorf("%w (an invalid email)", err)
	}
	list, err := c.expect(ctx, http.MethodGet, "/users", nil, http.StatusOK)
	if err != nil {
		return err
	}
	if !hasUser(list, email) {
		return fmt.Errorf("GET /users: the list does not contain the user %s created before: %s", email, clip(list))
	}
	one, err := c.expect(ctx, http.MethodGet, "/users/"+id, nil, http.StatusOK)
	if err != nil {
		return err
	}
	if !hasUser(one, email) {
		return fmt.Errorf("GET /users/%s: the answer is not the user %s: %s", id, email, clip(one))
	}
	_, err = c.expect(ctx, http.MethodGet, "/users/"+missing, nil, http.StatusNotFound)
	return err
}

type apiClient struct {
	base string
	http *http.Client
}

// expect sends a request with an optional JSON body and requires the
// status want. It returns the decoded JSON answer of a 2xx status.
func (c *apiClient) expect(ctx context.Context, method, path string, body any, want int) (any, error) {
	what := method + " " + path
	var rd io.Reader = http.NoBody
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		what += " " + string(b)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
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
	if resp.StatusCode != want {
		return nil, fmt.Errorf("%s: want status %d, got %d: %s", what, want, resp.StatusCode, clipText(string(raw)))
	}
	if want >= 300 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s: the %d answer is not JSON (%w): %s", what, want, err, clipText(string(raw)))
	}
	return v, nil
}

var uuidRe = regexp.MustCompile(`^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$`)

// userID reads the id of a created user and makes up an id of the same
// kind that no user has.
func userID(created any) (id, missing string, err error) {
	obj, ok := created.(map[string]any)
	if !ok {
		return "", "", fmt.Errorf("the answer is not a JSON object: %s", clip(created))
	}
	switch v := obj["id"].(type) {
	case json.Number:
		if v.String() == "999999999" {
			return v.String(), "999999998", nil
		}
		return v.String(), "999999999", nil
	case string:
		if uuidRe.MatchString(v) {
			return v, "ffffffff-ffff-4fff-bfff-ffffffffffff", nil
		}
		return v, "e2e-missing-id", nil
	default:
		return "", "", fmt.Errorf("the answer has no number or string id: %s", clip(created))
	}
}

// hasUser reports whether v holds, at any depth, an object whose email is
// email, so that both a bare list and a wrapped page are accepted.
func hasUser(v any, email string) bool {
	switch v := v.(type) {
	case map[string]any:
		if v["email"] == email {
			return true
		}
		for _, e := range v {
			if hasUser(e, email) {
				return true
			}
		}
	case []any:
		for _, e := range v {
			if hasUser(e, email) {
				return true
			}
		}
	}
	return false
}

func clip(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clipText(string(b))
}
