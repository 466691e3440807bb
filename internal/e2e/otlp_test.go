//go:build e2e

package e2e

import (
	"bytes"
	"compress/gzip"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	collectortrace "go.opentelemetry.io/proto/slim/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/slim/otlp/common/v1"
	resourcepb "go.opentelemetry.io/proto/slim/otlp/resource/v1"
	tracepb "go.opentelemetry.io/proto/slim/otlp/trace/v1"
	"google.golang.org/protobuf/proto"
)

const (
	testTraceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	gatewaySpan = "00f067aa0ba902b7"
	orderSpan   = "00f067aa0ba902b8"
	paySpan     = "00f067aa0ba902b9"
)

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// exportRequest is one service's batch of spans, as an SDK exports it.
func exportRequest(t *testing.T, service string, spans ...*tracepb.Span) *collectortrace.ExportTraceServiceRequest {
	t.Helper()
	return &collectortrace.ExportTraceServiceRequest{ResourceSpans: []*tracepb.ResourceSpans{{
		Resource: &resourcepb.Resource{Attributes: []*commonpb.KeyValue{
			{Key: "telemetry.sdk.language", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_StringValue{StringValue: "go"}}},
			{Key: "service.name", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_StringValue{StringValue: service}}},
		}},
		ScopeSpans: []*tracepb.ScopeSpans{{
			Scope: &commonpb.InstrumentationScope{Name: "archgen-e2e"},
			Spans: spans,
		}},
	}}}
}

func span(t *testing.T, name, id, parent string, kind tracepb.Span_SpanKind) *tracepb.Span {
	t.Helper()
	s := &tracepb.Span{
		TraceId: mustHex(t, testTraceID), SpanId: mustHex(t, id), Name: name, Kind: kind,
		StartTimeUnixNano: uint64(time.Now().UnixNano()), EndTimeUnixNano: uint64(time.Now().UnixNano()),
	}
	if parent != "" {
		s.ParentSpanId = mustHex(t, parent)
	}
	return s
}

