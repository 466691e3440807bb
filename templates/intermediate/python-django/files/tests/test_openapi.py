"""drf-spectacular's document, generated from the views, agrees with
api/openapi.yaml, the document the server serves at /openapi.json: every
path and method of one is in the other."""

from typing import Any

from drf_spectacular.generators import SchemaGenerator

from contract.openapi import load_openapi

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def operations(doc: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (path, method)
        for path, item in doc["paths"].items()
        for method in METHODS
        if method in item
    }


def test_the_views_serve_exactly_the_documented_operations() -> None:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    served = load_openapi()
    assert operations(generated) == operations(served)


def test_operation_ids_agree() -> None:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    served = load_openapi()
    for path, method in operations(served):
        assert (
            generated["paths"][path][method]["operationId"]
            == served["paths"][path][method]["operationId"]
        ), (path, method)
