//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/generate"
	"github.com/archgen/archgen/templates"
)

// enterpriseContract renders the layer contract-enterprise through the
// engine for a platform named shop and parses it.
func enterpriseContract(t *testing.T) *Contract {
	t.Helper()
	probe := fstest.MapFS{
		"enterprise/go-probe/template.yaml": {Data: []byte("id: enterprise/go-probe\ntier: enterprise\nlang: go\nstyle: probe\n" +
			"description: the enterprise contract layer alone\nlayers: [contract-enterprise]\ncommands: {verify: \"true\", run: \"true\"}\n")},
		"enterprise/go-probe/files/README.md.tmpl": {Data: []byte("# {{.Name}}\n")},
	}
	cat, err := catalog.Load(templates.FS(), probe)
	require.NoError(t, err)
	tm, ok := cat.Get("enterprise/go-probe")
	require.True(t, ok)
	a := &answers.Answers{Name: "shop", Params: map[string]any{}}
	require.NoError(t, a.Complete(tm))
	res, err := generate.Project(tm, a, "dev")
	require.NoError(t, err)
	for _, f := range res.Files {
		if f.Path == "api/openapi.yaml" {
			c, err := ParseContract(f.Path, f.Content)
			require.NoError(t, err)
			return c
		}
	}
	t.Fatal("the layer rendered no api/openapi.yaml")
	return nil
}

// fakeGateway serves the part of the platform contract the platform and
// rate-limit checks use, from memory: users (create), products (create,
// read through a cache, PATCH), orders (paid a little after their 201) and
// a per-client token bucket. mutant breaks one rule on purpose.
type fakeGateway struct {
	mutant     string
	burst, rps float64

	mu       sync.Mutex
	seq      int64
	products map[int64]map[string]any
	cached   map[int64]bool
	users    map[int64]bool
	orders   map[int64]map[string]any
	placed   map[int64]time.Time
	buckets  map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newFakeGateway(mutant string, burst, rps float64) *fakeGateway {
	return &fakeGateway{
		mutant: mutant, burst: burst, rps: rps,
		products: map[int64]map[string]any{}, cached: map[int64]bool{}, users: map[int64]bool{},
		orders: map[int64]map[string]any{}, placed: map[int64]time.Time{}, buckets: map[string]*bucket{},
	}
}

func (g *fakeGateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Request-ID", "fake-request")
	g.mu.Lock()
	defer g.mu.Unlock()
	if r.URL.Path == "/health" {
		fakeReply(w, http.StatusOK, map[string]any{"status": "ok"})
		return
	}
	if wait, ok := g.take(r); !ok {
		if g.mutant != "noretryafter" {
			w.Header().Set("Retry-After", strconv.Itoa(wait))
		}
		fakeProblem(w, r, http.StatusTooManyRequests, "Too Many Requests", "Too many requests; see Retry-After.", nil)
		return
	}
	var in map[string]any
	if r.Body != nil && r.Method != http.MethodGet {
		dec := json.NewDecoder(r.Body)
		dec.UseNumber()
		_ = dec.Decode(&in)
	}
	now := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	seg := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v1/"), "/")
	var id int64
	if len(seg) == 2 {
		id, _ = strconv.ParseInt(seg[1], 10, 64)
	}
	switch {
	case r.Method == http.MethodPost && seg[0] == "users":
		g.seq++
		g.users[g.seq] = true
		w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(g.seq, 10))
		fakeReply(w, http.StatusCreated, map[string]any{"id": g.seq, "name": in["name"], "email": in["email"], "created_at": now, "updated_at": now})
	case r.Method == http.MethodPost && seg[0] == "products":
		g.seq++
		p := map[string]any{"id": g.seq, "name": in["name"], "description": nil, "price_cents": in["price_cents"], "stock": in["stock"], "created_at": now, "updated_at": now}
		g.products[g.seq] = p
		w.Header().Set("Location", "/api/v1/products/"+strconv.FormatInt(g.seq, 10))
		fakeReply(w, http.StatusCreated, p)
	case r.Method == http.MethodGet && seg[0] == "products" && len(seg) == 1:
		fakeReply(w, http.StatusOK, map[string]any{"data": []any{}, "total": 0, "page": 1, "limit": 1})
	case r.Method == http.MethodGet && seg[0] == "products":
		hit := g.cached[id]
		g.cached[id] = g.mutant != "nocache"
		w.Header().Set("X-Cache", map[bool]string{true: "hit", false: "miss"}[hit])
		fakeReply(w, http.StatusOK, g.products[id])
	case r.Method == http.MethodPatch && seg[0] == "products":
		p := g.products[id]
		for k, v := range in {
			p[k] = v
		}
		p["updated_at"] = now
		if g.mutant != "stale" {
			delete(g.cached, id)
		}
		fakeReply(w, http.StatusOK, p)
	case r.Method == http.MethodPost && seg[0] == "orders":
		g.order(w, r, in, now)
	case r.Method == http.MethodGet && seg[0] == "orders":
		o := g.orders[id]
		if time.Since(g.placed[id]) > 300*time.Millisecond {
			o["status"] = map[bool]string{true: "failed", false: "paid"}[g.mutant == "failed"]
		}
		fakeReply(w, http.StatusOK, o)
	default:
		fakeProblem(w, r, http.StatusNotFound, "Not Found", "There is nothing at this path.", nil)
	}
}

