//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"sync"
	"time"
)

// loadOutcome is what happened to one request of the load.
type loadOutcome struct {
	what    string
	wrote   time.Time // when the request was written whole; zero if never
	status  int       // 0: no answer
	err     error     // the transport's error, or the contract's
	refused bool      // the connection was refused: the server stopped accepting
	// serverOwn marks a 400 that is not JSON: the HTTP server's own
	// rejection of a request the application never saw.
	serverOwn bool
}

// checkSigtermUnderLoad sends SIGTERM while request loops run, one idle
// keep-alive connection is open and one request is in flight (its body
// half sent), and requires: every answer valid and none 5xx, the in-flight
// request answered, no request accepted before the signal reset, and a
// clean exit within the stop timeout.
func checkSigtermUnderLoad(ctx context.Context, c *client, srv *server, lang string, timeout time.Duration, logf func(string, ...any)) error {
	var errs []error
	// The idle keep-alive connection.
	idle, idleErr := c.keepAlive(ctx)
	if idleErr != nil {
		errs = append(errs, fmt.Errorf("opening an idle keep-alive connection: %w", idleErr))
	} else {
		defer func() { _ = idle.Close() }()
	}
	// The in-flight request: headers and half of its body now, the rest
	// after the signal.
	flightEmail := c.email("inflight")
	flightBody := userBody("In Flight", flightEmail)
	flight, err := net.DialTimeout("tcp", c.addr, 5*time.Second)
	if err != nil {
		return errors.Join(append(errs, fmt.Errorf("the in-flight request: %w", err))...)
	}
	defer func() { _ = flight.Close() }()
	_ = flight.SetDeadline(time.Now().Add(timeout + 10*time.Second))
	half := len(flightBody) / 2
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", c.usersPath, c.addr, len(flightBody))
	if _, err := io.WriteString(flight, head+string(flightBody[:half])); err != nil {
		return errors.Join(append(errs, fmt.Errorf("the in-flight request: %w", err))...)
	}
	// The load.
	stopLoad := make(chan struct{})
	var mu sync.Mutex
	var outcomes []loadOutcome
	var wg sync.WaitGroup
	for w := range loadWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hc := &http.Client{Timeout: timeout + 5*time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
			deadline := time.Now().Add(loadMaxTime)
			for i := 0; i < loadMaxRequests && time.Now().Before(deadline); i++ {
				select {
				case <-stopLoad:
					return
				default:
				}
				o := c.loadRequest(ctx, hc, w, i)
				mu.Lock()
				outcomes = append(outcomes, o)
				mu.Unlock()
				if o.refused {
					return
				}
			}
		}()
	}
	time.Sleep(loadBefore)
	signalled := time.Now()
	sigErr := srv.signal()
	if sigErr != nil {
		errs = append(errs, sigErr)
	}
	time.Sleep(inFlightHold)
	// The in-flight request ends; it was accepted before the signal, so
	// it must be answered.
	if _, err := flight.Write(flightBody[half:]); err != nil {
		errs = append(errs, fmt.Errorf("POST %s (in flight at the signal, body half sent): the server closed the connection instead of finishing the request: %w", c.usersPath, err))
	} else {
		req, _ := http.NewRequest(http.MethodPost, c.base+c.usersPath, http.NoBody)
		resp, err := http.ReadResponse(bufio.NewReader(flight), req)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("POST %s (in flight at the signal): no answer: %w", c.usersPath, err))
		default:
			body, _ := io.ReadAll(io.LimitReader(resp.Body, bodyLimit))
			if resp.StatusCode != http.StatusCreated {
				errs = append(errs, fmt.Errorf("POST %s (in flight at the signal): want status 201, got %d: %s", c.usersPath, resp.StatusCode, clipText(string(body))))
			} else if err := c.contract.Check(req, resp, body); err != nil {
				errs = append(errs, fmt.Errorf("POST %s (in flight at the signal): %w", c.usersPath, err))
			}
		}
	}
	exitErr := srv.waitExit(lang, timeout)
	close(stopLoad)
	wg.Wait()
	// The verdict on the load.
	var answered, afterSignal, refused, serverOwn, dropped int
	var loadErrs []error
	for _, o := range outcomes {
		if o.status != 0 {
			answered++
			if o.wrote.After(signalled) {
				afterSignal++
			}
		}
		switch {
		case o.refused:
			refused++
		case o.serverOwn && o.wrote.After(signalled.Add(-acceptedMargin)):
			// A request that came around or after the signal, which the
			// HTTP server turned away itself while it stopped (Tomcat
			// answers 400 once its host has left the mapper): refused,
			// as the contract lets the server refuse before the
			// application sees a request.
			refused++
			serverOwn++
		case o.status >= 500:
			loadErrs = append(loadErrs, fmt.Errorf("%s: status %d during shutdown", o.what, o.status))
		case o.status != 0 && o.err != nil:
			loadErrs = append(loadErrs, fmt.Errorf("%s: %w", o.what, o.err))
		case o.status != 0:
		case !o.wrote.IsZero() && o.wrote.Before(signalled.Add(-acceptedMargin)):
			loadErrs = append(loadErrs, fmt.Errorf("%s: written %s before SIGTERM and never answered: %w", o.what, signalled.Sub(o.wrote).Round(time.Millisecond), o.err))
		default:
			dropped++
		}
	}
	logf("SIGTERM under load: %d requests answered (%d written after the signal), %d refused after it (%d of them by the HTTP server's own 400), %d unanswered around the signal (not yet accepted), %d wrong", answered, afterSignal, refused, serverOwn, dropped, len(loadErrs))
	const shown = 5
	if len(loadErrs) > shown {
		loadErrs = append(loadErrs[:shown], fmt.Errorf("… and %d more wrong answers of the load", len(loadErrs)-shown))
	}
	errs = append(errs, loadErrs...)
	if answered == 0 {
		errs = append(errs, errors.New("no request of the load was answered"))
	}
	return errors.Join(append(errs, exitErr)...)
}

