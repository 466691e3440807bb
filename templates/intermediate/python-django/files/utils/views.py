"""The operational endpoints (/health, /ready, /metrics, /openapi.json) and
Django's error views, as problem details."""

import logging
from typing import Final

from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from contract.metrics import CONTENT_TYPE
from contract.openapi import load_openapi
from contract.problem import (
    INTERNAL,
    INVALID,
    NOT_FOUND_PATH,
    UNAVAILABLE,
    body_error,
    parameter_error,
)
from utils.middleware import METRICS
from utils.problems import problem_response

logger = logging.getLogger("app.ops")

# api/openapi.yaml, read once at start and answered as JSON.
OPENAPI: Final = load_openapi()
OK: Final = {"status": "ok"}
# How long /ready waits for the database's answer, in milliseconds.
READY_TIMEOUT_MS: Final = 2000


class OperationalView(APIView):
    """Open to anyone whatever API_REQUIRE_AUTH says: probes and scrapers."""

    authentication_classes = ()
    permission_classes = (AllowAny,)

    @property
    def default_response_headers(self) -> dict[str, str]:
        # DRF would add Allow to every answer; the contract's 405s carry it.
        return {}


class HealthView(OperationalView):
    """Liveness: the process answers; the database is not asked."""

    @extend_schema(operation_id="getHealth", responses={200: OpenApiResponse()})
    def get(self, request: Request) -> Response:
        return Response(OK)


class ReadyView(OperationalView):
    """Readiness: the database answers SELECT 1 within 2 seconds."""

    @extend_schema(operation_id="getReady", responses={200: OpenApiResponse()})
    def get(self, request: Request) -> HttpResponse:
        connection = connections["default"]
        try:
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute(f"SET statement_timeout = {READY_TIMEOUT_MS}")
                cursor.execute("SELECT 1")
                cursor.fetchone()
                if connection.vendor == "postgresql":
                    cursor.execute("RESET statement_timeout")
        except DatabaseError as exc:
            logger.warning("database not ready: %s", type(exc).__name__)
            # A broken connection is not kept for the next request.
            connection.close_if_unusable_or_obsolete()
            return problem_response(request, 503, UNAVAILABLE)
        return Response(OK)


class MetricsView(OperationalView):
    """Prometheus text format: the contract's HTTP metrics."""

    @extend_schema(operation_id="getMetrics", responses={200: OpenApiResponse()})
    def get(self, request: Request) -> HttpResponse:
        return HttpResponse(METRICS.render(), content_type=CONTENT_TYPE)


class OpenAPIView(OperationalView):
    """api/openapi.yaml as JSON: the document the server serves."""

    @extend_schema(operation_id="getOpenAPI", responses={200: OpenApiResponse()})
    def get(self, request: Request) -> Response:
        return Response(OPENAPI)


# Django's error views (config/urls.py), for what happens outside DRF's views.


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: Django refused the request (a Host not in ALLOWED_HOSTS, ...)."""
    if isinstance(exception, DisallowedHost):
        errors = [parameter_error("Host", "must be one of the allowed hosts")]
    else:
        errors = [body_error()]
    return problem_response(request, 400, INVALID, errors)


def forbidden(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403."""
    return problem_response(request, 403, "The request is not allowed.")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: a path no pattern matches."""
    return problem_response(request, 404, NOT_FOUND_PATH)


def server_error(request: HttpRequest) -> HttpResponse:
    """500."""
    return problem_response(request, 500, INTERNAL)
