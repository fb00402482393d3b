"""normdocs 0004: the old 文号 counters (per prefix and year) are carried into numbering.Counter (per
issuer, kind and year), so that no number already given can be given again; and back."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from fazhi.numbering.models import Counter
from fazhi.numbering.services import number_next
from fazhi.org.models import Agency

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("normdocs", "0003_search_index")]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_old_counters_are_carried_per_issuer_and_back(org):
    Agency.objects.filter(pk=org.government.pk).update(short_name="示政")
    try:
        old = _migrate(BEFORE).loader.project_state(BEFORE).apps
        Document, OldCounter = old.get_model("normdocs", "NormativeDocument"), old.get_model("normdocs", "DocNumberCounter")
        for issuer, prefix, serial in ((org.government, "示政规", 7), (org.a, "示例规", 2), (org.b, "示例规", 3)):
            Document.objects.create(title=f"文件{serial}", issuer_id=issuer.pk, doc_prefix=prefix, doc_year=2026,
                                    doc_serial=serial, doc_number=f"{prefix}〔2026〕{serial}号", state="registered")
        OldCounter.objects.create(prefix="示政规", year=2026, last=7)
        OldCounter.objects.create(prefix="示例规", year=2026, last=3)  # shared by a and b (no 简称)
        OldCounter.objects.create(prefix="示政规", year=2025, last=40)  # no document of 2025 left: by prefix
        _migrate(_latest())
        carried = sorted(Counter.objects.values_list("agency__name", "kind", "year", "last"))
        assert carried == [("示例市人民政府", "normdocs.document", 2025, 40),
                           ("示例市人民政府", "normdocs.document", 2026, 7),
                           ("示例市市场监督管理局", "normdocs.document", 2026, 3),
                           ("示例市生态环境局", "normdocs.document", 2026, 3)]
        with transaction.atomic():
            assert number_next(series="normdocs.document", agency=Agency.objects.get(pk=org.government.pk),
                               on=date(2026, 9, 1)).serial == 8
        old = _migrate(BEFORE).loader.project_state(BEFORE).apps
        back = sorted(old.get_model("normdocs", "DocNumberCounter").objects.values_list("prefix", "year", "last"))
        assert back == [("示例规", 2026, 3), ("示政规", 2026, 7)]
    finally:
        _migrate(_latest())
