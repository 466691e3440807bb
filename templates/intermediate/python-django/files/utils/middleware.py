"""Middleware around every request, DRF's views or not.

RequestContextMiddleware (outermost): the request id, the X-Request-ID and
nosniff headers, the request's log line and its metrics.
ProblemMiddleware: 404 and 405 for what api/openapi.yaml does not serve, and
500 for any exception nothing else handled, its cause logged.
ChunkedBodyMiddleware: a body sent without Content-Length is read here, never
past 1 MiB.
"""

import io
import logging
import time
from collections.abc import Callable
from typing import Final

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from contract.logs import request_id_var
from contract.metrics import UNMATCHED, HttpMetrics
from contract.openapi import Routes, load_openapi
from contract.problem import INTERNAL, METHOD_NOT_ALLOWED, NOT_FOUND_PATH, TOO_LARGE
from contract.request_id import HEADER, request_id_from
from contract.rules import MAX_BODY_BYTES
from utils.problems import instance, problem_response

GetResponse = Callable[[HttpRequest], HttpResponseBase]

logger = logging.getLogger("app.request")

# The document the server serves, read once: its paths are the routes.
ROUTES: Final = Routes(load_openapi())
# The process's metrics, answered by GET /metrics (utils.views).
METRICS: Final = HttpMetrics()


def route_of(request: HttpRequest) -> str | None:
    """The document's path template the request's path (as sent) matches."""
    return ROUTES.route(instance(request))


class RequestContextMiddleware:
    """Gives every request its id, and every answer X-Request-ID and
    X-Content-Type-Options; counts and logs each request once it is answered."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        sent = request.META.get("HTTP_X_REQUEST_ID")
        # Gunicorn joins a repeated header with ",", which no valid id holds.
        request_id = request_id_from([] if sent is None else [sent])
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            response["X-Content-Type-Options"] = "nosniff"
            seconds = time.perf_counter() - started
            route = route_of(request) or UNMATCHED
            METRICS.observe(
                request.method or "GET", route, response.status_code, seconds
            )
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": instance(request),
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 3),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class ProblemMiddleware:
    """Answers paths the document does not list (404) and methods a listed
    path does not serve (405 with Allow) before any view runs, so that every
    framework default (a trailing slash, PUT, OPTIONS) gives the contract's
    answer; and turns an unhandled exception into a logged 500."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        route = route_of(request)
        if route is None:
            return problem_response(request, 404, NOT_FOUND_PATH)
        allowed = ROUTES.allowed(route)
        if request.method not in allowed:
            response = problem_response(request, 405, METHOD_NOT_ALLOWED)
            response["Allow"] = ", ".join(allowed)
            return response
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse:
        logger.error("unhandled error", exc_info=exception)
        return problem_response(request, 500, INTERNAL)


class ChunkedBodyMiddleware:
    """Reads a body sent with Transfer-Encoding: chunked (no Content-Length),
    which Django would take as empty, up to 1 MiB; past that, 413 without
    reading further."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not request.META.get("CONTENT_LENGTH"):
            stream = request.META["wsgi.input"]
            body = b""
            while len(body) <= MAX_BODY_BYTES:
                chunk = stream.read(MAX_BODY_BYTES + 1 - len(body))
                if not chunk:
                    break
                body += chunk
            if len(body) > MAX_BODY_BYTES:
                response = problem_response(request, 413, TOO_LARGE)
                response["Connection"] = "close"
                return response
            request.META["CONTENT_LENGTH"] = str(len(body))
            request._stream = io.BytesIO(body)
        return self.get_response(request)
