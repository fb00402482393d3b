"""One audit chain per top-level jurisdiction and one for the platform: which chain an event goes to,
that chains interleave without touching each other, and that tampering is reported for its chain only."""

from __future__ import annotations

import pytest
from django.db import connection

from fazhi.audit import services
from fazhi.audit.chains import PLATFORM, Chain, chain_of
from fazhi.audit.models import AuditChainHead, AuditEvent
from fazhi.org.models import Agency, AgencyKind
from fazhi.org.roles import DataScope, RoleKind
from tests.factories import make_agency, make_jurisdiction, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def province(db):
    """示例省 with its department, and two cities below it, the second with a county."""
    prov = make_agency("示例省人民政府", kind=AgencyKind.GOVERNMENT, jurisdiction=make_jurisdiction("990000", "示例省"))
    city_j = make_jurisdiction("990100", "示例市")
    other_j = make_jurisdiction("990200", "另一市")
    county_j = make_jurisdiction("990221", "清河县", parent=other_j)
    city = make_agency("示例市人民政府", kind=AgencyKind.GOVERNMENT, parent=prov, jurisdiction=city_j)
    other = make_agency("另一市人民政府", kind=AgencyKind.GOVERNMENT, parent=prov, jurisdiction=other_j)
    county = make_agency("清河县人民政府", kind=AgencyKind.GOVERNMENT, parent=other, jurisdiction=county_j)
    return {
        "province": prov,
        "department": make_agency("示例省司法厅", parent=prov, jurisdiction=prov.jurisdiction),
        "city": city,
        "city_department": make_agency("示例市司法局", parent=city, jurisdiction=city_j),
        "other": other,
        "county": county,
        "county_department": make_agency("清河县司法局", parent=county, jurisdiction=county_j),
    }


def test_an_agency_belongs_to_the_chain_of_the_first_jurisdiction_below_the_province_on_its_path(province):
    assert chain_of(province["city_department"]) == Chain("990100", "示例市")
    assert chain_of(province["city"]) == Chain("990100", "示例市")
    # a county under a city is that city's
    assert chain_of(province["county_department"]) == Chain("990200", "另一市")
    # province-level agencies share the chain of the root of their path
    assert chain_of(province["department"]) == Chain("990000", "示例省")
    assert chain_of(None) == PLATFORM


def test_a_county_with_no_city_above_it_has_a_chain_of_its_own(db):
    county = make_agency("独立县人民政府", kind=AgencyKind.GOVERNMENT, jurisdiction=make_jurisdiction("990321", "独立县"))
    assert chain_of(make_agency("独立县司法局", parent=county, jurisdiction=county.jurisdiction)) == \
        Chain("990321", "独立县")


def test_an_event_goes_to_the_chain_of_its_records_agency_else_the_actors_else_the_platform(province):
    officer = make_user(province["county_department"], (RoleKind.OFFICER, DataScope.SELF))
    login = services.record(actor=officer, code="auth.login", obj=officer)
    assert login.chain == "990200"
    # the record's agency wins over the actor's; an explicit agency wins over both
    about_city = services.record(actor=officer, code="auth.login", obj=province["city_department"])
    assert about_city.chain == "990100"
    assert services.record(actor=officer, code="auth.login", obj=officer, agency=province["department"]).chain == \
        "990000"
    assert services.record(actor=officer, code="audit.view").chain == "990200"
    assert services.record(actor=officer, code="audit.view", agency=None).chain == "platform"
    assert services.record(actor=None, code="auth.login_failed", actor_name="nobody").chain == "platform"
    # the 单位 column stays the actor's own
    assert about_city.agency_name == "清河县司法局"
    assert AuditChainHead.objects.get(chain="990200").name == "另一市"


