"""The Django project: settings, URLs and the WSGI and ASGI entry points."""
