from contract.metrics import CONTENT_TYPE, UNMATCHED, HttpMetrics


def test_counts_by_method_route_and_status() -> None:
    metrics = HttpMetrics()
    metrics.observe("get", "/api/v1/users/{id}", 200, 0.003)
    metrics.observe("GET", "/api/v1/users/{id}", 200, 0.2)
    metrics.observe("POST", UNMATCHED, 404, 0.001)
    text = metrics.render().decode()
    labels = 'method="GET",route="/api/v1/users/{id}",status="200"'
    assert f"http_requests_total{{{labels}}} 2.0" in text
    assert f'http_request_duration_seconds_bucket{{le="0.005",{labels}}} 1.0' in text
    assert f'http_request_duration_seconds_bucket{{le="0.25",{labels}}} 2.0' in text
    assert (
        'http_requests_total{method="POST",route="unmatched",status="404"} 1.0' in text
    )
    assert "# TYPE http_request_duration_seconds histogram" in text
    assert CONTENT_TYPE == "text/plain; version=0.0.4; charset=utf-8"


def test_registries_are_separate() -> None:
    first, second = HttpMetrics(), HttpMetrics()
    first.observe("GET", "/health", 200, 0.001)
    assert "http_requests_total{" not in second.render().decode()
