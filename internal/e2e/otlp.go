//go:build e2e

package e2e

import (
	"compress/gzip"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	collectortrace "go.opentelemetry.io/proto/slim/otlp/collector/trace/v1"
	tracepb "go.opentelemetry.io/proto/slim/otlp/trace/v1"
	"google.golang.org/protobuf/proto"
)

// Bounds of the OTLP receiver.
const (
	// OTLPMaxSpans is how many spans the receiver keeps; past it, an export
	// is answered with a partial success naming the spans it rejected.
	OTLPMaxSpans = 100_000
	// otlpMaxBody bounds a request body, compressed and decompressed.
	otlpMaxBody = 16 << 20
	// otlpWaitPoll is how often WaitTrace looks again.
	otlpWaitPoll = 50 * time.Millisecond
)

// Span is one span the OTLP receiver got: the service that sent it (the
// resource attribute service.name), its name, its id and its parent's
// (hex, "" for a root), and its kind (server, client, internal, producer,
// consumer, or unspecified).
type Span struct {
	Service  string
	Name     string
	TraceID  string
	SpanID   string
	ParentID string
	Kind     string
}

// OTLPReceiver is a small OTLP/HTTP trace receiver on 127.0.0.1: it takes
// POST /v1/traces with a protobuf ExportTraceServiceRequest (plain or with
// Content-Encoding: gzip), answers 200 with an empty
// ExportTraceServiceResponse and keeps the spans, at most OTLPMaxSpans,
// for Trace to return.
type OTLPReceiver struct {
	Port int
	srv  *http.Server
	done chan error

	mu       sync.Mutex
	traces   map[string][]Span // by trace id (hex)
	spans    int
	rejected int64
	requests int
}

// StartOTLPReceiver listens on a free port of 127.0.0.1 and serves.
func StartOTLPReceiver() (*OTLPReceiver, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &OTLPReceiver{traces: map[string][]Span{}, done: make(chan error, 1)}
	r.Port = l.Addr().(*net.TCPAddr).Port
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/traces", r.export)
	r.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute}
	go func() { r.done <- r.srv.Serve(l) }()
	return r, nil
}

// Endpoint is the base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (an
// exporter appends /v1/traces).
func (r *OTLPReceiver) Endpoint() string { return "http://127.0.0.1:" + strconv.Itoa(r.Port) }

// Stop closes the receiver.
func (r *OTLPReceiver) Stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := r.srv.Shutdown(ctx)
	if err != nil {
		err = errors.Join(err, r.srv.Close())
	}
	if serveErr := <-r.done; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	return err
}

// Trace returns the spans of a trace (its id in hex, either case) in the
// order they arrived.
func (r *OTLPReceiver) Trace(traceID string) []Span {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.traces[strings.ToLower(traceID)])
}

// Services lists the services with spans in a trace, sorted.
func (r *OTLPReceiver) Services(traceID string) []string {
	var out []string
	for _, s := range r.Trace(traceID) {
		if !slices.Contains(out, s.Service) {
			out = append(out, s.Service)
		}
	}
	slices.Sort(out)
	return out
}

// WaitTrace waits until the trace has spans from every service named (at
// least one span when none is named) and returns its spans; exporters
// send in batches, so spans arrive a little after the request. It fails
// after timeout naming the services still missing.
func (r *OTLPReceiver) WaitTrace(ctx context.Context, traceID string, timeout time.Duration, services ...string) ([]Span, error) {
	deadline := time.Now().Add(timeout)
	for {
		spans := r.Trace(traceID)
		var missing []string
		for _, svc := range services {
			if !slices.ContainsFunc(spans, func(s Span) bool { return s.Service == svc }) {
				missing = append(missing, svc)
			}
		}
		if len(missing) == 0 && len(spans) > 0 {
			return spans, nil
		}
		if time.Now().After(deadline) {
			return spans, fmt.Errorf("trace %s: after %s the OTLP receiver has %d spans from %v; none from %v",
				traceID, timeout, len(spans), r.Services(traceID), missing)
		}
		select {
		case <-ctx.Done():
			return spans, context.Cause(ctx)
		case <-time.After(otlpWaitPoll):
		}
	}
}

