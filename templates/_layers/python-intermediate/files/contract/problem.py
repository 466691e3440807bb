"""RFC 9457 problem details with the contract's titles, details and field errors."""

from typing import Final

from contract.rules import RULES
from contract.rules import FieldError as FieldError

PROBLEM_CONTENT_TYPE: Final = "application/problem+json"

# Reason phrases as RFC 9110 spells them (not a runtime's own table, which
# says "Request Entity Too Large" for 413, for one).
TITLES: Final[dict[int, str]] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    500: "Internal Server Error",
    503: "Service Unavailable",
}

INVALID: Final = "The request is invalid; see errors."
NOT_FOUND_PATH: Final = "There is nothing at this path."
METHOD_NOT_ALLOWED: Final = "The method is not allowed here; see the Allow header."
CONFLICT_EMAIL: Final = "A user with this email already exists."
TOO_LARGE: Final = "The request body is larger than 1 MiB."
INTERNAL: Final = "An unexpected error occurred."
UNAVAILABLE: Final = "The database is not answering."

# What a URI fragment may hold unescaped (RFC 3986: unreserved, sub-delims,
# ":", "@", "/" and "?").
_FRAGMENT_SAFE: Final = frozenset(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?"
)


def title_of(status: int) -> str:
    """The RFC 9110 title of a status."""
    title = TITLES.get(status)
    if title is not None:
        return title
    return "Internal Server Error" if status >= 500 else "Bad Request"


def not_found_item(item: str, id: int | str) -> str:
    """The detail of a 404 for an id no item has; item is the kebab singular."""
    return f"No {item} has the id {id}."


def json_pointer(field: str) -> str:
    """The JSON Pointer (RFC 6901) of a top-level field, in URI fragment form.

    "" is the document itself ("#"); "~" and "/" are escaped as ~0 and ~1, and
    every byte a fragment may not hold is percent-encoded in upper case.
    """
    if field == "":
        return "#"
    token = field.replace("~", "~0").replace("/", "~1")
    out = ["#/"]
    for byte in token.encode("utf-8", "surrogatepass"):
        out.append(chr(byte) if byte in _FRAGMENT_SAFE else f"%{byte:02X}")
    return "".join(out)


def pointer_error(field: str, detail: str) -> FieldError:
    """A field error about a field of the body."""
    return {"pointer": json_pointer(field), "detail": detail}


def parameter_error(name: str, detail: str) -> FieldError:
    """A field error about a query or path parameter."""
    return {"parameter": name, "detail": detail}


def body_error() -> FieldError:
    """The field error of a body that is not one JSON object sent as JSON."""
    return {"pointer": "#", "detail": RULES.OBJECT}


def problem(
    status: int,
    instance: str,
    detail: str,
    errors: list[FieldError] | None = None,
) -> dict[str, object]:
    """A problem details body; errors are required on a 400 and absent otherwise."""
    body: dict[str, object] = {
        "type": "about:blank",
        "title": title_of(status),
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if status == 400:
        if not errors:
            raise ValueError("a 400 problem needs at least one field error")
        body["errors"] = errors
    return body


def instance_of(raw_uri: str) -> str:
    """The path of a request target as sent: percent-escapes kept, no query.

    An absolute-form target (http://host/path) gives its path.
    """
    target = raw_uri.split("#", 1)[0].split("?", 1)[0]
    if "://" in target:
        rest = target.split("://", 1)[1]
        slash = rest.find("/")
        target = "/" if slash < 0 else rest[slash:]
    return target or "/"
