"""UserService on an in-memory store with a fixed clock: no database."""

from datetime import UTC, datetime, timedelta

import pytest

from apps.users.services import UserService
from apps.users.tests.fakes import MemoryUserStore
from contract.rules import Paging
from utils.errors import EmailTaken, ItemNotFound

START = datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store() -> MemoryUserStore:
    return MemoryUserStore()


@pytest.fixture
def service(store: MemoryUserStore, clock: Clock) -> UserService:
    return UserService(store, clock)


def test_create_stamps_both_times_with_one_reading(service: UserService) -> None:
    user = service.create("Ada Lovelace", "ada@example.com")
    assert user.pk == 1
    assert (user.name, user.email) == ("Ada Lovelace", "ada@example.com")
    assert user.created_at == user.updated_at == START


def test_an_email_is_unique_in_any_letter_case(service: UserService) -> None:
    service.create("Ada", "Ada@Example.org")
    with pytest.raises(EmailTaken):
        service.create("Copy", "ada@example.ORG")


def test_update_changes_the_fields_given_and_updated_at(
    service: UserService, store: MemoryUserStore, clock: Clock
) -> None:
    user = service.create("Ada", "ada@example.com")
    clock.now = START + timedelta(seconds=1)
    changed = service.update(user.pk, {"name": "Ada King"})
    assert changed.name == "Ada King"
    assert changed.email == "ada@example.com"
    assert changed.created_at == START
    assert changed.updated_at == clock.now
    assert store.saved == [(user.pk, ["name", "updated_at"])]


def test_an_empty_update_changes_nothing(
    service: UserService, store: MemoryUserStore, clock: Clock
) -> None:
    user = service.create("Ada", "ada@example.com")
    clock.now = START + timedelta(seconds=1)
    assert service.update(user.pk, {}).updated_at == START
    assert store.saved == []


def test_a_user_may_change_the_case_of_its_own_email(service: UserService) -> None:
    user = service.create("Ada", "ada@example.com")
    assert service.update(user.pk, {"email": "ADA@example.com"}).email == (
        "ADA@example.com"
    )


def test_taking_another_users_email_is_refused(service: UserService) -> None:
    service.create("Ada", "ada@example.com")
    other = service.create("Bob", "bob@example.com")
    with pytest.raises(EmailTaken):
        service.update(other.pk, {"email": "Ada@Example.com"})


def test_missing_users_are_not_found(service: UserService) -> None:
    with pytest.raises(ItemNotFound) as caught:
        service.get(7)
    assert (caught.value.item, caught.value.item_id) == ("user", 7)
    with pytest.raises(ItemNotFound):
        service.update(7, {"name": "x"})
    with pytest.raises(ItemNotFound):
        service.delete(7)


def test_delete_frees_the_email(service: UserService) -> None:
    user = service.create("Ada", "ada@example.com")
    service.delete(user.pk)
    with pytest.raises(ItemNotFound):
        service.get(user.pk)
    assert service.create("Ada", "ada@example.com").pk == user.pk + 1


def test_list_pages_in_id_order(service: UserService) -> None:
    for n in range(5):
        service.create(f"User {n}", f"user{n}@example.com")
    users, total = service.list(Paging(page=2, limit=2))
    assert total == 5
    assert [user.pk for user in users] == [3, 4]
    users, total = service.list(Paging(page=4, limit=2))
    assert (users, total) == ([], 5)
