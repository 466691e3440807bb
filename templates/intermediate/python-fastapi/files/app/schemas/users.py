"""The bodies of /api/v1/users."""

from typing import Annotated

from app.schemas.common import Email, Input, Name, NotNull, Output, Timestamp


class User(Output):
    """A user as the API answers it."""

    id: int
    name: str
    email: str
    created_at: Timestamp
    updated_at: Timestamp


class UserCreate(Input):
    """The body of POST: name and email are required."""

    name: Name
    email: Email


class UserUpdate(Input):
    """The body of PATCH: only the fields present change."""

    name: Annotated[Name | None, NotNull] = None
    email: Annotated[Email | None, NotNull] = None


class UserPage(Output):
    """One page of users, in id order."""

    data: list[User]
    total: int
    page: int
    limit: int
