"""The filing period straddles its dates: before 2002 no period is known (no due date, no overdue
flag; nor before 2004, where the working-day calendar starts); from the 2002 法规规章备案条例 era to 2024-10-31 the same thirty days under that reference; from
2024-11-01 the 法规规章备案审查条例's. Hand-computed: the publication day is not counted, a last day on
a rest day moves to the next working day."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.law import param
from fazhi.normdocs.models import NormativeDocument, State
from fazhi.normdocs.rules import filing_due, filing_overdue

pytestmark = pytest.mark.django_db


def _published(org, on):
    return NormativeDocument(title="关于规范登记材料的通知", issuer=org.a, published_on=on, state=State.PUBLISHED)


@pytest.mark.parametrize(("published", "due"), [
    (date(2001, 12, 31), None),                 # before any recorded value
    (date(2002, 1, 1), None),                   # the value is known, the working-day calendar starts in 2004
    (date(2004, 3, 1), date(2004, 3, 31)),      # Monday + 30 = Wednesday
    (date(2023, 6, 15), date(2023, 7, 17)),     # + 30 = Saturday 7-15 → Monday 7-17
    (date(2024, 10, 31), date(2024, 12, 2)),    # + 30 = Saturday 11-30 → Monday 12-2, the older reference
    (date(2024, 11, 1), date(2024, 12, 2)),     # + 30 = Sunday 12-1 → Monday 12-2, the 2024 条例
])
def test_documents_published_before_2024_have_a_filing_due_date(org, published, due):
    assert filing_due(_published(org, published))[0] == due


def test_the_reference_changes_on_2024_11_01_and_an_old_unfiled_document_is_overdue(org):
    assert param("normative_document.filing_period", on=date(2024, 10, 31)).reference.version == "国务院令第337号"
    assert param("normative_document.filing_period", on=date(2024, 11, 1)).reference.version == "国务院令第789号"
    old = _published(org, date(2023, 6, 15))
    assert filing_overdue(old, date(2023, 7, 18)) and not filing_overdue(old, date(2023, 7, 17))
    assert not filing_overdue(_published(org, date(2001, 12, 31)), date(2026, 12, 2))  # nothing to measure against
