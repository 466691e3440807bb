"""Serializer pieces with the contract's rules and texts.

RuleField holds one of contract.rules' checks (trimming included) and the
texts "is required" and "must be a string"; ContractSerializer refuses fields
it does not declare ("is not a known field") and reports every field at once.
"""

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contract.rules import RULES, RuleError


@extend_schema_field(OpenApiTypes.STR)
class RuleField(serializers.Field):  # type: ignore[type-arg]
    """A string field checked by a contract rule, answered as stored."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "required": RULES.REQUIRED,
        "null": RULES.STRING,
        "invalid": RULES.STRING,
    }

    def __init__(self, rule: Callable[[str], str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rule = rule

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return self.rule(data)
        except RuleError as exc:
            raise serializers.ValidationError(exc.detail) from exc

    def to_representation(self, value: Any) -> Any:
        return value


@extend_schema_field(OpenApiTypes.DATETIME)
class TimestampField(serializers.Field):  # type: ignore[type-arg]
    """A stored time answered as RFC 3339 in UTC with milliseconds and Z."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: datetime) -> str:
        when = value.astimezone(UTC)
        return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"

    def to_internal_value(self, data: Any) -> datetime:
        raise NotImplementedError("timestamps are read-only")


class ContractSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A request body's serializer: every declared field checked, and every
    other field refused, all reported in one 400."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        value: dict[str, Any] = {}
        try:
            value = dict(super().to_internal_value(data))
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, Mapping):
                errors.update(exc.detail)
            else:
                raise
        if isinstance(data, Mapping):
            for key in data:
                if key not in self.fields:
                    errors[key] = [RULES.UNKNOWN]
        if errors:
            raise serializers.ValidationError(errors)
        return value
