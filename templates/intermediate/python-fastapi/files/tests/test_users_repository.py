"""SqlUserRepository on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.errors import EmailTakenError
from app.repositories.users import SqlUserRepository

T0 = datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
T1 = datetime(2025, 1, 2, 3, 4, 6, 1000, tzinfo=UTC)
MAX_ID = 9_223_372_036_854_775_807


def test_add_then_get(session: Session) -> None:
    repository = SqlUserRepository(session)
    added = repository.add("Ada", "Ada@example.com", T0)
    assert added.id >= 1
    session.expunge_all()
    user = repository.get(added.id)
    assert user is not None
    assert (user.name, user.email) == ("Ada", "Ada@example.com")
    # Aware, in UTC, to the millisecond: what was stored is what is read.
    assert user.created_at == user.updated_at == T0
    assert user.created_at.utcoffset() is not None


def test_ids_ascend_and_are_not_reused(session: Session) -> None:
    repository = SqlUserRepository(session)
    first = repository.add("A", "a@example.com", T0)
    second = repository.add("B", "b@example.com", T0)
    assert second.id > first.id
    repository.delete(second)
    third = repository.add("C", "c@example.com", T0)
    assert third.id > second.id


def test_email_owner_ignores_letter_case(session: Session) -> None:
    repository = SqlUserRepository(session)
    user = repository.add("Ada", "Ada@Example.com", T0)
    assert repository.email_owner("ada@EXAMPLE.COM") == user.id
    assert repository.email_owner("bob@example.com") is None


def test_the_database_refuses_the_same_email_in_another_case(
    session: Session,
) -> None:
    repository = SqlUserRepository(session)
    repository.add("Ada", "ada@example.com", T0)
    with pytest.raises(EmailTakenError):
        repository.add("Other", "ADA@example.com", T0)
    # The session is usable again after the refusal.
    assert repository.count() == 1


def test_page_and_count(session: Session) -> None:
    repository = SqlUserRepository(session)
    ids = [repository.add(f"u{n}", f"u{n}@example.com", T0).id for n in range(5)]
    assert [user.id for user in repository.page(2, 2)] == ids[2:4]
    assert list(repository.page(10, 2)) == []
    assert repository.count() == 5


def test_update_and_delete(session: Session) -> None:
    repository = SqlUserRepository(session)
    user = repository.add("Ada", "ada@example.com", T0)
    repository.update(user, {"name": "Ada L"}, T1)
    session.expunge_all()
    stored = repository.get(user.id)
    assert stored is not None
    assert (stored.name, stored.created_at, stored.updated_at) == ("Ada L", T0, T1)
    repository.delete(stored)
    assert repository.get(user.id) is None


def test_the_largest_id_round_trips(session: Session) -> None:
    dialect = session.get_bind().dialect.name
    # PostgreSQL makes every id itself (GENERATED ALWAYS) unless told not to;
    # SQLite keeps times as text, in UTC.
    override = "OVERRIDING SYSTEM VALUE " if dialect == "postgresql" else ""
    at: object = T0.strftime("%Y-%m-%d %H:%M:%S.%f") if dialect == "sqlite" else T0
    insert = (
        "INSERT INTO users (id, name, email, created_at, updated_at) "
        f"{override}VALUES (:id, 'Max', 'max@example.com', :at, :at)"
    )
    session.execute(text(insert), {"id": MAX_ID, "at": at})
    session.commit()
    user = SqlUserRepository(session).get(MAX_ID)
    assert user is not None
    assert (user.id, user.created_at) == (MAX_ID, T0)
