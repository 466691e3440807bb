"""The dependencies the endpoints share: a session per request, paging and
the id of a path. Each resource's service is provided by its endpoints."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session, sessionmaker

from contract.rules import (
    DEFAULT_LIMIT,
    DEFAULT_PAGE,
    MAX_ID,
    MAX_LIMIT,
    MAX_PAGE,
    Paging,
)


def get_session(request: Request) -> Iterator[Session]:
    """A session for the request, closed once it is answered."""
    sessions: sessionmaker[Session] = request.app.state.sessions
    with sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_paging(
    page: Annotated[
        int, Query(ge=1, le=MAX_PAGE, description="The page, counted from 1.")
    ] = DEFAULT_PAGE,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="How many items a page holds.")
    ] = DEFAULT_LIMIT,
) -> Paging:
    """The page asked for (the raw query string was checked first)."""
    return Paging(page, limit)


PagingDep = Annotated[Paging, Depends(get_paging)]

ItemId = Annotated[int, Path(ge=1, le=MAX_ID, description="The item's id.")]
"""The {id} of a path (checked before FastAPI parses it)."""
