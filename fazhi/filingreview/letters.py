"""The filing body's official documents (GB/T 9704 layout via fazhi.documents): the 备案登记回执, the
备案审查意见书（纠正通知） and its 送达回证."""

from __future__ import annotations

from typing import Any

from fazhi.documents.official import OfficialDocument, chinese_date, chinese_number

from . import rules


def _doc_label(filing: Any) -> str:
    doc = filing.document
    return f"《{doc.title}》（{doc.doc_number}）" if doc.doc_number else f"《{doc.title}》"


def receipt_letter(filing: Any) -> OfficialDocument:
    body = [
        f"你单位于{chinese_date(filing.filed_on)}报送备案的{_doc_label(filing)}收悉。"
        "经形式审查，报送材料齐全、符合要求，予以登记备案。",
        f"备案登记号：{filing.registration_number}；登记日期：{chinese_date(filing.registered_on)}。",
    ]
    if filing.returns:
        body.append(f"该文件曾被退回补正{filing.returns}次，本次为第{filing.round}次报送。")
    body.append("本机构将依法对该文件进行审查，审查中发现问题的，另行提出审查意见。")
    body.append("特此回执。")
    return OfficialDocument(title="规范性文件备案登记回执", body=body, issuer=filing.reviewing_agency.name,
                            doc_number=filing.registration_number, addressee=filing.issuer.name + "：",
                            signed_on=filing.registered_on)


def correction_letter(filing: Any) -> OfficialDocument:
    headings = set()
    body = [
        f"你单位报送备案的{_doc_label(filing)}（备案登记号：{filing.registration_number or '未登记'}）经审查，"
        "发现存在下列问题：",
    ]
    headings.add(len(body))
    body.append(f"发现的问题（共{len(filing.problems)}条）：")
    body.extend(f"{n}. {text}" for n, text in enumerate(filing.problems, start=1))
    if filing.review_opinion:
        headings.add(len(body))
        body.append("审查意见：")
        body.append(filing.review_opinion)
    # the period runs from the receipt (送达回证), so the letter states the period, not a date
    days = rules.correction_period_days(filing, filing.correction_requested_on)
    due = f"自收到本意见书之日起{chinese_number(days)}日内" if days else "及时"
    body.append(f"请你单位按照有错必纠的要求，{due}自行纠正（修改或者废止该文件），并将纠正情况书面报告本机构。")
    return OfficialDocument(title="规范性文件备案审查意见书（纠正通知）", body=body,
                            issuer=filing.reviewing_agency.name, doc_number=filing.registration_number,
                            addressee=filing.issuer.name + "：", signed_on=filing.correction_requested_on,
                            headings=headings)


def service_receipt(filing: Any) -> OfficialDocument:
    """送达回证 of the 纠正通知, as the service was recorded: the receipt date starts the correction period."""
    title = f"规范性文件备案审查意见书（纠正通知）（{filing.registration_number}）" if filing.registration_number \
        else "规范性文件备案审查意见书（纠正通知）"
    body = [
        f"送达文书名称：{title}",
        f"所涉文件：{_doc_label(filing)}",
        f"受送达人：{filing.issuer.name}",
        f"送达日期：{chinese_date(filing.served_on)}",
        f"送达方式：{filing.get_service_manner_display()}",
        f"签收人：{filing.service_receiver}",
        f"出具日期：{chinese_date(filing.correction_requested_on)}",
        "送达人：________    ________",
        "备注：纠正期限自制定机关收到本意见书之日起计算。",
    ]
    return OfficialDocument(title="送达回证", body=body, issuer=filing.reviewing_agency.name,
                            signed_on=filing.served_on, letterhead=False)
