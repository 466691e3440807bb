//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"runtime"
	"strconv"
)

// Etcd is a throwaway single-member etcd (v3 API) on 127.0.0.1: a client
// and a peer port, both free ports, its data in a temporary directory.
// etcd runs as root without complaint.
//
// The harness talks to it over the v3 API's JSON gateway (/v3/kv/...,
// /v3/lease/...), which etcd 3.4 serves on the client port, so that
// archgen needs no gRPC client of its own.
type Etcd struct {
	// Port is the client port; PeerPort the peer port.
	Port, PeerPort int
	d              *daemon
}

// EtcdBin finds the etcd program (Debian's etcd-server).
func EtcdBin() (string, error) { return findProgram("etcd", "etcd-server") }

// StartEtcd starts etcd with a unique member name and returns once its
// /health answers {"health":"true"} (a leader is elected).
func StartEtcd(ctx context.Context) (*Etcd, error) {
	bin, err := EtcdBin()
	if err != nil {
		return nil, err
	}
	d, err := newDaemon("etcd")
	if err != nil {
		return nil, err
	}
	e := &Etcd{d: d}
	if e.Port, err = freePort(); err == nil {
		e.PeerPort, err = freePort()
	}
	if err == nil && e.PeerPort == e.Port {
		err = errors.New("etcd: the client and peer ports came out the same")
	}
	if err != nil {
		return nil, errors.Join(err, d.Stop())
	}
	name := filepath.Base(d.dir) // archgen-e2e-etcd-<random>: unique
	client := "http://127.0.0.1:" + strconv.Itoa(e.Port)
	peer := "http://127.0.0.1:" + strconv.Itoa(e.PeerPort)
	args := []string{
		"--name", name,
		"--data-dir", filepath.Join(d.dir, "data"),
		"--listen-client-urls", client, "--advertise-client-urls", client,
		"--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
		"--initial-cluster", name + "=" + peer,
		"--initial-cluster-state", "new", "--initial-cluster-token", name,
		"--logger", "zap", "--log-outputs", "stderr",
	}
	// ETCD_* variables of the caller would configure the server too. etcd
	// 3.4 starts on amd64 and ppc64le only unless told the architecture.
	if arch := runtime.GOARCH; arch != "amd64" && arch != "ppc64le" {
		d.env = append(d.env, "ETCD_UNSUPPORTED_ARCH="+arch)
	}
	if err := d.start(bin, args, "ETCD_"); err != nil {
		return nil, errors.Join(err, d.Stop())
	}
	if err := d.waitReady(ctx, e.healthy); err != nil {
		return nil, errors.Join(err, d.Stop())
	}
	return e, nil
}

// Endpoint is the client address as ETCD_ENDPOINTS takes it.
func (e *Etcd) Endpoint() string { return "127.0.0.1:" + strconv.Itoa(e.Port) }

// URL is the client URL.
func (e *Etcd) URL() string { return "http://" + e.Endpoint() }

func (e *Etcd) healthy(ctx context.Context) error {
	body, err := httpProbe(ctx, e.URL()+"/health")
	if err != nil {
		return err
	}
	var h struct {
		Health string `json:"health"`
	}
	if err := json.Unmarshal(body, &h); err != nil || h.Health != "true" {
		return fmt.Errorf("etcd /health: %s", bytes.TrimSpace(body))
	}
	return nil
}

// Stop stops etcd and removes its data.
func (e *Etcd) Stop() error { return e.d.Stop() }

// Grant creates a lease of ttl seconds and returns its id.
func (e *Etcd) Grant(ctx context.Context, ttl int64) (int64, error) {
	var out struct {
		ID  string `json:"ID"`
		TTL string `json:"TTL"`
	}
	if err := e.call(ctx, "/v3/lease/grant", map[string]any{"TTL": ttl}, &out); err != nil {
		return 0, err
	}
	return strconv.ParseInt(out.ID, 10, 64)
}

// Revoke revokes a lease: every key attached to it goes.
func (e *Etcd) Revoke(ctx context.Context, lease int64) error {
	return e.call(ctx, "/v3/lease/revoke", map[string]any{"ID": strconv.FormatInt(lease, 10)}, nil)
}

// Put writes key, attached to lease unless it is 0.
func (e *Etcd) Put(ctx context.Context, key, value string, lease int64) error {
	req := map[string]any{"key": b64(key), "value": b64(value)}
	if lease != 0 {
		req["lease"] = strconv.FormatInt(lease, 10)
	}
	return e.call(ctx, "/v3/kv/put", req, nil)
}

// KV is a key and its value.
type KV struct{ Key, Value string }

// Get reads one key.
func (e *Etcd) Get(ctx context.Context, key string) (string, bool, error) {
	kvs, err := e.rangeOf(ctx, map[string]any{"key": b64(key)})
	if err != nil || len(kvs) == 0 {
		return "", false, err
	}
	return kvs[0].Value, true, nil
}

// List reads every key under prefix, in key order: what a platform has
// registered under its run's ETCD_PREFIX, for instance.
func (e *Etcd) List(ctx context.Context, prefix string) ([]KV, error) {
	return e.rangeOf(ctx, map[string]any{"key": b64(prefix), "range_end": b64(prefixEnd(prefix))})
}

// DeletePrefix deletes every key under prefix.
func (e *Etcd) DeletePrefix(ctx context.Context, prefix string) error {
	return e.call(ctx, "/v3/kv/deleterange", map[string]any{"key": b64(prefix), "range_end": b64(prefixEnd(prefix))}, nil)
}

func (e *Etcd) rangeOf(ctx context.Context, req map[string]any) ([]KV, error) {
	var out struct {
		KVs []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"kvs"`
	}
	if err := e.call(ctx, "/v3/kv/range", req, &out); err != nil {
		return nil, err
	}
	kvs := make([]KV, 0, len(out.KVs))
	for _, kv := range out.KVs {
		k, err := base64.StdEncoding.DecodeString(kv.Key)
		if err != nil {
			return nil, fmt.Errorf("etcd range: key %q: %w", kv.Key, err)
		}
		v, err := base64.StdEncoding.DecodeString(kv.Value)
		if err != nil {
			return nil, fmt.Errorf("etcd range: value of %q: %w", k, err)
		}
		kvs = append(kvs, KV{Key: string(k), Value: string(v)})
	}
	return kvs, nil
}

// call posts a JSON request to the v3 gateway and decodes the answer into
// out (nil: ignored).
func (e *Etcd) call(ctx context.Context, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, daemonProbeTimeout*5)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.URL()+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("etcd %s: %w", path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	got, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("etcd %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("etcd %s: %s: %s", path, resp.Status, bytes.TrimSpace(got))
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(got, out); err != nil {
		return fmt.Errorf("etcd %s: %w: %s", path, err, bytes.TrimSpace(got))
	}
	return nil
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// prefixEnd is the range end that covers every key starting with prefix,
// as clientv3.GetPrefixRangeEnd computes it.
func prefixEnd(prefix string) string {
	end := []byte(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return string(end[:i+1])
		}
	}
	return "\x00" // every key
}
