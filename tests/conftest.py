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
