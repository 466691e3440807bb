"""Logging: JSON lines on standard output (the contract's format)."""

import logging.config

from contract.logs import logging_config


def configure_logging(level: str) -> None:
    """Sends every logger's records, the server's included, to standard output
    as JSON lines at level (debug, info, warn or error) and up."""
    logging.config.dictConfig(logging_config(level))
