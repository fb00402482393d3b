"""Demo settings for `make run`: embedded SQLite, local key file, DEBUG off unless asked for."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and the demo key file live here
DEBUG = env_bool("DEBUG", True)
# A demo secret generated once per checkout by `make run`; never used in production settings.
if not SECRET_KEY:  # noqa: F405
    SECRET_KEY = "demo-only-" + os.environ.get("FAZHI_DEMO_SALT", "local")
FAZHI_KEY_FILE = os.environ.get("FAZHI_KEY_FILE", str(VAR_DIR / "keys.env"))
FAZHI_CREATE_KEY_FILE = True
