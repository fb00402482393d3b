"""Demo: a dozen legal-review matters in various states. Idempotent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from fazhi.org import scope
from fazhi.org.models import Agency, AgencyKind
from fazhi.org.roles import OversightFunction
from fazhi.org.selectors import competent_office
from fazhi.platform.actors import DEMO

from .models import AdvisorKind, HitDecision, Kind, LegalAdvisor, LegalReview, Outcome
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


# 送审稿 text of the normative documents, so the 智能预审 has something to flag; per rule, what the demo
# reviewer decided (采纳 / 不采纳 with the reason a reviewer would give).
DRAFTS = {
    "示例市城市道路占用管理办法": """示例市城市道路占用管理办法
第一条 为加强城市道路占用管理，保障城市道路完好和通行安全，根据《城市道路管理条例》等有关规定，结合本市实际，制定本办法。
第二条 本办法适用于本市城区范围内城市道路的临时占用及其监督管理。
第三条 市城市管理局负责本市城市道路占用的监督管理工作。公安机关交通管理部门按照职责做好相关工作。
第四条 在城市道路上设置摊点、堆放物料从事经营活动的，应当取得市城市管理局审批后方可占用。
第五条 申请占用城市道路的，除法律法规规定的材料外，还应当提交无犯罪记录证明。
第六条 占用城市道路的单位和个人，应当按照每平方米每日二元的标准缴纳道路占用费。
第七条 未经批准擅自占用城市道路的，由市城市管理局处五千元罚款。
第八条 本办法自2026年1月1日起施行。""",
    "示例市农贸市场管理若干规定": """示例市农贸市场管理若干规定
第一条 为规范农贸市场经营秩序，保障农产品质量安全，根据《中华人民共和国农产品质量安全法》等法律法规，制定本规定。
第二条 农贸市场开办者应当建立健全市场管理制度，配备专职管理人员。
第三条 进入本市农贸市场销售的蔬菜，应当优先采购本地生产的产品。
第四条 外地农产品经营者进入本市农贸市场经营的，须向市商务局登记备案并提交原产地证明。
第五条 农贸市场开办者应当每月向市场监督管理部门报送经营数据和客户名单。
第六条 本规定自2026年3月1日起施行。""",
    "示例市户外广告设置管理办法": """示例市户外广告设置管理办法（试行）
第一条 为规范户外广告设置，美化城市环境，根据《中华人民共和国广告法》《城市市容和环境卫生管理条例》，制定本办法。
第二条 设置户外广告设施的，应当符合户外广告设施设置规划。
第三条 户外广告设施的设计、制作、安装，由市城市管理局指定的广告企业承担。
第四条 违反本办法规定设置户外广告设施的，由市城市管理局没收广告设施。
第五条 本办法自2026年2月1日起施行。""",
    "示例市生活垃圾分类管理实施细则": """示例市生活垃圾分类管理实施细则
