"""The rules of users: unique emails in any letter case, partial updates."""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from app.core.clock import Clock, utc_now_ms
from app.core.errors import EmailTakenError, NotFoundError
from app.models.users import User
from app.schemas.users import UserCreate, UserUpdate
from contract.rules import Paging


class UserRepository(Protocol):
    """Where users are kept (app.repositories.users, or a fake in tests)."""

    def page(self, offset: int, limit: int) -> Sequence[User]: ...

    def count(self) -> int: ...

    def get(self, id: int) -> User | None: ...

    def email_owner(self, email: str) -> int | None:
        """The id of the user with this email in any letter case."""
        ...

    def add(self, name: str, email: str, at: datetime) -> User:
        """Stores a new user; EmailTakenError if another has the email."""
        ...

    def update(self, user: User, changes: dict[str, object], at: datetime) -> User:
        """Stores the changed fields; EmailTakenError as add."""
        ...

    def delete(self, user: User) -> None: ...


class UserService:
    """Lists, creates, reads, updates and deletes users."""

    def __init__(self, repository: UserRepository, clock: Clock = utc_now_ms) -> None:
        self._repository = repository
        self._clock = clock

    def list(self, paging: Paging) -> tuple[Sequence[User], int]:
        """One page of users in id order, and how many there are in all."""
        return (
            self._repository.page(paging.offset, paging.limit),
            self._repository.count(),
        )

    def get(self, id: int) -> User:
        user = self._repository.get(id)
        if user is None:
            raise NotFoundError("user", id)
        return user

    def create(self, data: UserCreate) -> User:
        if self._repository.email_owner(data.email) is not None:
            raise EmailTakenError
        return self._repository.add(data.name, data.email, self._clock())

    def update(self, id: int, data: UserUpdate) -> User:
        """Changes the fields data holds; {} changes nothing, not even
        updated_at. Existence is checked before the email's uniqueness."""
        user = self.get(id)
        changes: dict[str, object] = data.model_dump(exclude_unset=True)
        if not changes:
            return user
        if data.email is not None:
            owner = self._repository.email_owner(data.email)
            if owner is not None and owner != id:
                raise EmailTakenError
        return self._repository.update(user, changes, self._clock())

    def delete(self, id: int) -> None:
        self._repository.delete(self.get(id))
