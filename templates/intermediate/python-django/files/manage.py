#!/usr/bin/env python
"""Django's command line: migrate, check, createsuperuser, shell, ..."""

import os
import sys


def main() -> None:
    from django.core.management import execute_from_command_line

    from contract.config import ConfigError, load_env_file

    # .env first: it may choose DJANGO_SETTINGS_MODULE too.
    load_env_file()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as exc:
        # A bad setting: say which variable and value, and stop.
        sys.exit(str(exc))


if __name__ == "__main__":
    main()
