"""Settings from the environment: `manage.py check --deploy` passes with the
production settings and the environment the README documents, and a bad or
missing value stops the process naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k3y-" + "0123456789abcdefghijklmnopqrstuvwxyz" * 2,
    "ALLOWED_HOSTS": "api.example.com",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """manage.py in a process of its own, without the test session's
    settings, .env or variables of ours."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "LOG_LEVEL",
        }
        and not key.startswith("SECURE_")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_without_a_warning() -> None:
    done = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {**PRODUCTION, "SECRET_KEY": ""}
    done = manage("check", **env)
    assert done.returncode == 1
    assert "SECRET_KEY" in done.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    env = {**PRODUCTION, "ALLOWED_HOSTS": ""}
    done = manage("check", **env)
    assert done.returncode == 1
    assert "ALLOWED_HOSTS" in done.stderr


def test_debug_is_off_unless_development_is_chosen() -> None:
    done = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
    )
    assert done.stdout.strip() == "False", done.stderr


def test_a_bad_database_url_names_the_variable_and_hides_the_password() -> None:
    done = manage("check", DATABASE_URL="mysql://app:secret@127.0.0.1/app")
    assert done.returncode == 1
    assert "DATABASE_URL" in done.stderr
    assert "secret" not in done.stderr
    assert "***" in done.stderr


def test_a_bad_log_level_names_the_variable() -> None:
    done = manage("check", LOG_LEVEL="loud")
    assert done.returncode == 1
    assert "LOG_LEVEL" in done.stderr
