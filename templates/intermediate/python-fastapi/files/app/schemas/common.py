"""Field types and bodies every resource shares.

The string fields run the contract's rules (contract.rules) after Pydantic's
type check, so a wrong type says "must be a string" and a broken rule its own
text; the exception handler turns each error into the contract's field error.
"""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
)
from pydantic_core import PydanticCustomError

from app.core.clock import format_ms
from contract.rules import check_description, check_email, check_name


def _well_formed(value: str) -> str:
    # JSON may escape a lone UTF-16 surrogate ("\ud800"), which no database
    # can store: it becomes U+FFFD, as Go's and JavaScript's parsers do.
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _not_null(value: object) -> object:
    # An optional field of an update may be left out, but not sent as null.
    if value is None:
        raise PydanticCustomError("string_type", "Input should be a valid string")
    return value


Name = Annotated[
    str,
    Strict(),
    AfterValidator(_well_formed),
    AfterValidator(check_name),
    Field(json_schema_extra={"minLength": 1, "maxLength": 100}),
]
"""Trimmed, 1 to 100 characters, no control characters."""

Email = Annotated[
    str,
    Strict(),
    AfterValidator(_well_formed),
    AfterValidator(check_email),
    Field(json_schema_extra={"maxLength": 254}),
]
"""Trimmed, at most 254 characters of the address syntax."""

Description = Annotated[
    str,
    Strict(),
    AfterValidator(_well_formed),
    AfterValidator(check_description),
    Field(json_schema_extra={"minLength": 1, "maxLength": 1000}),
]
"""Trimmed, 1 to 1000 characters, no control characters but tab, line feed
and carriage return."""

NotNull = BeforeValidator(_not_null)
"""For an update's optional fields: absent is fine, null is not."""

Timestamp = Annotated[datetime, PlainSerializer(format_ms, return_type=str)]
"""Answered as 2025-01-02T03:04:05.678Z."""


class Input(BaseModel):
    """A request body: a field it does not declare is an error."""

    model_config = ConfigDict(extra="forbid")


class Output(BaseModel):
    """A response body, read from a model's attributes."""

    model_config = ConfigDict(from_attributes=True)


class Health(BaseModel):
    """The answer of /health and /ready."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["ok"]


class Problem(BaseModel):
    """An RFC 9457 problem detail."""

    type: Literal["about:blank"]
    title: str
    status: int
    detail: str
    instance: str


class FieldError(BaseModel):
    """One invalid part of a request: a body field (pointer) or a query or
    path parameter (parameter)."""

    model_config = ConfigDict(extra="forbid")

    detail: str
    pointer: str | None = None
    parameter: str | None = None


class BadRequestProblem(Problem):
    """The problem detail of a 400, with every invalid part."""

    errors: list[FieldError]
