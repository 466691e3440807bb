"""Problem detail responses (RFC 9457) with the contract's members."""

import json

from django.http import HttpRequest, HttpResponse

from contract.problem import (
    PROBLEM_CONTENT_TYPE,
    FieldError,
    instance_of,
    problem,
    title_of,
)


def instance(request: HttpRequest) -> str:
    """The request's path as sent: percent-escapes kept, no query.

    Gunicorn gives the request target as it arrived in RAW_URI; elsewhere
    (tests, other servers) the path Django decoded is quoted again.
    """
    raw = request.META.get("RAW_URI")
    if isinstance(raw, str) and raw:
        return instance_of(raw)
    return instance_of(request.get_full_path())


def problem_response(
    request: HttpRequest,
    status: int,
    detail: str,
    errors: list[FieldError] | None = None,
) -> HttpResponse:
    """A problem detail answer, Content-Type application/problem+json."""
    body = problem(status, instance(request), detail, errors)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False).encode("utf-8"),
        status=status,
        # The status line's reason as RFC 9110 spells it, as the title.
        reason=title_of(status),
        content_type=PROBLEM_CONTENT_TYPE,
    )