func (g *fakeGateway) order(w http.ResponseWriter, r *http.Request, in map[string]any, now string) {
	uid, _ := in["user_id"].(json.Number).Int64()
	pid, _ := in["product_id"].(json.Number).Int64()
	q, _ := in["quantity"].(json.Number).Int64()
	pointer := "#/user_id"
	if g.mutant == "pointer" {
		pointer = "/user_id"
	}
	p := g.products[pid]
	switch {
	case !g.users[uid]:
		fakeProblem(w, r, http.StatusUnprocessableEntity, "Unprocessable Content", "The order names something that does not exist; see errors.",
			[]map[string]string{{"pointer": pointer, "detail": "no user has this id"}})
		return
	case p == nil:
		fakeProblem(w, r, http.StatusUnprocessableEntity, "Unprocessable Content", "The order names something that does not exist; see errors.",
			[]map[string]string{{"pointer": "#/product_id", "detail": "no product has this id"}})
		return
	}
	stock, _ := p["stock"].(json.Number).Int64()
	if q > stock {
		fakeProblem(w, r, http.StatusConflict, "Conflict", fmt.Sprintf("only %d left", stock), nil)
		return
	}
	if g.mutant != "stockkept" {
		p["stock"] = json.Number(strconv.FormatInt(stock-q, 10))
		delete(g.cached, pid)
	}
	price, _ := p["price_cents"].(json.Number).Int64()
	g.seq++
	o := map[string]any{"id": g.seq, "user_id": uid, "product_id": pid, "quantity": q, "total_cents": q * price, "status": "pending", "created_at": now, "updated_at": now}
	g.orders[g.seq], g.placed[g.seq] = o, time.Now()
	w.Header().Set("Location", "/api/v1/orders/"+strconv.FormatInt(g.seq, 10))
	fakeReply(w, http.StatusCreated, o)
}

// take spends a token of the client's bucket, or says in how many whole
// seconds the next is due.
func (g *fakeGateway) take(r *http.Request) (int, bool) {
	if g.burst == 0 {
		return 0, true
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	b := g.buckets[host]
	if b == nil {
		b = &bucket{tokens: g.burst, last: time.Now()}
		g.buckets[host] = b
	}
	b.tokens = math.Min(g.burst, b.tokens+time.Since(b.last).Seconds()*g.rps)
	b.last = time.Now()
	if b.tokens >= 1 {
		b.tokens--
		return 0, true
	}
	return int(math.Ceil((1 - b.tokens) / g.rps)), false
}

func fakeReply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func fakeProblem(w http.ResponseWriter, r *http.Request, status int, title, detail string, errs []map[string]string) {
	p := map[string]any{"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": r.URL.Path}
	if errs != nil {
		p["errors"] = errs
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}

// TestPlatformChecks runs the platform and rate-limit checks against a
// fake gateway held to the enterprise contract's document: the correct one
// passes, and each mutant fails with a message naming what it broke.
func TestPlatformChecks(t *testing.T) {
	contract := enterpriseContract(t)
	cases := []struct {
		name, mutant string
		check        func(*testing.T, *client) error
		want         string
	}{
		{"platform", "", func(t *testing.T, c *client) error { return checkPlatform(t.Context(), c) }, ""},
		{"rate", "", func(t *testing.T, c *client) error { return checkRateLimit(t.Context(), c, t.Logf) }, ""},
		{"platform", "nocache", func(t *testing.T, c *client) error { return checkPlatform(t.Context(), c) }, `X-Cache is "miss", want "hit"`},
		{"platform", "stale", func(t *testing.T, c *client) error { return checkPlatform(t.Context(), c) }, `read after the PATCH (a write must invalidate the cache)`},
		{"platform", "failed", func(t *testing.T, c *client) error { return checkPlatform(t.Context(), c) }, "status failed, want paid"},
		{"platform", "stockkept", func(t *testing.T, c *client) error { return checkPlatform(t.Context(), c) }, "stock is 40, want 37"},
		{"platform", "pointer", func(t *testing.T, c *client) error { return checkPlatform(t.Context(), c) }, "'/user_id' does not match pattern"},
		{"rate", "noretryafter", func(t *testing.T, c *client) error { return checkRateLimit(t.Context(), c, t.Logf) }, `Retry-After is ""`},
		{"rate", "nolimit", func(t *testing.T, c *client) error { return checkRateLimit(t.Context(), c, t.Logf) }, "all served"},
	}
	for _, tc := range cases {
		t.Run(tc.name+"/"+tc.mutant, func(t *testing.T) {
			// Only the rate-limit checks meet a limit, as at the real gateway.
			burst, rps := 0.0, float64(rateLimitRPS)
			if strings.Contains(tc.name, "rate") && tc.mutant != "nolimit" {
				burst = rateLimitBurst
			}
			srv := httptest.NewServer(newFakeGateway(tc.mutant, burst, rps))
			defer srv.Close()
			c := newClient(srv.URL, contract, "enterprise")
			if tc.want == "" {
				require.NoError(t, tc.check(t, c))
				return
			}
			assert.ErrorContains(t, tc.check(t, c), tc.want)
		})
	}
}
