"""The 行政复议决定书 as an official document (rendered by fazhi.documents in GB/T 9704 layout)."""

from __future__ import annotations

from typing import Any

from fazhi.documents.official import OfficialDocument

from .models import DecisionKind, PartyRole

OUTCOME_TEXT = {
    DecisionKind.VARY: "变更被申请人作出的{act}",
    DecisionKind.ANNUL: "撤销被申请人作出的{act}",
    DecisionKind.DECLARE_UNLAWFUL: "确认被申请人作出的{act}违法",
    DecisionKind.ORDER_PERFORMANCE: "责令被申请人在法定期限内履行法定职责",
    DecisionKind.DECLARE_VOID: "确认被申请人作出的{act}无效",
    DecisionKind.UPHOLD: "维持被申请人作出的{act}",
    DecisionKind.DISMISS: "驳回申请人的行政复议请求",
    DecisionKind.DISMISS_APPLICATION: "驳回申请人的行政复议申请",
}


def decision_letter(case: Any) -> OfficialDocument:
    parties = list(case.parties.all())
    applicants = [p for p in parties if p.role == PartyRole.APPLICANT]
    agents = [p for p in parties if p.role == PartyRole.AGENT]
    body = [f"申请人：{'、'.join(p.name for p in applicants)}。"]
    if agents:
        body.append(f"委托代理人：{'、'.join(p.name for p in agents)}。")
    body.append(f"被申请人：{case.respondent.name}。")
    if case.third_parties:
        body.append(f"第三人：{case.third_parties}。")
    accepted = f"{case.accepted_on.year}年{case.accepted_on.month}月{case.accepted_on.day}日"
    body.append(
        f"申请人不服被申请人作出的{case.act_description}{('（' + case.act_number + '）') if case.act_number else ''}，"
        f"向本机关申请行政复议，本机关于{accepted}依法{'视为' if case.deemed_accepted else '予以'}受理，"
        f"适用{case.get_procedure_display()}审理。"
    )
    headings = set()
    headings.add(len(body))
    body.append("申请人请求：")
    body.append(case.requests)
    if case.reply_summary:
        headings.add(len(body))
        body.append("被申请人答复称：")
        body.append(case.reply_summary)
    headings.add(len(body))
    body.append("本机关认为：")
    body.append(case.decision_reasoning or case.decision_ground)
    body.append(f"本案属于{case.decision_ground}。根据《中华人民共和国行政复议法》的规定，本机关决定如下：")
    body.append(OUTCOME_TEXT[case.decision_kind].format(act=case.act_description) + "。")
    body.append("申请人如不服本决定，可以自收到本决定书之日起依法向人民法院提起行政诉讼。")
    return OfficialDocument(
        title="行政复议决定书", body=body, issuer=case.body.name, doc_number=case.decision_number,
        signed_on=case.closed_on, letterhead=False, number_flush_right=True, headings=headings,
        cc=case.respondent.name,
    )
