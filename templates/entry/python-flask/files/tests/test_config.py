import json
import logging

import pytest

from config import DEFAULT_PORT, JsonFormatter, bind_address


def test_json_formatter_writes_one_object_per_record() -> None:
    record = logging.LogRecord(
        "app", logging.INFO, __file__, 1, "hello %s", ("x",), None
    )
    record.status = 201

    entry = json.loads(JsonFormatter().format(record))

    assert entry["level"] == "info"
    assert entry["logger"] == "app"
    assert entry["message"] == "hello x"
    assert entry["status"] == 201
    assert "time" in entry


def test_bind_address_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOST", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    assert bind_address() == f"127.0.0.1:{DEFAULT_PORT}"


def test_bind_address_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOST", "::1")
    monkeypatch.setenv("PORT", "8081")
    assert bind_address() == "[::1]:8081"


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1", ""])
def test_bind_address_rejects_bad_port(
    monkeypatch: pytest.MonkeyPatch, port: str
) -> None:
    monkeypatch.setenv("PORT", port)
    with pytest.raises(ValueError, match="PORT must be an integer"):
        bind_address()
