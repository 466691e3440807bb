import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.exc import IntegrityError, OperationalError

from app import MAX_BODY_BYTES
from models import User, db

ADA = {"name": "Ada Lovelace", "email": "ada@example.com"}
BAD_BODY = "request body must be a JSON object"
BAD_EMAIL = "email must be a valid email address"
# A valid address of exactly 254 characters: 64 + "@" + 189.
LONGEST_EMAIL = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 61])


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
    assert response.headers["Location"] == "/users/1"


def test_created_users_are_listed_by_id_and_fetched(client: FlaskClient) -> None:
    first = client.post("/users", json=ADA).get_json()
    second = client.post(
        "/users", json={"name": "Grace", "email": "grace@example.com"}
    ).get_json()

    listed = client.get("/users")
    assert listed.status_code == 200
    assert listed.get_json() == [first, second]

    fetched = client.get(f"/users/{second['id']}")
    assert fetched.status_code == 200
    assert fetched.get_json() == second


def test_create_user_trims_whitespace(client: FlaskClient) -> None:
    response = client.post(
        "/users", json={"name": " \t Ada\u00a0", "email": "\n ada@example.com "}
    )
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "name": "Ada", "email": "ada@example.com"}


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x" * 100, "email": "ada@example.com"},
        # 100 code points, 400 bytes in UTF-8.
        {"name": "\N{GRINNING FACE}" * 100, "email": "ada@example.com"},
        {"name": "Ada", "email": LONGEST_EMAIL},
        {"name": "Ada", "email": "a.b+c!#$%&'*/=?^_`{|}~-@x-1.example.org"},
    ],
    ids=["name-100", "name-100-code-points", "email-254", "email-symbols"],
)
def test_create_user_accepts_the_limits(client: FlaskClient, body: dict) -> None:
    response = client.post("/users", json=body)
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, **body}


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
        # The body: one JSON object with the fields name and email only.
        ([ADA], BAD_BODY),
        ("Ada", BAD_BODY),
        (None, BAD_BODY),
        ({**ADA, "id": 7}, "request body must have only the fields name and email"),
        (
            {**ADA, "admin": True},
            "request body must have only the fields name and email",
        ),
        # name: the first failing rule is reported, the body's, then name's.
        ({"name": 42, "email": "bad"}, "name must be a string"),
        ({"email": "ada@example.com"}, "name is required"),
        ({"name": None, "email": "ada@example.com"}, "name is required"),
        ({"name": "", "email": "ada@example.com"}, "name is required"),
        ({"name": " \t\n ", "email": "ada@example.com"}, "name is required"),
        ({"name": ["Ada"], "email": "ada@example.com"}, "name must be a string"),
        ({"name": "x" * 101, "email": "ada@example.com"}, "name must be at most 100"),
        ({"name": "é" * 101, "email": "ada@example.com"}, "name must be at most 100"),
        ({"name": "Ada\x00Lovelace", "email": "ada@example.com"}, "name must not"),
        ({"name": "Ada\x1f", "email": "ada@example.com"}, "name must not contain"),
        ({"name": "\x07Ada", "email": "ada@example.com"}, "name must not contain"),
        ({"name": "Ada\x7f", "email": "ada@example.com"}, "name must not contain"),
        ({"name": "Ada\nLovelace", "email": "ada@example.com"}, "name must not"),
        ({"name": "Ada\ud800", "email": "ada@example.com"}, "name must be valid"),
        # email
        ({"name": "Ada"}, "email is required"),
        ({"name": "Ada", "email": None}, "email is required"),
        ({"name": "Ada", "email": "  "}, "email is required"),
        ({"name": "Ada", "email": 7}, "email must be a string"),
        ({"name": "Ada", "email": "ada\x00@example.com"}, "email must not contain"),
        ({"name": "Ada", "email": "ada@example.com\x00"}, "email must not contain"),
        ({"name": "Ada", "email": "x" + LONGEST_EMAIL}, "email must be at most 254"),
        ({"name": "Ada", "email": "not-an-email"}, BAD_EMAIL),
        ({"name": "Ada", "email": "ada@localhost"}, BAD_EMAIL),
        ({"name": "Ada", "email": "a b@example.com"}, BAD_EMAIL),
        ({"name": "Ada", "email": "ada@@example.com"}, BAD_EMAIL),
        ({"name": "Ada", "email": "ada@example..com"}, BAD_EMAIL),
        ({"name": "Ada", "email": "ada@-example.com"}, BAD_EMAIL),
        ({"name": "Ada", "email": "ada@example.com-"}, BAD_EMAIL),
        ({"name": "Ada", "email": "a" * 65 + "@example.com"}, BAD_EMAIL),
        ({"name": "Ada", "email": "ada@" + "b" * 64 + ".com"}, BAD_EMAIL),
        ({"name": "Ada", "email": "adá@example.com"}, BAD_EMAIL),
        ({"name": "Ada", "email": "<ada@example.com>"}, BAD_EMAIL),
    ],
)
def test_create_user_rejects_invalid_input(
    client: FlaskClient, body: object, message: str
) -> None:
    response = client.post("/users", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"].startswith(message)
    assert client.get("/users").get_json() == []


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ('{"name": "Ada",', "application/json"),
        ("", "application/json"),
        ('{"name": "Ada"} {}', "application/json"),
        (b'{"name": "\xff", "email": "ada@example.com"}', "application/json"),
        ("[" * 1000 + "]" * 1000, "application/json"),
        ('{"a":' * 1000 + "1" + "}" * 1000, "application/json"),
        ('{"name": "Ada", "email": "ada@example.com"}', "text/plain"),
        ("name=Ada&email=ada@example.com", "application/x-www-form-urlencoded"),
    ],
    ids=[
        "truncated",
        "empty",
        "two-documents",
        "invalid-utf8",
        "deep-array",
        "deep-object",
        "text-plain",
        "form",
    ],
)
def test_create_user_rejects_malformed_body(
    client: FlaskClient, data: str | bytes, content_type: str
) -> None:
    response = client.post("/users", data=data, content_type=content_type)
    assert response.status_code == 400
    assert response.get_json() == {"error": BAD_BODY}


