//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The hostile-client classes of the contract (docs/contracts/entry.md),
// each bounded in count and time.

// checkMalformedJSON: deep or malformed JSON is a 400, never a 500.
func checkMalformedJSON(ctx context.Context, c *client) error {
	deep := strings.Repeat("[", 1000) + strings.Repeat("]", 1000)
	bodies := map[string]string{
		"an array nested 1000 levels deep":              deep,
		"an object nested 1000 levels deep":             strings.Repeat(`{"a":`, 1000) + "1" + strings.Repeat("}", 1000),
		"a name nested 1000 levels deep":                `{"name":` + deep + `,"email":"deep@example.com"}`,
		"a truncated document":                          `{"name":"Trunc","email":"trunc@example.com"`,
		"invalid UTF-8 in name":                         "{\"name\":\"\xff\xfe\",\"email\":\"utf8@example.com\"}",
		"invalid UTF-8 in email":                        "{\"name\":\"Utf\",\"email\":\"u\xc3@example.com\"}",
		"a number where name belongs":                   `{"name":42,"email":"num@example.com"}`,
		"an array where email belongs":                  `{"name":"Arr","email":["arr@example.com"]}`,
		"null where name belongs":                       `{"name":null,"email":"null@example.com"}`,
		"an object where email belongs":                 `{"name":"Obj","email":{"a":"obj@example.com"}}`,
		"an empty body":                                 ``,
		"trailing garbage":                              `{"name":"Tail","email":"tail@example.com"} x`,
		"two documents":                                 `{"name":"Two","email":"two@example.com"}{}`,
		"a bad escape":                                  `{"name":"Esc\q","email":"esc@example.com"}`,
		"a single quote string":                         `{'name':'Quote','email':'quote@example.com'}`,
		"a number too large for any integer":            `{"name":1e999999,"email":"big@example.com"}`,
		"a deep array after valid fields (2000 levels)": `{"name":"A","email":"late@example.com","x":` + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + `}`,
	}
	var errs []error
	for _, why := range sortedKeys(bodies) {
		if err := c.reject(ctx, []byte(bodies[why]), http.StatusBadRequest); err != nil {
			errs = append(errs, fmt.Errorf("%w (%s)", err, why))
		}
	}
	errs = append(errs, c.checkList(ctx), c.healthy(ctx, "malformed JSON"))
	return errors.Join(errs...)
}

// checkMalformedPaths: bad percent-escapes, encoded slashes and NULs are
// a 400 or a 404, never a 500. They are sent over raw TCP, as a client
// that does not parse its URLs would.
func checkMalformedPaths(ctx context.Context, c *client) error {
	var errs []error
	u := c.usersPath
	for _, p := range []string{u + "/%ZZ", u + "/%00", u + "/%2F", u + "/%2f1", u + "/%", u + "/1%00",
		u + "/%E0%A4%A", u + "/%C0%AF", "/%ZZ", u + "%00", u + "/%2e%2e/health", u + "/1%2F..%2F2"} {
		req, resp, body, err := c.rawRequest(ctx, http.MethodGet, p, "", nil)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if err := c.contract.CheckRejected(req, resp, body); err != nil {
			errs = append(errs, fmt.Errorf("GET %s: %w", p, err))
		}
	}
	errs = append(errs, c.healthy(ctx, "malformed paths"))
	return errors.Join(errs...)
}

// checkControlChars: a control character in name or email is a 400 and
// nothing is stored.
func checkControlChars(ctx context.Context, c *client) error {
	var errs []error
	for _, ch := range []string{"\x00", "\x01", "\x1f", "\x7f", "\t", "\n", "\r"} {
		email := c.email("ctl")
		if err := c.reject(ctx, userBody("Ada"+ch+"Lovelace", email), http.StatusBadRequest); err != nil {
			errs = append(errs, fmt.Errorf("%w (U+%04X in name)", err, ch[0]))
		}
		local, domain, _ := strings.Cut(email, "@")
		if err := c.reject(ctx, userBody("Ada Lovelace", local+ch+"@"+domain), http.StatusBadRequest); err != nil {
			errs = append(errs, fmt.Errorf("%w (U+%04X in email)", err, ch[0]))
		}
		if err := c.reject(ctx, userBody("Ada Lovelace", email+ch+"x"), http.StatusBadRequest); err != nil {
			errs = append(errs, fmt.Errorf("%w (U+%04X inside the domain)", err, ch[0]))
		}
	}
	// The NUL-free address was never stored, so it can be created now.
	nul := c.email("nul")
	if err := c.reject(ctx, userBody("Nul", nul+"\x00"), http.StatusBadRequest); err != nil {
		errs = append(errs, fmt.Errorf("%w (a NUL after the email)", err))
	}
	if _, err := c.create(ctx, "Nul", nul); err != nil {
		errs = append(errs, fmt.Errorf("%w (the email a refused request carried with a NUL)", err))
	}
	errs = append(errs, c.checkList(ctx), c.healthy(ctx, "control characters"))
	return errors.Join(errs...)
}

