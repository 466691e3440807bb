"""The WSGI application Gunicorn serves (gunicorn.conf.py: wsgi_app)."""

import os

from django.core.wsgi import get_wsgi_application

from contract.config import load_env_file

# .env first: it may choose DJANGO_SETTINGS_MODULE too.
load_env_file()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

application = get_wsgi_application()
