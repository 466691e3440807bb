"""Pure ASGI middleware: request ids, security headers, the request log line
and metrics (outermost); the 1 MiB body cap; HEAD served as GET."""

import logging
import time
from typing import Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import instance, problem_response
from contract.logs import request_id_var
from contract.metrics import UNMATCHED, HttpMetrics
from contract.openapi import Routes
from contract.problem import INTERNAL
from contract.request_id import request_id_from

logger = logging.getLogger("app.request")

# Headers the app sets on every response itself; a framework's copy is dropped.
_REPLACED: Final = frozenset({b"server", b"x-content-type-options", b"x-request-id"})


class RequestContextMiddleware:
    """Gives each request its id (X-Request-ID, on every log line of the
    request too), adds X-Content-Type-Options and X-Request-ID to every
    response, turns an unexpected exception into the contract's 500, and once
    the answer is written logs the request line and counts it in the metrics."""

    def __init__(self, app: ASGIApp, routes: Routes, metrics: HttpMetrics) -> None:
        self.app = app
        self.routes = routes
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        values = [
            value.decode("latin-1")
            for name, value in scope["headers"]
            if name.lower() == b"x-request-id"
        ]
        request_id = request_id_from(values)
        token = request_id_var.set(request_id)
        path = instance(scope)
        status = 500
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() not in _REPLACED
                ]
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"x-request-id", request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            logger.exception("unexpected error while handling the request")
            if response_started:
                # Too late for a problem detail: the server drops the connection.
                raise
            response = problem_response(scope, 500, INTERNAL)
            await response(scope, receive, send_with_headers)
        finally:
            seconds = time.perf_counter() - started
            route = self.routes.route(path)
            self.metrics.observe(scope["method"], route or UNMATCHED, status, seconds)
            logger.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": path,
                    "route": route or UNMATCHED,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 3),
                },
            )
            request_id_var.reset(token)


class BodyTooLargeError(Exception):
    """The request body is over the cap; raised by the receive of
    BodyLimitMiddleware instead of handing out more of it."""


class BodyLimitMiddleware:
    """Caps request bodies: a Content-Length over max_bytes is refused before
    any of the body is read, and a body without one is counted as it comes
    and refused as soon as it passes the cap. The refusal is the first
    BodyTooLargeError its reader gets (app.api.routing answers 413), so the
    checks that come before the body, such as the id of the path, still
    answer first."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        received = 0

        async def receive_capped() -> Message:
            nonlocal received
            if declared is not None and declared > self.max_bytes:
                raise BodyTooLargeError
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLargeError
            return message

        await self.app(scope, receive_capped, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class HeadMiddleware:
    """Answers HEAD on every GET route as GET without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
