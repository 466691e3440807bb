"""Alembic's environment: the database is DATABASE_URL, checked as the
server checks it (a .env file is read first)."""

import logging.config
import sys

from alembic import context
from sqlalchemy import create_engine

import app.models  # noqa: F401  (registers every table in Base.metadata)
from app.core.config import load_settings
from app.db.base import Base
from contract.config import ConfigError, load_env_file, sqlalchemy_url

config = context.config
# Alembic's own lines, unless the server has set up its JSON logging.
if config.config_file_name is not None and not logging.getLogger().handlers:
    logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)


def database_url() -> str:
    """sqlalchemy.url when a caller set it (the migration tests do), else
    DATABASE_URL."""
    given = config.get_main_option("sqlalchemy.url")
    if given:
        return given
    load_env_file()
    try:
        settings = load_settings()
    except ConfigError as exc:
        sys.exit(str(exc))
    return sqlalchemy_url(settings.database_url)


url = database_url()


def run_offline() -> None:
    """Writes the SQL instead of running it (alembic upgrade head --sql)."""
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context.configure(connection=connection, target_metadata=Base.metadata)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
