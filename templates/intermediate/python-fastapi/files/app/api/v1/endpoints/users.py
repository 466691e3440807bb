"""/api/v1/users: list, create, read, update and delete users."""

from typing import Annotated, Final

from fastapi import APIRouter, Depends, Response

from app.api.deps import ItemId, PagingDep, SessionDep
from app.api.responses import problems
from app.api.routing import ContractRoute
from app.repositories.users import SqlUserRepository
from app.schemas.users import User, UserCreate, UserPage, UserUpdate
from app.services.users import UserService

PATH: Final = "/api/v1/users"

router = APIRouter(prefix="/users", tags=["users"], route_class=ContractRoute)


def make_service(session: SessionDep) -> UserService:
    """The users' service on the request's session."""
    return UserService(SqlUserRepository(session))


ServiceDep = Annotated[UserService, Depends(make_service)]


@router.get("", operation_id="listUsers", responses=problems(400, 500))
def list_users(service: ServiceDep, paging: PagingDep) -> UserPage:
    """List users a page at a time, ordered by id ascending."""
    users, total = service.list(paging)
    return UserPage(
        data=[User.model_validate(user) for user in users],
        total=total,
        page=paging.page,
        limit=paging.limit,
    )


@router.post(
    "",
    operation_id="createUser",
    status_code=201,
    responses=problems(400, 409, 413, 500),
)
def create_user(body: UserCreate, service: ServiceDep, response: Response) -> User:
    """Create a user."""
    user = service.create(body)
    response.headers["Location"] = f"{PATH}/{user.id}"
    return User.model_validate(user)


@router.get("/{id}", operation_id="getUser", responses=problems(400, 404, 500))
def get_user(id: ItemId, service: ServiceDep) -> User:
    """Get one user by id."""
    return User.model_validate(service.get(id))


@router.patch(
    "/{id}",
    operation_id="updateUser",
    responses=problems(400, 404, 409, 413, 500),
)
def update_user(id: ItemId, body: UserUpdate, service: ServiceDep) -> User:
    """Change some fields of a user."""
    return User.model_validate(service.update(id, body))


@router.delete(
    "/{id}",
    operation_id="deleteUser",
    status_code=204,
    response_class=Response,
    responses=problems(400, 404, 500),
)
def delete_user(id: ItemId, service: ServiceDep) -> None:
    """Delete a user."""
    service.delete(id)
