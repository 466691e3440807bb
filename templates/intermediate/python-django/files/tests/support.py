"""Helpers of the API tests: requests with raw bodies, and the contract's
answers checked in one place."""

import json
import re
from typing import Any, Final

from django.http import HttpResponse
from rest_framework.test import APIClient

JSON: Final = "application/json"
MAX_BODY: Final = 1_048_576
TIMESTAMP: Final = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


def send(
    api: APIClient,
    method: str,
    path: str,
    body: bytes | str | dict[str, Any] | list[Any] | None = None,
    content_type: str = JSON,
) -> HttpResponse:
    """A request with the body as given: bytes and str as they are, anything
    else as JSON."""
    if body is None:
        data = b""
    elif isinstance(body, bytes):
        data = body
    elif isinstance(body, str):
        data = body.encode("utf-8")
    else:
        data = json.dumps(body).encode("utf-8")
    # Django's client sends bytes as they are; its stubs only say str.
    response: HttpResponse = api.generic(
        method,
        path,
        data=data,  # type: ignore[arg-type]
        content_type=content_type,
    )
    return response


def body_of(response: HttpResponse) -> Any:
    """The response's JSON body."""
    return json.loads(response.content)


def padded(document: str, size: int) -> bytes:
    """A JSON document padded with spaces to exactly size bytes."""
    raw = document.encode("utf-8")
    return raw + b" " * (size - len(raw))


def assert_problem(
    response: HttpResponse,
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The response is the contract's problem detail with this status, detail
    and (on a 400) exactly these field errors, in any order."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem: dict[str, Any] = body_of(response)
    assert problem["type"] == "about:blank"
    assert problem["status"] == status
    assert problem["detail"] == detail
    assert problem["instance"].startswith("/")
    if status == 400:
        assert errors is not None
        assert sorted(problem["errors"], key=str) == sorted(errors, key=str)
        keys = {"type", "title", "status", "detail", "instance", "errors"}
    else:
        keys = {"type", "title", "status", "detail", "instance"}
    assert set(problem) == keys
    return problem


def pointer(name: str, detail: str) -> dict[str, str]:
    return {"pointer": name, "detail": detail}


def parameter(name: str, detail: str) -> dict[str, str]:
    return {"parameter": name, "detail": detail}


def assert_timestamps(item: dict[str, Any]) -> None:
    """created_at and updated_at in the contract's form, in order."""
    assert TIMESTAMP.fullmatch(item["created_at"]), item
    assert TIMESTAMP.fullmatch(item["updated_at"]), item
    assert item["updated_at"] >= item["created_at"]
