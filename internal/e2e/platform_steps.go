//go:build e2e

package e2e

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Bounds and values of the trace and rate-limit steps.
const (
	// traceWithin is how long the spans of the order's trace may take to
	// reach the OTLP receiver after the order is paid (exporters send in
	// batches of OTEL_BSP_SCHEDULE_DELAY).
	traceWithin = 5 * time.Second
	// rateLimitBurst and rateLimitRPS are the limit of the entry's copy
	// the rate-limit step talks to; rateLimitTries bounds the requests it
	// makes before it gives up waiting for a 429.
	rateLimitBurst = 20
	rateLimitRPS   = 5
	rateLimitTries = 3 * rateLimitBurst
)

// processServices names the service of each process as its spans name it
// (service.name): the last element of its directory (services/user-service
// is user-service, api-gateway is api-gateway), or its name at the root.
func (j *job) processServices() []string {
	var out []string
	for _, p := range j.tmpl.ProcessList() {
		name := p.Name
		if p.Dir != "" {
			name = path.Base(p.Dir)
		}
		out = append(out, name)
	}
	return out
}

// trace sends an order with a W3C traceparent of its own and requires the
// OTLP receiver to get spans of that one trace from every process (the
// gateway, the services the order calls over gRPC, and the payment-service
// through the OrderCreated event), one of the gateway's a child of the
// harness's span.
func (j *job) trace(ctx context.Context, _ string) error {
	if j.tmpl.Tier != "enterprise" {
		return errNothing
	}
	if j.suite.otlp == nil {
		return errors.New("the manifest does not list the service otlp, so no trace can be seen")
	}
	c := j.client
	product, err := c.newProduct(ctx, "Traced lamp")
	if err != nil {
		return err
	}
	user, err := c.newUser(ctx, "traced")
	if err != nil {
		return err
	}
	traceID, parentID := randomHex(16), randomHex(8)
	header := http.Header{"Traceparent": {"00-" + traceID + "-" + parentID + "-01"}}
	placed := time.Now()
	o, err := c.placeOrder(ctx, user, product, 1, header)
	if err != nil {
		return err
	}
	if _, err := c.waitPaid(ctx, o, placed); err != nil {
		return err
	}
	services := j.processServices()
	spans, err := j.suite.otlp.WaitTrace(ctx, traceID, traceWithin, services...)
	if err != nil {
		return fmt.Errorf("POST %s with traceparent 00-%s-%s-01: %w", resOrders.path, traceID, parentID, err)
	}
	entry := services[j.tmpl.EntryProcess()]
	if !slices.ContainsFunc(spans, func(s Span) bool { return s.Service == entry && s.ParentID == parentID }) {
		return fmt.Errorf("trace %s: no span of %s has the harness's span %s as its parent: the incoming traceparent was not continued", traceID, entry, parentID)
	}
	// Logs carry the trace: the entry's line of the request at least.
	if err := waitLogged(ctx, j.srv.log.Name(), `"trace_id":"`+traceID+`"`); err != nil {
		return fmt.Errorf("trace %s: %w", traceID, err)
	}
	var logged []string
	for _, o := range append([]*server{j.srv}, j.others...) {
		if b, err := os.ReadFile(o.log.Name()); err == nil && strings.Contains(string(b), traceID) {
			logged = append(logged, cmp.Or(o.name, "entry"))
		}
	}
	j.logf("trace %s: %d spans from %v; logged by %v", traceID, len(spans), j.suite.otlp.Services(traceID), logged)
	return nil
}

