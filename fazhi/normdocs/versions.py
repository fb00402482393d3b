"""The text a document's steps were made on. Every saved text is a numbered version with its SM3
digest; the legality review keeps the digest of the text it received (and, after 修改后合法, of the
amended text its office confirmed); 集体审议, 统一登记 and 统一公布 record the version they were made on.
The gates below compare digests, so that the text deliberated is the one the review passed and the
text registered and published is the one deliberated (国办发〔2018〕37号: 未经合法性审核或者经审核
不合法的，不得提交集体审议; 三统一). Reads only; the writes are the steps' effects."""

from __future__ import annotations

from typing import Any

from fazhi.crypto import text_digest

from .models import DocumentVersion, NormativeDocument, State


def current(doc: NormativeDocument) -> DocumentVersion | None:
    return doc.versions.order_by("-number").first()


def intact_problem(doc: NormativeDocument) -> str | None:
    """The text on the record is the last saved version (nothing changed it around the versions)."""
    last = current(doc)
    if last is None or last.digest != text_digest(doc.text):
        return "正文与最后保存的版本不一致（校验码不符），请保存正文生成新版本后重新履行审核程序"
    return None


def latest_review(doc: NormativeDocument) -> Any:
    """The latest legality review on the desk that has given its opinion."""
    from fazhi.legalreview.models import State as ReviewState

    return next((r for r in _reviews(doc) if r.state == ReviewState.DECIDED), None)


def _reviews(doc: NormativeDocument) -> list[Any]:
    from .selectors import legal_reviews_of

    return legal_reviews_of(doc)


def unanswered(review: Any) -> list[Any]:
    return [i for i in review.items.all() if i.adopted is None]


def amendable(doc: NormativeDocument) -> bool:
    """After a 修改后合法 opinion and until the office confirms the amended text, the drafter amends
    the text in place (the matter stays 合法性审核)."""
    from fazhi.legalreview.models import Outcome
    from fazhi.legalreview.selectors import legal_review_pending

    if doc.state != State.LEGALITY_REVIEW or legal_review_pending(doc):
        return False
    review = latest_review(doc)
    return (review is not None and review.outcome == Outcome.LEGAL_IF_AMENDED
            and review.amendment_confirmed_on is None)


def passed_problem(doc: NormativeDocument) -> str | None:
    """Why the current text is not the one the legality review passed (None when it is)."""
    from fazhi.legalreview.models import Outcome

    review = latest_review(doc)
    if review is None or review.outcome not in (Outcome.LEGAL, Outcome.LEGAL_IF_AMENDED):
        return None  # the gate on the outcome itself says why
    problem = intact_problem(doc)
    if problem:
        return problem
    digest = text_digest(doc.text)
    if review.outcome == Outcome.LEGAL:
        if review.text_digest and digest != review.text_digest:
            return "正文在合法性审核后改动过，与审核的文本不一致，须退回起草并重新报送合法性审核"
        return None
    waiting = unanswered(review)
    if waiting:
        return (f"审核意见（{review.get_outcome_display()}）还有{len(waiting)}条未答复：采纳的写明修改后的条文，"
                "不采纳的说明理由")
    if not review.amended_digest:
        if review.amendment_note:
            return f"审核机构对修改稿不予确认：{review.amendment_note}；请修改正文后重新答复"
        return "请按审核意见修改正文，并逐条答复审核意见"
    if review.amendment_confirmed_on is None:
        return "修改稿已提交，尚待审核机构核对确认"
    if digest != review.amended_digest:
        return "正文与审核机构确认的修改稿不一致，须退回起草并重新报送合法性审核"
    return None


def version_problem(doc: NormativeDocument, recorded: int | None, step: str, earlier: str) -> str | None:
    """The text is still the version ``earlier`` was made on (``recorded``), for ``step``."""
    problem = intact_problem(doc)
    if problem:
        return problem
    last = current(doc)
    if recorded is None or last is None or last.number != recorded:
        return f"正文在{earlier}后改动过，不能{step}；须退回起草，重新履行审核和审议程序"
    return None


def previous_answers_problem(doc: NormativeDocument) -> str | None:
    """A draft sent back to the desk answers the last opinion first (what it took up, what not and why)."""
    from fazhi.legalreview.models import Outcome

    review = latest_review(doc)
    if review is None or review.outcome not in (Outcome.LEGAL_IF_AMENDED, Outcome.ILLEGAL):
        return None
    waiting = unanswered(review)
    if waiting:
        return f"上次合法性审核提出的{len(waiting)}条意见尚未逐条答复，请先答复再重新报送"
    return None
