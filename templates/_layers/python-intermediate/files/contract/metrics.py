"""The contract's two HTTP metrics in a registry of their own."""

from typing import Final

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

CONTENT_TYPE: Final = CONTENT_TYPE_PLAIN_0_0_4
"""text/plain; version=0.0.4; charset=utf-8"""

UNMATCHED: Final = "unmatched"
"""The route label of every path the OpenAPI document does not list."""

BUCKETS: Final = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class HttpMetrics:
    """http_requests_total and http_request_duration_seconds by method, route
    and status; route is the OpenAPI path template or UNMATCHED, so the number
    of series stays bounded."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        labels = ("method", "route", "status")
        self._requests = Counter(
            "http_requests_total",
            "HTTP requests answered.",
            labels,
            registry=self.registry,
        )
        self._duration = Histogram(
            "http_request_duration_seconds",
            "Time to answer HTTP requests.",
            labels,
            buckets=BUCKETS,
            registry=self.registry,
        )

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Counts one answered request."""
        labels = (method.upper(), route, str(status))
        self._requests.labels(*labels).inc()
        self._duration.labels(*labels).observe(seconds)

    def render(self) -> bytes:
        """The metrics in the Prometheus text format (CONTENT_TYPE)."""
        return generate_latest(self.registry)
