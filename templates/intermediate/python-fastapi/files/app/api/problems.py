"""Problem details (RFC 9457): every error the API answers, in one place."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import Scope

from app.core.errors import EmailTakenError, NotFoundError
from contract.openapi import Routes
from contract.problem import (
    CONFLICT_EMAIL,
    INVALID,
    METHOD_NOT_ALLOWED,
    NOT_FOUND_PATH,
    PROBLEM_CONTENT_TYPE,
    FieldError,
    body_error,
    instance_of,
    not_found_item,
    parameter_error,
    pointer_error,
    problem,
)
from contract.rules import RULES, RuleError

logger = logging.getLogger(__name__)

# The rule of each parameter FastAPI validates (after the request checks of
# app.api.routing, which refuse anything FastAPI would).
_PARAMETER_RULES = {"id": RULES.ID, "page": RULES.PAGE, "limit": RULES.LIMIT}


class ProblemError(Exception):
    """An answer that is a problem detail: raise it anywhere in a request."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers

    @classmethod
    def invalid(cls, *errors: FieldError) -> "ProblemError":
        """A 400 listing every invalid part of the request."""
        return cls(400, INVALID, list(errors))


def instance(scope: Scope) -> str:
    """The request's path as sent: percent-escapes kept, no query."""
    raw = scope.get("raw_path")
    if isinstance(raw, bytes):
        return instance_of(raw.decode("latin-1"))
    return instance_of(str(scope.get("path", "/")))


def problem_response(
    scope: Scope,
    status: int,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The problem detail of status for the request of scope."""
    return JSONResponse(
        problem(status, instance(scope), detail, errors),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_CONTENT_TYPE,
    )


def field_errors(errors: list[dict[str, Any]]) -> list[FieldError]:
    """Pydantic's errors as the contract's field errors, one per part."""
    out: dict[str, FieldError] = {}
    for error in errors:
        loc = tuple(error.get("loc", ()))
        where = loc[0] if loc else "body"
        if where == "body" and len(loc) >= 2 and isinstance(loc[1], str):
            entry = pointer_error(loc[1], _rule(error))
        elif where in ("path", "query") and len(loc) >= 2:
            name = str(loc[1])
            entry = parameter_error(name, _PARAMETER_RULES.get(name, RULES.STRING))
        else:
            entry = body_error()
        key = entry.get("pointer") or entry.get("parameter") or "#"
        out.setdefault(key, entry)
    return list(out.values()) or [body_error()]


def _rule(error: dict[str, Any]) -> str:
    kind = error.get("type")
    if kind == "missing":
        return RULES.REQUIRED
    if kind == "extra_forbidden":
        return RULES.UNKNOWN
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, RuleError):
        return cause.detail
    return RULES.STRING


def install_problem_handlers(app: FastAPI, routes: Routes) -> None:
    """Answers every error the routes raise, and the router's own 404 and
    405, as a problem detail."""

    @app.exception_handler(ProblemError)
    async def on_problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            request.scope, exc.status, exc.detail, exc.errors, exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = field_errors(list(exc.errors()))
        return problem_response(request.scope, 400, INVALID, errors)

    @app.exception_handler(NotFoundError)
    async def on_not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        detail = not_found_item(exc.item, exc.id)
        return problem_response(request.scope, 404, detail)

    @app.exception_handler(EmailTakenError)
    async def on_taken(request: Request, exc: EmailTakenError) -> JSONResponse:
        return problem_response(request.scope, 409, CONFLICT_EMAIL)

    @app.exception_handler(HTTPException)
    async def on_http(request: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 405:
            route = routes.route(instance(request.scope))
            allowed = routes.allowed(route) if route is not None else []
            return problem_response(
                request.scope,
                405,
                METHOD_NOT_ALLOWED,
                headers={"Allow": ", ".join(allowed)},
            )
        if exc.status_code == 404:
            return problem_response(request.scope, 404, NOT_FOUND_PATH)
        if exc.status_code == 400:
            # FastAPI's own answer to a body it could not read.
            return problem_response(request.scope, 400, INVALID, [body_error()])
        logger.warning("HTTP error %d: %s", exc.status_code, exc.detail)
        return problem_response(request.scope, exc.status_code, str(exc.detail))
