import pytest

from contract.problem import (
    INVALID,
    body_error,
    instance_of,
    json_pointer,
    not_found_item,
    parameter_error,
    pointer_error,
    problem,
    title_of,
)
from contract.rules import RULES


@pytest.mark.parametrize(
    ("field", "want"),
    [
        ("", "#"),
        ("name", "#/name"),
        ("a/b", "#/a~1b"),
        ("a~b", "#/a~0b"),
        ("a b", "#/a%20b"),
        ("é", "#/%C3%A9"),
        ('"', "#/%22"),
        ("a?b:c@d", "#/a?b:c@d"),
    ],
)
def test_json_pointer(field: str, want: str) -> None:
    assert json_pointer(field) == want


def test_field_errors() -> None:
    assert pointer_error("name", RULES.NAME) == {
        "pointer": "#/name",
        "detail": RULES.NAME,
    }
    assert parameter_error("id", RULES.ID) == {"parameter": "id", "detail": RULES.ID}
    assert body_error() == {"pointer": "#", "detail": RULES.OBJECT}


def test_problem_shapes() -> None:
    assert problem(404, "/api/v1/users/7", not_found_item("user", 7)) == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "No user has the id 7.",
        "instance": "/api/v1/users/7",
    }
    bad = problem(400, "/x", INVALID, [body_error()])
    assert bad["errors"] == [body_error()]
    assert bad["title"] == "Bad Request"
    # errors belong to 400s only, and a 400 always has some.
    assert "errors" not in problem(413, "/x", "too large", [body_error()])
    with pytest.raises(ValueError, match="field error"):
        problem(400, "/x", INVALID)


def test_titles_follow_rfc_9110() -> None:
    assert title_of(413) == "Content Too Large"
    assert title_of(405) == "Method Not Allowed"
    assert title_of(418) == "Bad Request"
    assert title_of(502) == "Internal Server Error"


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("/api/v1/users?page=2", "/api/v1/users"),
        ("/api/v1/users/%zz", "/api/v1/users/%zz"),
        ("/a%20b#frag", "/a%20b"),
        ("http://example.com/api/v1/users?x", "/api/v1/users"),
        ("http://example.com", "/"),
        ("", "/"),
    ],
)
def test_instance_of(raw: str, want: str) -> None:
    assert instance_of(raw) == want
