"""Personal identifiers are SM4 ciphertext in the database and found by their keyed digest."""

from __future__ import annotations

import pytest
from django.db import connection

from fazhi.org.models import User
from fazhi.platform.keys import lookup_digest
from tests.factories import make_user

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
MOBILE = "13912345678"


def test_identifiers_are_stored_encrypted_and_read_back_plain(org):
    user = make_user(org.a, id_number=ID_NUMBER, mobile=MOBILE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, mobile, id_number_digest FROM org_user WHERE id = %s", [user.pk])
        raw_id, raw_mobile, digest = cursor.fetchone()
    assert raw_id.startswith("sm4gcm:") and ID_NUMBER not in raw_id
    assert raw_mobile.startswith("sm4gcm:") and MOBILE not in raw_mobile
    assert digest == lookup_digest(ID_NUMBER) and ID_NUMBER not in digest
    fresh = User.objects.get(pk=user.pk)
    assert (fresh.id_number, fresh.mobile) == (ID_NUMBER, MOBILE)


def test_lookup_by_identifier_uses_the_digest(org):
    user = make_user(org.a, id_number=ID_NUMBER)
    make_user(org.a, id_number="110108198001010015")
    assert list(User.objects.filter(id_number_digest=lookup_digest(ID_NUMBER))) == [user]


def test_an_invalid_identifier_is_refused_with_a_chinese_reason(org):
    from fazhi.platform.errors import ServiceError

    with pytest.raises(ServiceError, match="校验位错误"):
        make_user(org.a, id_number="110105194912310021")
    with pytest.raises(ServiceError, match="手机号码"):
        make_user(org.a, mobile="12345")
    assert not User.objects.filter(full_name="张三", agency=org.a).exists()
