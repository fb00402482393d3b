"""The 审核事项 list on the one list component (fazhi.web.listing): the total, matters past their
review period first, filters by kind, state, submitting agency, 承办审核人员, dates and 超期, sorting,
and the 报送 button only for those who may submit."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from fazhi.legalreview import services
from fazhi.legalreview.models import Kind

from .conftest import NORMDOC_ALL

pytestmark = pytest.mark.django_db

URL = "/legalreview/"


def _shown(html: str, titles) -> list[str]:
    return sorted((t for t in titles if t in html), key=html.index)


@pytest.fixture
def matters(desk):
    today = timezone.localdate()

    def open_(title, submitter, agency, kind=Kind.NORMATIVE_DOCUMENT, on=today, reviewer=None):
        review = services.legal_review_open(actor=submitter, kind=kind, title=title, submitting_agency=agency,
                                            reviewing_agency=desk.org.government, on=on,
                                            materials=NORMDOC_ALL if kind == Kind.NORMATIVE_DOCUMENT else ["draft"])
        if reviewer is not None:
            services.legal_review_act(actor=desk.reviewer, review_id=review.pk, version=review.version,
                                      name="assign", reviewer_id=reviewer.pk, on=on)
        return review

    return (open_("市场监管若干规定", desk.submitter, desk.org.a, on=date(2026, 3, 2), reviewer=desk.reviewer),
            open_("物业服务合同", desk.other_submitter, desk.org.b, kind=Kind.CONTRACT),
            open_("城市绿化管理办法", desk.submitter, desk.org.a, reviewer=desk.reviewer2))


def test_list_shows_the_total_and_matters_past_their_period_first(client, desk, matters):
    late, _contract, _fresh = matters
    titles = [m.title for m in matters]
    client.force_login(desk.reviewer)
    page = client.get(URL).content.decode()
    assert "共 3 件" in page
    assert _shown(page, titles)[0] == late.title and page.count("已超期</span>") == 1
    only = client.get(URL, {"overdue": "1"}).content.decode()
    assert "共 1 件" in only and _shown(only, titles) == [late.title]
    assert 'data-label="承办人"' in page and 'data-label="审核期限"' in page
    # 导出Excel through the desk's export-only table, with the same filters
    assert "导出Excel" in page and "overdue=1&amp;export=xlsx" in only


def test_filters_by_kind_agency_reviewer_state_dates_and_words_and_sorting(client, desk, matters):
    late, contract, fresh = matters
    titles = [m.title for m in matters]
    client.force_login(desk.reviewer)
    page = client.get(URL).content.decode()
    # reviewers are offered by name, never by account
    assert f'<option value="{desk.reviewer2.pk}">赵审核</option>' in page and desk.reviewer2.username not in page
    assert _shown(client.get(URL, {"reviewer": desk.reviewer2.pk}).content.decode(), titles) == [fresh.title]
    assert _shown(client.get(URL, {"kind": Kind.CONTRACT}).content.decode(), titles) == [contract.title]
    by_b = client.get(URL, {"agency": desk.org.b.pk}).content.decode()
    assert "共 1 件" in by_b and _shown(by_b, titles) == [contract.title]
    assert _shown(client.get(URL, {"state": "submitted"}).content.decode(), titles) == [contract.title]
    march = client.get(URL, {"submitted_from": "2026-03-01", "submitted_to": "2026-03-31"}).content.decode()
    assert _shown(march, titles) == [late.title]
    assert _shown(client.get(URL, {"q": "绿化"}).content.decode(), titles) == [fresh.title]
    # a kind nobody declared filters nothing
    assert "共 3 件" in client.get(URL, {"kind": "nonsense"}).content.decode()
    oldest = client.get(URL, {"sort": "submitted_on"}).content.decode()
    assert _shown(oldest, titles)[0] == late.title
    by_title = client.get(URL, {"sort": "-title"}).content.decode()
    assert _shown(by_title, titles) == sorted(titles, reverse=True)


def test_a_matter_assigned_to_counsel_shows_and_filters_by_the_counsel(client, desk, matters):
    counsel = services.legal_advisor_create(actor=desk.reviewer, agency_id=desk.org.government.pk, name="孙律师",
                                            firm="示例律师事务所", kind="counsel", contact="")
    theirs = services.legal_review_open(actor=desk.submitter, kind=Kind.NORMATIVE_DOCUMENT, title="停车管理办法",
                                        submitting_agency=desk.org.a, reviewing_agency=desk.org.government,
                                        materials=NORMDOC_ALL)
    services.legal_review_act(actor=desk.reviewer, review_id=theirs.pk, version=theirs.version, name="assign",
                              advisor_id=counsel.pk, on=timezone.localdate())
    client.force_login(desk.reviewer)
    page = client.get(URL).content.decode()
    assert "孙律师（法律顾问）" in page and f'<option value="{counsel.pk}">孙律师</option>' in page
    only = client.get(URL, {"advisor": counsel.pk}).content.decode()
    assert "共 1 件" in only and _shown(only, [m.title for m in (*matters, theirs)]) == [theirs.title]


def test_submit_button_only_for_those_who_may_submit(client, desk, matters):
    client.force_login(desk.reviewer)
    page = client.get(URL).content.decode()
    assert "共 3 件" in page and 'href="/legalreview/submit/"' not in page
    client.force_login(desk.submitter)
    page = client.get(URL).content.decode()
    assert "共 2 件" in page  # the department sees its own matters
    assert '<a class="button" href="/legalreview/submit/">报送合法性审核</a>' in page
