"""The route class of every endpoint: the contract's checks that come before
FastAPI's own parsing, in the contract's order."""

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.requests import ClientDisconnect

from app.api.middleware import BodyTooLargeError
from app.api.problems import ProblemError
from contract.problem import TOO_LARGE, body_error, parameter_error
from contract.rules import RULES, is_json_content_type, parse_id, parse_paging

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class ContractRoute(APIRoute):
    """An APIRoute that, before FastAPI reads the request, checks in order:

    1. the {id} of the path (400 naming id; the body is not read);
    2. page and limit on the raw query string, where an empty or repeated
       parameter is an error that FastAPI's parsing would hide (both are
       reported at once);
    3. the body as a whole: at most 1 MiB (413), sent as application/json
       (a charset=utf-8 parameter is allowed), UTF-8, JSON, an object (else
       400 with one error for "#"; a body nested too deep is one of these).

    What passes is what FastAPI and Pydantic accept as they are, so their
    validation errors are about fields only (app.api.problems maps them).
    """

    def get_route_handler(self) -> Handler:
        handle = super().get_route_handler()
        paged = bool({"page", "limit"} & _query_names(self.dependant))
        has_body = self.body_field is not None

        async def handler(request: Request) -> Response:
            check_id(request)
            if paged:
                check_paging(request)
            if has_body:
                await check_body(request)
            return await handle(request)

        return handler


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.name for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def check_id(request: Request) -> None:
    raw = request.path_params.get("id")
    if isinstance(raw, str) and parse_id(raw) is None:
        raise ProblemError.invalid(parameter_error("id", RULES.ID))


def check_paging(request: Request) -> None:
    query: bytes = request.scope.get("query_string", b"")
    paging = parse_paging(query.decode("latin-1"))
    if isinstance(paging, list):
        raise ProblemError.invalid(*paging)


async def check_body(request: Request) -> None:
    try:
        body = await request.body()
    except BodyTooLargeError:
        raise ProblemError(413, TOO_LARGE) from None
    except ClientDisconnect:
        # Nobody will read the answer; the request still ends as a 400.
        raise ProblemError.invalid(body_error()) from None
    content_types = request.headers.getlist("content-type")
    if len(content_types) != 1 or not is_json_content_type(content_types[0]):
        raise ProblemError.invalid(body_error())
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ProblemError.invalid(body_error()) from None
    if not isinstance(document, dict):
        raise ProblemError.invalid(body_error())