// Bounds of the huge-body class.
const (
	hugeDeclared = 100_000_000      // the Content-Length announced
	hugeTime     = 20 * time.Second // per upload
	hugeChunk    = 64 << 10
)

// checkHugeBody: a body over 1 MiB is refused with 413 without being read
// whole, with a Content-Length of 100 MB and with a chunked body without
// one. The harness streams the body and counts what it could write before
// the answer came or the server closed the connection.
func checkHugeBody(ctx context.Context, c *client, logf func(string, ...any)) error {
	var errs []error
	for _, chunked := range []bool{false, true} {
		sent, err := c.upload(ctx, chunked)
		what := "Content-Length: 100000000"
		if chunked {
			what = "Transfer-Encoding: chunked, 100 MB"
		}
		logf("huge body (%s): %d bytes written before the answer or the close", what, sent)
		if err != nil {
			errs = append(errs, fmt.Errorf("POST %s with %s: %w", c.usersPath, what, err))
			continue
		}
		if sent > hugeAccepted {
			errs = append(errs, fmt.Errorf("POST %s with %s: %d bytes could be written before the server answered or closed; want at most %d (the 1 MiB cap plus what the kernel buffers)", c.usersPath, what, sent, hugeAccepted))
		}
	}
	errs = append(errs, c.checkList(ctx), c.healthy(ctx, "huge bodies"))
	return errors.Join(errs...)
}

// hugeAccepted bounds what a client can write to a server that stops
// reading at the 1 MiB cap: the cap, the client's small send buffer and
// the server's receive window, which the kernel grows only as fast as the
// server reads (a correct Go server let 5.4 MB be written on a loopback
// connection). A server that reads the whole upload lets all 100 MB in.
const hugeAccepted = 12 << 20

// hugeSendBuffer is the client's socket send buffer during an upload.
const hugeSendBuffer = 64 << 10

// upload streams a 100 MB body and returns how many bytes were written
// before the server answered or closed the connection; the answer must be
// the contract's 413.
func (c *client) upload(ctx context.Context, chunked bool) (int64, error) {
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", c.addr)
	if err != nil {
		return 0, err
	}
	defer func() { _ = conn.Close() }()
	if tc, ok := conn.(*net.TCPConn); ok {
		if err := tc.SetWriteBuffer(hugeSendBuffer); err != nil {
			return 0, err
		}
	}
	deadline := time.Now().Add(hugeTime)
	if err := conn.SetDeadline(deadline); err != nil {
		return 0, err
	}
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nAccept: application/json\r\n", c.usersPath, c.addr)
	if chunked {
		head += "Transfer-Encoding: chunked\r\n\r\n"
	} else {
		head += "Content-Length: " + strconv.Itoa(hugeDeclared) + "\r\n\r\n"
	}
	if _, err := io.WriteString(conn, head); err != nil {
		return 0, err
	}
	type result struct {
		resp *http.Response
		body []byte
		err  error
	}
	answered := make(chan result, 1)
	var sent atomic.Int64
	var sentAtAnswer int64 = -1
	go func() {
		req, _ := http.NewRequest(http.MethodPost, c.base+c.usersPath, http.NoBody)
		resp, err := http.ReadResponse(bufio.NewReader(conn), req)
		if err != nil {
			answered <- result{err: err}
			return
		}
		atomic.StoreInt64(&sentAtAnswer, sent.Load())
		body, err := io.ReadAll(io.LimitReader(resp.Body, bodyLimit))
		answered <- result{resp: resp, body: body, err: err}
	}()
	chunk := bytes.Repeat([]byte(" "), hugeChunk)
	if chunked {
		chunk = append([]byte(fmt.Sprintf("%x\r\n", hugeChunk)), append(chunk, "\r\n"...)...)
	}
	var writeErr error
	for sent.Load() < hugeDeclared && time.Now().Before(deadline) {
		select {
		case r := <-answered:
			answered <- r
		default:
			next := chunk
			if left := hugeDeclared - sent.Load(); !chunked && left < int64(len(next)) {
				next = next[:left] // never more than the declared length
			}
			n, err := conn.Write(next)
			sent.Add(int64(n))
			if err != nil {
				writeErr = err
			}
		}
		if writeErr != nil || len(answered) > 0 {
			break
		}
	}
	var r result
	select {
	case r = <-answered:
	case <-time.After(time.Until(deadline) + time.Second):
		return sent.Load(), fmt.Errorf("no answer within %s; %d bytes written%s", hugeTime, sent.Load(), writeNote(writeErr))
	}
	total := sent.Load()
	if at := atomic.LoadInt64(&sentAtAnswer); at >= 0 {
		total = at
	}
	if r.err != nil {
		// A server may close the connection after its 413 before the
		// harness reads it; a connection closed without any answer is
		// not the contract's 413.
		return total, fmt.Errorf("the connection ended without an answer after %d bytes%s: %w", total, writeNote(writeErr), r.err)
	}
	if r.resp.StatusCode != http.StatusRequestEntityTooLarge {
		return total, fmt.Errorf("want status 413, got %d: %s", r.resp.StatusCode, clipText(string(r.body)))
	}
	req, _ := http.NewRequest(http.MethodPost, c.base+c.usersPath, http.NoBody)
	return total, c.contract.Check(req, r.resp, r.body)
}

