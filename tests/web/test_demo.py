from __future__ import annotations

import pytest
from django.core.management import call_command

from fazhi.audit.services import verify
from fazhi.ids import validate_uscc
from fazhi.org.models import Agency, Jurisdiction, User
from fazhi.org.roles import RoleKind

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_builds_a_believable_city_idempotently_and_the_audit_chain_is_intact(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo")
    first = capsys.readouterr().out
    counts = (Agency.objects.count(), User.objects.count(), Jurisdiction.objects.count())
    call_command("demo")
    second = capsys.readouterr().out
    assert (Agency.objects.count(), User.objects.count(), Jurisdiction.objects.count()) == counts
    assert counts[0] >= 30
    assert Jurisdiction.objects.filter(name="示例市").exists()
    assert Jurisdiction.objects.filter(level="county").count() == 2
    for agency in Agency.objects.exclude(uscc=None):
        assert validate_uscc(agency.uscc) == agency.uscc
    kinds = set(User.objects.values_list("roles__kind", flat=True))
    assert kinds >= set(RoleKind.values)
    assert "初始密码" in first and "officer" in first
    password_line = next(line for line in first.splitlines() if "\tofficer " in line or "\tofficer\t" in line)
    assert password_line.split("初始密码：")[1] in second  # the same password is printed again
    assert verify().intact
    # who does what for whom, printed by the demo, and what it means for the staff
    assert "fuyi（林复议，示例市司法局行政复议与应诉科，行政复议人员）" in first
    assert "清河县司法局：行政复议机构" in first
    _the_oversight_staff_reach_what_their_functions_cover()


def _the_oversight_staff_reach_what_their_functions_cover() -> None:
    from fazhi.enforcement.models import EnforcementBody, Officer, PowerItem, PowerItemChange
    from fazhi.filingreview.models import Filing
    from fazhi.org import scope
    from fazhi.org.models import AgencyKind

    city = Agency.objects.get(name="示例市人民政府")
    counties = list(Agency.objects.filter(kind=AgencyKind.GOVERNMENT, parent=city).values_list("path", flat=True))

    def of_city(qs, field):
        qs = qs.filter(**{f"{field}__path__startswith": city.path})
        for path in counties:
            qs = qs.exclude(**{f"{field}__path__startswith": path})
        return set(qs)

    jiandu = User.objects.get(username="jiandu")
    for model, field in ((EnforcementBody, "agency"), (Officer, "agency"), (PowerItem, "body__agency"),
                         (PowerItemChange, "agency")):
        expected = of_city(model.objects.all(), field)
        assert expected and expected <= set(scope.scope(jiandu, model.objects.all())), model.__name__
    assert not set(scope.scope(jiandu, Officer.objects.filter(agency__path__startswith=counties[0])))
    beian = User.objects.get(username="beian")
    received = set(Filing.objects.filter(reviewing_agency__parent=city))
    assert received and received <= set(scope.scope(beian, Filing.objects.all()))
    for filing in received:  # and each filed document opens for the filing reviewer
        scope.get_for(beian, type(filing.document), filing.document_id)
    _the_reconsideration_section_works_the_citys_cases()


def _the_reconsideration_section_works_the_citys_cases() -> None:
    from fazhi.org import scope
    from fazhi.reconsideration.models import Reconsideration
    from fazhi.tasks.selectors import inbox, unmanned

    def seen(username):
        return set(scope.scope(User.objects.get(username=username), Reconsideration.objects.all()))

    fuyi = User.objects.get(username="fuyi")
    city_cases = set(Reconsideration.objects.filter(body__name="示例市人民政府"))
    county_cases = set(Reconsideration.objects.filter(body__name="清河县人民政府"))
    assert city_cases and county_cases
    assert seen("fuyi") == seen("fuyi_head") == city_cases  # all of the city's, none of 清河县's
    assert seen("qh_fuyi") == seen("qh_fuyi_head") == county_cases
    market = Agency.objects.get(name="示例市市场监督管理局")
    assert seen("deptadmin") == set(Reconsideration.objects.filter(respondent__path__startswith=market.path))
    assert any(t.kind == "reconsideration.step" for t in inbox(fuyi))
    assert unmanned() == []  # no 待办 of the demo waits in a queue nobody works
