from contract.openapi import OPENAPI_PATH, Routes, load_openapi


def test_the_project_document_loads() -> None:
    doc = load_openapi()
    assert OPENAPI_PATH.name == "openapi.yaml"
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/users" in doc["paths"]


def test_routes_match_path_templates() -> None:
    routes = Routes(load_openapi())
    assert routes.route("/api/v1/users") == "/api/v1/users"
    assert routes.route("/api/v1/users/42") == "/api/v1/users/{id}"
    assert routes.route("/api/v1/users/%zz") == "/api/v1/users/{id}"
    assert routes.route("/api/v1/users/") is None
    assert routes.route("/api/v1/users/1/2") is None
    assert routes.route("/health") == "/health"
    assert routes.route("/healthz") is None


def test_allowed_methods() -> None:
    routes = Routes(load_openapi())
    assert routes.allowed("/api/v1/users") == ["GET", "POST", "HEAD"]
    assert routes.allowed("/api/v1/users/{id}") == ["GET", "DELETE", "PATCH", "HEAD"]
    assert routes.allowed("/health") == ["GET", "HEAD"]
    assert routes.allowed("/nowhere") == []


def test_a_synthetic_document() -> None:
    routes = Routes({"paths": {"/a/{x}/b": {"put": {}}, "/a.b": {"head": {}}}})
    assert routes.route("/a/1/b") == "/a/{x}/b"
    assert routes.route("/aXb") is None
    assert routes.allowed("/a/{x}/b") == ["PUT"]
    assert routes.allowed("/a.b") == ["HEAD"]
