"""`fazhi demo` builds the enforcement registries once, with the alerts it is meant to show."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fazhi.enforcement import demo, selectors
from fazhi.enforcement.models import DiscretionBenchmark, EnforcementBody, Officer, PowerItem, PowerItemChange
from fazhi.org import demo as org_demo
from fazhi.org.models import User

pytestmark = pytest.mark.django_db


def test_demo_builds_bodies_officers_items_and_benchmarks_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    org_demo.build()
    demo.build()
    counts = (EnforcementBody.objects.count(), Officer.objects.count(), PowerItem.objects.count())
    assert 18 <= counts[0] <= 22 and 1200 <= counts[1] <= 1400 and 120 <= counts[2] <= 200
    # items read as a published 权责清单 does: named by the act, set by a named law — never a template's
    # 「……相关许可」 or 「……领域法律法规」
    names = list(PowerItem.objects.values_list("name", "basis_law"))
    assert not [n for n, law in names if "相关" in n or "领域法律法规" in law or not law.startswith("《")]
    assert ("食品经营许可", "《中华人民共和国食品安全法》") in names
    assert PowerItemChange.objects.exclude(kind="add").count() == 40
    assert DiscretionBenchmark.objects.count() == 10
    leader = User.objects.get(username="leader")
    today = timezone.localdate()
    assert selectors.certificates_expiring(leader, today=today).exists()
    assert selectors.officers_under_trained(leader, year=today.year, on=today)
    assert any(r.agency.name == "示例市民政局" for r in selectors.agencies_below_holding_rate(leader, today=today))
    assert Officer.objects.filter(user__username="officer").exists()
    demo.build()
    assert (EnforcementBody.objects.count(), Officer.objects.count(), PowerItem.objects.count()) == counts
