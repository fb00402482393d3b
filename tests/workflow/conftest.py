from tests.reconsideration.conftest import office, receive  # noqa: F401 — the same fixtures
