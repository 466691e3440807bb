"""A developer's machine: base with DEBUG on. Chosen only explicitly:

DJANGO_SETTINGS_MODULE=config.settings.development .venv/bin/python manage.py ...
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import ALLOWED_HOSTS

DEBUG = True
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
