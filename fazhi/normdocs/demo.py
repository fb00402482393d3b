"""Demo: about 60 documents across states (some overdue filings, some expiring). Idempotent: keyed by
title."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from fazhi.org.models import Agency, AgencyKind

from . import services
from .models import DocType, NormativeDocument
from .rules import add_months

TOPICS = ["优化营商环境", "城市管理", "生态环境保护", "市场监督管理", "农村宅基地管理", "公共资源交易", "住房公积金",
          "城乡居民医疗保险", "安全生产", "政府信息公开", "行政执法公示", "义务教育招生"]


def build(stdout: Any = None) -> None:
    issuers = list(Agency.objects.filter(is_active=True, kind=AgencyKind.GOVERNMENT).order_by("path")[:1]) + \
        list(Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.GOVERNMENT).order_by("path")[:3])
    if not issuers:
        return
    today = timezone.localdate()
    made = 0
    for i in range(60):
        topic = TOPICS[i % len(TOPICS)]
        title = f"关于{topic}的若干规定（示例{i + 1}）"
        if NormativeDocument.objects.filter(title=title).exists():
            continue
        issuer = issuers[i % len(issuers)]
        kind = DocType.TRIAL if i % 7 == 0 else DocType.NORMAL
        text = (f"第一条 为了规范{topic}工作，根据有关法律法规，结合本市实际，制定本规定。\n"
                f"第二条 本市行政区域内的{topic}活动，适用本规定。\n第三条 各部门应当按照职责分工做好相关工作。")
        doc = services.document_create(actor=None, issuer_id=issuer.pk, title=title, text=text, doc_type=kind,
                                       interpretation=f"本规定围绕{topic}明确了职责分工。")
        stage = i % 6
        if stage == 0:
            made += 1
            continue  # 起草中
        published = date(today.year - (i % 6), max(1, (i % 12) + 1), 10)
        if published > today:
            published = date(today.year - 1, published.month, 10)
        if stage == 2:  # recently published, not filed: some of these are overdue
            published = add_months(today, -(i % 4))
        doc = services.document_register(actor=None, document_id=doc.pk, version=None, on=published, trusted=True)
        if stage == 1:
            made += 1
            continue
        doc = services.document_publish(actor=None, document_id=doc.pk, version=None, on=published, trusted=True)
        if stage in (3, 4, 5) and i % 4:
            services.document_file(actor=None, document_id=doc.pk, version=None, on=published, trusted=True)
        if stage == 4 and i % 12 == 10:
            services.document_repeal(actor=None, document_id=doc.pk, version=None, on=today, trusted=True,
                                     reason="示例：已被新文件替代")
        made += 1
    if stdout is not None:
        stdout.write(f"规范性文件示例：新建 {made} 件\n")
