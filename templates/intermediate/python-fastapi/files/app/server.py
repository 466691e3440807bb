"""python -m app.server: serve the API with Uvicorn; `migrate` applies the
migrations instead (Alembic's upgrade to head).

The settings are read and checked first: a bad value stops the process with
status 1 and a message naming the variable, before anything listens.
"""

import asyncio
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Final

import uvicorn
from alembic import command
from alembic.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.core.config import Settings, load_settings
from app.core.logging import configure_logging
from app.main import create_app
from contract.config import ConfigError, load_env_file, redact

logger = logging.getLogger("app.server")

HEADER_TIMEOUT_SECONDS: Final = 10.0
"""A connection whose request headers have not all arrived this long after it
opened (or after its previous answer) is closed."""

GRACEFUL_SECONDS: Final = 8.0
"""On SIGTERM or SIGINT, requests in flight get this long to finish."""

ALEMBIC_INI: Final = Path(__file__).resolve().parent.parent / "alembic.ini"


class HeaderDeadlineProtocol(H11Protocol):
    """Uvicorn's h11 protocol with a deadline on reading request headers,
    which Uvicorn does not have: a client that sends its headers a byte at a
    time would otherwise hold its connection as long as it likes."""

    _deadline: asyncio.TimerHandle | None = None
    _waiting_after: object = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        # A new request cycle means the headers of a new request are in.
        if self.cycle is not self._waiting_after:
            self._disarm()

    def on_response_complete(self) -> None:
        # Armed before Uvicorn starts a request that was already pipelined.
        self._arm()
        super().on_response_complete()
        if self.cycle is not self._waiting_after or self.transport.is_closing():
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._waiting_after = self.cycle
        self._deadline = self.loop.call_later(HEADER_TIMEOUT_SECONDS, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def serve(settings: Settings) -> None:
    """Serves until SIGTERM or SIGINT, then finishes the requests in flight,
    closes idle connections and the database, and returns."""
    config = uvicorn.Config(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        http=HeaderDeadlineProtocol,
        lifespan="on",
        log_config=None,
        access_log=False,
        server_header=False,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=int(GRACEFUL_SECONDS),
    )
    # Uvicorn raises the signal it stopped on again once it has stopped; with
    # this handler that ends the process normally (status 0) instead.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _stopped)
    uvicorn.Server(config).run()
    logger.info("stopped")


def _stopped(signum: int, frame: FrameType | None) -> None:
    logger.debug("signal %d after the server stopped", signum)


def migrate(settings: Settings) -> None:
    """Applies every migration not yet applied to DATABASE_URL."""
    logger.info("migrating %s", redact(settings.database_url))
    command.upgrade(Config(str(ALEMBIC_INI)), "head")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    load_env_file()
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    configure_logging(settings.log_level)
    if args == ["migrate"]:
        migrate(settings)
        return 0
    if args:
        print("usage: python -m app.server [migrate]", file=sys.stderr)
        return 2
    serve(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