// waitLogged waits a little for a log to hold a text: a request's line may
// be written just after its answer.
func waitLogged(ctx context.Context, logPath, text string) error {
	deadline := time.Now().Add(2 * time.Second)
	for {
		b, err := os.ReadFile(logPath)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), text) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no line of %s has %s: every line written inside a request carries its trace_id", logPath, text)
		}
		select {
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// randomHex is n random bytes in lower-case hex (never all zeros, which
// W3C trace context forbids, in practice).
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// rateLimit starts a copy of the entry with a small rate limit
// (RATE_LIMIT_BURST=20, RATE_LIMIT_RPS=5: the entry itself has one its
// checks never meet), reads products from it as fast as one client can
// until it answers 429, and requires the burst to have been served first,
// the 429 to be the contract's problem detail with an integer Retry-After
// of at least 1, /health not to be limited, and the copy to stop cleanly.
func (j *job) rateLimit(ctx context.Context, _ string) error {
	if j.tmpl.Tier != "enterprise" {
		return errNothing
	}
	srv, base, err := j.startEntryCopy(ctx, "ratelimit",
		"RATE_LIMIT_BURST="+strconv.Itoa(rateLimitBurst), "RATE_LIMIT_RPS="+strconv.Itoa(rateLimitRPS))
	if err != nil {
		return err
	}
	c := newClient(base, j.contract, j.tmpl.Tier)
	checkErr := checkRateLimit(ctx, c, j.logf)
	if err := srv.signal(); err != nil {
		return errors.Join(checkErr, fmt.Errorf("%s: %w", srv.name, err), srv.close())
	}
	exitErr := srv.waitExit(j.tmpl.Lang, j.suite.StopTimeout)
	if exitErr != nil {
		exitErr = fmt.Errorf("%s: %w", srv.name, exitErr)
	}
	return errors.Join(checkErr, exitErr, srv.close())
}

// checkRateLimit is the rate-limit step's check against a gateway whose
// limit is rateLimitBurst and rateLimitRPS.
func checkRateLimit(ctx context.Context, c *client, logf func(string, ...any)) error {
	p := resProducts.path + "?limit=1"
	served := 0
	start := time.Now()
	for range rateLimitTries {
		a, err := c.send(ctx, http.MethodGet, p, nil, "")
		if a == nil {
			return err
		}
		switch {
		case a.status == http.StatusTooManyRequests:
			logf("rate limit: 429 with Retry-After %q after %d requests served in %s", a.header.Get("Retry-After"), served, time.Since(start).Round(time.Millisecond))
			return errors.Join(err, checkTooMany(ctx, c, a, p, served, time.Since(start)))
		case err != nil:
			return err
		case a.status != http.StatusOK:
			return fmt.Errorf("GET %s: want status 200 or 429, got %d: %s", p, a.status, clipText(string(a.body)))
		}
		served++
	}
	return fmt.Errorf("GET %s: %d requests in %s from one client, all served, with RATE_LIMIT_BURST=%d and RATE_LIMIT_RPS=%d; want a 429 once the burst is spent",
		p, rateLimitTries, time.Since(start).Round(time.Millisecond), rateLimitBurst, rateLimitRPS)
}

// checkTooMany holds the first 429 to the contract, served being how many
// requests were served before it, in elapsed.
func checkTooMany(ctx context.Context, c *client, a *answer, p string, served int, elapsed time.Duration) error {
	var bad []error
	if served < rateLimitBurst {
		bad = append(bad, fmt.Errorf("GET %s: 429 after only %d requests in %s; RATE_LIMIT_BURST=%d must be served first",
			p, served, elapsed.Round(time.Millisecond), rateLimitBurst))
	}
	if err := checkProblem(a, p, ""); err != nil {
		bad = append(bad, fmt.Errorf("GET %s: %w", p, err))
	}
	ra := a.header.Get("Retry-After")
	if n, err := strconv.Atoi(ra); err != nil || n < 1 {
		bad = append(bad, fmt.Errorf("GET %s: the 429's Retry-After is %q, want an integer number of seconds, at least 1", p, ra))
	}
	if _, err := c.expect(ctx, http.MethodGet, "/health", nil, http.StatusOK); err != nil {
		bad = append(bad, fmt.Errorf("/health must not be rate limited: %w", err))
	}
	return errors.Join(bad...)
}
