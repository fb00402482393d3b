"""The module's indicators (报备率, 合法性审核率, 公开征求意见率) against a hand count, and what they
count from: the manifest declares them and the start-up check finds their functions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.imports import engine
from fazhi.normdocs import indicators, services
from fazhi.normdocs.models import State
from fazhi.normdocs.tables import CATALOGUE
from fazhi.normdocs.walkthrough import walk
from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.platform.manifests import manifest_of
from tests.factories import make_user
from tests.normdocs.test_normdocs import _xlsx

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 6, 30)


def _doc(issuer, title: str):
    return services.document_create(actor=SYSTEM, issuer_id=issuer.pk, title=title, text=f"第一条 {title}。",
                                    drafting_explanation="起草说明", basis="《中华人民共和国地方各级人民政府组织法》",
                                    interpretation="政策解读")


@pytest.fixture
def published(org):
    """Of the government's documents published in the first half of 2026 (four):
    - 甲: consulted, reviewed, filed on time (published 03-02, filing period 30 days: due 04-01, filed 03-20);
    - 乙: not consulted (a reason recorded), reviewed, filed late (04-10);
    - 丙: not consulted, reviewed, not filed;
    - 丁: imported from the historic catalogue (no review, no consultation), filed on time.
    Not counted: 戊 (published in 2025) and 己 (issued by a department)."""
    walk(_doc(org.government, "甲"), State.FILED, on=date(2026, 3, 2), filed_on=date(2026, 3, 20))
    walk(_doc(org.government, "乙"), State.FILED, on=date(2026, 3, 2), consult=False, filed_on=date(2026, 4, 10))
    walk(_doc(org.government, "丙"), State.PUBLISHED, on=date(2026, 5, 4), consult=False)
    row = ["丁", "示政规〔2026〕90号", org.government.name, "规范性文件", "2026-02-01", "", "2026-02-10", "有效（已备案）", ""]
    admin = make_user(org.government, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    assert engine.run_import(CATALOGUE, _xlsx([row]), actor=admin).ok
    walk(_doc(org.government, "戊"), State.FILED, on=date(2025, 12, 1), filed_on=date(2025, 12, 5))
    walk(_doc(org.a, "己"), State.FILED, on=date(2026, 3, 2), filed_on=date(2026, 3, 5))
    return Agency.objects.filter(pk=org.government.pk)


def test_filing_rate_counts_the_documents_filed_within_the_filing_period(published):
    assert indicators.filing_rate(published, START, END) == Decimal("50.0")  # 甲, 丁 of 4


def test_legality_review_rate_counts_the_documents_with_a_passing_review(published):
    assert indicators.legality_review_rate(published, START, END) == Decimal("75.0")  # 甲, 乙, 丙 of 4


def test_consultation_rate_counts_the_documents_put_out_for_comment(published):
    assert indicators.consultation_rate(published, START, END) == Decimal("25.0")  # 甲 of 4


def test_a_period_without_published_documents_counts_zero(published):
    assert indicators.filing_rate(published, date(2024, 1, 1), date(2024, 12, 31)) == Decimal("0.0")


def test_the_manifest_declares_the_three_indicators():
    keys = {i.key: i for i in manifest_of("normdocs").indicators}
    assert set(keys) == {"normdocs.filing_rate", "normdocs.legality_review_rate", "normdocs.consultation_rate"}
    assert all(i.feeds and i.unit == "%" for i in keys.values())
