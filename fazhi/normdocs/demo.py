"""Demo: about 60 documents across the whole lifecycle — drafts, one consultation running with
comments from the public, a fair-competition review and legality reviews under way, deliberations
pending, registered, published (some filings overdue, some expiring soon), filed, expired and
repealed. Every document goes through the real steps (walkthrough.walk). Idempotent: keyed by title."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from fazhi.legalreview.models import Outcome
from fazhi.org.models import Agency, AgencyKind
from fazhi.platform.actors import DEMO, PUBLIC

from . import consultation, services
from .models import DocType, NormativeDocument, State
from .rules import add_months
from .walkthrough import walk

TOPICS = ["优化营商环境", "城市管理", "生态环境保护", "市场监督管理", "农村宅基地管理", "公共资源交易", "住房公积金",
          "城乡居民医疗保险", "安全生产", "政府信息公开", "行政执法公示", "义务教育招生"]
BUSINESS_TOPICS = {"优化营商环境", "市场监督管理", "公共资源交易"}

# (stage, how many): the lifecycle spread of the 60 documents
PLAN = ([("drafting", 5), ("consultation", 2), ("competition_review", 2), ("legality_review", 3),
         ("illegal", 1), ("deliberation", 3), ("registered", 2), ("published_recent", 8), ("expiring", 4),
         ("filed", 24), ("expired", 3), ("repealed", 3), ("amended", 1)])

COMMENTS = ["建议第三条明确各部门的职责分工，避免多头管理。联系电话13912345678。",
            "第五条规定的办理时限过长，建议进一步压缩。",
            "希望增加对小微企业的帮扶措施，并在政务服务网公开办事指南。"]


def _days(n: int) -> timedelta:
    return timedelta(days=n)  # arch: not statutory — spreading demo dates


def _issuers() -> list[Agency]:
    governments = list(Agency.objects.filter(is_active=True, kind=AgencyKind.GOVERNMENT).order_by("path")[:1])
    departments = list(Agency.objects.filter(is_active=True, kind=AgencyKind.DEPARTMENT,
                                             parent__in=governments).order_by("path")[:3])
    return governments + departments


def _text(topic: str, i: int) -> str:
    extra = ("第四条 对在本市注册的企业给予一次性奖励，外地企业在本市设立分支机构的方可享受。\n"
             if topic in BUSINESS_TOPICS and i % 2 else "")
    return (f"第一条 为了规范{topic}工作，根据有关法律法规，结合本市实际，制定本规定。\n"
            f"第二条 本市行政区域内的{topic}活动，适用本规定。\n"
            f"第三条 各部门应当按照职责分工做好相关工作。\n{extra}"
            f"{'第五条' if extra else '第四条'} 本规定自公布之日起施行。")


def build(stdout: Any = None) -> None:
    issuers = _issuers()
    if not issuers:
        return
    today = timezone.localdate()
    made = 0
    i = 0
    for stage, count in PLAN:
        for _ in range(count):
            i += 1
            topic = TOPICS[i % len(TOPICS)]
            title = f"关于{topic}的若干规定（示例{i}）"
            if NormativeDocument.objects.filter(title=title).exists():
                continue
            issuer = issuers[i % len(issuers)]
            doc = services.document_create(
                actor=DEMO, issuer_id=issuer.pk, title=title, text=_text(topic, i),
                doc_type=DocType.TRIAL if i % 7 == 0 else DocType.NORMAL,
                affects_business=topic in BUSINESS_TOPICS, interpretation=f"本规定围绕{topic}明确了职责分工。",
                drafting_explanation=f"为解决{topic}工作中职责不清、程序不明的问题，起草本规定。",
                basis="《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》")
            _advance(doc, stage, i, today)
            made += 1
    services.remind_expiring(actor=DEMO, today=today)  # the evaluation 待办 of the documents expiring soon
    if stdout is not None:
        stdout.write(f"规范性文件示例：新建 {made} 件\n")


def _advance(doc: NormativeDocument, stage: str, i: int, today: date) -> None:
    recent = today - _days(10)
    if stage == "drafting":
        return
    if stage == "consultation":
        held = consultation.consultation_start(actor=DEMO, document_id=doc.pk, version=None,
                                               starts_on=today - _days(3), ends_on=add_months(today, 1),
                                               on=today - _days(3))
        for text in COMMENTS[: 1 + i % 3]:
            consultation.comment_submit(actor=PUBLIC, consultation_id=held.pk, text=text, name="王先生", contact="13912345678",
                                        today=today)
        return
    if stage == "amended":  # 修改后合法: the drafter answers the opinion item by item
        walk(doc, State.LEGALITY_REVIEW, on=recent, outcome=Outcome.LEGAL_IF_AMENDED, actor=DEMO)
        return
    if stage in ("competition_review", "legality_review", "illegal", "deliberation"):
        if stage == "competition_review" and not doc.affects_business:
            NormativeDocument.objects.filter(pk=doc.pk).update(affects_business=True)
        outcome = {"legality_review": None, "illegal": Outcome.ILLEGAL}.get(stage, Outcome.LEGAL)
        target = State.LEGALITY_REVIEW if stage == "illegal" else State(stage)
        walk(doc, target, on=recent, outcome=outcome, deliberation=None, actor=DEMO)
        return
    if stage == "registered":
        walk(doc, State.REGISTERED, on=recent, actor=DEMO)
        return
    if stage == "published_recent":  # some of these are past the filing period
        walk(doc, State.PUBLISHED, on=add_months(today, -(i % 4)) - _days(5), consult=i % 2 == 0, actor=DEMO)
        return
    if stage == "expiring":  # published long ago: their validity ends within the reminder lead
        published = add_months(today, -(12 * 5 - 2 - i % 3))
        walk(doc, State.FILED, on=published, consult=False, actor=DEMO)
        return
    # spread over the last two and a half years, so that this year's dashboard has filings too
    published = add_months(today, -(2 + (i * 7) % 30))
    if stage == "expired":
        published = date(today.year - 6, (i % 12) + 1, 10)
    doc = walk(doc, State.FILED, on=published, consult=i % 3 == 0,
               filed_on=min(today, published + _days(20 if i % 5 else 45)), actor=DEMO)
    if stage == "repealed":
        services.document_repeal(actor=DEMO, document_id=doc.pk, version=None, on=today - _days(30),
                                 reason="示例：已被新文件替代")
    elif stage == "expired":
        services.expire_due(actor=DEMO, today=today)