// loadRequest makes one request of the load on a new connection.
func (c *client) loadRequest(ctx context.Context, hc *http.Client, worker, i int) loadOutcome {
	method, path := http.MethodGet, "/health"
	var body []byte
	switch i % 4 {
	case 1:
		path = c.usersPath
	case 2:
		method, path = http.MethodPost, c.usersPath
		body = userBody("Load", fmt.Sprintf("load.%d.%d.%d@example.com", os.Getpid(), worker, i))
	case 3:
		if len(c.users) > 0 {
			path = c.userPath(c.users[0].ID)
		}
	}
	o := loadOutcome{what: describe(method, path, body)}
	var rd io.Reader = http.NoBody
	if body != nil {
		rd = bytes.NewReader(body)
	}
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { o.wrote = time.Now() }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), method, c.base+path, rd)
	if err != nil {
		o.err = err
		return o
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		o.err = err
		var op *net.OpError
		o.refused = errors.As(err, &op) && op.Op == "dial"
		return o
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, bodyLimit))
	o.status = resp.StatusCode
	if err != nil {
		o.err = err
		return o
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); resp.StatusCode == http.StatusBadRequest && !isJSON(mt) {
		o.serverOwn = true
	}
	o.err = c.contract.Check(req, resp, raw)
	return o
}

// keepAlive opens a connection, makes one request on it and leaves it
// open and idle.
func (c *client) keepAlive(ctx context.Context) (net.Conn, error) {
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", c.addr)
	if err != nil {
		return nil, err
	}
	_ = conn.SetDeadline(time.Now().Add(apiRequest))
	if _, err := fmt.Fprintf(conn, "GET /health HTTP/1.1\r\nHost: %s\r\n\r\n", c.addr); err != nil {
		_ = conn.Close()
		return nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	_ = conn.SetDeadline(time.Time{})
	return conn, nil
}
