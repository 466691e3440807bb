import os
from pathlib import Path

import pytest

from contract.config import (
    ConfigError,
    check_database_url,
    check_host,
    check_log_level,
    check_port,
    database_kind,
    django_database,
    load_env_file,
    redact,
    sqlalchemy_url,
    sqlite_path,
)


def test_port() -> None:
    assert check_port("1") == 1
    assert check_port("65535") == 65535
    for raw in ["0", "65536", "-1", "80a", "", " 80", "123456"]:
        with pytest.raises(ConfigError, match=f"PORT {raw!r}"):
            check_port(raw)


def test_host() -> None:
    for raw in ["127.0.0.1", "::1", "0.0.0.0", "localhost", "api.example.com"]:
        assert check_host(raw) == raw
    for raw in ["", "bad host", "-x.com", "a..b", "x" * 254]:
        with pytest.raises(ConfigError, match="HOST"):
            check_host(raw)


def test_log_level() -> None:
    for raw in ["debug", "info", "warn", "error"]:
        assert check_log_level(raw) == raw
    with pytest.raises(ConfigError, match="LOG_LEVEL 'warning'"):
        check_log_level("warning")


def test_database_url_postgres() -> None:
    good = "postgres://app:secret@127.0.0.1:5432/app?sslmode=disable"
    assert check_database_url(good, "postgres") == good
    assert (
        check_database_url("postgresql://db/app", "postgres") == "postgresql://db/app"
    )
    for raw in [
        "sqlite:app.db",
        "mysql://u:p@h/db",
        "postgres://",
        "postgres://h:x/db",
    ]:
        with pytest.raises(ConfigError, match="DATABASE_URL") as caught:
            check_database_url(raw, "postgres")
        assert "secret" not in str(caught.value)
    with pytest.raises(ConfigError) as caught:
        check_database_url("mysql://app:secret@h/db", "postgres")
    assert "mysql://app:***@h/db" in str(caught.value)


def test_database_url_sqlite() -> None:
    assert check_database_url("sqlite:data/app.db", "sqlite") == "sqlite:data/app.db"
    for raw in ["sqlite:", "postgres://h/db", "app.db"]:
        with pytest.raises(ConfigError, match="sqlite:"):
            check_database_url(raw, "sqlite")


def test_url_forms() -> None:
    assert redact("postgres://app:secret@h:5432/db") == "postgres://app:***@h:5432/db"
    assert redact("postgres://app@h/db") == "postgres://app@h/db"
    assert redact("sqlite:x.db") == "sqlite:x.db"
    assert database_kind("sqlite:x.db") == "sqlite"
    assert database_kind("postgresql://h/db") == "postgres"
    assert sqlite_path("sqlite:data/x.db") == "data/x.db"
    assert sqlalchemy_url("sqlite:data/x.db") == "sqlite:///data/x.db"
    assert sqlalchemy_url("postgres://a:b@h:1/db?sslmode=disable") == (
        "postgresql+psycopg://a:b@h:1/db?sslmode=disable"
    )


def test_django_database() -> None:
    assert django_database("sqlite:x.db") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "x.db",
    }
    assert django_database(
        "postgres://app:s%40cret@db.local:6543/shop?sslmode=disable"
    ) == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "app",
        "PASSWORD": "s@cret",
        "HOST": "db.local",
        "PORT": "6543",
        "OPTIONS": {"sslmode": "disable"},
    }


def test_env_file_never_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = tmp_path / ".env"
    env.write_text("CONTRACT_TEST_A=from-file\nCONTRACT_TEST_B=from-file\n")
    monkeypatch.setenv("CONTRACT_TEST_A", "from-env")
    monkeypatch.delenv("CONTRACT_TEST_B", raising=False)
    load_env_file(str(env))
    assert os.environ["CONTRACT_TEST_A"] == "from-env"
    assert os.environ["CONTRACT_TEST_B"] == "from-file"
    monkeypatch.delenv("CONTRACT_TEST_B")
    load_env_file(str(tmp_path / "missing.env"))
