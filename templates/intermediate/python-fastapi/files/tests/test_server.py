"""The server: a deadline on request headers, which Uvicorn lacks."""

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from app import server
from app.core.config import Settings
from app.db.session import make_engine
from app.main import create_app


@pytest.fixture
def port(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[int]:
    """A server on a free port whose header deadline is half a second."""
    monkeypatch.setattr(server, "HEADER_TIMEOUT_SECONDS", 0.5)
    engine = make_engine(f"sqlite:{tmp_path / 'server.db'}")
    config = uvicorn.Config(
        create_app(Settings.model_construct(), engine),
        host="127.0.0.1",
        port=0,
        http=server.HeaderDeadlineProtocol,
        log_config=None,
        lifespan="off",
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    try:
        yield int(running.servers[0].sockets[0].getsockname()[1])
    finally:
        running.should_exit = True
        thread.join(10)
        engine.dispose()


def test_slow_headers_are_cut_off(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        client.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        assert client.recv(1024) == b""  # closed, without an answer
        assert time.monotonic() - started < 3


def test_a_request_in_time_is_answered_and_kept_alive(port: int) -> None:
    request = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        for _ in range(2):
            client.sendall(request)
            answer = b""
            while not answer.endswith(b'{"status":"ok"}'):
                chunk = client.recv(4096)
                assert chunk, f"closed after {answer!r}"
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200 ")
            # Past the deadline of the first request: the second is on time
            # all the same, its own deadline starting after the first answer.
            time.sleep(0.3)
