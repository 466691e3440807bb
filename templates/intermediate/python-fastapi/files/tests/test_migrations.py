"""The Alembic migrations build the schema the models describe."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect
from sqlalchemy.exc import IntegrityError

import app.models  # noqa: F401  (registers every table in Base.metadata)
from app.db.base import Base
from app.models.users import User
from app.server import ALEMBIC_INI

T0 = datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)


# Neither Alembic nor SQLAlchemy's SQLite reflection compares an index on an
# expression (lower(email)); the test tries that one out instead.
@pytest.mark.filterwarnings("ignore:autogenerate skipping:UserWarning")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")
def test_the_migrations_match_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "head")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert compare_metadata(context, Base.metadata) == []
        with engine.begin() as connection:
            row = {"name": "Ada", "created_at": T0, "updated_at": T0}
            connection.execute(insert(User), {**row, "email": "a@x.org"})
            with pytest.raises(IntegrityError):
                connection.execute(insert(User), {**row, "email": "A@x.org"})
    finally:
        engine.dispose()
    # And back down, which leaves no table of the app behind.
    command.downgrade(config, "base")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert tables <= {"alembic_version"}
