"""UserService on an in-memory repository, with a fixed clock."""

from datetime import UTC, datetime, timedelta

import pytest

from app.core.errors import EmailTakenError, NotFoundError
from app.schemas.users import UserCreate, UserUpdate
from app.services.users import UserService
from contract.rules import Paging
from tests.fakes.users import FakeUserRepository

T0 = datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(clock: Clock) -> UserService:
    return UserService(FakeUserRepository(), clock)


def create(service: UserService, name: str, email: str) -> int:
    return service.create(UserCreate(name=name, email=email)).id


def test_create_stamps_both_times(service: UserService) -> None:
    user = service.create(UserCreate(name=" Ada ", email="ada@example.com"))
    assert (user.name, user.email) == ("Ada", "ada@example.com")
    assert user.created_at == user.updated_at == T0


def test_email_is_unique_in_any_letter_case(service: UserService) -> None:
    create(service, "Ada", "ada@example.com")
    with pytest.raises(EmailTakenError):
        create(service, "Other", "ADA@Example.COM")


def test_list_pages_in_id_order(service: UserService) -> None:
    ids = [create(service, f"u{n}", f"u{n}@example.com") for n in range(5)]
    users, total = service.list(Paging(page=2, limit=2))
    assert [user.id for user in users] == ids[2:4]
    assert total == 5
    users, total = service.list(Paging(page=4, limit=2))
    assert list(users) == []
    assert total == 5


def test_get_missing_is_not_found(service: UserService) -> None:
    with pytest.raises(NotFoundError) as caught:
        service.get(7)
    assert (caught.value.item, caught.value.id) == ("user", 7)


def test_empty_update_changes_nothing(service: UserService, clock: Clock) -> None:
    id = create(service, "Ada", "ada@example.com")
    clock.now = T0 + timedelta(seconds=1)
    user = service.update(id, UserUpdate.model_validate({}))
    assert user.updated_at == T0


def test_update_changes_the_fields_sent(service: UserService, clock: Clock) -> None:
    id = create(service, "Ada", "ada@example.com")
    later = T0 + timedelta(seconds=1)
    clock.now = later
    user = service.update(id, UserUpdate.model_validate({"name": "Ada L"}))
    assert (user.name, user.email, user.updated_at) == (
        "Ada L",
        "ada@example.com",
        later,
    )
    assert user.created_at == T0


def test_update_may_change_the_case_of_its_own_email(service: UserService) -> None:
    id = create(service, "Ada", "ada@example.com")
    user = service.update(id, UserUpdate.model_validate({"email": "ADA@example.com"}))
    assert user.email == "ADA@example.com"


def test_update_to_another_users_email_conflicts(service: UserService) -> None:
    create(service, "Ada", "ada@example.com")
    id = create(service, "Bob", "bob@example.com")
    with pytest.raises(EmailTakenError):
        service.update(id, UserUpdate.model_validate({"email": "Ada@example.com"}))


def test_existence_is_checked_before_uniqueness(service: UserService) -> None:
    create(service, "Ada", "ada@example.com")
    with pytest.raises(NotFoundError):
        service.update(99, UserUpdate.model_validate({"email": "ada@example.com"}))


def test_delete_frees_the_email(service: UserService) -> None:
    id = create(service, "Ada", "ada@example.com")
    service.delete(id)
    with pytest.raises(NotFoundError):
        service.get(id)
    create(service, "Ada again", "ada@example.com")
