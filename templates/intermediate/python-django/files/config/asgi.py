"""The ASGI application, for an ASGI server such as Uvicorn or Daphne.

The project is served by Gunicorn over WSGI (config/wsgi.py); the views are
synchronous, so under ASGI each request runs in a thread.
"""

import os

from django.core.asgi import get_asgi_application

from contract.config import load_env_file

# .env first: it may choose DJANGO_SETTINGS_MODULE too.
load_env_file()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

application = get_asgi_application()
