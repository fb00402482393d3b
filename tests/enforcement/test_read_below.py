"""An officer of a 支队 reads the power list and the discretion benchmarks of the department he works
for (``read_below``), whatever his data scope — and changes none of them; a sibling department's, a
lower government's or the government's own stay out of reach."""

from __future__ import annotations

import pytest

from fazhi.enforcement.models import DiscretionBenchmark, PowerItem
from fazhi.org import scope
from fazhi.org.models import AgencyKind
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.errors import RecordNotFound
from tests.enforcement.factories import make_benchmark, make_body, make_power_item
from tests.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


def test_an_officer_reads_his_departments_power_list_and_benchmarks_but_changes_nothing(org):
    unit = make_agency("示例市市场监管综合行政执法支队", parent=org.a, kind=AgencyKind.ENFORCEMENT_UNIT)
    county = make_agency("清河县人民政府", parent=org.government, kind=AgencyKind.GOVERNMENT)
    own = make_power_item(make_body(org.a))
    benchmark = make_benchmark(own)
    sibling = make_power_item(make_body(org.b))
    city = make_power_item(make_body(org.government))
    lower = make_power_item(make_body(make_agency("清河县市场监督管理局", parent=county)))
    officer = make_user(unit, (RoleKind.OFFICER, DataScope.SELF))

    assert list(scope.scope(officer, PowerItem.objects.all())) == [own]
    assert list(scope.scope(officer, DiscretionBenchmark.objects.all())) == [benchmark]
    assert not scope.scope(officer, PowerItem.objects.all(), "change").exists()
    for other in (sibling, city, lower):
        with pytest.raises(RecordNotFound):  # by URL guessing too
            scope.get_for(officer, PowerItem, other.pk)
    with pytest.raises(RecordNotFound):
        scope.get_for(officer, PowerItem, own.pk, "change")