// writeNote describes the error that ended the upload's writes, if any.
func writeNote(err error) string {
	if err == nil {
		return ""
	}
	return " (writing failed: " + err.Error() + ")"
}

// Bounds of the slow-clients class.
const (
	slowClients     = 3
	slowTrickle     = 100 * time.Millisecond // between two bytes
	slowProbes      = 5
	slowProbeBudget = time.Second
	headerDeadline  = 10 * time.Second // the contract's bound on headers
	headerGrace     = 5 * time.Second
)

// checkSlowClients: three clients that send headers or a body a byte at a
// time do not stall other requests (GET /health answers within a second
// meanwhile), and a connection whose headers never end is closed within
// 10 seconds.
func checkSlowClients(ctx context.Context, c *client) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var errs []error
	var conns []net.Conn
	defer func() {
		for _, conn := range conns {
			_ = conn.Close()
		}
	}()
	dial := func() (net.Conn, error) {
		d := net.Dialer{Timeout: 5 * time.Second}
		conn, err := d.DialContext(ctx, "tcp", c.addr)
		if err == nil {
			conns = append(conns, conn)
		}
		return conn, err
	}
	// The stalled client: headers begun and never ended.
	stalled, err := dial()
	if err != nil {
		return err
	}
	stalledAt := time.Now()
	if _, err := io.WriteString(stalled, "GET /health HTTP/1.1\r\nHost: x\r\n"); err != nil {
		return err
	}
	closed := make(chan time.Duration, 1)
	go func() {
		_ = stalled.SetReadDeadline(stalledAt.Add(headerDeadline + headerGrace))
		_, _ = io.Copy(io.Discard, stalled) // ends on a close, a reset or the deadline
		closed <- time.Since(stalledAt)
	}()
	// The trickling clients: two send headers a byte at a time, one a body.
	body := userBody("Slow Client", c.email("slow"))
	streams := []string{
		"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("s", 200) + "\r\n\r\n",
		"GET " + c.usersPath + " HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("t", 200) + "\r\n\r\n",
		"POST " + c.usersPath + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + string(body),
	}
	var wg sync.WaitGroup
	for i, s := range streams[:slowClients] {
		conn, err := dial()
		if err != nil {
			return err
		}
		skip := 0
		if i == 2 { // the body client sends its headers at once
			skip = strings.Index(s, "\r\n\r\n") + 4
			if _, err := io.WriteString(conn, s[:skip]); err != nil {
				return err
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := skip; j < len(s)-1; j++ { // never the last byte: no request completes
				select {
				case <-ctx.Done():
					return
				case <-time.After(slowTrickle):
				}
				if _, err := conn.Write([]byte{s[j]}); err != nil {
					return
				}
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	for i := range slowProbes {
		start := time.Now()
		pctx, pcancel := context.WithTimeout(ctx, slowProbeBudget)
		_, err := c.expect(pctx, http.MethodGet, "/health", nil, http.StatusOK)
		pcancel()
		if err != nil {
			errs = append(errs, fmt.Errorf("probe %d of %d while %d clients trickle: %w", i+1, slowProbes, slowClients, err))
		} else if d := time.Since(start); d > slowProbeBudget {
			errs = append(errs, fmt.Errorf("probe %d: GET /health took %s while %d clients trickle; want at most %s", i+1, d, slowClients, slowProbeBudget))
		}
		time.Sleep(300 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	d := <-closed
	if d > headerDeadline+headerGrace-time.Second {
		errs = append(errs, fmt.Errorf("a connection whose headers never ended was still open after %s; want it closed within %s", d.Round(time.Second), headerDeadline))
	}
	errs = append(errs, c.healthy(context.WithoutCancel(ctx), "slow clients"))
	return errors.Join(errs...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Bounds of the SIGTERM-under-load class.
const (
	loadWorkers     = 4
	loadBefore      = time.Second            // of load before the signal
	loadMaxRequests = 2000                   // per worker
	loadMaxTime     = 30 * time.Second       // per worker
	acceptedMargin  = 500 * time.Millisecond // a request written this long before the signal was accepted
	inFlightHold    = 300 * time.Millisecond // the in-flight request's body ends this long after the signal
)
