"""Validators of the contract's variables (HOST, PORT, DATABASE_URL, LOG_LEVEL)
and the database URL forms; each framework's settings call them.

A bad value raises ConfigError, whose message names the variable and the
value (a password shown as ***), so the process can stop before it listens.
"""

import ipaddress
import re
from typing import Final, Literal
from urllib.parse import unquote, urlsplit

from dotenv import load_dotenv

DatabaseKind = Literal["postgres", "sqlite"]

LOG_LEVELS: Final = ("debug", "info", "warn", "error")

_HOST_LABEL: Final = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_POSTGRES_RULE: Final = (
    "must be a PostgreSQL URL such as "
    "postgres://user:password@127.0.0.1:5432/name?sslmode=disable"
)
_SQLITE_RULE: Final = (
    "must be sqlite: followed by a file path, such as sqlite:data/app.db"
)


class ConfigError(ValueError):
    """A variable with an invalid value; the message names both."""


def load_env_file(path: str = ".env") -> None:
    """Loads a .env file into the environment; a variable already set wins,
    and a missing file is not an error."""
    load_dotenv(path, override=False)


def check_port(raw: str) -> int:
    """PORT: an integer from 1 to 65535."""
    if re.fullmatch(r"[0-9]{1,5}", raw) is None or not 1 <= int(raw) <= 65535:
        raise ConfigError(f"invalid PORT {raw!r}: must be an integer from 1 to 65535")
    return int(raw)


def check_host(raw: str) -> str:
    """HOST: an IP address or a host name."""
    try:
        ipaddress.ip_address(raw)
    except ValueError:
        labels = raw.split(".")
        if len(raw) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
            raise ConfigError(
                f"invalid HOST {raw!r}: must be an IP address or a host name"
            ) from None
    return raw


def check_log_level(raw: str) -> str:
    """LOG_LEVEL: debug, info, warn or error."""
    if raw not in LOG_LEVELS:
        raise ConfigError(
            f"invalid LOG_LEVEL {raw!r}: must be debug, info, warn or error"
        )
    return raw


def check_database_url(raw: str, kind: DatabaseKind) -> str:
    """DATABASE_URL: a postgres:// or postgresql:// URL, or sqlite: and a file
    path, whichever the project was made for."""
    if kind == "postgres":
        ok = False
        try:
            url = urlsplit(raw)
            ok = url.scheme in ("postgres", "postgresql") and bool(url.hostname)
            _ = url.port  # a port that is not a number raises ValueError
        except ValueError:
            ok = False
        if not ok:
            raise ConfigError(f"invalid DATABASE_URL {redact(raw)!r}: {_POSTGRES_RULE}")
    elif not raw.startswith("sqlite:") or raw == "sqlite:":
        raise ConfigError(f"invalid DATABASE_URL {redact(raw)!r}: {_SQLITE_RULE}")
    return raw


def database_kind(url: str) -> DatabaseKind:
    """The kind of database a (valid) URL names."""
    return "sqlite" if url.startswith("sqlite:") else "postgres"


def sqlite_path(url: str) -> str:
    """The file path of a sqlite: URL."""
    return url.removeprefix("sqlite:")


def redact(url: str) -> str:
    """The URL with its password replaced by ***."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    userinfo, at, host = rest.rpartition("@")
    if not at or ":" not in userinfo:
        return url
    user = userinfo.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


def sqlalchemy_url(url: str) -> str:
    """The SQLAlchemy URL of a DATABASE_URL: PostgreSQL through psycopg 3, or
    the SQLite file."""
    if database_kind(url) == "sqlite":
        return "sqlite:///" + sqlite_path(url)
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def django_database(url: str) -> dict[str, object]:
    """A Django DATABASES entry for a DATABASE_URL."""
    if database_kind(url) == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": sqlite_path(url)}
    parts = urlsplit(url)
    options: dict[str, str] = {}
    for pair in parts.query.split("&"):
        key, eq, value = pair.partition("=")
        if key and eq:
            options[unquote(key)] = unquote(value)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
    }
