"""Gunicorn settings; `gunicorn --config gunicorn.conf.py` serves the app.

Gunicorn reads every module-level name here that matches one of its settings.
"""

import os
import signal

from config import bind_address, logging_config
from models import db

wsgi_app = "app:create_app()"
bind = bind_address()
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Load the app, and so create the schema, once in the master before forking.
preload_app = True
# On SIGTERM or SIGINT, workers get this long to finish in-flight requests.
graceful_timeout = 5
timeout = 30
# No runtime control socket (gunicornc), so nothing is written outside the project.
control_socket_disable = True
logconfig_dict = logging_config()


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
