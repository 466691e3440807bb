"""Users in the database."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.errors import EmailTakenError
from app.models.users import User


class SqlUserRepository:
    """The users table through a session; each write is committed at once."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def page(self, offset: int, limit: int) -> Sequence[User]:
        query = select(User).order_by(User.id).offset(offset).limit(limit)
        return self._session.scalars(query).all()

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(User)) or 0

    def get(self, id: int) -> User | None:
        return self._session.get(User, id)

    def email_owner(self, email: str) -> int | None:
        query = select(User.id).where(func.lower(User.email) == email.lower())
        return self._session.scalar(query)

    def add(self, name: str, email: str, at: datetime) -> User:
        user = User(name=name, email=email, created_at=at, updated_at=at)
        self._session.add(user)
        self._commit()
        return user

    def update(self, user: User, changes: dict[str, object], at: datetime) -> User:
        for field, value in changes.items():
            setattr(user, field, value)
        user.updated_at = at
        self._commit()
        return user

    def delete(self, user: User) -> None:
        self._session.delete(user)
        self._session.commit()

    def _commit(self) -> None:
        # The unique index on lower(email) decides a race between two
        # requests that both found the email free.
        try:
            self._session.commit()
        except IntegrityError as exc:
            self._session.rollback()
            raise EmailTakenError from exc
