import pytest

from contract.rules import (
    RULES,
    Paging,
    RuleError,
    check_description,
    check_email,
    check_name,
    is_json_content_type,
    parse_id,
    parse_paging,
    trim_space,
)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("1", 1),
        ("42", 42),
        ("9223372036854775807", 9223372036854775807),
        ("9223372036854775808", None),
        ("99999999999999999999", None),
        ("0", None),
        ("01", None),
        ("-1", None),
        ("+1", None),
        ("1.0", None),
        ("", None),
        (" 1", None),
        # ARABIC-INDIC DIGIT ONE is a digit to str.isdigit, not to the contract.
        ("\u0661", None),
    ],
)
def test_parse_id(raw: str, want: int | None) -> None:
    assert parse_id(raw) == want


def test_parse_paging_defaults_and_values() -> None:
    assert parse_paging("") == Paging(1, 20)
    assert parse_paging("page=2&limit=5&other=x") == Paging(2, 5)
    assert parse_paging("page=2147483647&limit=100") == Paging(2147483647, 100)
    assert Paging(3, 10).offset == 20


@pytest.mark.parametrize(
    ("query", "bad"),
    [
        ("page=", ["page"]),
        ("page", ["page"]),
        ("page=0", ["page"]),
        ("page=01", ["page"]),
        ("page=2147483648", ["page"]),
        ("page=1&page=2", ["page"]),
        ("limit=101", ["limit"]),
        ("limit=0", ["limit"]),
        ("limit=5&limit=6", ["limit"]),
        ("limit=-1", ["limit"]),
        ("page=x&limit=y", ["page", "limit"]),
    ],
)
def test_parse_paging_errors(query: str, bad: list[str]) -> None:
    errors = parse_paging(query)
    assert isinstance(errors, list)
    want = {"page": RULES.PAGE, "limit": RULES.LIMIT}
    assert errors == [{"parameter": name, "detail": want[name]} for name in bad]


def test_trim_space_is_unicode_white_space_only() -> None:
    assert trim_space("\t\n\v\f\r \u0085\u00a0\u2003a b\u3000") == "a b"
    # U+001F is a control character, not white space: it stays for the rules to see.
    assert trim_space("\x1fa") == "\x1fa"
    assert trim_space("\ufeffa") == "\ufeffa"


def test_check_name() -> None:
    assert check_name("  Ada  ") == "Ada"
    assert check_name("é" * 100) == "é" * 100
    assert check_name("😀" * 100) == "😀" * 100  # code points, not UTF-16 units
    for raw, rule in [
        ("", RULES.NAME),
        ("   ", RULES.NAME),
        ("x" * 101, RULES.NAME),
        ("a\x00b", RULES.CONTROL),
        ("a\tb", RULES.CONTROL),
        ("a\x7fb", RULES.CONTROL),
    ]:
        with pytest.raises(RuleError) as caught:
            check_name(raw)
        assert caught.value.detail == rule
        assert str(caught.value) == rule


def test_check_email() -> None:
    assert check_email(" Ada@Example.com ") == "Ada@Example.com"
    long_ok = "a" * 64 + "@" + ".".join(["b" * 61] * 3) + ".ccc"
    assert len(long_ok) == 254
    assert check_email(long_ok) == long_ok
    for raw, rule in [
        ("", RULES.EMAIL),
        ("ada", RULES.EMAIL),
        ("ada@example", RULES.EMAIL),
        ("ada@-example.com", RULES.EMAIL),
        ("ädä@example.com", RULES.EMAIL),
        ("a" * 65 + "@example.com", RULES.EMAIL),
        (long_ok + "c", RULES.EMAIL),
        ("ada\x00@example.com", RULES.CONTROL),
        ("ada@example.com\n", "ok"),
    ]:
        if rule == "ok":
            assert check_email(raw) == raw.strip()
            continue
        with pytest.raises(RuleError) as caught:
            check_email(raw)
        assert caught.value.detail == rule


def test_check_description() -> None:
    assert check_description(" line\n\tnext\r\nend ") == "line\n\tnext\r\nend"
    assert check_description("d" * 1000) == "d" * 1000
    for raw, rule in [
        ("", RULES.DESCRIPTION),
        (" \n ", RULES.DESCRIPTION),
        ("d" * 1001, RULES.DESCRIPTION),
        ("a\x0bb", RULES.CONTROL),
        ("a\x1bb", RULES.CONTROL),
    ]:
        with pytest.raises(RuleError) as caught:
            check_description(raw)
        assert caught.value.detail == rule


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("application/json", True),
        ("Application/JSON", True),
        ("application/json; charset=utf-8", True),
        ('application/json;charset="UTF-8"', True),
        ("application/json; charset=latin-1", False),
        ("application/json; boundary=x", False),
        ("text/plain", False),
        ("application/jsonx", False),
        ("", False),
        (None, False),
    ],
)
def test_is_json_content_type(value: str | None, ok: bool) -> None:
    assert is_json_content_type(value) is ok
