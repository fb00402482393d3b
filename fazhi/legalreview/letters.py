"""The 合法性审核意见书 as an official document (rendered by fazhi.documents in GB/T 9704 layout)."""

from __future__ import annotations

from typing import Any

from fazhi.documents.official import OfficialDocument, chinese_date

from .models import Outcome

CONCLUSION = {
    Outcome.LEGAL: "经审核，该事项符合法律、法规、规章和国家政策规定，审核结论为：合法。",
    Outcome.LEGAL_IF_AMENDED: "经审核，该事项按照下列审查意见修改后符合法律、法规、规章和国家政策规定，审核结论为：修改后合法。",
    Outcome.ILLEGAL: "经审核，该事项存在下列不符合法律、法规、规章和国家政策规定的问题，审核结论为：不合法。",
}


def opinion_letter(review: Any) -> OfficialDocument:
    body = [
        f"你单位于{chinese_date(review.submitted_on)}报送的《{review.title}》（{review.get_kind_display()}）收悉。"
        "本机构依法进行了合法性审核，现提出审核意见如下：",
        CONCLUSION[review.outcome],
    ]
    headings: set[int] = set()
    items = list(review.items.all())
    if items:
        headings.add(len(body))
        body.append(f"审查意见（共{len(items)}条）：")
        body.extend(f"{i.seq}. {i.text}" for i in items)
    if review.opinion:
        headings.add(len(body))
        body.append("审核意见说明：")
        body.append(review.opinion)
    body.append("请你单位研究采纳上述意见，并将采纳情况反馈本机构。")
    return OfficialDocument(
        title="合法性审核意见书", body=body, issuer=review.reviewing_agency.name, doc_number=review.letter_number,
        addressee=review.submitting_agency.name + "：", signed_on=review.decided_on, headings=headings,
    )
