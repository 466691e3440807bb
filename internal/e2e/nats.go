//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// NATS is a throwaway NATS server with JetStream on 127.0.0.1: a client
// port and a monitoring port, both free, JetStream's file storage in a
// temporary directory. nats-server runs as root without complaint.
type NATS struct {
	// Port is the client port; MonitorPort serves /healthz and /varz.
	Port, MonitorPort int
	d                 *daemon
}

// NATSBin finds the nats-server program (Debian's nats-server installs it
// in /usr/sbin).
func NATSBin() (string, error) { return findProgram("nats-server", "nats-server") }

// StartNATS starts nats-server with JetStream (-js -sd <dir>) and returns
// once /healthz?js-enabled-only=true answers 200.
func StartNATS(ctx context.Context) (*NATS, error) {
	bin, err := NATSBin()
	if err != nil {
		return nil, err
	}
	d, err := newDaemon("nats")
	if err != nil {
		return nil, err
	}
	n := &NATS{d: d}
	if n.Port, err = freePort(); err == nil {
		n.MonitorPort, err = freePort()
	}
	if err == nil && n.MonitorPort == n.Port {
		err = errors.New("nats: the client and monitoring ports came out the same")
	}
	if err != nil {
		return nil, errors.Join(err, d.Stop())
	}
	args := []string{
		"-a", "127.0.0.1", "-p", strconv.Itoa(n.Port),
		"-m", strconv.Itoa(n.MonitorPort), // on the same host as -a
		"-n", filepath.Base(d.dir),
		"-js", "-sd", filepath.Join(d.dir, "jetstream"),
	}
	if err := d.start(bin, args); err != nil {
		return nil, errors.Join(err, d.Stop())
	}
	if err := d.waitReady(ctx, func(ctx context.Context) error {
		_, err := httpProbe(ctx, fmt.Sprintf("http://127.0.0.1:%d/healthz?js-enabled-only=true", n.MonitorPort))
		return err
	}); err != nil {
		return nil, errors.Join(err, d.Stop())
	}
	return n, nil
}

// URL is the client URL, as NATS_URL takes it.
func (n *NATS) URL() string { return "nats://127.0.0.1:" + strconv.Itoa(n.Port) }

// Stop stops the server and removes JetStream's storage.
func (n *NATS) Stop() error { return n.d.Stop() }

// Connect opens a client connection.
func (n *NATS) Connect() (*nats.Conn, error) {
	return nats.Connect(n.URL(), nats.Name("archgen-e2e"), nats.Timeout(daemonProbeTimeout*5))
}

// Reset deletes every JetStream stream (and with them their consumers),
// so that a run never sees the streams, messages or durable consumers of
// the run before it: the runs of a suite go one after another.
func (n *NATS) Reset(ctx context.Context) error {
	nc, err := n.Connect()
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	names := js.StreamNames(ctx)
	var all []string
	for name := range names.Name() {
		all = append(all, name)
	}
	if err := names.Err(); err != nil && !errors.Is(err, jetstream.ErrEndOfData) {
		return fmt.Errorf("listing JetStream streams: %w", err)
	}
	for _, name := range all {
		if err := js.DeleteStream(ctx, name); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
			return fmt.Errorf("deleting JetStream stream %s: %w", name, err)
		}
	}
	return nil
}
