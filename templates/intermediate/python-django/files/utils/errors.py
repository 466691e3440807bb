"""Errors the services raise and the API answers: 404, 409, 400 and 413."""

from rest_framework.exceptions import APIException

from contract.problem import FieldError


class ItemNotFound(Exception):
    """No item has the id (404 with the contract's detail)."""

    def __init__(self, item: str, item_id: int) -> None:
        super().__init__(f"no {item} {item_id}")
        self.item = item
        self.item_id = item_id


class EmailTaken(Exception):
    """Another user has the email, in any letter case (409)."""


class InvalidRequest(APIException):
    """A 400 listing the invalid parts of the request (id, paging or body)."""

    status_code = 400
    default_detail = "The request is invalid."

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__()
        self.errors = errors


class BodyTooLarge(APIException):
    """A request body over 1 MiB (413)."""

    status_code = 413
    default_detail = "The request body is larger than 1 MiB."
