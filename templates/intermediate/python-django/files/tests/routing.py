"""The test settings' database router: every query goes to the database the
running test chose (the `db_alias` fixture of conftest.py), so the same
repository and API tests run on SQLite and on PostgreSQL."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_chosen: ContextVar[str] = ContextVar("database", default="default")


@contextmanager
def using(alias: str) -> Iterator[None]:
    """Sends the queries made inside the block to the database alias."""
    token = _chosen.set(alias)
    try:
        yield
    finally:
        _chosen.reset(token)


class ChosenDatabaseRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        return _chosen.get()

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return _chosen.get()

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return None

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool | None:
        return None
