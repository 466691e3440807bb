import { HttpMetrics, UNMATCHED, openApiRoute } from "./metrics";

describe("HttpMetrics", () => {
  it("counts requests by method, route and status with the contract's buckets", async () => {
    const m = new HttpMetrics();
    m.observe("get", "/api/v1/users/{id}", 404, 0.003);
    m.observe("GET", UNMATCHED, 404, 0.2);
    const text = await m.metrics();
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/users/{id}",status="404"} 1',
    );
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/users/{id}",status="404"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="10",method="GET",route="unmatched",status="404"} 1',
    );
    expect(m.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("keeps each instance's series apart", async () => {
    const a = new HttpMetrics();
    const b = new HttpMetrics();
    a.observe("GET", "/health", 200, 0.001);
    expect(await b.metrics()).not.toContain('route="/health"');
  });
});

describe("openApiRoute", () => {
  it("writes path parameters the document's way", () => {
    expect(openApiRoute("/api/v1/order-items/:id")).toBe("/api/v1/order-items/{id}");
    expect(openApiRoute("/health")).toBe("/health");
  });
});
