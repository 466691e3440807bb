"""JSON log lines: time, level, msg, the request id, and any extra fields."""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Final

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
"""The id of the request being handled; set by the request-id middleware."""

LEVELS: Final = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warn": logging.WARNING,
    "error": logging.ERROR,
}

# The attributes every LogRecord has; anything else came in through extra=.
_RECORD_ATTRS: Final = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()
    | {"message", "asctime", "taskName"}
)


def _level_name(levelno: int) -> str:
    if levelno >= logging.ERROR:
        return "error"
    if levelno >= logging.WARNING:
        return "warn"
    if levelno >= logging.INFO:
        return "info"
    return "debug"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (RFC 3339, UTC, milliseconds), level
    (debug, info, warn or error), msg, request_id while a request is handled,
    the logger's name, extra fields, and an exception's traceback as error."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC)
        line: dict[str, Any] = {
            "time": when.strftime("%Y-%m-%dT%H:%M:%S.")
            + f"{when.microsecond // 1000:03d}Z",
            "level": _level_name(record.levelno),
            "msg": record.getMessage(),
            "logger": record.name,
        }
        request_id = request_id_var.get()
        if request_id is not None:
            line["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRS and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def logging_config(level: str) -> dict[str, Any]:
    """A logging.config.dictConfig that writes JSON lines on standard output at
    level (debug, info, warn or error) and up, for the app, the framework and
    the server alike."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "root": {"handlers": ["stdout"], "level": LEVELS[level]},
        "loggers": {
            # Each request has one line of the app's own; the servers' access
            # logs would repeat it.
            "gunicorn.access": {"level": "CRITICAL", "propagate": False},
            "uvicorn.access": {"level": "CRITICAL", "propagate": False},
            "gunicorn.error": {"handlers": ["stdout"], "propagate": False},
            "uvicorn.error": {"handlers": ["stdout"], "propagate": False},
        },
    }