第一条 为推进生活垃圾分类工作，根据《中华人民共和国固体废物污染环境防治法》和《示例市生活垃圾管理条例》，制定本细则。
第二条 生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾。
第三条 从事生活垃圾经营性清扫、收集、运输服务的企业，应当取得城市生活垃圾经营性服务许可后方可从事经营。
第四条 街道办事处、乡镇人民政府负责组织辖区内生活垃圾分类宣传。
第五条 本细则自2026年1月1日起施行。""",
}
# 补充材料后重新报送 with a revised text: the 试行 document now has a validity period, 第四条 cites the regulation
REVISED = {
    "示例市户外广告设置管理办法": DRAFTS["示例市户外广告设置管理办法"]
    .replace("由市城市管理局没收广告设施", "依照《城市市容和环境卫生管理条例》的规定处理")
    .replace("起施行。", "起施行，有效期2年。"),
}
HIT_DECISIONS = {
    "示例市城市道路占用管理办法": {
        "PEN-01": (HitDecision.ACCEPTED, "罚款应由法律、法规、规章设定，建议删除或援引上位法"),
        "FEE-01": (HitDecision.ACCEPTED, "道路占用费标准须有价格主管部门依据"),
        "FC-ENTRY-01": (HitDecision.DISMISSED, "与第四条设定许可为同一问题，按LIC-01处理"),
    },
    "示例市户外广告设置管理办法": {
        "FC-ENTRY-02": (HitDecision.ACCEPTED, "指定广告企业排除其他经营者"),
        "FORM-03": (HitDecision.ACCEPTED, ""),
    },
    "示例市生活垃圾分类管理实施细则": {
        "LIC-01": (HitDecision.DISMISSED, "该许可由国务院决定设定，本细则系重申，不属自行设定"),
        "FC-ENTRY-01": (HitDecision.DISMISSED, "同上，重申上位法设定的许可"),
    },
}


def _decide_hits(review: LegalReview, title: str) -> None:
    from . import services
    from .selectors import reviewer_choices

    decisions = HIT_DECISIONS.get(title, {})
    # the reviewing office's own 法制审核人员 before anyone else offered; trusted, as the demo acts for them
    reviewers = sorted(reviewer_choices(review), key=lambda u: (not scope.can(u, review, "change"),
                                                                u.agency.path.count("/"), u.pk)) if decisions else []
    if not reviewers:
        return
    for hit in review.prescreen_hits.all():
        if hit.rule in decisions:
            decision, note = decisions[hit.rule]
            # the reviewer decides where the matter is in their scope; otherwise the demo records it
            actor = reviewers[0] if scope.can(reviewers[0], review, "change") else DEMO
            services.prescreen_hit_decide(actor=actor, hit_id=hit.pk, decision=decision, note=note)


def _days(n: int) -> timedelta:
    return timedelta(days=n)  # arch: not statutory — spreading demo dates


def build(stdout: Any = None) -> None:
    from . import services

    if LegalReview.objects.filter(title__endswith=MARK).exists():
        return
    city = Agency.objects.filter(name="示例市人民政府").first()
    if city is None:
        return
    office = competent_office(city, OversightFunction.LEGALITY_REVIEW) or city
    departments = list(Agency.objects.filter(parent=city).exclude(kind=AgencyKind.SECTION).exclude(pk=office.pk)
                       .order_by("pk")[:6])
    if not departments:
        return
    advisor, _ = LegalAdvisor.objects.get_or_create(
        agency=city, name="孙明", defaults={"firm": "示例律师事务所", "kind": AdvisorKind.COUNSEL,
                                           "contact": "13800000000", "created_at": timezone.now()})
    today = timezone.localdate()
    for i, (kind, title, plan, complete) in enumerate(PLANS):
        codes = list(checklist(kind))
        on = today - _days(3 + 4 * i)
        review = services.legal_review_open(actor=DEMO, kind=kind, title=title + MARK,
                                            submitting_agency=departments[i % len(departments)],
                                            reviewing_agency=office, materials=codes if complete else codes[:2], on=on,
                                            text=DRAFTS.get(title, ""))
        _decide_hits(review, title)

        acted_on = min(on + _days(2), today)

        def step(name: str, acted_on: Any = acted_on, **ctx: Any) -> None:
            nonlocal review
            review = services.legal_review_act(actor=DEMO, review_id=review.pk, version=None,
                                               name=name, on=acted_on, **ctx)

        if plan == "submitted":
            continue
        if plan in {"returned", "resubmitted"}:
            step("return_materials", reason="请补充制定依据和征求意见情况")
            if plan == "returned":
                continue
            step("resubmit", materials=codes, text=REVISED.get(title, ""))
            continue
        step("assign", advisor_id=advisor.pk)
        if plan == "assigned":
            continue
        items = [] if plan == "legal" else ["第三条缺少上位法依据", "第七条表述不够明确，建议修改"]
        step("draft", opinion="经审核，提出以下意见。" if items else "经审核，该文件制定主体适格，内容未违反法律、法规、规章"
             "和上级行政机关的规定，程序符合规定，审核意见为合法。", items=items)
        if plan == "drafted":
            continue
        step("decide", outcome=Outcome(plan))
    if stdout is not None:
        stdout.write(f"合法性审核：{len(PLANS)} 件演示事项\n")
