"""The 备案审查人员 of the 司法局 (a role acting through 备案审查机构) opens each document filed with it —
its text, consultation, reviews and deliberation — and the filing, but no drafting control shows."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.filingreview.models import Filing
from fazhi.normdocs.models import State as DocState
from fazhi.org.roles import DataScope, OversightFunction, RoleKind
from fazhi.org.services import function_assign
from fazhi.platform.actors import SYSTEM
from tests.factories import make_agency, make_role, make_user
from tests.filingreview.conftest import make_doc

pytestmark = pytest.mark.django_db


def test_the_filing_reviewer_reads_the_filed_document_and_drafts_nothing(client, org):
    justice = make_agency("示例市司法局", parent=org.government)
    function_assign(actor=SYSTEM, agency_id=justice.pk, function=OversightFunction.FILING_REVIEW,
                    on_behalf_of_id=org.government.pk, valid_from=date(2024, 1, 1))
    beian = make_user(justice, make_role(RoleKind.LEGAL_REVIEWER, DataScope.ORG,
                                         functions=[OversightFunction.FILING_REVIEW]))
    doc = make_doc(org.a, title="关于规范登记材料的补充通知")
    filing = Filing.objects.get(document=doc)
    assert filing.reviewing_agency == justice
    draft = make_doc(org.a, title="尚在起草的通知", to=DocState.DRAFTING)
    client.force_login(beian)

    page = client.get(f"/normdocs/{doc.pk}/").content.decode()
    assert "关于规范登记材料的补充通知" in page and "第二条 申请人应当提交营业执照复印件。" in page
    assert "报送人大常委会备案</button>" not in page and 'name="title"' not in page  # nothing to draft or file
    assert client.get(f"/filingreview/{filing.pk}/").status_code == 200
    assert client.get(f"/normdocs/{draft.pk}/").status_code == 404  # a draft is not filed with it
    assert client.get("/normdocs/create/").status_code in (403, 404)
