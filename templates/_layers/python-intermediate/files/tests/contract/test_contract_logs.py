import io
import json
import logging
import logging.config
import re
from collections.abc import Iterator

import pytest

from contract.logs import JsonFormatter, logging_config, request_id_var


@pytest.fixture
def logger() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("contract-test")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    log.propagate = False
    yield log, out
    log.removeHandler(handler)


def _lines(out: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_line_shape(logger: tuple[logging.Logger, io.StringIO]) -> None:
    log, out = logger
    log.warning("slow %s", "thing", extra={"route": "/health", "status": 200})
    (line,) = _lines(out)
    assert line["level"] == "warn"
    assert line["msg"] == "slow thing"
    assert line["route"] == "/health"
    assert line["status"] == 200
    assert "request_id" not in line
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", str(line["time"]))


def test_request_id_and_levels(logger: tuple[logging.Logger, io.StringIO]) -> None:
    log, out = logger
    token = request_id_var.set("abc")
    try:
        log.debug("d")
        log.info("i")
        log.critical("c")
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            log.exception("failed")
    finally:
        request_id_var.reset(token)
    lines = _lines(out)
    assert [line["level"] for line in lines] == ["debug", "info", "error", "error"]
    assert all(line["request_id"] == "abc" for line in lines)
    assert "RuntimeError: boom" in str(lines[3]["error"])


def test_logging_config_applies() -> None:
    config = logging_config("warn")
    logging.config.dictConfig(config)
    try:
        assert logging.getLogger().level == logging.WARNING
        assert logging.getLogger("gunicorn.access").level == logging.CRITICAL
    finally:
        logging.config.dictConfig(logging_config("info"))
