"""案号 from the numbering service: two concurrent receipts get different numbers, a number held by an
imported historic case is never given again, and the database refuses a duplicate per 复议机关."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.imports import engine
from fazhi.org.models import Agency
from fazhi.reconsideration.models import Reconsideration
from fazhi.reconsideration.tables import RECONSIDERATION_CASES
from tests.concurrency import run_parallel

from .test_import import case_row, xlsx


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_receipts_get_different_case_numbers(office, receive):
    outcomes = run_parallel(2, lambda i: receive(applicant_name=f"申请人{i}"))
    assert outcomes == ["won", "won"], outcomes
    numbers = sorted(Reconsideration.objects.values_list("case_number", flat=True))
    assert numbers == ["示例市人民政府复〔2026〕1号", "示例市人民政府复〔2026〕2号"]


@pytest.mark.django_db
def test_a_receipt_skips_the_case_numbers_of_imported_historic_cases(office, receive):
    rows = [case_row(number=f"示例市人民政府复〔2026〕{k}号", received="2026-03-02", state="审理中",
                     accepted="2026-03-05", kind="", closed="", third="") for k in (1, 2, 4)]
    assert engine.run_import(RECONSIDERATION_CASES, xlsx(rows), actor=office.handler, today=date(2026, 3, 20)).ok
    assert [receive().case_number for _ in range(3)] == [
        "示例市人民政府复〔2026〕3号", "示例市人民政府复〔2026〕5号", "示例市人民政府复〔2026〕6号"]


@pytest.mark.django_db
def test_the_code_word_of_the_body_names_the_case_and_the_database_refuses_a_duplicate(office, receive):
    Agency.objects.filter(pk=office.org.government.pk).update(code_word="示政")
    case = receive()
    assert case.case_number == "示政复〔2026〕1号"
    twin = Reconsideration.objects.get(pk=case.pk)
    twin.pk, twin.tracking_code, twin.created_at = None, "TWIN00000000", timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