def test_body_over_the_limit_is_refused_from_its_length(client: FlaskClient) -> None:
    body = io.BytesIO(b" " * (MAX_BODY_BYTES + 1))
    response = client.post(
        "/users",
        input_stream=body,
        content_type="application/json",
        headers={"Content-Length": str(MAX_BODY_BYTES + 1)},
    )
    assert response.status_code == 413
    assert response.get_json() == {"error": "request body too large"}
    assert body.tell() == 0, "the body was read"


def body_of(size: int) -> bytes:
    """A valid user, padded with white space to ``size`` bytes."""
    data = b'{"name": "Ada", "email": "ada@example.com"}'
    return data + b" " * (size - len(data))


def test_body_at_the_limit_is_read(client: FlaskClient) -> None:
    data = body_of(MAX_BODY_BYTES)
    response = client.post("/users", data=data, content_type="application/json")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("size", "status"), [(MAX_BODY_BYTES, 201), (MAX_BODY_BYTES + 1, 413)]
)
def test_body_without_length_is_held_to_the_limit(
    client: FlaskClient, size: int, status: int
) -> None:
    response = client.post(
        "/users",
        content_type="application/json",
        environ_overrides={
            "wsgi.input": io.BytesIO(body_of(size)),
            "wsgi.input_terminated": True,
        },
    )
    assert response.status_code == status


class CountingStream(io.RawIOBase):
    """An endless body that counts the bytes read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:
        buffer[:] = b" " * len(buffer)
        self.read_bytes += len(buffer)
        return len(buffer)


def test_body_without_length_is_not_read_past_the_limit(client: FlaskClient) -> None:
    body = CountingStream()
    response = client.post(
        "/users",
        content_type="application/json",
        # A chunked body, without Content-Length: the server decodes it and
        # marks where it ends.
        environ_overrides={"wsgi.input": body, "wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert response.get_json() == {"error": "request body too large"}
    assert body.read_bytes <= MAX_BODY_BYTES + 64 * 1024


@pytest.mark.parametrize("user_id", ["999", str(2**63 - 1)])
def test_get_missing_user(client: FlaskClient, user_id: str) -> None:
    response = client.get(f"/users/{user_id}")
    assert response.status_code == 404
    assert response.get_json() == {"error": "user not found"}


@pytest.mark.parametrize(
    "path",
    [
        "/users/abc",
        "/users/0",
        "/users/00",
        "/users/01",
        "/users/-1",
        "/users/+1",
        "/users/1.5",
        "/users/1e3",
        "/users/%201",
        "/users/\N{FULLWIDTH DIGIT ONE}",
        "/users/%EF%BC%91",
        f"/users/{2**63}",
        "/users/" + "9" * 30,
        "/users/%ZZ",
        "/users/%",
        "/users/%2",
        "/users/%00",
        "/users/1%00",
        "/users/%C3",
        "/users/%FF",
    ],
)
def test_get_user_with_invalid_id(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert response.get_json() == {"error": "id must be a positive integer"}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/nope",
        "/users/",
        "/users/1/",
        "/users/1/x",
        "/users/1%2F2",
        "/users/%2f1",
        "/users//1",
        "/health/",
        "/%ZZ",
        "/Users",
    ],
)
def test_unknown_path_is_json_404(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json() == {"error": "not found"}


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/users/1", {"GET", "HEAD"}),
        ("PUT", "/users/1", {"GET", "HEAD"}),
        ("PATCH", "/users/1", {"GET", "HEAD"}),
        ("POST", "/users/1", {"GET", "HEAD"}),
        ("OPTIONS", "/users/1", {"GET", "HEAD"}),
        ("DELETE", "/users", {"GET", "HEAD", "POST"}),
        ("PUT", "/users", {"GET", "HEAD", "POST"}),
        ("OPTIONS", "/users", {"GET", "HEAD", "POST"}),
        ("POST", "/health", {"GET", "HEAD"}),
        ("DELETE", "/health", {"GET", "HEAD"}),
    ],
)
def test_other_method_is_json_405_with_allow(
    client: FlaskClient, method: str, path: str, allow: set[str]
) -> None:
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert response.get_json() == {"error": "method not allowed"}
    assert set(response.allow) == allow


@pytest.mark.parametrize(
    ("method", "path", "json"),
    [
        ("GET", "/health", None),
        ("GET", "/users", None),
        ("POST", "/users", ADA),
        ("POST", "/users", {"name": ""}),
        ("GET", "/users/1", None),
        ("GET", "/users/x", None),
        ("GET", "/nope", None),
        ("DELETE", "/users", None),
    ],
)
def test_every_response_is_json_and_nosniff(
    client: FlaskClient, method: str, path: str, json: object
) -> None:
    response = client.open(path, method=method, json=json)
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Server" not in response.headers


def test_health_does_not_ask_the_database(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("SELECT 1", {}, Exception("database is gone"))

    monkeypatch.setattr(db.session, "execute", fail)
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


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
    assert response.headers["X-Content-Type-Options"] == "nosniff"
