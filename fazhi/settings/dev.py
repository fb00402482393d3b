"""Demo settings for `make run`: embedded SQLite, local key file, DEBUG off unless asked for."""

import os

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STATIC_ROOT, VAR_DIR, env_bool

VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and the demo key file live here
# The demo is served as a user meets the product: no debug pages (DEBUG=1 to develop with them).
DEBUG = env_bool("DEBUG", False)
# Without DEBUG, runserver serves no static files: WhiteNoise serves them straight from the apps'
# static folders (no collectstatic step for the demo).
MIDDLEWARE = [*MIDDLEWARE[:1], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise looks there first
WHITENOISE_AUTOREFRESH = DEBUG
# A demo secret generated once per checkout by `make run`; never used in production settings.
if not SECRET_KEY:  # noqa: F405
    SECRET_KEY = "demo-only-" + os.environ.get("FAZHI_DEMO_SALT", "local")
FAZHI_KEY_FILE = os.environ.get("FAZHI_KEY_FILE", str(VAR_DIR / "keys.env"))
FAZHI_CREATE_KEY_FILE = True

# The public portal's footer with plausible values, each marked 示例: a real deployment sets its own
# (docs/deployment.md); the environment still wins here so the demo can show a real one.
FAZHI_PORTAL_SPONSOR = os.environ.get("FAZHI_PORTAL_SPONSOR", "示例市人民政府办公室（示例）")
FAZHI_PORTAL_UNDERTAKER = os.environ.get("FAZHI_PORTAL_UNDERTAKER", "示例市司法局（示例）")
FAZHI_PORTAL_SITE_CODE = os.environ.get("FAZHI_PORTAL_SITE_CODE", "0000000000（示例）")
FAZHI_PORTAL_ICP = os.environ.get("FAZHI_PORTAL_ICP", "示ICP备00000000号（示例）")
FAZHI_PORTAL_PSB = os.environ.get("FAZHI_PORTAL_PSB", "示公网安备00000000000000号（示例）")
FAZHI_PORTAL_CONTACT = os.environ.get("FAZHI_PORTAL_CONTACT", "电话 0000-00000000，地址 示例市人民路1号（示例）")
