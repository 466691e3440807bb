import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import DEFAULT_PORT, JsonFormatter, bind_address, load_env_file, log_level

PROJECT = Path(__file__).resolve().parent.parent


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


@pytest.mark.parametrize(
    ("host", "port", "address"),
    [
        ("::1", "8081", "[::1]:8081"),
        ("0.0.0.0", "1", "0.0.0.0:1"),
        ("127.0.0.1", "65535", "127.0.0.1:65535"),
    ],
)
def test_bind_address_from_env(
    monkeypatch: pytest.MonkeyPatch, host: str, port: str, address: str
) -> None:
    monkeypatch.setenv("HOST", host)
    monkeypatch.setenv("PORT", port)
    assert bind_address() == address


@pytest.mark.parametrize(
    "port", ["0", "65536", "http", "-1", "", " 80", "8e3", "\N{ARABIC-INDIC DIGIT ONE}"]
)
def test_bind_address_rejects_bad_port(
    monkeypatch: pytest.MonkeyPatch, port: str
) -> None:
    monkeypatch.setenv("PORT", port)
    with pytest.raises(ValueError, match=f"PORT must be an integer .* got {port!r}"):
        bind_address()


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        (None, "INFO"),
        ("debug", "DEBUG"),
        ("info", "INFO"),
        ("warn", "WARNING"),
        ("error", "ERROR"),
        ("WARN", "WARNING"),
    ],
)
def test_log_level(
    monkeypatch: pytest.MonkeyPatch, raw: str | None, level: str
) -> None:
    if raw is None:
        monkeypatch.delenv("LOG_LEVEL", raising=False)
    else:
        monkeypatch.setenv("LOG_LEVEL", raw)
    assert log_level() == level


@pytest.mark.parametrize("raw", ["verbose", "", "warning", "10"])
def test_log_level_rejects_others(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("LOG_LEVEL", raw)
    with pytest.raises(ValueError, match=f"LOG_LEVEL must be one of .* got {raw!r}"):
        log_level()


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A private copy of the environment that load_env_file writes to."""
    env = {"PORT": "9000"}
    monkeypatch.setattr(os, "environ", env)
    return env


def test_env_file_is_read_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str]
) -> None:
    (tmp_path / ".env").write_text("PORT=7000\nLOG_LEVEL=debug\n# a comment\n")
    monkeypatch.chdir(tmp_path)

    load_env_file()

    assert (environ["PORT"], environ["LOG_LEVEL"]) == ("9000", "debug")


def test_missing_env_file_is_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str]
) -> None:
    monkeypatch.chdir(tmp_path)
    load_env_file()
    assert (environ["PORT"], environ.get("LOG_LEVEL")) == ("9000", None)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("PORT", "0"), ("PORT", "65536"), ("PORT", "http"), ("LOG_LEVEL", "loud")],
)
def test_server_refuses_to_start_with_a_bad_setting(variable: str, value: str) -> None:
    # Gunicorn reads its config first, so --check-config stops at the setting.
    env = {**os.environ, "PORT": "8080", "LOG_LEVEL": "info", variable: value}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--check-config",
            "--config",
            str(PROJECT / "gunicorn.conf.py"),
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert f"{variable} must be" in result.stderr
    assert repr(value) in result.stderr
    assert "Traceback" not in result.stderr
