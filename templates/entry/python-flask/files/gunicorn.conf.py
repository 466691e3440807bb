"""Gunicorn settings; `gunicorn --config gunicorn.conf.py` serves the app.

Gunicorn reads every module-level name here that matches one of its settings.
"""

import contextlib
import os
import signal
import socket
import sys
import threading

from gunicorn.http import wsgi
from gunicorn.workers.gthread import ThreadWorker

from config import bind_address, load_env_file, logging_config
from models import db

# .env first, so that every setting below and the app see its variables.
load_env_file()
try:
    bind = bind_address()
    logconfig_dict = logging_config()
except ValueError as exc:
    # A bad PORT or LOG_LEVEL: say which, and refuse to start.
    sys.exit(str(exc))

wsgi_app = "app:create_app()"
# Threaded workers (gunicorn's gthread, see HeaderDeadlineWorker below): each
# process serves up to `threads` requests at once, and its main thread waits
# for new and kept-alive connections without tying up a request thread, so a
# client that sends slowly holds one thread at most and GET /health still
# answers. Synchronous workers would serve one client each.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = 8
# Load the app, and so create the schema, once in the master before forking.
preload_app = True
# Idle kept-alive connections, and new ones that send nothing, close after this.
keepalive = 5
# On SIGTERM or SIGINT, workers get this long to finish in-flight requests;
# then the master kills them, so the server is gone in under 10 s.
graceful_timeout = 8
timeout = 30
# No runtime control socket (gunicornc), so nothing is written outside the project.
control_socket_disable = True


class _Response(wsgi.Response):
    """Gunicorn's response without its `Server: gunicorn` header.

    Naming the server and its version only helps someone looking for a known
    weakness; gunicorn has no setting to leave the header out.
    """

    def default_headers(self):
        return [h for h in super().default_headers() if not h.startswith("Server:")]


wsgi.Response = _Response


# A connection whose request headers have not all arrived this many seconds
# after it began to send them is closed.
HEADER_TIMEOUT = 10
_request = threading.local()


class HeaderDeadlineWorker(ThreadWorker):
    """The gthread worker, with a deadline on reading a request's headers.

    Gunicorn has none: a client that sends its headers a byte at a time would
    hold a thread for as long as it likes.
    """

    def handle(self, conn):
        # Runs on a pool thread, once the connection has data to read.
        deadline = threading.Timer(HEADER_TIMEOUT, _hang_up, (conn.sock,))
        deadline.daemon = True
        _request.deadline = deadline
        deadline.start()
        try:
            return super().handle(conn)
        finally:
            deadline.cancel()
            _request.deadline = None


def _hang_up(sock):
    # The read blocked on the headers ends as if the client had gone.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


worker_class = HeaderDeadlineWorker


def pre_request(worker, req):
    # The headers are in: the deadline no longer applies to this request.
    deadline = getattr(_request, "deadline", None)
    if deadline is not None:
        deadline.cancel()


def on_starting(server):
    # Stop gracefully on SIGINT (Ctrl-C) as on SIGTERM, not gunicorn's quick way.
    server.handle_int = server.handle_term


def post_fork(server, worker):
    # Workers must not share the database connections the master opened.
    with server.app.wsgi().app_context():
        db.engine.dispose(close=False)


def post_worker_init(worker):
    signal.signal(signal.SIGINT, worker.handle_exit)


def worker_exit(server, worker):
    # Close the worker's database connections as it stops.
    app = getattr(worker, "wsgi", None)
    if app is not None:
        with app.app_context():
            db.engine.dispose()


def on_exit(server):
    # Close the connection the master opened to create the schema.
    with server.app.wsgi().app_context():
        db.engine.dispose()