// post sends an export request as OTLP/HTTP protobuf, gzipped or not, and
// decodes the answer.
func post(t *testing.T, r *OTLPReceiver, msg *collectortrace.ExportTraceServiceRequest, gz bool) *collectortrace.ExportTraceServiceResponse {
	t.Helper()
	body, err := proto.Marshal(msg)
	require.NoError(t, err)
	if gz {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		_, err = w.Write(body)
		require.NoError(t, err)
		require.NoError(t, w.Close())
		body = b.Bytes()
	}
	req, err := http.NewRequestWithContext(testContext(t), http.MethodPost, r.Endpoint()+"/v1/traces", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-protobuf")
	if gz {
		req.Header.Set("Content-Encoding", "gzip")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(got))
	assert.Equal(t, "application/x-protobuf", resp.Header.Get("Content-Type"))
	var out collectortrace.ExportTraceServiceResponse
	require.NoError(t, proto.Unmarshal(got, &out))
	return &out
}

// TestOTLPReceiver posts real export requests from three services, one
// gzipped, and finds one trace across them; refuses what is not OTLP/HTTP
// protobuf; keeps at most OTLPMaxSpans spans.
func TestOTLPReceiver(t *testing.T) {
	r, err := StartOTLPReceiver()
	require.NoError(t, err)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			assert.NoError(t, r.Stop())
		}
	})

	resp := post(t, r, exportRequest(t, "api-gateway", span(t, "POST /api/v1/orders", gatewaySpan, "", tracepb.Span_SPAN_KIND_SERVER)), false)
	assert.Nil(t, resp.GetPartialSuccess(), "an empty ExportTraceServiceResponse")
	assert.Empty(t, mustMarshal(t, resp))
	post(t, r, exportRequest(t, "order-service",
		span(t, "order.v1.OrderService/CreateOrder", orderSpan, gatewaySpan, tracepb.Span_SPAN_KIND_SERVER)), true)
	post(t, r, exportRequest(t, "payment-service",
		span(t, "shop.events.order.created.v1 process", paySpan, orderSpan, tracepb.Span_SPAN_KIND_CONSUMER)), true)

	spans, err := r.WaitTrace(testContext(t), strings.ToUpper(testTraceID), time.Second, "api-gateway", "order-service", "payment-service")
	require.NoError(t, err)
	assert.Equal(t, []Span{
		{Service: "api-gateway", Name: "POST /api/v1/orders", TraceID: testTraceID, SpanID: gatewaySpan, Kind: "server"},
		{Service: "order-service", Name: "order.v1.OrderService/CreateOrder", TraceID: testTraceID, SpanID: orderSpan, ParentID: gatewaySpan, Kind: "server"},
		{Service: "payment-service", Name: "shop.events.order.created.v1 process", TraceID: testTraceID, SpanID: paySpan, ParentID: orderSpan, Kind: "consumer"},
	}, spans)
	assert.Equal(t, []string{"api-gateway", "order-service", "payment-service"}, r.Services(testTraceID))
	assert.Empty(t, r.Trace("0af7651916cd43dd8448eb211c80319c"))
	_, err = r.WaitTrace(testContext(t), testTraceID, 100*time.Millisecond, "product-service")
	require.ErrorContains(t, err, "none from [product-service]")

	// What is not OTLP/HTTP protobuf.
	for _, c := range []struct {
		method, ctype, enc, body string
		status                   int
	}{
		{http.MethodGet, "", "", "", http.StatusMethodNotAllowed},
		{http.MethodPost, "application/json", "", `{"resourceSpans":[]}`, http.StatusUnsupportedMediaType},
		{http.MethodPost, "application/x-protobuf", "br", "x", http.StatusUnsupportedMediaType},
		{http.MethodPost, "application/x-protobuf", "gzip", "not gzip", http.StatusBadRequest},
		{http.MethodPost, "application/x-protobuf", "", "\xff\xff\xff", http.StatusBadRequest},
	} {
		req, err := http.NewRequestWithContext(testContext(t), c.method, r.Endpoint()+"/v1/traces", strings.NewReader(c.body))
		require.NoError(t, err)
		if c.ctype != "" {
			req.Header.Set("Content-Type", c.ctype)
		}
		if c.enc != "" {
			req.Header.Set("Content-Encoding", c.enc)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		assert.Equal(t, c.status, resp.StatusCode, "%s %s %s", c.method, c.ctype, c.enc)
	}

	// The bound: the spans past OTLPMaxSpans are rejected, said so in a
	// partial success, and not kept.
	_, kept, _ := r.Stats()
	var many []*tracepb.Span
	for range OTLPMaxSpans - kept + 5 {
		s := span(t, "bulk", gatewaySpan, "", tracepb.Span_SPAN_KIND_INTERNAL)
		s.TraceId = mustHex(t, "0af7651916cd43dd8448eb211c80319c")
		many = append(many, s)
	}
	resp = post(t, r, exportRequest(t, "bulk", many...), true)
	assert.Equal(t, int64(5), resp.GetPartialSuccess().GetRejectedSpans())
	requests, kept, rejected := r.Stats()
	assert.Equal(t, 4, requests)
	assert.Equal(t, OTLPMaxSpans, kept)
	assert.Equal(t, int64(5), rejected)
	assert.Len(t, r.Trace("0af7651916cd43dd8448eb211c80319c"), OTLPMaxSpans-3)

	require.NoError(t, r.Stop())
	stopped = true
	_, err = http.Get(r.Endpoint() + "/v1/traces") //nolint:noctx // a refused connection is the point
	require.Error(t, err, "the receiver still listens after Stop")
}

func mustMarshal(t *testing.T, m proto.Message) []byte {
	t.Helper()
	b, err := proto.Marshal(m)
	require.NoError(t, err)
	return b
}
