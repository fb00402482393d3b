"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL points at one."""

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, VAR_DIR

VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdef"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
FAZHI_TEST_KEYS = True
ALLOWED_HOSTS = ["*"]

# A file, not memory, so threads (live server, concurrency tests) share the SQLite test database.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# The example procedure that lives only in the tests: adding a procedure is this one line.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.example_procedure"]
