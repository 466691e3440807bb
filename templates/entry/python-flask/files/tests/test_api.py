import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.exc import IntegrityError, OperationalError

from models import User, db

ADA = {"name": "Ada Lovelace", "email": "ada@example.com"}
BAD_EMAIL = "email must be a valid email address"


def test_health(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_list_users_starts_empty(client: FlaskClient) -> None:
    response = client.get("/users")
    assert response.status_code == 200
    assert response.get_json() == []


def test_create_user(client: FlaskClient) -> None:
    response = client.post("/users", json=ADA)
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, **ADA}


def test_created_user_is_listed_and_fetched(client: FlaskClient) -> None:
    created = client.post("/users", json=ADA).get_json()

    listed = client.get("/users")
    assert listed.status_code == 200
    assert listed.get_json() == [created]

    fetched = client.get(f"/users/{created['id']}")
    assert fetched.status_code == 200
    assert fetched.get_json() == created


def test_create_user_trims_whitespace(client: FlaskClient) -> None:
    response = client.post(
        "/users", json={"name": "  Ada ", "email": " ada@example.com "}
    )
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "name": "Ada", "email": "ada@example.com"}


@pytest.mark.parametrize(
    "email", ["ada@example.com", "ADA@example.com", " Ada@Example.COM "]
)
def test_duplicate_email_is_a_conflict(client: FlaskClient, email: str) -> None:
    assert client.post("/users", json=ADA).status_code == 201

    response = client.post("/users", json={"name": "Other", "email": email})
    assert response.status_code == 409
    assert response.get_json() == {"error": "email already exists"}
    assert client.get("/users").get_json() == [{"id": 1, **ADA}]


def test_email_case_is_kept(client: FlaskClient) -> None:
    response = client.post("/users", json={"name": "Ada", "email": "Ada@Example.com"})
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "name": "Ada", "email": "Ada@Example.com"}

    response = client.post("/users", json={"name": "Ada", "email": "ada@example.com"})
    assert response.status_code == 409


def test_duplicate_email_is_rejected_by_the_database(app: Flask) -> None:
    # The 409 rests on the UNIQUE constraint, which must ignore case.
    with app.app_context():
        db.session.add(User(name="Ada", email="ada@example.com"))
        db.session.commit()
        db.session.add(User(name="Other", email="ADA@EXAMPLE.COM"))
        with pytest.raises(IntegrityError):
            db.session.commit()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"email": "ada@example.com"}, "name is required"),
        ({"name": "", "email": "ada@example.com"}, "name is required"),
        ({"name": "   ", "email": "ada@example.com"}, "name is required"),
        ({"name": 42, "email": "ada@example.com"}, "name is required"),
        ({"name": "x" * 81, "email": "ada@example.com"}, "name must be at most 80"),
        ({"name": "Ada"}, "email is required"),
        ({"name": "Ada", "email": None}, "email is required"),
        ({"name": "Ada", "email": "not-an-email"}, BAD_EMAIL),
        ({"name": "Ada", "email": "ada@localhost"}, BAD_EMAIL),
        ({"name": "Ada", "email": "a b@example.com"}, BAD_EMAIL),
        ({"name": "Ada", "email": "ada@@example.com"}, BAD_EMAIL),
        ({"name": "Ada", "email": "ada@example..com"}, BAD_EMAIL),
        ([ADA], "request body must be a JSON object"),
    ],
)
def test_create_user_rejects_invalid_input(
    client: FlaskClient, body: object, message: str
) -> None:
    response = client.post("/users", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"].startswith(message)


def test_create_user_rejects_malformed_json(client: FlaskClient) -> None:
    response = client.post(
        "/users", data='{"name": "Ada",', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.get_json() == {"error": "request body must be a JSON object"}


def test_create_user_rejects_non_json_body(client: FlaskClient) -> None:
    response = client.post("/users", data="name=Ada", content_type="text/plain")
    assert response.status_code == 400
    assert response.get_json() == {"error": "request body must be a JSON object"}


@pytest.mark.parametrize("user_id", ["999", str(2**63 - 1)])
def test_get_missing_user(client: FlaskClient, user_id: str) -> None:
    response = client.get(f"/users/{user_id}")
    assert response.status_code == 404
    assert response.get_json() == {"error": "user not found"}


@pytest.mark.parametrize(
    "user_id",
    ["abc", "0", "-1", "1.5", "\N{FULLWIDTH DIGIT ONE}", str(2**63)],
)
def test_get_user_with_invalid_id(client: FlaskClient, user_id: str) -> None:
    response = client.get(f"/users/{user_id}")
    assert response.status_code == 400
    assert response.get_json() == {"error": "id must be a positive integer"}


def test_unknown_route_is_json(client: FlaskClient) -> None:
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.get_json() == {"error": "not found"}


def test_wrong_method_is_json(client: FlaskClient) -> None:
    response = client.delete("/users")
    assert response.status_code == 405
    assert response.get_json() == {"error": "method not allowed"}
    assert set(response.allow) == {"GET", "HEAD", "OPTIONS", "POST"}


def test_health_reports_database_failure(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("SELECT 1", {}, Exception("database is gone"))

    monkeypatch.setattr(db.session, "execute", fail)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.get_json() == {"error": "database unavailable"}


def test_unexpected_error_is_json_500(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    # Let the error reach the app's handler instead of the test.
    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(db.session, "scalars", fail)
    response = app.test_client().get("/users")
    assert response.status_code == 500
    assert response.get_json() == {"error": "internal server error"}
