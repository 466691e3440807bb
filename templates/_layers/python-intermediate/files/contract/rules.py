"""The contract's rules for what a client sends: ids in paths, paging, and the
string fields of users and items, with the exact texts of their field errors.

Each framework's validation calls these, so every template applies the same
rules the same way.
"""

import re
from typing import Final, NamedTuple
from urllib.parse import parse_qsl

MAX_BODY_BYTES: Final = 1_048_576
"""The largest request body the API reads (1 MiB)."""

MAX_ID: Final = 9_223_372_036_854_775_807
DEFAULT_PAGE: Final = 1
MAX_PAGE: Final = 2_147_483_647
DEFAULT_LIMIT: Final = 20
MAX_LIMIT: Final = 100
MAX_NAME: Final = 100
MAX_EMAIL: Final = 254
MAX_DESCRIPTION: Final = 1000

# One entry of a 400's errors: {"pointer" or "parameter": ..., "detail": ...}.
FieldError = dict[str, str]


class RULES:
    """The rule texts of the contract's field errors."""

    OBJECT: Final = "must be a JSON object sent as application/json"
    REQUIRED: Final = "is required"
    STRING: Final = "must be a string"
    NAME: Final = "must be 1 to 100 characters"
    DESCRIPTION: Final = "must be 1 to 1000 characters; send null for none"
    CONTROL: Final = "must not contain control characters"
    EMAIL: Final = "must be a valid email address of at most 254 characters"
    UNKNOWN: Final = "is not a known field"
    PAGE: Final = "must be an integer from 1 to 2147483647"
    LIMIT: Final = "must be an integer from 1 to 100"
    ID: Final = "must be an integer from 1 to 9223372036854775807"


class RuleError(ValueError):
    """A value that breaks one of the contract's rules; detail is the rule text."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Paging(NamedTuple):
    """A page of a list that was asked for."""

    page: int
    limit: int

    @property
    def offset(self) -> int:
        """The number of items before the page."""
        return (self.page - 1) * self.limit


_ID: Final = re.compile(r"[1-9][0-9]{0,18}")
_PAGING_VALUE: Final = re.compile(r"[1-9][0-9]{0,9}")


def parse_id(raw: str) -> int | None:
    """The id of a path segment: decimal digits, no sign, no leading zero,
    1 to 9223372036854775807; None for anything else."""
    if _ID.fullmatch(raw) is None:
        return None
    value = int(raw)
    return value if value <= MAX_ID else None


def parse_paging(raw_query: str) -> Paging | list[FieldError]:
    """Reads page and limit from a raw query string, applying the defaults.

    A value that is empty, given twice or out of range is a field error; both
    parameters are checked, so both can be reported at once. Other parameters
    are ignored.
    """
    pairs = parse_qsl(raw_query, keep_blank_values=True)
    errors: list[FieldError] = []
    page = _paging_value(pairs, "page", DEFAULT_PAGE, MAX_PAGE)
    if page is None:
        errors.append({"parameter": "page", "detail": RULES.PAGE})
    limit = _paging_value(pairs, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    if limit is None:
        errors.append({"parameter": "limit", "detail": RULES.LIMIT})
    if page is None or limit is None:
        return errors
    return Paging(page, limit)


def _paging_value(
    pairs: list[tuple[str, str]], name: str, default: int, maximum: int
) -> int | None:
    values = [value for key, value in pairs if key == name]
    if not values:
        return default
    if len(values) != 1 or _PAGING_VALUE.fullmatch(values[0]) is None:
        return None
    value = int(values[0])
    return value if value <= maximum else None


# White space as Unicode defines it (Go's unicode.IsSpace), trimmed from both
# ends of every string field. str.strip() differs: it also strips U+001C to
# U+001F, which are control characters the rules must see.
_SPACE: Final = (
    "\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Control characters, U+0000 to U+001F and U+007F.
_CONTROL: Final = re.compile("[\x00-\x1f\x7f]")
# The same but tab, line feed and carriage return, which a description may hold.
_CONTROL_BUT_LINES: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The address syntax browsers use for <input type="email">, ASCII only.
_EMAIL: Final = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)


def trim_space(s: str) -> str:
    """s without surrounding white space (Go's strings.TrimSpace)."""
    return s.strip(_SPACE)


def check_name(raw: str) -> str:
    """A name trimmed, then 1 to 100 characters without control characters."""
    value = trim_space(raw)
    if not 1 <= len(value) <= MAX_NAME:
        raise RuleError(RULES.NAME)
    if _CONTROL.search(value):
        raise RuleError(RULES.CONTROL)
    return value


def check_email(raw: str) -> str:
    """An email trimmed, then at most 254 characters of the address syntax."""
    value = trim_space(raw)
    if not 1 <= len(value) <= MAX_EMAIL:
        raise RuleError(RULES.EMAIL)
    if _CONTROL.search(value):
        raise RuleError(RULES.CONTROL)
    if _EMAIL.fullmatch(value) is None:
        raise RuleError(RULES.EMAIL)
    return value


def check_description(raw: str) -> str:
    """A description string trimmed, then 1 to 1000 characters without control
    characters but tab, line feed and carriage return. (None, meaning no
    description, is the caller's to accept before calling this.)"""
    value = trim_space(raw)
    if not 1 <= len(value) <= MAX_DESCRIPTION:
        raise RuleError(RULES.DESCRIPTION)
    if _CONTROL_BUT_LINES.search(value):
        raise RuleError(RULES.CONTROL)
    return value


def is_json_content_type(value: str | None) -> bool:
    """Whether a Content-Type is application/json with at most charset=utf-8."""
    if value is None:
        return False
    media_type, *params = (part.strip() for part in value.split(";"))
    if media_type.lower() != "application/json":
        return False
    for param in params:
        key, eq, val = param.partition("=")
        if not eq or key.strip().lower() != "charset":
            return False
        if val.strip().strip('"').lower() != "utf-8":
            return False
    return True
