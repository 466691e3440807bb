"""What the API does with users, whatever stores them.

The service takes its store (UserStore: the ORM repository in the app, an
in-memory fake in the tests) and its clock, so the rules are tested without
a database: the email unique in any letter case, the timestamps taken once
per write and truncated to milliseconds, an empty update changing nothing.
"""

from collections.abc import Iterable, Mapping
from typing import Protocol

from apps.users.models import User
from contract.rules import Paging
from utils.clock import Clock, now_ms
from utils.errors import EmailTaken, ItemNotFound

ITEM = "user"


class UserStore(Protocol):
    """Where users are kept; raises EmailTaken when a write breaks the
    uniqueness of emails."""

    def page(self, offset: int, limit: int) -> tuple[list[User], int]: ...

    def get(self, user_id: int) -> User | None: ...

    def email_taken(self, email: str, except_id: int | None = None) -> bool: ...

    def add(self, user: User) -> User: ...

    def save(self, user: User, fields: Iterable[str]) -> None: ...

    def delete(self, user_id: int) -> bool: ...


class UserService:
    def __init__(self, store: UserStore, clock: Clock = now_ms) -> None:
        self.store = store
        self.clock = clock

    def list(self, paging: Paging) -> tuple[list[User], int]:
        """A page of users in id order, and how many there are."""
        return self.store.page(paging.offset, paging.limit)

    def get(self, user_id: int) -> User:
        user = self.store.get(user_id)
        if user is None:
            raise ItemNotFound(ITEM, user_id)
        return user

    def create(self, name: str, email: str) -> User:
        """A new user; the values are already checked (and trimmed)."""
        if self.store.email_taken(email):
            raise EmailTaken()
        now = self.clock()
        return self.store.add(
            User(name=name, email=email, created_at=now, updated_at=now)
        )

    def update(self, user_id: int, changes: Mapping[str, str]) -> User:
        """The user with the fields present changed (name, email); {}
        changes nothing, updated_at included."""
        user = self.get(user_id)
        if not changes:
            return user
        email = changes.get("email")
        if email is not None and self.store.email_taken(email, except_id=user_id):
            raise EmailTaken()
        for field, value in changes.items():
            setattr(user, field, value)
        user.updated_at = self.clock()
        self.store.save(user, [*changes, "updated_at"])
        return user

    def delete(self, user_id: int) -> None:
        if not self.store.delete(user_id):
            raise ItemNotFound(ITEM, user_id)
