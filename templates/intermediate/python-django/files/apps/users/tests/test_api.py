"""/api/v1/users over DRF's test client, on each test database."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from contract.problem import CONFLICT_EMAIL, INVALID, TOO_LARGE
from contract.rules import RULES
from tests.support import (
    MAX_BODY,
    assert_problem,
    assert_timestamps,
    body_of,
    padded,
    parameter,
    pointer,
    send,
)

pytestmark = pytest.mark.django_db(databases="__all__")

USERS = "/api/v1/users"


def create(api: APIClient, name: str, email: str) -> dict[str, Any]:
    response = send(api, "POST", USERS, {"name": name, "email": email})
    assert response.status_code == 201, response.content
    user: dict[str, Any] = body_of(response)
    assert response["Location"] == f"{USERS}/{user['id']}"
    return user


def test_create_trims_and_answers_the_user(api: APIClient) -> None:
    user = create(api, "  Ada Lovelace ", " ada@example.com\t")
    assert set(user) == {"id", "name", "email", "created_at", "updated_at"}
    assert (user["name"], user["email"]) == ("Ada Lovelace", "ada@example.com")
    assert_timestamps(user)
    assert user["created_at"] == user["updated_at"]
    response = api.get(f"{USERS}/{user['id']}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert body_of(response) == user


def test_field_rules_are_all_reported(api: APIClient) -> None:
    assert_problem(
        send(api, "POST", USERS, {}),
        400,
        INVALID,
        [pointer("#/name", RULES.REQUIRED), pointer("#/email", RULES.REQUIRED)],
    )
    assert_problem(
        send(api, "POST", USERS, '{"name":"a\\u0001b","role":"admin"}'),
        400,
        INVALID,
        [
            pointer("#/email", RULES.REQUIRED),
            pointer("#/name", RULES.CONTROL),
            pointer("#/role", RULES.UNKNOWN),
        ],
    )
    assert_problem(
        send(api, "POST", USERS, {"name": "x" * 101, "email": "not-an-email"}),
        400,
        INVALID,
        [pointer("#/name", RULES.NAME), pointer("#/email", RULES.EMAIL)],
    )
    assert_problem(
        send(api, "POST", USERS, {"name": None, "email": ["a@example.com"]}),
        400,
        INVALID,
        [pointer("#/name", RULES.STRING), pointer("#/email", RULES.STRING)],
    )
    assert_problem(
        send(api, "POST", USERS, {"name": "Ada", "email": "a@b.c", "id": 5}),
        400,
        INVALID,
        [pointer("#/id", RULES.UNKNOWN)],
    )


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("[]", "application/json"),
        ("", "application/json"),
        ('{"name":"Ada"', "application/json"),
        ('{"name":"Ada","email":"a@example.com"} x', "application/json"),
        (b'{"name":"\xff","email":"a@example.com"}', "application/json"),
        ("[" * 5000 + "]" * 5000, "application/json"),
        ('{"name":"A","email":"a@example.com","x":NaN}', "application/json"),
        ('{"name":"\\ud800","email":"a@example.com"}', "application/json"),
        ('{"name":"Ada","email":"a@example.com"}', "text/plain"),
        ('{"name":"Ada","email":"a@example.com"}', "application/json; charset=latin1"),
    ],
)
def test_a_body_that_is_not_one_json_object_is_refused(
    api: APIClient, body: str | bytes, content_type: str
) -> None:
    assert_problem(
        send(api, "POST", USERS, body, content_type=content_type),
        400,
        INVALID,
        [pointer("#", RULES.OBJECT)],
    )


def test_charset_utf8_is_accepted(api: APIClient) -> None:
    response = send(
        api,
        "POST",
        USERS,
        {"name": "Ada", "email": "ada@example.com"},
        content_type="application/json; charset=utf-8",
    )
    assert response.status_code == 201


def test_body_size_limit(api: APIClient) -> None:
    big = padded('{"name":"Big","email":"big@example.com"}', MAX_BODY + 1)
    response = send(api, "POST", USERS, big)
    assert_problem(response, 413, TOO_LARGE)
    # Read to its end and dropped, so the connection stays usable and the
    # client that is still writing gets the answer rather than a reset.
    assert "Connection" not in response
    huge = padded('{"name":"Huge","email":"huge@example.com"}', 4 * MAX_BODY + 1)
    response = send(api, "POST", USERS, huge)
    assert_problem(response, 413, TOO_LARGE)
    assert response["Connection"] == "close", "past 4 MiB it is not read"
    exact = padded('{"name":"Exact","email":"exact@example.com"}', MAX_BODY)
    assert send(api, "POST", USERS, exact).status_code == 201


def test_emails_are_unique_in_any_letter_case(api: APIClient) -> None:
    ada = create(api, "Ada", "Ada@Example.ORG")
    bob = create(api, "Bob", "bob@example.org")
    for email in ("ada@example.org", " ADA@EXAMPLE.ORG "):
        assert_problem(
            send(api, "POST", USERS, {"name": "Copy", "email": email}),
            409,
            CONFLICT_EMAIL,
        )
        assert_problem(
            send(api, "PATCH", f"{USERS}/{bob['id']}", {"email": email}),
            409,
            CONFLICT_EMAIL,
        )
    own = send(api, "PATCH", f"{USERS}/{ada['id']}", {"email": "ADA@EXAMPLE.ORG"})
    assert own.status_code == 200
    assert body_of(own)["email"] == "ADA@EXAMPLE.ORG"


def test_patch_changes_only_what_it_sends(api: APIClient) -> None:
    user = create(api, "Ada", "ada@example.com")
    path = f"{USERS}/{user['id']}"
    same = send(api, "PATCH", path, {})
    assert same.status_code == 200
    assert body_of(same) == user
    renamed = body_of(send(api, "PATCH", path, {"name": "  Ada King  "}))
    assert renamed["name"] == "Ada King"
    assert renamed["email"] == user["email"]
    assert renamed["created_at"] == user["created_at"]
    assert_timestamps(renamed)
    assert body_of(api.get(path)) == renamed
    assert_problem(
        send(api, "PATCH", path, {"name": None}),
        400,
        INVALID,
        [pointer("#/name", RULES.STRING)],
    )
    assert_problem(
        send(api, "PATCH", path, {"id": 5, "created_at": "x", "name": ""}),
        400,
        INVALID,
        [
            pointer("#/id", RULES.UNKNOWN),
            pointer("#/created_at", RULES.UNKNOWN),
            pointer("#/name", RULES.NAME),
        ],
    )


def test_delete_then_not_found(api: APIClient) -> None:
    user = create(api, "Ada", "ada@example.com")
    path = f"{USERS}/{user['id']}"
    response = api.delete(path)
    assert response.status_code == 204
    assert response.content == b""
    gone = f"No user has the id {user['id']}."
    assert_problem(api.get(path), 404, gone)
    assert_problem(api.delete(path), 404, gone)
    assert_problem(send(api, "PATCH", path, {"name": "Ghost"}), 404, gone)
    # The body is checked before existence.
    assert_problem(
        send(api, "PATCH", path, {"name": 5}),
        400,
        INVALID,
        [pointer("#/name", RULES.STRING)],
    )
    # The email is free again; the id is not reused.
    again = create(api, "Ada", "ada@example.com")
    assert again["id"] > user["id"]


@pytest.mark.parametrize(
    "segment", ["0", "01", "-1", "+1", "abc", "1.5", "9223372036854775808", "%00"]
)
def test_an_id_that_is_not_one_is_a_400(api: APIClient, segment: str) -> None:
    path = f"{USERS}/{segment}"
    for method in ("GET", "DELETE"):
        assert_problem(
            send(api, method, path), 400, INVALID, [parameter("id", RULES.ID)]
        )
    # The id is checked before the body, which is not read.
    assert_problem(
        send(api, "PATCH", path, "not json"),
        400,
        INVALID,
        [parameter("id", RULES.ID)],
    )


def test_the_largest_id_is_well_formed(api: APIClient) -> None:
    assert_problem(
        api.get(f"{USERS}/9223372036854775807"),
        404,
        "No user has the id 9223372036854775807.",
    )


def test_paging(api: APIClient) -> None:
    ids = [create(api, f"U{n}", f"u{n}@example.com")["id"] for n in range(3)]
    first = body_of(api.get(f"{USERS}?limit=2"))
    assert (first["total"], first["page"], first["limit"]) == (3, 1, 2)
    assert [user["id"] for user in first["data"]] == ids[:2]
    second = body_of(api.get(f"{USERS}?page=2&limit=2&other=x"))
    assert [user["id"] for user in second["data"]] == ids[2:]
    default = body_of(api.get(USERS))
    assert (default["page"], default["limit"], len(default["data"])) == (1, 20, 3)
    past = body_of(api.get(f"{USERS}?page=2147483647"))
    assert (past["data"], past["total"]) == ([], 3)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("page=0", ["page"]),
        ("page=", ["page"]),
        ("page=01", ["page"]),
        ("page=2147483648", ["page"]),
        ("limit=101", ["limit"]),
        ("limit=1.5", ["limit"]),
        ("limit=5&limit=6", ["limit"]),
        ("page=a&limit=0", ["page", "limit"]),
        ("page=%201&limit=+20", ["page", "limit"]),
    ],
)
def test_bad_paging_is_a_400(api: APIClient, query: str, names: list[str]) -> None:
    rules = {"page": RULES.PAGE, "limit": RULES.LIMIT}
    assert_problem(
        api.get(f"{USERS}?{query}"),
        400,
        INVALID,
        [parameter(name, rules[name]) for name in names],
    )
