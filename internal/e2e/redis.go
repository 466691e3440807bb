//go:build e2e

package e2e

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// RedisDatabases is how many logical databases the server has (Redis's
// default): runs take them in turn, 0 to 15, each flushed before use.
const RedisDatabases = 16

// Redis is a throwaway Redis server on 127.0.0.1 without persistence (no
// RDB snapshots, no append-only file), its working directory temporary.
// Redis runs as root without complaint; on loopback, protected mode does
// not get in the way.
type Redis struct {
	Port int
	d    *daemon
}

// RedisBin finds the redis-server program (Debian's redis-server).
func RedisBin() (string, error) { return findProgram("redis-server", "redis-server") }

// StartRedis starts Redis on a free port and returns once it answers PING.
func StartRedis(ctx context.Context) (*Redis, error) {
	bin, err := RedisBin()
	if err != nil {
		return nil, err
	}
	d, err := newDaemon("redis")
	if err != nil {
		return nil, err
	}
	r := &Redis{d: d}
	if r.Port, err = freePort(); err != nil {
		return nil, errors.Join(err, d.Stop())
	}
	// No configuration file: the defaults, then these.
	args := []string{
		"--port", strconv.Itoa(r.Port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no",
		"--dir", d.dir, "--daemonize", "no", "--logfile", "",
		"--databases", strconv.Itoa(RedisDatabases),
	}
	if err := d.start(bin, args); err != nil {
		return nil, errors.Join(err, d.Stop())
	}
	if err := d.waitReady(ctx, func(ctx context.Context) error {
		got, err := r.Do(ctx, 0, "PING")
		if err == nil && got != "PONG" {
			err = fmt.Errorf("PING answered %q", got)
		}
		return err
	}); err != nil {
		return nil, errors.Join(err, d.Stop())
	}
	return r, nil
}

// URL is the redis:// URL of a logical database.
func (r *Redis) URL(db int) string {
	return fmt.Sprintf("redis://127.0.0.1:%d/%d", r.Port, db)
}

// Stop stops Redis and removes its directory.
func (r *Redis) Stop() error { return r.d.Stop() }

// Flush empties a logical database.
func (r *Redis) Flush(ctx context.Context, db int) error {
	got, err := r.Do(ctx, db, "FLUSHDB")
	if err == nil && got != "OK" {
		err = fmt.Errorf("FLUSHDB answered %q", got)
	}
	return err
}

// ErrNil is the answer to a GET of a missing key.
var ErrNil = errors.New("redis: nil")

// Do runs one command on a new connection to logical database db and
// returns its answer: a simple string, an integer or a bulk string as
// text (ErrNil for a null), an error reply as an error; an array is an
// error (see List).
func (r *Redis) Do(ctx context.Context, db int, args ...string) (string, error) {
	got, err := r.do(ctx, db, args...)
	if err != nil {
		return "", err
	}
	s, ok := got.(string)
	if !ok {
		return "", fmt.Errorf("redis %s answered an array; use List", args[0])
	}
	return s, nil
}

// List runs a command whose answer is an array of strings (CONFIG GET,
// KEYS); a null element is "".
func (r *Redis) List(ctx context.Context, db int, args ...string) ([]string, error) {
	got, err := r.do(ctx, db, args...)
	if err != nil {
		return nil, err
	}
	items, ok := got.([]any)
	if !ok {
		return nil, fmt.Errorf("redis %s answered %q, not an array", args[0], got)
	}
	out := make([]string, len(items))
	for i, it := range items {
		if s, ok := it.(string); ok {
			out[i] = s
		}
	}
	return out, nil
}

func (r *Redis) do(ctx context.Context, db int, args ...string) (any, error) {
	ctx, cancel := context.WithTimeout(ctx, daemonProbeTimeout*5)
	defer cancel()
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(r.Port)))
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close() }()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	} else {
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	}
	rd := bufio.NewReader(conn)
	if db != 0 {
		if _, err := conn.Write(respCommand("SELECT", strconv.Itoa(db))); err != nil {
			return nil, err
		}
		if got, err := readRESP(rd, 0); err != nil || got != "OK" {
			return nil, fmt.Errorf("SELECT %d: %v %w", db, got, err)
		}
	}
	if _, err := conn.Write(respCommand(args...)); err != nil {
		return nil, err
	}
	return readRESP(rd, 0)
}

// respCommand encodes a command as a RESP array of bulk strings.
func respCommand(args ...string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	return []byte(b.String())
}

// readRESP reads one RESP2 reply: a string, ErrNil for a null bulk
// string, an error reply as an error, an array as []any (nested at most a
// few levels).
func readRESP(rd *bufio.Reader, depth int) (any, error) {
	line, err := rd.ReadString('\n')
	if err != nil {
		return nil, err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return nil, errors.New("redis: empty reply line")
	}
	switch body := line[1:]; line[0] {
	case '+', ':':
		return body, nil
	case '-':
		return nil, errors.New("redis: " + body)
	case '$':
		n, err := strconv.Atoi(body)
		if err != nil {
			return nil, fmt.Errorf("redis: bad bulk length %q", body)
		}
		if n < 0 {
			return nil, ErrNil
		}
		if n > 64<<20 {
			return nil, fmt.Errorf("redis: bulk string of %d bytes is more than the harness reads", n)
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(rd, buf); err != nil {
			return nil, err
		}
		return string(buf[:n]), nil
	case '*':
		n, err := strconv.Atoi(body)
		if err != nil || n > 1<<20 || depth > 4 {
			return nil, fmt.Errorf("redis: array %q is more than the harness reads", body)
		}
		items := make([]any, 0, max(n, 0))
		for range n {
			it, err := readRESP(rd, depth+1)
			if errors.Is(err, ErrNil) {
				it, err = nil, nil
			}
			if err != nil {
				return nil, err
			}
			items = append(items, it)
		}
		return items, nil
	default:
		return nil, fmt.Errorf("redis: reply %q is not one the harness reads", line)
	}
}
