//go:build e2e

package e2e

import (
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNATS starts NATS with JetStream, creates a file-backed stream,
// publishes to it (a duplicate message id is dropped), reads the message
// back through a durable consumer with an explicit ack, clears the
// streams as the harness does between runs, and stops it.
func TestNATS(t *testing.T) {
	needProgram(t, NATSBin)
	ctx := testContext(t)
	n, err := StartNATS(ctx)
	require.NoError(t, err)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			assert.NoError(t, n.Stop())
		}
	})
	nc, err := n.Connect()
	require.NoError(t, err)
	defer nc.Close()
	js, err := jetstream.New(nc)
	require.NoError(t, err)
	stream, err := js.CreateStream(ctx, jetstream.StreamConfig{
		Name: "SHOP_EVENTS", Subjects: []string{"shop.events.>"}, Storage: jetstream.FileStorage,
		Duplicates: time.Minute,
	})
	require.NoError(t, err)

	msg := &nats.Msg{Subject: "shop.events.order.created.v1", Data: []byte(`{"type":"order.created","version":1}`), Header: nats.Header{}}
	msg.Header.Set(jetstream.MsgIDHeader, "0192f3c4-0001")
	ack, err := js.PublishMsg(ctx, msg)
	require.NoError(t, err)
	assert.Equal(t, "SHOP_EVENTS", ack.Stream)
	assert.False(t, ack.Duplicate)
	ack, err = js.PublishMsg(ctx, msg)
	require.NoError(t, err)
	assert.True(t, ack.Duplicate, "the same Nats-Msg-Id is dropped")

	cons, err := stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable: "payment-service", AckPolicy: jetstream.AckExplicitPolicy,
		FilterSubject: "shop.events.order.created.v1",
	})
	require.NoError(t, err)
	batch, err := cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
	require.NoError(t, err)
	var got []string
	for m := range batch.Messages() {
		got = append(got, string(m.Data()))
		require.NoError(t, m.Ack())
	}
	require.NoError(t, batch.Error())
	assert.Equal(t, []string{`{"type":"order.created","version":1}`}, got)
	info, err := stream.Info(ctx)
	require.NoError(t, err)
	assert.Equal(t, uint64(1), info.State.Msgs)

	require.NoError(t, n.Reset(ctx))
	_, err = js.Stream(ctx, "SHOP_EVENTS")
	require.ErrorIs(t, err, jetstream.ErrStreamNotFound, "Reset deletes every stream")
	require.NoError(t, n.Reset(ctx), "Reset of a server without streams")

	nc.Close()
	require.NoError(t, n.Stop())
	stopped = true
	requireGone(t, n.d, n.Port, n.MonitorPort)
}
