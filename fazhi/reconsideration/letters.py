"""The 行政复议决定书 and its 送达回证 as official documents (rendered by fazhi.documents in GB/T 9704
layout). The 决定书 carries what 第七十五条 and the practice of 行政复议法律文书 require: the parties'
particulars, the applicant's requests and reasons, the respondent's reply, the facts found, the
reasons and the legal basis, the decision (撤销 with or without 责令重新作出, 第六十四条), its effect on
service, and the notice of the right to sue within the period of 行政诉讼法 第四十五条 before the court
the 复议机关 names."""

from __future__ import annotations

import re
from typing import Any

from fazhi.documents.official import OfficialDocument, chinese_date, chinese_number
from fazhi.ids import id_particulars
from fazhi.law import param

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
LAW = "《中华人民共和国行政复议法》"
_ARTICLE = re.compile(r"（(第[^（）]*条[^（）]*)）\s*$")


def particulars(party: Any) -> str:
    """申请人：王建国，男，1990年3月7日出生，住…… — read from the record (an organisation: its 住所)."""
    parts = [party.name]
    found = id_particulars(party.id_number) if party.id_number else None
    if found is not None:
        sex, born = found
        parts += [sex, f"{chinese_date(born)}出生"]
    if party.address:
        parts.append(("住" if found is not None else "住所地") + party.address)
    return "，".join(parts)


def legal_basis(ground: str) -> str:
    """The article the chosen statutory ground names (“……（第六十四条第一款第二项）” → 第六十四条第一款第二项)."""
    match = _ARTICLE.search(ground or "")
    return f"{LAW}{match.group(1)}" if match else LAW


def outcome(case: Any) -> str:
    text = OUTCOME_TEXT[case.decision_kind].format(act=case.act_description)
    if case.decision_kind == DecisionKind.ANNUL and case.redo_ordered:
        text += f"，并责令被申请人自收到本决定书之日起{chinese_number(case.redo_within_days)}日内重新作出行政行为"
    return text


def suit_notice(case: Any) -> str:
    period = param("litigation.suit_after_reconsideration", on=case.closed_on,
                   jurisdiction=case.body.jurisdiction.code)
    court = case.suit_court or "有管辖权的人民法院"
    return (f"申请人如不服本决定，可以自收到本决定书之日起{chinese_number(period.value)}日内，依照"
            f"《中华人民共和国行政诉讼法》{period.reference.article}的规定向{court}提起行政诉讼。")


def incidental_paragraph(case: Any) -> str:
    """第五十九条: what the 附带审查 of the underlying document found, as the decision says it."""
    from .incidental import latest_opinion

    if not case.incidental_review:
        return ""
    found = latest_opinion(case)
    if found is None:
        return ""
    document = case.incidental_document or "相关规范性文件"
    if found.outcome == "illegal":
        return (f"经对申请人提出的《{document}》进行附带审查（{found.letter_number}），该规范性文件的相关条款不合法，"
                f"决定停止执行该条款，并责令制定机关予以纠正（{LAW}第五十九条）。")
    return f"经对申请人提出的《{document}》进行附带审查（{found.letter_number}），该规范性文件的相关条款合法（{LAW}第五十九条）。"


def decision_letter(case: Any) -> OfficialDocument:
    parties = list(case.parties.all())
    body = [f"申请人：{particulars(p)}。" for p in parties if p.role == PartyRole.APPLICANT]
    body += [f"委托代理人：{particulars(p)}。" for p in parties if p.role == PartyRole.AGENT]
    body.append(f"被申请人：{case.respondent.name}。")
    third = [f"第三人：{particulars(p)}。" for p in parties if p.role == PartyRole.THIRD_PARTY]
    body += third or ([f"第三人：{case.third_parties}。"] if case.third_parties else [])
    accepted = chinese_date(case.accepted_on)
    heard = ""
    if case.hearing_record:
        heard = "本机关依法举行听证，"
    elif case.opinions_heard_on:
        heard = f"本机关{case.get_opinions_manner_display()}当事人意见，" if case.opinions_manner != "written" \
            else "因当事人原因不能听取意见，本机关依法书面审理，"
    body.append(
        f"申请人不服被申请人作出的{case.act_description}{('（' + case.act_number + '）') if case.act_number else ''}，"
        f"于{chinese_date(case.received_on)}向本机关申请行政复议，本机关于{accepted}依法"
        f"{'视为' if case.deemed_accepted else '予以'}受理，适用{case.get_procedure_display()}审理，{heard}"
        "现已审理终结。"
    )
    headings = set()
    headings.add(len(body))
    body.append("申请人请求：")
    body.append(case.requests)
    if case.reasons:
        body.append(f"申请人称：{case.reasons}")
    headings.add(len(body))
    body.append("被申请人答复称：")
    body.append(case.reply_summary or "被申请人未在法定期限内提出书面答复。")
    if case.decision_facts:
        headings.add(len(body))
        body.append("经审理查明：")
        body.append(case.decision_facts)
    headings.add(len(body))
    body.append("本机关认为：")
    body.append(case.decision_reasoning or case.decision_ground)
    review = incidental_paragraph(case)
    if review:
        body.append(review)
    body.append(f"本案属于{case.decision_ground}的情形。根据{legal_basis(case.decision_ground)}的规定，"
                "本机关决定如下：")
    body.append(outcome(case) + "。")
    body.append(f"本决定书自送达之日起发生法律效力（{LAW}第七十五条）。")
    body.append(suit_notice(case))
    return OfficialDocument(
        title="行政复议决定书", body=body, issuer=case.body.name, doc_number=case.decision_number,
        signed_on=case.closed_on, letterhead=False, number_flush_right=True, headings=headings,
        cc=case.respondent.name,
    )


def service_receipt(case: Any) -> OfficialDocument:
    """送达回证 of the 决定书: one row per person served (申请人, 第三人, 被申请人), to be signed on receipt;
    the recorded date starts the period to sue."""
    served = [(p.get_role_display(), p.name) for p in case.parties.all() if p.role != PartyRole.AGENT]
    served.append(("被申请人", case.respondent.name))
    body = [f"送达文书：行政复议决定书（{case.decision_number}）", f"案号：{case.case_number}"]
    for role, name in served:
        body.append(f"受送达人（{role}）：{name}    送达方式：________    送达地点：________")
        body.append("收件人签名（盖章）：________    收到日期：____年__月__日")
    body.append("送达人：________    ________")
    body.append("备注：受送达人拒绝签收的，送达人应当在本回证上记明拒收事由和日期，由送达人、见证人签名，"
                "把文书留在受送达人的住所。")
    return OfficialDocument(title="送达回证", body=body, issuer=case.body.name, signed_on=case.closed_on,
                            letterhead=False)
