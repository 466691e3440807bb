"""DRF's exception handler: every error a view raises becomes the contract's
problem detail. What it does not know (a bug, a database failure) it leaves
to utils.middleware.ProblemMiddleware, which logs it and answers 500."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from rest_framework import exceptions
from rest_framework.request import Request

from contract.problem import (
    CONFLICT_EMAIL,
    INVALID,
    METHOD_NOT_ALLOWED,
    NOT_FOUND_PATH,
    TOO_LARGE,
    FieldError,
    body_error,
    not_found_item,
    pointer_error,
)
from utils.errors import BodyTooLarge, EmailTaken, InvalidRequest, ItemNotFound
from utils.parsers import declared_length
from utils.problems import problem_response

# A body refused as too large is still read to its end, and dropped, when
# it declares at most this many bytes: closing a connection with unread
# data makes the kernel answer the client's writes with a reset, which can
# destroy the 413 before the client reads it. Past this, the connection is
# closed instead (a client declaring 100 MB is not read).
DRAIN_LIMIT_BYTES = 4 * 1024 * 1024


def drain(request: Request) -> bool:
    """Reads and drops what is left of a refused body that declared at most
    DRAIN_LIMIT_BYTES; False when the connection should close instead."""
    length = declared_length(request)
    if not 0 < length <= DRAIN_LIMIT_BYTES:
        return False
    stream = getattr(request, "_request", request)
    try:
        while stream.read(64 * 1024):
            pass
    except OSError:
        return False
    return True


def field_errors(detail: Any) -> list[FieldError]:
    """A serializer's errors as the contract's entries: one per field, its
    first broken rule; errors about the body as a whole name `#`."""
    if not isinstance(detail, Mapping):
        return [body_error()]
    errors: list[FieldError] = []
    for field, messages in detail.items():
        if field == "non_field_errors":
            errors.append(body_error())
            continue
        first = (
            messages[0]
            if isinstance(messages, Sequence) and not isinstance(messages, str)
            else messages
        )
        errors.append(pointer_error(str(field), str(first)))
    return errors or [body_error()]


def problem_exception_handler(
    exc: Exception, context: Mapping[str, Any]
) -> HttpResponse | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]."""
    request: Request = context["request"]
    if isinstance(exc, ItemNotFound):
        return problem_response(request, 404, not_found_item(exc.item, exc.item_id))
    if isinstance(exc, EmailTaken):
        return problem_response(request, 409, CONFLICT_EMAIL)
    if isinstance(exc, InvalidRequest):
        return problem_response(request, 400, INVALID, exc.errors)
    if isinstance(exc, exceptions.ValidationError):
        return problem_response(request, 400, INVALID, field_errors(exc.detail))
    if isinstance(exc, exceptions.ParseError | exceptions.UnsupportedMediaType):
        return problem_response(request, 400, INVALID, [body_error()])
    if isinstance(exc, BodyTooLarge):
        response = problem_response(request, 413, TOO_LARGE)
        if not drain(request):
            # The rest of the body is not read: the connection cannot carry
            # another request.
            response["Connection"] = "close"
        return response
    if isinstance(exc, exceptions.MethodNotAllowed):
        response = problem_response(request, 405, METHOD_NOT_ALLOWED)
        view = context.get("view")
        allowed = getattr(view, "allowed_methods", None)
        if allowed:
            response["Allow"] = ", ".join(allowed)
        return response
    if isinstance(exc, Http404 | exceptions.NotFound):
        return problem_response(request, 404, NOT_FOUND_PATH)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.APIException):
        if exc.status_code == 400:
            return problem_response(request, 400, INVALID, [body_error()])
        response = problem_response(request, exc.status_code, str(exc.detail))
        auth_header = getattr(exc, "auth_header", None)
        if auth_header:
            # Set by DRF on a 401: how to authenticate.
            response["WWW-Authenticate"] = auth_header
        wait = getattr(exc, "wait", None)
        if wait is not None:
            response["Retry-After"] = str(int(wait))
        return response
    return None
