"""The project's OpenAPI document (api/openapi.yaml) and the routes it lists."""

import re
from pathlib import Path
from typing import Any, Final

import yaml

OPENAPI_PATH: Final = Path(__file__).resolve().parent.parent / "api" / "openapi.yaml"
"""api/openapi.yaml of the project this package is part of."""

_METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load_openapi(path: Path = OPENAPI_PATH) -> dict[str, Any]:
    """The document as data, the same that GET /openapi.json answers as JSON."""
    with path.open(encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
        raise ValueError(f"{path}: not an OpenAPI document with paths")
    return doc


class Routes:
    """Matches request paths against the document's path templates."""

    def __init__(self, doc: dict[str, Any]) -> None:
        paths: dict[str, Any] = doc["paths"]
        self._routes: list[tuple[str, re.Pattern[str]]] = []
        self._allowed: dict[str, list[str]] = {}
        for template, item in paths.items():
            # A parameter matches one whole segment, as the document's
            # templates mean; everything else matches itself.
            parts = re.split(r"(\{[^}/]+\})", template)
            pattern = "".join(
                "[^/]+" if part.startswith("{") else re.escape(part) for part in parts
            )
            self._routes.append((template, re.compile(pattern)))
            methods = [m.upper() for m in _METHODS if m in item]
            if "GET" in methods and "HEAD" not in methods:
                methods.append("HEAD")
            self._allowed[template] = methods

    def route(self, path: str) -> str | None:
        """The path template a request path matches ("/api/v1/users/{id}"),
        or None when the document lists no such path. Give it the path as
        sent (percent-escapes kept): ids are digits, so no escape matches."""
        for template, pattern in self._routes:
            if pattern.fullmatch(path) is not None:
                return template
        return None

    def allowed(self, route: str) -> list[str]:
        """The methods the document gives a path template, upper case, with
        HEAD wherever GET is: the Allow header of a 405."""
        return list(self._allowed.get(route, []))
