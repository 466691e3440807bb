"""The test session's databases, and the fixtures every test module uses.

The session makes its own databases: `default`, a SQLite file in a temporary
directory, and, when TEST_DATABASE_URL is set, `postgres`: a schema of its
own in that database, dropped at the end, so the tests can run again and
leave nothing behind. Each database gets the migrations, as `manage.py
migrate` applies them. Tests that take `db_alias` run once per database.
"""

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from pytest_django import DjangoDbBlocker
from rest_framework.test import APIClient

from tests.routing import using


def database_aliases() -> list[str]:
    """The databases of this session: SQLite always, PostgreSQL when given."""
    return [alias for alias in ("default", "postgres") if alias in settings.DATABASES]


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    schema = f"test_{secrets.token_hex(6)}"
    with django_db_blocker.unblock():
        sqlite = connections["default"].settings_dict
        sqlite["NAME"] = str(Path(tmp_path_factory.mktemp("db")) / "test.sqlite3")
        if "postgres" in connections:
            postgres = connections["postgres"]
            with postgres.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{schema}"')
            postgres.close()
            postgres.settings_dict["OPTIONS"]["options"] = f"-c search_path={schema}"
        for alias in database_aliases():
            call_command("migrate", database=alias, verbosity=0, interactive=False)
    yield
    with django_db_blocker.unblock():
        if "postgres" in connections:
            postgres = connections["postgres"]
            postgres.close()
            del postgres.settings_dict["OPTIONS"]["options"]
            with postgres.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
            postgres.close()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_alias" in metafunc.fixturenames:
        metafunc.parametrize("db_alias", database_aliases(), indirect=True)


@pytest.fixture
def db_alias(request: pytest.FixtureRequest) -> Iterator[str]:
    """The database this run of the test uses (see tests.routing)."""
    alias: str = request.param
    with using(alias):
        yield alias


@pytest.fixture
def api(db_alias: str) -> APIClient:
    """DRF's test client, its requests served from the test's database."""
    return APIClient()
