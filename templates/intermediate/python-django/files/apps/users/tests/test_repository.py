"""DjangoUserRepository on each test database (SQLite, and PostgreSQL when
TEST_DATABASE_URL is set)."""

from datetime import UTC, datetime

import pytest

from apps.users.models import User
from apps.users.repository import DjangoUserRepository
from utils.errors import EmailTaken

pytestmark = pytest.mark.django_db(databases="__all__")

NOW = datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)


def new_user(name: str, email: str) -> User:
    return User(name=name, email=email, created_at=NOW, updated_at=NOW)


def test_add_get_and_delete(db_alias: str) -> None:
    repo = DjangoUserRepository()
    user = repo.add(new_user("Ada", "ada@example.com"))
    assert user.pk is not None
    assert not user.has_usable_password()
    stored = repo.get(user.pk)
    assert stored is not None
    assert (stored.name, stored.email) == ("Ada", "ada@example.com")
    # Milliseconds survive the round trip, in UTC.
    assert stored.created_at == NOW
    assert repo.delete(user.pk)
    assert repo.get(user.pk) is None
    assert not repo.delete(user.pk)


def test_ids_ascend_and_pages_follow_them(db_alias: str) -> None:
    repo = DjangoUserRepository()
    ids = [repo.add(new_user(f"U{n}", f"u{n}@example.com")).pk for n in range(3)]
    assert ids == sorted(ids)
    users, total = repo.page(1, 2)
    assert total == 3
    assert [user.pk for user in users] == ids[1:]


def test_email_taken_ignores_letter_case(db_alias: str) -> None:
    repo = DjangoUserRepository()
    user = repo.add(new_user("Ada", "Ada@Example.org"))
    assert repo.email_taken("ada@example.ORG")
    assert not repo.email_taken("ada@example.ORG", except_id=user.pk)
    assert not repo.email_taken("bob@example.org")


def test_the_database_refuses_an_email_in_another_case(db_alias: str) -> None:
    # What two requests at once could do past the service's check.
    repo = DjangoUserRepository()
    repo.add(new_user("Ada", "ada@example.org"))
    with pytest.raises(EmailTaken):
        repo.add(new_user("Copy", "ADA@example.org"))
    bob = repo.add(new_user("Bob", "bob@example.org"))
    bob.email = "Ada@Example.org"
    with pytest.raises(EmailTaken):
        repo.save(bob, ["email"])
    # The enclosing transaction is still usable.
    assert repo.page(0, 10)[1] == 2
