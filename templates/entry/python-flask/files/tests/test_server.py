"""The server as it runs: Gunicorn serving the app on a free local port."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 response with a Content-Length: status, headers, body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        assert chunk, f"the connection closed before a response: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    while len(body) < int(headers["content-length"]):
        chunk = sock.recv(4096)
        assert chunk, "the connection closed in the middle of a response"
        body += chunk
    return int(status_line.split()[1]), headers, body


def get_health(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    sock.sendall(b"GET /health HTTP/1.1\r\nHost: test\r\n\r\n")
    return read_response(sock)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.db'}",
        "LOG_LEVEL": "warn",
        "WEB_CONCURRENCY": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, "the server exited at start"
            try:
                with connect(port) as sock:
                    if get_health(sock)[0] == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield port, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_responses_do_not_name_the_server(
    server: tuple[int, subprocess.Popen[bytes]],
) -> None:
    port, _ = server
    with connect(port) as sock:
        status, headers, body = get_health(sock)
    assert status == 200
    assert json.loads(body) == {"status": "ok"}
    assert "server" not in headers
    assert headers["x-content-type-options"] == "nosniff"


def test_sigterm_finishes_in_flight_requests_then_exits(
    server: tuple[int, subprocess.Popen[bytes]],
) -> None:
    port, process = server
    idle = connect(port)
    busy = connect(port)
    try:
        # A kept-alive connection with no request in flight.
        assert get_health(idle)[0] == 200
        # A request in flight: its body is half sent when the signal comes.
        body = b'{"name": "Ada", "email": "ada@example.com"}'
        busy.sendall(
            b"POST /users HTTP/1.1\r\nHost: test\r\n"
            b"Content-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body) + body[:10]
        )
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        busy.sendall(body[10:])

        status, _, answer = read_response(busy)
        assert status == 201
        assert json.loads(answer) == {
            "id": 1,
            "name": "Ada",
            "email": "ada@example.com",
        }
        # The idle connection is closed politely (FIN), not reset.
        assert idle.recv(1) == b""
        assert process.wait(timeout=10) == 0
    finally:
        idle.close()
        busy.close()


def test_headers_that_do_not_arrive_in_time_close_the_connection(
    server: tuple[int, subprocess.Popen[bytes]],
) -> None:
    port, _ = server
    with connect(port) as slow:
        slow.settimeout(15)
        slow.sendall(b"GET /health HTTP/1.1\r\nHost: te")
        started = time.monotonic()
        assert slow.recv(1) == b""
        assert 9 < time.monotonic() - started < 12
    with connect(port) as sock:
        assert get_health(sock)[0] == 200
