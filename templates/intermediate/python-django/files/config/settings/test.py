"""The test session's settings: base on databases made for the tests.

`default` is a SQLite file the session creates; when TEST_DATABASE_URL names a
PostgreSQL database, `postgres` is a schema of its own there, dropped at the
end (conftest.py). The repository and API tests run on each of them: the
router below sends every query to the database a test chose.
"""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import database
from contract.config import check_database_url

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# The SQLite file is set by conftest.py, in a directory of the session's own.
DATABASES = {
    "default": database("sqlite:test.sqlite3"),
}
_postgres = os.environ.get("TEST_DATABASE_URL")
if _postgres:
    DATABASES["postgres"] = database(check_database_url(_postgres, "postgres"))
    # Tests open and close connections as they go.
    DATABASES["postgres"]["CONN_MAX_AGE"] = 0
DATABASE_ROUTERS = ["tests.routing.ChosenDatabaseRouter"]
