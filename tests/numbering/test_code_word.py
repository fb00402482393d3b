"""机关代字 on the 系统管理员's agency forms: 1–10 Chinese characters, one agency's only; a bad one gives a
Chinese error and changes nothing; a good one names the agency's next 文号."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse

from fazhi.numbering.services import number_next
from fazhi.org import services
from fazhi.org.models import Agency
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from fazhi.platform.errors import ServiceError
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _form(agency: Agency, **changes) -> dict:
    return {"name": agency.name, "short_name": agency.short_name, "code_word": agency.code_word,
            "uscc": agency.uscc or "", "is_active": "on", "version": agency.version, **changes}


@pytest.fixture
def sysadmin(client, org):
    client.force_login(make_user(org.government, (RoleKind.SYSADMIN, DataScope.ALL)))
    return client


@pytest.mark.parametrize(("value", "message"), [
    ("SZ", "机关代字须为 1 至 10 个汉字"),
    ("示 环", "机关代字须为 1 至 10 个汉字"),
    ("示环2", "机关代字须为 1 至 10 个汉字"),
    ("示环〔", "机关代字须为 1 至 10 个汉字"),
    ("示例市生态环境局环保处", "机关代字最多 10 个汉字"),
])
def test_a_bad_code_word_gives_a_chinese_error_and_changes_nothing(sysadmin, org, value, message):
    before = Agency.objects.get(pk=org.b.pk)
    response = sysadmin.post(reverse("org:agency_edit", args=[org.b.pk]),
                             _form(before, code_word=value, short_name="环境局"))
    assert response.status_code == 200
    assert message in response.content.decode()
    after = Agency.objects.get(pk=org.b.pk)
    assert (after.code_word, after.short_name, after.version) == (before.code_word, before.short_name, before.version)


def test_a_code_word_of_another_agency_is_refused(sysadmin, org):
    Agency.objects.filter(pk=org.government.pk).update(code_word="示政")
    before = Agency.objects.get(pk=org.b.pk)
    response = sysadmin.post(reverse("org:agency_edit", args=[org.b.pk]), _form(before, code_word="示政"))
    assert "机关代字“示政”已被示例市人民政府使用" in response.content.decode()
    after = Agency.objects.get(pk=org.b.pk)
    assert (after.code_word, after.version) == ("", before.version)
    with pytest.raises(ServiceError, match="已被示例市人民政府使用"):
        services.agency_create(actor=SYSTEM, name="示例市政务服务管理局", kind="department",
                               jurisdiction=org.government.jurisdiction, parent=org.government, code_word="示政")


def test_a_good_code_word_is_shown_saved_and_names_the_next_number(sysadmin, org):
    url = reverse("org:agency_edit", args=[org.b.pk])
    page = sysadmin.get(url).content.decode()
    assert "机关代字" in page and 'name="code_word"' in page
    agency = Agency.objects.get(pk=org.b.pk)
    assert sysadmin.post(url, _form(agency, code_word="示环")).status_code == 302
    agency = Agency.objects.get(pk=org.b.pk)
    assert agency.code_word == "示环" and agency.version == 2
    assert 'value="示环"' in sysadmin.get(url).content.decode()
    assert "代字 示环" in sysadmin.get(reverse("org:agencies")).content.decode()
    with transaction.atomic():
        assert number_next(series="normdocs.document", agency=agency, on=date(2026, 3, 2)).text == "示环规〔2026〕1号"
    # clearing it: the 简称, then the name, stand in again
    assert sysadmin.post(url, _form(agency, code_word="")).status_code == 302
    assert Agency.objects.get(pk=org.b.pk).code_word == ""


def test_the_new_agency_form_takes_a_code_word_and_refuses_a_bad_one(sysadmin, org):
    form = {"name": "示例市政务服务管理局", "short_name": "", "kind": "department", "parent": org.government.pk,
            "jurisdiction": org.government.jurisdiction.pk, "uscc": ""}
    response = sysadmin.post(reverse("org:agencies"), {**form, "code_word": "ZW"})
    assert "机关代字须为 1 至 10 个汉字" in response.content.decode()
    assert not Agency.objects.filter(name="示例市政务服务管理局").exists()
    assert sysadmin.post(reverse("org:agencies"), {**form, "code_word": "示政务"}).status_code == 302
    assert Agency.objects.get(name="示例市政务服务管理局").code_word == "示政务"


def test_the_service_refuses_what_the_form_would(org):
    admin = make_user(org.government, (RoleKind.SYSADMIN, DataScope.ALL))
    with pytest.raises(ServiceError, match="1 至 10 个汉字") as caught:
        services.agency_update(actor=admin, agency_id=org.b.pk, version=org.b.version, name=org.b.name,
                               short_name="", uscc=org.b.uscc, is_active=True, code_word="HB")
    assert caught.value.field == "code_word"
    assert Agency.objects.get(pk=org.b.pk).version == org.b.version
