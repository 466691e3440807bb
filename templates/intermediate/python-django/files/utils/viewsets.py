"""The base of every resource's ViewSet: the contract's methods and ids."""

from typing import TypeVar

from django.db.models import Model
from rest_framework import viewsets

from contract.problem import parameter_error
from contract.rules import RULES, parse_id
from utils.errors import InvalidRequest

M = TypeVar("M", bound=Model)


class ResourceViewSet(viewsets.GenericViewSet[M]):
    """list, create, retrieve, partial_update and destroy; PUT is not served
    (405): the contract updates with PATCH only."""

    http_method_names = ("get", "post", "patch", "delete", "head")
    # Any segment reaches the view, whose id check answers 400 for the ones
    # that are not ids (DRF's default pattern would make 1.5 a 404).
    lookup_value_regex = "[^/]+"

    @staticmethod
    def item_id(pk: str) -> int:
        """The {id} of the path, or a 400 naming `id` (the body is not read)."""
        item_id = parse_id(pk)
        if item_id is None:
            raise InvalidRequest([parameter_error("id", RULES.ID)])
        return item_id

    @property
    def default_response_headers(self) -> dict[str, str]:
        # DRF would add Allow to every answer; the contract's 405s carry it.
        return {}
