"""Users in memory, with the rules the database enforces."""

from collections.abc import Sequence
from datetime import datetime

from app.core.errors import EmailTakenError
from app.models.users import User


class FakeUserRepository:
    def __init__(self) -> None:
        self.users: dict[int, User] = {}
        self._next_id = 1

    def page(self, offset: int, limit: int) -> Sequence[User]:
        return [self.users[id] for id in sorted(self.users)][offset : offset + limit]

    def count(self) -> int:
        return len(self.users)

    def get(self, id: int) -> User | None:
        return self.users.get(id)

    def email_owner(self, email: str) -> int | None:
        for user in self.users.values():
            if user.email.lower() == email.lower():
                return user.id
        return None

    def add(self, name: str, email: str, at: datetime) -> User:
        if self.email_owner(email) is not None:
            raise EmailTakenError
        user = User(id=self._next_id, name=name, email=email)
        user.created_at = user.updated_at = at
        self.users[user.id] = user
        self._next_id += 1
        return user

    def update(self, user: User, changes: dict[str, object], at: datetime) -> User:
        for field, value in changes.items():
            setattr(user, field, value)
        user.updated_at = at
        return user

    def delete(self, user: User) -> None:
        del self.users[user.id]
