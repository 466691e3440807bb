"""Settings modules, one per way of running the project.

- base: what every run shares, read from the environment; the default of
  manage.py, gunicorn.conf.py, wsgi.py and asgi.py. DEBUG is off.
- development: base with DEBUG on, for a developer's machine only.
- production: base with everything `manage.py check --deploy` asks for; it
  refuses to start without SECRET_KEY and ALLOWED_HOSTS.
- test: base on databases the test session creates (pytest).
"""