// Stats says how many export requests came, how many spans are kept and
// how many were rejected for want of room.
func (r *OTLPReceiver) Stats() (requests, spans int, rejected int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests, r.spans, r.rejected
}

// export serves POST /v1/traces.
func (r *OTLPReceiver) export(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	if ct, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); ct != "application/x-protobuf" {
		http.Error(w, "this receiver takes OTLP/HTTP protobuf (Content-Type: application/x-protobuf), not "+strconv.Quote(ct),
			http.StatusUnsupportedMediaType)
		return
	}
	var body io.Reader = http.MaxBytesReader(w, req.Body, otlpMaxBody)
	switch enc := strings.ToLower(strings.TrimSpace(req.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			http.Error(w, "bad gzip body: "+err.Error(), http.StatusBadRequest)
			return
		}
		defer func() { _ = zr.Close() }()
		body = zr
	default:
		http.Error(w, "Content-Encoding "+strconv.Quote(enc)+" is not gzip", http.StatusUnsupportedMediaType)
		return
	}
	data, err := io.ReadAll(io.LimitReader(body, otlpMaxBody+1))
	if err != nil {
		http.Error(w, "reading the body: "+err.Error(), http.StatusBadRequest)
		return
	}
	if len(data) > otlpMaxBody {
		http.Error(w, "the body is over 16 MiB", http.StatusRequestEntityTooLarge)
		return
	}
	var msg collectortrace.ExportTraceServiceRequest
	if err := proto.Unmarshal(data, &msg); err != nil {
		http.Error(w, "not an ExportTraceServiceRequest: "+err.Error(), http.StatusBadRequest)
		return
	}
	resp := &collectortrace.ExportTraceServiceResponse{}
	if rejected := r.keep(&msg); rejected > 0 {
		resp.PartialSuccess = &collectortrace.ExportTracePartialSuccess{
			RejectedSpans: rejected,
			ErrorMessage:  fmt.Sprintf("the harness's receiver keeps at most %d spans", OTLPMaxSpans),
		}
	}
	out, err := proto.Marshal(resp)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/x-protobuf")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
}

// keep stores the request's spans and returns how many did not fit.
func (r *OTLPReceiver) keep(msg *collectortrace.ExportTraceServiceRequest) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests++
	var rejected int64
	for _, rs := range msg.GetResourceSpans() {
		service := ""
		for _, kv := range rs.GetResource().GetAttributes() {
			if kv.GetKey() == "service.name" {
				service = kv.GetValue().GetStringValue()
			}
		}
		for _, ss := range rs.GetScopeSpans() {
			for _, sp := range ss.GetSpans() {
				if r.spans >= OTLPMaxSpans {
					rejected++
					continue
				}
				s := Span{
					Service:  service,
					Name:     sp.GetName(),
					TraceID:  hex.EncodeToString(sp.GetTraceId()),
					SpanID:   hex.EncodeToString(sp.GetSpanId()),
					ParentID: hex.EncodeToString(sp.GetParentSpanId()),
					Kind:     spanKind(sp.GetKind()),
				}
				r.traces[s.TraceID] = append(r.traces[s.TraceID], s)
				r.spans++
			}
		}
	}
	r.rejected += rejected
	return rejected
}

// spanKind names a kind as lowercase words: SPAN_KIND_SERVER is server.
func spanKind(k tracepb.Span_SpanKind) string {
	name, ok := tracepb.Span_SpanKind_name[int32(k)]
	if !ok {
		return strconv.Itoa(int(k))
	}
	return strings.ToLower(strings.TrimPrefix(name, "SPAN_KIND_"))
}
