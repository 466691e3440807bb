"""FastAPI's own document, generated from the routes, against api/openapi.yaml.

The server answers api/openapi.yaml at /openapi.json; this test keeps the
routes' declarations (paths, methods, operation ids, parameters, request and
response bodies, statuses, schemas) in step with it.
"""

from typing import Any

import pytest
from fastapi.openapi.utils import get_openapi
from fastapi.testclient import TestClient

from contract.openapi import load_openapi

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# FastAPI documents a 422 for every operation with parameters or a body; this
# API answers those errors 400 instead, which every such operation declares.
FASTAPI_ONLY_SCHEMAS = {"HTTPValidationError", "ValidationError"}
# The 400's problem with its errors (the contract writes it as Problem + errors).
EXTRA_SCHEMAS = {"BadRequestProblem"}


@pytest.fixture(scope="module")
def contract() -> dict[str, Any]:
    return load_openapi()


@pytest.fixture
def generated(client: TestClient) -> dict[str, Any]:
    app: Any = client.app
    document: dict[str, Any] = get_openapi(
        title=app.title, version=app.version, routes=app.routes
    )
    return document


def resolve(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (path, method): item[method]
        for path, item in document["paths"].items()
        for method in METHODS
        if method in item
    }


def parameters(
    document: dict[str, Any], path: str, method: str
) -> set[tuple[str, str]]:
    item = document["paths"][path]
    declared = item.get("parameters", []) + item[method].get("parameters", [])
    return {(p["name"], p["in"]) for p in (resolve(document, d) for d in declared)}


def parameter_schemas(
    document: dict[str, Any], path: str, method: str
) -> dict[str, dict[str, Any]]:
    """Each parameter's type and bounds."""
    item = document["paths"][path]
    declared = item.get("parameters", []) + item[method].get("parameters", [])
    keys = ("type", "minimum", "maximum", "default")
    out: dict[str, dict[str, Any]] = {}
    for parameter in (resolve(document, d) for d in declared):
        schema = parameter.get("schema", {})
        out[parameter["name"]] = {k: schema[k] for k in keys if k in schema}
        out[parameter["name"]]["required"] = parameter.get("required", False)
    return out


def body_schema(document: dict[str, Any], container: dict[str, Any] | None) -> Any:
    if container is None:
        return None
    content = resolve(document, container).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    return schema.get("$ref") if isinstance(schema, dict) else None


def test_same_operations(contract: dict[str, Any], generated: dict[str, Any]) -> None:
    assert set(generated["paths"]) == set(contract["paths"])
    assert set(operations(generated)) == set(operations(contract))


def test_each_operation_agrees(
    contract: dict[str, Any], generated: dict[str, Any]
) -> None:
    theirs = operations(generated)
    for (path, method), ours in operations(contract).items():
        op = theirs[(path, method)]
        where = f"{method.upper()} {path}"
        assert op["operationId"] == ours["operationId"], where
        assert parameters(generated, path, method) == parameters(contract, path, method)
        assert parameter_schemas(generated, path, method) == parameter_schemas(
            contract, path, method
        ), where
        if "requestBody" in ours:
            assert op["requestBody"].get("required") is True, where
        statuses = set(op["responses"]) - {"422"}
        assert statuses == set(ours["responses"]), where
        assert body_schema(generated, op.get("requestBody")) == body_schema(
            contract, ours.get("requestBody")
        ), where
        for status in ("200", "201"):
            if status in ours["responses"]:
                mine = body_schema(contract, ours["responses"][status])
                if mine is not None:
                    got = body_schema(generated, op["responses"][status])
                    assert got == mine, where


def test_same_schemas(contract: dict[str, Any], generated: dict[str, Any]) -> None:
    ours = contract["components"]["schemas"]
    theirs = generated["components"]["schemas"]
    assert set(theirs) - FASTAPI_ONLY_SCHEMAS == set(ours) | EXTRA_SCHEMAS
    for name, schema in ours.items():
        got = theirs[name]
        assert set(got.get("properties", {})) == set(schema.get("properties", {})), name
        assert set(got.get("required", [])) == set(schema.get("required", [])), name
