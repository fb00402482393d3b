from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from fazhi.org.roles import DataScope, RoleKind


@dataclass
class Desk:
    org: Any
    reviewer: Any
    reviewer2: Any
    submitter: Any
    other_submitter: Any


@pytest.fixture
def desk(org, make_user):

    return Desk(
        org=org,
        reviewer=make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="李审核"),
        reviewer2=make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW), full_name="赵审核"),
        submitter=make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="王送审"),
        other_submitter=make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG), full_name="钱送审"),
    )


NORMDOC_ALL = ["draft", "drafting_note", "basis", "consultation", "meeting"]
