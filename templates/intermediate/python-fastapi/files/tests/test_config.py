"""Settings: every variable checked before the server listens."""

import pytest

from app.core.config import DATABASE_KIND, DEFAULT_DATABASE_URL, load_settings
from app.server import main
from contract.config import ConfigError

VARIABLES = ("HOST", "PORT", "DATABASE_URL", "LOG_LEVEL")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_defaults() -> None:
    settings = load_settings()
    assert settings.host == "127.0.0.1"
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.log_level == "info"


def test_values_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("LOG_LEVEL", "warn")
    settings = load_settings()
    assert (settings.host, settings.port, settings.log_level) == (
        "0.0.0.0",
        9000,
        "warn",
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "0"),
        ("PORT", "65536"),
        ("PORT", "http"),
        ("PORT", ""),
        ("HOST", "not a host"),
        ("LOG_LEVEL", "verbose"),
        ("DATABASE_URL", "mysql://u:p@h/db"),
        (
            "DATABASE_URL",
            "sqlite:app.db" if DATABASE_KIND == "postgres" else "postgres://h/db",
        ),
    ],
)
def test_a_bad_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        load_settings()


def test_the_password_is_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://app:secret@host/db")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "secret" not in str(caught.value)


def test_the_server_refuses_to_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PORT", "99999")
    assert main([]) == 1
    assert "PORT" in capsys.readouterr().err
