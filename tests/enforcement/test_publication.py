"""Masking rules for personal data, in one place. (The 公民身份号码 check is fazhi.ids's: tests/ids.)"""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.enforcement.publication import (
    id_number_for,
    party_name,
    public_certificate_card,
    public_id_number,
)
from tests.enforcement.factories import id_number, make_certificate, make_officer


def test_public_pages_show_only_the_first_and_last_character_of_an_id_number():
    assert public_id_number("11010519491231002X") == "1****************X"
    assert "19491231" not in public_id_number("11010519491231002X")


def test_party_names_of_natural_persons_are_published_as_surname_only():
    assert party_name("张三丰", natural_person=True) == "张某"
    assert party_name("欧阳修", natural_person=True) == "欧阳某"
    assert party_name("示例市某某食品有限公司", natural_person=False) == "示例市某某食品有限公司"


@pytest.mark.django_db
def test_full_id_number_only_with_the_capability_and_only_for_the_officers_own_agency(org, make_user):
    from fazhi.org.roles import DataScope, RoleKind

    officer = make_officer(org.a, id_number=id_number(serial=7))
    own = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG))  # holds 查阅完整公民身份号码
    own_reviewer = make_user(org.a, (RoleKind.LEGAL_REVIEWER, DataScope.ORG))  # same agency, no capability
    sibling = make_user(org.b, (RoleKind.DEPT_ADMIN, DataScope.ORG))  # the capability, another agency
    city = make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ALL))
    assert id_number_for(own, officer) == officer.id_number
    for viewer in (own_reviewer, sibling, city):
        masked = id_number_for(viewer, officer)
        assert masked != officer.id_number and "*" in masked and masked[-4:] == officer.id_number[-4:]


@pytest.mark.django_db
def test_public_certificate_card_carries_no_identity_number(org):
    officer = make_officer(org.a)
    card = public_certificate_card(make_certificate(officer), today=date(2025, 6, 1))
    assert card.valid_today and card.name == officer.name and card.agency == org.a.name
    assert officer.id_number not in repr(card) and not hasattr(card, "id_number")
