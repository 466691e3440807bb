"""Request bodies: one JSON object, sent as application/json, at most 1 MiB.

The checks run in the contract's order: the size first (413, from
Content-Length before anything is read, else while reading), then the content
type, UTF-8, the JSON syntax and the object (400 naming `#`).
"""

import json
import re
from collections.abc import Mapping
from typing import IO, Any, Final

from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.request import Request

from contract.problem import body_error
from contract.rules import MAX_BODY_BYTES, RULES, is_json_content_type
from utils.errors import BodyTooLarge, InvalidRequest

# A lone surrogate escape ("\ud800") decodes to a str that is not Unicode
# text and could never be stored or answered.
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _refuse_constant(name: str) -> Any:
    # NaN, Infinity and -Infinity are not JSON.
    raise ValueError(f"{name} is not JSON")


def declared_length(request: Request) -> int:
    """The request's Content-Length (0 when absent)."""
    raw = request.META.get("CONTENT_LENGTH") or "0"
    return int(raw) if raw.isdigit() else 0


class JSONObjectParser(BaseParser):
    """DRF's only parser: strict JSON, one object, nothing past 1 MiB."""

    media_type = "application/json"

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        raw = stream.read(MAX_BODY_BYTES + 1)
        if len(raw) > MAX_BODY_BYTES:
            raise BodyTooLarge()
        try:
            # Python's json refuses invalid UTF-8 only in bytes it decodes
            # itself; decode first so the error is ours to map.
            data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            # RecursionError: nesting deeper than the parser goes.
            raise ParseError(RULES.OBJECT) from exc
        if not isinstance(data, dict):
            raise ParseError(RULES.OBJECT)
        for key, value in data.items():
            if _SURROGATE.search(key) or (
                isinstance(value, str) and _SURROGATE.search(value)
            ):
                raise ParseError(RULES.OBJECT)
        return data


def json_object(request: Request) -> dict[str, Any]:
    """The request's body as a JSON object, or the contract's 413 or 400."""
    length = declared_length(request)
    if length > MAX_BODY_BYTES:
        # Refused from the header: the body is never read.
        raise BodyTooLarge()
    if length == 0 or not is_json_content_type(request.content_type or None):
        raise InvalidRequest([body_error()])
    data = request.data  # JSONObjectParser
    if not isinstance(data, dict):
        raise InvalidRequest([body_error()])
    return data
