"""The engine and the sessions: one session per request."""

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from contract.config import sqlalchemy_url


def make_engine(database_url: str) -> Engine:
    """The engine of a DATABASE_URL (postgres:// or sqlite:)."""
    url = sqlalchemy_url(database_url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # A server that does not answer fails a request within seconds instead
    # of holding it; pool_pre_ping replaces connections the server dropped.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        pool_timeout=5,
        connect_args={"connect_timeout": 2},
    )


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        # WAL lets readers go on while one request writes.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions on the engine; objects stay readable after a commit."""
    return sessionmaker(engine, expire_on_commit=False)
