import uuid

from contract.request_id import request_id_from


def _is_new(value: str) -> bool:
    parsed = uuid.UUID(value)
    return parsed.version == 4 and str(parsed) == value


def test_kept_when_well_formed() -> None:
    assert request_id_from(["abc-123._:XYZ"]) == "abc-123._:XYZ"
    assert request_id_from(["x" * 128]) == "x" * 128


def test_replaced_otherwise() -> None:
    for values in (
        [],
        [""],
        ["x" * 129],
        ["a b"],
        ["a,b"],
        ["é"],
        ["a", "b"],
        ["a", "a"],
    ):
        assert _is_new(request_id_from(values)), values
    assert request_id_from([]) != request_id_from([])