def test_two_jurisdictions_interleaved_keep_two_gap_free_chains(province):
    AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)
    AuditChainHead.objects.all().delete()
    a, b = province["city_department"], province["county_department"]
    events = [services.record(actor=None, code="auth.login_failed", agency=(a, b)[i % 2], reason=f"第{i}次")
              for i in range(10)]
    for key, mine in (("990100", events[0::2]), ("990200", events[1::2])):
        assert [e.chain for e in mine] == [key] * 5
        assert [e.seq for e in mine] == [1, 2, 3, 4, 5]
        assert [e.prev_mac for e in mine[1:]] == [e.mac for e in mine[:-1]]
        assert mine[0].prev_mac == services.GENESIS_MAC
    report = services.verify()
    assert report.intact and [(c.chain, c.count) for c in report.chains] == [("990100", 5), ("990200", 5)]


def test_tampering_in_one_chain_is_reported_for_that_chain_and_the_others_still_verify(province):
    a, b = province["city_department"], province["county_department"]
    events = [services.record(actor=None, code="auth.login_failed", agency=(a, b)[i % 2]) for i in range(8)]
    target = events[5]  # 另一市's third of these
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["改过的说明", target.pk])
    report = services.verify()
    assert [(c.chain, c.first_broken_seq) for c in report.broken] == [("990200", target.seq)]
    assert "篡改" in report.chain("990200").problem
    assert all(c.intact for c in report.chains if c.chain != "990200")
    assert report.chain("990100").count == AuditEvent.objects.filter(chain="990100").count()


def test_an_event_moved_to_another_chain_breaks_both(province):
    a, b = province["city_department"], province["county_department"]
    moved = services.record(actor=None, code="auth.login_failed", agency=a)
    services.record(actor=None, code="auth.login_failed", agency=a)
    last_b = services.record(actor=None, code="auth.login_failed", agency=b)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET chain = %s, seq = %s, prev_mac = %s WHERE id = %s",
                       ["990200", last_b.seq + 1, last_b.mac, moved.pk])
        cursor.execute("UPDATE audit_auditchainhead SET last_seq = %s, last_mac = %s WHERE chain = %s",
                       [last_b.seq + 1, moved.mac, "990200"])
    report = services.verify()
    assert report.chain("990100").first_broken_seq == moved.seq  # a gap where it was
    # the chain key is sealed into the MAC: it cannot pass for an event of 另一市
    assert report.chain("990200").first_broken_seq == last_b.seq + 1
    assert "篡改" in report.chain("990200").problem


def test_events_of_a_chain_whose_head_row_was_deleted_are_reported(province):
    services.record(actor=None, code="auth.login_failed", agency=province["city"])
    AuditChainHead.objects.filter(chain="990100").delete()
    report = services.verify()
    assert [c.chain for c in report.broken] == ["990100"]
    assert "链头" in report.chain("990100").problem


def test_an_agency_that_moves_leaves_its_old_events_in_their_chain_and_writes_new_ones_to_the_new(province):
    moving = province["county"]
    old = services.record(actor=None, code="auth.login_failed", agency=moving)
    # 清河县 is placed under 示例市 (the tree has no move service yet: as a re-organisation would leave it)
    city = province["city"]
    Agency.objects.filter(pk=moving.pk).update(parent=city, path=f"{city.path}{moving.pk:06d}/")
    new = services.record(actor=None, code="auth.login_failed", agency=Agency.objects.get(pk=moving.pk))
    assert (old.chain, new.chain) == ("990200", "990100")
    assert AuditEvent.objects.get(pk=old.pk).chain == "990200"
    assert services.verify().intact


def test_a_workflow_step_is_audited_in_the_chain_of_the_records_agency(province):
    from fazhi.platform.actors import SYSTEM
    from tests.example_procedure.services import suggestion_receive
    from tests.example_procedure.workflow import SUGGESTION

    clerk = make_user(province["city_department"], (RoleKind.DEPT_ADMIN, DataScope.ALL))
    obj = suggestion_receive(actor=clerk, agency=province["county_department"], title="建议增设公交站", content="……")
    SUGGESTION.run(SYSTEM, obj, "answer", {"answer": "已转交公交公司研究"})
    steps = AuditEvent.objects.filter(object_type="example.suggestion", object_id=str(obj.pk)).order_by("id")
    assert [e.chain for e in steps] == ["990200", "990200"]
