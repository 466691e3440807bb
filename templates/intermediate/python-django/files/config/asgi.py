"""The ASGI application, for an ASGI server such as Uvicorn or Daphne.

The project is served by Gunicorn over WSGI (config/wsgi.py); the views are
synchronous, so under ASGI each request runs in a thread.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

application = get_asgi_application()
