"""An in-memory UserStore for the service tests."""

from collections.abc import Iterable

from apps.users.models import User


class MemoryUserStore:
    """Users in a dict, with ids that ascend and are never reused."""

    def __init__(self) -> None:
        self.users: dict[int, User] = {}
        self.last_id = 0
        self.saved: list[tuple[int, list[str]]] = []

    def page(self, offset: int, limit: int) -> tuple[list[User], int]:
        users = [self.users[key] for key in sorted(self.users)]
        return users[offset : offset + limit], len(users)

    def get(self, user_id: int) -> User | None:
        return self.users.get(user_id)

    def email_taken(self, email: str, except_id: int | None = None) -> bool:
        return any(
            user.email.lower() == email.lower() and key != except_id
            for key, user in self.users.items()
        )

    def add(self, user: User) -> User:
        self.last_id += 1
        user.pk = self.last_id
        self.users[self.last_id] = user
        return user

    def save(self, user: User, fields: Iterable[str]) -> None:
        self.saved.append((user.pk, list(fields)))
        self.users[user.pk] = user

    def delete(self, user_id: int) -> bool:
        return self.users.pop(user_id, None) is not None
