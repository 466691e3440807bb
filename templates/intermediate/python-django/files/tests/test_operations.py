"""The operational endpoints and what every answer shares: 404 and 405,
request ids, headers, the log line and the metrics."""

import json
import logging
import re

import pytest
from rest_framework.test import APIClient

from contract.openapi import load_openapi
from contract.problem import INTERNAL, INVALID, METHOD_NOT_ALLOWED, NOT_FOUND_PATH
from tests.support import assert_problem, body_of

pytestmark = pytest.mark.django_db(databases="__all__")

UUID4 = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
)


def test_health_and_ready(api: APIClient) -> None:
    for path in ("/health", "/ready"):
        response = api.get(path)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert body_of(response) == {"status": "ok"}


def test_ready_is_503_when_the_database_fails(
    api: APIClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import DatabaseError
    from django.db.backends.utils import CursorWrapper

    def refuse(*args: object, **kwargs: object) -> None:
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    assert_problem(api.get("/ready"), 503, "The database is not answering.")


def test_openapi_json_is_the_document(api: APIClient) -> None:
    response = api.get("/openapi.json")
    assert response.status_code == 200
    assert json.loads(response.content) == load_openapi()


@pytest.mark.parametrize(
    "path", ["/nope", "/api/v1/users/", "/api/v1", "/api/v1/users/1/x", "/api/v2/users"]
)
def test_unlisted_paths_are_404(api: APIClient, path: str) -> None:
    problem = assert_problem(api.get(path), 404, NOT_FOUND_PATH)
    assert problem["instance"] == path


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/api/v1/users/1", "GET, DELETE, PATCH, HEAD"),
        ("DELETE", "/api/v1/users", "GET, POST, HEAD"),
        ("POST", "/health", "GET, HEAD"),
        ("OPTIONS", "/api/v1/users", "GET, POST, HEAD"),
    ],
)
def test_unserved_methods_are_405_with_allow(
    api: APIClient, method: str, path: str, allowed: str
) -> None:
    response = api.generic(method, path)
    assert_problem(response, 405, METHOD_NOT_ALLOWED)
    assert response["Allow"] == allowed


def test_a_host_not_allowed_is_a_400(api: APIClient) -> None:
    response = api.get("/health", HTTP_HOST="evil.example")
    assert_problem(
        response,
        400,
        INVALID,
        [{"parameter": "Host", "detail": "must be one of the allowed hosts"}],
    )
    assert response["X-Request-ID"]


def test_an_unexpected_error_is_a_500_logged_with_its_cause(
    api: APIClient,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from apps.users.repository import DjangoUserRepository

    def fail(*args: object) -> None:
        raise RuntimeError("the cause")

    monkeypatch.setattr(DjangoUserRepository, "page", fail)
    with caplog.at_level(logging.ERROR):
        response = api.get("/api/v1/users", HTTP_X_REQUEST_ID="boom-1")
    problem = assert_problem(response, 500, INTERNAL)
    assert "the cause" not in json.dumps(problem)
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None
    assert str(record.exc_info[1]) == "the cause"


def test_head_is_get_without_a_body(api: APIClient) -> None:
    response = api.head("/api/v1/users")
    assert response.status_code == 200


def test_answers_are_json_whatever_accept_says(api: APIClient) -> None:
    response = api.get("/api/v1/users", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    response = api.get("/api/v1/users/0", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/problem+json"


def test_every_answer_has_the_common_headers(api: APIClient) -> None:
    for path in ("/health", "/nope", "/api/v1/users/0"):
        response = api.get(path)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert UUID4.fullmatch(response["X-Request-ID"])
        assert "Server" not in response


@pytest.mark.parametrize("sent", ["abc-123", "A.b_c:d-9", "x" * 128])
def test_a_valid_request_id_comes_back(api: APIClient, sent: str) -> None:
    for path in ("/health", "/nope"):
        assert api.get(path, HTTP_X_REQUEST_ID=sent)["X-Request-ID"] == sent


@pytest.mark.parametrize("sent", ["", "has space", "semi;colon", "y" * 129, "a,b"])
def test_an_invalid_request_id_is_replaced(api: APIClient, sent: str) -> None:
    got = api.get("/health", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]
    assert UUID4.fullmatch(got)


def test_each_request_ends_with_one_log_line(
    api: APIClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="app.request"):
        api.get("/api/v1/users/9223372036854775807", HTTP_X_REQUEST_ID="log-probe")
    [record] = [r for r in caplog.records if r.name == "app.request"]
    line = vars(record)
    assert record.getMessage() == "request"
    assert line["method"] == "GET"
    assert line["path"] == "/api/v1/users/9223372036854775807"
    assert line["route"] == "/api/v1/users/{id}"
    assert line["status"] == 404
    assert line["duration_ms"] >= 0


def test_metrics_count_routes_and_unmatched_paths(api: APIClient) -> None:
    series = (
        'http_requests_total{method="GET",route="/api/v1/users/{id}",status="404"}',
        'http_requests_total{method="GET",route="unmatched",status="404"}',
    )

    def read() -> dict[str, float]:
        response = api.get("/metrics")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain; version=0.0.4")
        values = {}
        for line in response.content.decode().splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                values[name] = float(value)
        return values

    before = read()
    for _ in range(3):
        api.get("/api/v1/users/9223372036854775807")
        api.get("/no/such/path")
    after = read()
    for name in series:
        assert after[name] - before.get(name, 0) == 3
    assert any(
        name.startswith("http_request_duration_seconds_bucket{")
        and 'route="/api/v1/users/{id}"' in name
        and 'le="0.005"' in name
        for name in after
    )
