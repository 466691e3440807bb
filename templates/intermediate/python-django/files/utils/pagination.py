"""The contract's paging: ?page=&limit= in, {data, total, page, limit} out."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response

from contract.rules import DEFAULT_LIMIT, MAX_LIMIT, MAX_PAGE, Paging, parse_paging
from utils.errors import InvalidRequest

T = TypeVar("T")


def paging_of(request: Request) -> Paging:
    """The page asked for, from the raw query string (so that an empty or
    repeated parameter is caught), or a 400 naming page and/or limit."""
    result = parse_paging(request.META.get("QUERY_STRING", ""))
    if isinstance(result, list):
        raise InvalidRequest(result)
    return result


class ContractPagination(BasePagination):
    """Pages of items in id order: `data` holds items (page-1)*limit+1 to
    page*limit, `total` counts them all; a page past the last one is empty."""

    def __init__(self) -> None:
        self.paging = Paging(1, DEFAULT_LIMIT)
        self.total = 0

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any]:
        """The page of an (ordered) queryset the request asks for."""
        self.paging = paging_of(request)
        self.total = queryset.count()
        start = self.paging.offset
        return list(queryset[start : start + self.paging.limit])

    def paginate_service(
        self, request: Request, fetch: Callable[[Paging], tuple[list[T], int]]
    ) -> list[T]:
        """The page a service's list method gives for the request's paging."""
        self.paging = paging_of(request)
        items, self.total = fetch(self.paging)
        return items

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "data": data,
                "total": self.total,
                "page": self.paging.page,
                "limit": self.paging.limit,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": ["data", "total", "page", "limit"],
            "properties": {
                "data": schema,
                "total": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
            },
        ]
