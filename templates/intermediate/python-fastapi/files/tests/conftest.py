"""Fixtures: a fresh database per test (SQLite always, PostgreSQL too when
TEST_DATABASE_URL is set) and the app on it."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import app.models  # noqa: F401  (registers every table in Base.metadata)
from app.core.config import Settings
from app.db.base import Base
from app.db.session import make_engine, make_sessions
from app.main import create_app

BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty schema, dropped again afterwards."""
    if request.param == "sqlite":
        url = f"sqlite:{tmp_path / 'test.db'}"
    else:
        url = os.environ["TEST_DATABASE_URL"]
    engine = make_engine(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    try:
        yield engine
    finally:
        Base.metadata.drop_all(engine)
        engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with make_sessions(engine)() as session:
        yield session


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    """The whole app on the test database."""
    settings = Settings.model_construct()
    with TestClient(create_app(settings, engine)) as client:
        yield client
