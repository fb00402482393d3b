"""Shared fixtures. Django is imported lazily so the pure-Python suites (clock, law, text, report
analysis) also run without it."""

from __future__ import annotations

import pytest


@pytest.fixture
def org(db):
    """Two sibling departments under one government, with sections below one of them."""
    from tests.factories import OrgTree

    return OrgTree.build()


@pytest.fixture
def make_user(db):
    from tests.factories import make_user

    return make_user


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres_only`` exercise PostgreSQL features (a GIN index, planner settings):
    the SQLite pass deselects them, the PostgreSQL pass of ``make test`` runs them."""
    import os

    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    kept = [item for item in items if item.get_closest_marker("postgres_only") is None]
    dropped = [item for item in items if item.get_closest_marker("postgres_only") is not None]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
