"""Demo: a dozen legal-review matters in various states. Idempotent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from fazhi.org.models import Agency, AgencyKind

from .models import AdvisorKind, Kind, LegalAdvisor, LegalReview, Outcome
from .rules import checklist

MARK = "（演示）"
PLANS = [
    (Kind.NORMATIVE_DOCUMENT, "示例市城市道路占用管理办法", "submitted", True),
    (Kind.NORMATIVE_DOCUMENT, "示例市农贸市场管理若干规定", "returned", False),
    (Kind.NORMATIVE_DOCUMENT, "示例市户外广告设置管理办法", "resubmitted", True),
    (Kind.MAJOR_DECISION, "示例市老旧小区改造三年行动方案", "assigned", True),
    (Kind.MAJOR_DECISION, "示例市公共交通票价调整方案", "drafted", True),
    (Kind.ENFORCEMENT_DECISION, "对示例市恒达商贸有限公司责令停产停业决定", "legal", True),
    (Kind.ENFORCEMENT_DECISION, "对示例市绿源农业合作社较大数额罚款决定", "legal_if_amended", True),
    (Kind.CONTRACT, "示例市政务云服务采购合同", "legal_if_amended", True),
    (Kind.CONTRACT, "示例市停车场特许经营协议", "illegal", True),
    (Kind.NORMATIVE_DOCUMENT, "示例市生活垃圾分类管理实施细则", "legal", True),
    (Kind.OTHER, "示例市人民政府与高校合作框架协议", "assigned", True),
    (Kind.INCIDENTAL_REVIEW, "关于《示例市违法建设处置办法》的附带审查", "submitted", True),
]


def _days(n: int) -> timedelta:
    return timedelta(days=n)  # arch: not statutory — spreading demo dates


def build(stdout: Any = None) -> None:
    from . import services

    if LegalReview.objects.filter(title__endswith=MARK).exists():
        return
    city = Agency.objects.filter(name="示例市人民政府").first()
    if city is None:
        return
    departments = list(Agency.objects.filter(parent=city).exclude(kind=AgencyKind.SECTION).order_by("pk")[:6])
    if not departments:
        return
    advisor, _ = LegalAdvisor.objects.get_or_create(
        agency=city, name="孙明", defaults={"firm": "示例律师事务所", "kind": AdvisorKind.COUNSEL,
                                           "contact": "13800000000", "created_at": timezone.now()})
    today = timezone.localdate()
    for i, (kind, title, plan, complete) in enumerate(PLANS):
        codes = list(checklist(kind))
        on = today - _days(3 + 4 * i)
        review = services.legal_review_open(actor=None, trusted=True, kind=kind, title=title + MARK,
                                            submitting_agency=departments[i % len(departments)],
                                            reviewing_agency=city, materials=codes if complete else codes[:2], on=on)

        acted_on = min(on + _days(2), today)

        def step(name: str, acted_on: Any = acted_on, **ctx: Any) -> None:
            nonlocal review
            review = services.legal_review_act(actor=None, trusted=True, review_id=review.pk, version=None,
                                               name=name, on=acted_on, **ctx)

        if plan == "submitted":
            continue
        if plan in {"returned", "resubmitted"}:
            step("return_materials", reason="请补充制定依据和征求意见情况")
            if plan == "returned":
                continue
            step("resubmit", materials=codes)
            continue
        step("assign", advisor_id=advisor.pk)
        if plan == "assigned":
            continue
        items = [] if plan == "legal" else ["第三条缺少上位法依据", "第七条表述不够明确，建议修改"]
        step("draft", opinion="经审核，提出以下意见。", items=items)
        if plan == "drafted":
            continue
        step("decide", outcome=Outcome(plan))
    if stdout is not None:
        stdout.write(f"合法性审核：{len(PLANS)} 件演示事项\n")
