"""Production: base plus what `manage.py check --deploy` asks for.

Needs SECRET_KEY (at least 50 characters) and ALLOWED_HOSTS in the
environment; refuses to start without them. The server speaks plain HTTP:
TLS ends at the load balancer or reverse proxy in front of it.
"""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import env_bool, env_int, env_list
from contract.config import ConfigError

_secret_key = os.environ.get("SECRET_KEY", "")
if len(_secret_key) < 50 or len(set(_secret_key)) < 5:
    raise ConfigError(
        "invalid SECRET_KEY (not shown): must be set, at least 50 characters "
        "with at least 5 different ones"
    )
SECRET_KEY = _secret_key

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ConfigError(
        "invalid ALLOWED_HOSTS '': must list the host names the API answers "
        "to, separated by commas"
    )

DEBUG = False

# Cookies only over HTTPS. The API sets none itself; Django's CSRF cookie and
# any session a later feature adds obey these.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Browsers remember for SECURE_HSTS_SECONDS (default a year) to use HTTPS
# only, for every subdomain too. Django sends the header on HTTPS requests.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, 0, 2**31 - 1)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

# Behind a proxy that ends TLS, X-Forwarded-Proto tells a request came over
# HTTPS. Set SECURE_PROXY_SSL_HEADER=true only when that proxy always sets
# (or strips) the header, else a client could claim HTTPS.
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Redirect HTTP to HTTPS in the app only when asked (SECURE_SSL_REDIRECT=true):
# the load balancer usually does it, and the health probes inside the
# container speak plain HTTP to 127.0.0.1.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)

SILENCED_SYSTEM_CHECKS: list[str] = []
if not SECURE_SSL_REDIRECT:
    # security.W008 asks for SECURE_SSL_REDIRECT; off on purpose (above).
    SILENCED_SYSTEM_CHECKS.append("security.W008")
if not SECURE_HSTS_PRELOAD:
    # security.W021 asks to submit the domain to browsers' preload lists, a
    # commitment that is hard to take back: opt in with SECURE_HSTS_PRELOAD.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
