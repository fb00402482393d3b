"""Every write of normative documents: drafting with versions, 三统一 (登记编号, 公布), 备案, 失效 and
废止, expiry reminders. Keyword-only, one transaction, scoped, audited. The steps of the lifecycle are
declared in :data:`fazhi.normdocs.workflow.NORMDOC`; the named services below make them through
``NORMDOC.run`` (one durable transaction each) so that callers need not know the inputs' form."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.crypto import text_digest
from fazhi.numbering.services import number_next
from fazhi.org import scope
from fazhi.org.models import ORGAN_KINDS, Agency, AgencyKind
from fazhi.org.roles import Capability, RoleKind, capabilities_of
from fazhi.platform.actors import as_user, is_system
from fazhi.platform.concurrency import bump_version
from fazhi.platform.errors import PermissionDeniedError, ServiceError
from fazhi.tasks.models import Task
from fazhi.tasks.services import task_open

from .manifest import DOC_NUMBER
from .models import DocType, DocumentVersion, NormativeDocument, State
from .search import index_document
from .workflow import NORMDOC


def require_manager(actor: Any) -> None:
    """A person needs the capability to keep normative documents; the platform acting for itself
    (demo, daily jobs) is not a person and is audited under its own name."""
    if not is_system(actor) and Capability.MANAGE_NORMDOCS not in capabilities_of(actor):
        raise PermissionDeniedError("您没有办理行政规范性文件的权限")


# the 起草说明, 制定依据 and 政策解读 may still be completed until publication; the text only as below
EDITABLE_STATES = (State.DRAFTING, State.LEGALITY_REVIEW, State.DELIBERATION, State.REGISTERED)


def keep_version(doc: NormativeDocument, actor: Any) -> DocumentVersion:
    """A version of the current title and text (with its SM3 digest), unless the latest one is the same."""
    last = doc.versions.order_by("-number").first()
    if last is not None and last.text == doc.text and last.title == doc.title:
        return last
    return DocumentVersion.objects.create(document=doc, number=(last.number + 1) if last else 1,
                                          title=doc.title, text=doc.text, digest=text_digest(doc.text),
                                          created_by=as_user(actor))


def text_locked(doc: NormativeDocument) -> str | None:
    """Why the title and text cannot change now (None: they can). Drafting changes them; after a
    修改后合法 opinion the drafter amends them until the office confirms; from then on only a return
    to drafting (and the reviews again) or, once numbered, a new amending document changes them."""
    from . import versions

    if doc.state == State.DRAFTING or versions.amendable(doc):
        return None
    if doc.state in (State.CONSULTATION, State.COMPETITION_REVIEW, State.LEGALITY_REVIEW):
        return f"文件正在{doc.get_state_display()}，不能修改正文；需要修改的请先退回起草"
    if doc.state == State.DELIBERATION:
        return "文件已通过合法性审核，正文不能再修改；确需修改的，请退回起草，修改后重新报送合法性审核"
    if doc.state == State.REGISTERED:
        return "文件已统一登记文号，正文不能再修改；确需修改的，须另行制发修改文件"
    return "文件已公布，正文不能再修改；修改须另行制发修改文件"


@transaction.atomic
def document_create(*, actor: Any, issuer_id: int, title: str, text: str = "", doc_type: str = DocType.NORMAL,
                    drafting_agency_id: int | None = None, basis: str = "", interpretation: str = "",
                    own_valid_until: date | None = None, effective_on: date | None = None,
                    amends_id: int | None = None, repeals_id: int | None = None, drafting_explanation: str = "",
                    affects_business: bool = False, congress_filing_required: bool | None = None
                    ) -> NormativeDocument:
    """起草: a new draft (version 1). Documents of a government are also filed with the 人大常委会
    unless told otherwise."""
    require_manager(actor)
    issuer = scope.get_for(actor, Agency, issuer_id, "view")
    if issuer.kind not in ORGAN_KINDS:
        raise ServiceError(f"{issuer.name}是{issuer.get_kind_display()}，不能以自己的名义制定行政规范性文件，"
                           "请选择其所属的行政机关", field="issuer")
    if not title.strip():
        raise ServiceError("请填写标题", field="title")
    if doc_type not in DocType.values:
        raise ServiceError("文件类型无效", field="doc_type")
    if drafting_agency_id:
        # 起草单位: the issuer itself or a department the drafter may see (e.g. a 部门 drafting for the 政府)
        drafting_agency_id = scope.get_for(actor, Agency, drafting_agency_id, "view").pk
    doc = NormativeDocument.objects.create(
        title=title.strip(), issuer=issuer, drafting_agency_id=drafting_agency_id or issuer.pk, doc_type=doc_type,
        text=text, basis=basis, interpretation=interpretation, own_valid_until=own_valid_until,
        effective_on=effective_on, amends_id=amends_id, repeals_id=repeals_id, created_by=as_user(actor),
        drafting_explanation=drafting_explanation, affects_business=bool(affects_business),
        congress_filing_required=(issuer.kind == AgencyKind.GOVERNMENT if congress_filing_required is None
                                  else bool(congress_filing_required)))
    keep_version(doc, actor)
    # drafts are searchable in the office from the first save (the portal reads published documents only)
    index_document(doc)
    record(actor=actor, code="normdocs.create", obj=doc, after=snapshot(doc, ["title", "issuer", "doc_type"]),
           target_state=doc.state)
    return doc


@transaction.atomic
def document_save_draft(*, actor: Any, document_id: int, version: int, title: str | None = None,
                        text: str | None = None,
                        interpretation: str | None = None, drafting_explanation: str | None = None,
                        basis: str | None = None, affects_business: bool | None = None) -> NormativeDocument:
    """Each save of a draft keeps a version of the text (compared with difflib on the detail page).
    The text changes only while :func:`text_locked` allows; the 起草说明, 制定依据 and 政策解读
    until publication."""
    require_manager(actor)
    doc = scope.get_for(actor, NormativeDocument, document_id, "change", for_update=True)
    from fazhi.legalreview.selectors import legal_review_pending

    if doc.state not in EDITABLE_STATES or (doc.state == State.LEGALITY_REVIEW and legal_review_pending(doc)):
        raise ServiceError(text_locked(doc) or "文件已公布，不能再修改")
    title = doc.title if title is None else title.strip()
    text = doc.text if text is None else text
    if not title:
        raise ServiceError("请填写标题", field="title")
    changed = title != doc.title or text_digest(text) != text_digest(doc.text)
    if changed and (locked := text_locked(doc)):
        raise ServiceError(locked, field="text")
    before = snapshot(doc, ["title", "text"])
    fields = []
    if changed:
        doc.title, doc.text = title, text
        fields += ["title", "text"]
    for name, value in (("interpretation", interpretation), ("drafting_explanation", drafting_explanation),
                        ("basis", basis)):
        if value is not None:
            setattr(doc, name, value)
            fields.append(name)
    if affects_business is not None and doc.state == State.DRAFTING:
        doc.affects_business = bool(affects_business)
        fields.append("affects_business")
    bump_version(doc, expected=version, fields=fields)
    keep_version(doc, actor)
    if changed:
        index_document(doc)
    record(actor=actor, code="normdocs.save", obj=doc, before=before, after=snapshot(doc, ["title", "text"]))
    return doc


def assign_number(doc: NormativeDocument, *, on: date) -> None:
    """统一编号 (the effect of 统一登记编号, in its transaction): a gap-free 文号 per issuer and year from
    fazhi.numbering, e.g. 示政规〔2026〕3号."""
    # a number already held by an imported (historic) document is skipped, not given twice
    number = number_next(series=DOC_NUMBER, agency=doc.issuer, on=on,
                         skip=lambda n: NormativeDocument.objects.filter(doc_number=n.text).exists())
    doc.doc_prefix = number.text.partition("〔")[0][:20]
    doc.doc_year, doc.doc_serial, doc.doc_number = number.year, number.serial, number.text


def _dated(on: date | None, **data: Any) -> dict[str, Any]:
    """A service caller's inputs as the step's form names them (``on`` only when given)."""
    return {**data, "on": on} if on is not None else data


def document_register(*, actor: Any, document_id: int, version: int | None,
                      on: date | None = None) -> NormativeDocument:
    """统一登记、统一编号 (see :data:`NORMDOC`, ``register``; the 文号 from fazhi.numbering)."""
    return NORMDOC.run(actor, document_id, "register", _dated(on), version=version)


def document_publish(*, actor: Any, document_id: int, version: int | None, on: date | None = None) -> NormativeDocument:
    """统一公布: sets published_on and the computed valid_until (provisional parameters flagged); an
    amending document raises ``normdocs.amended`` for the one it amends."""
    return NORMDOC.run(actor, document_id, "publish", _dated(on), version=version)


def document_file(*, actor: Any, document_id: int, version: int | None, on: date | None = None,
                  reviewing_agency_id: int | None = None) -> NormativeDocument:
    """报送备案: records filed_on (lateness against the filing period is computed, not stored) and
    raises ``normdocs.filed``: the filing body receives it in the same transaction. The filer may
    name another reviewing agency than the receiving government's legal-affairs office."""
    data = {"reviewing_agency": reviewing_agency_id} if reviewing_agency_id else {}
    return NORMDOC.run(actor, document_id, "file", _dated(on, **data), version=version)


def document_repeal(*, actor: Any, document_id: int, version: int | None, on: date | None = None,
                    reason: str = "") -> NormativeDocument:
    """废止, with its reason (raises ``normdocs.repealed``)."""
    return NORMDOC.run(actor, document_id, "repeal", _dated(on, reason=reason),
                       version=version)


def document_declare_invalid(*, actor: Any, document_id: int, version: int | None, on: date | None = None,
                             reason: str = "") -> NormativeDocument:
    """宣布失效 (a clean-up or evaluation result): recorded as 已失效 with the reason."""
    return NORMDOC.run(actor, document_id, "declare_invalid",
                       _dated(on, reason=reason), version=version)


def expire_due(*, actor: Any, today: date | None = None) -> list[NormativeDocument]:
    """The sweep: record 失效 for documents past valid_until (idempotent), each in its own transaction."""
    today = today or timezone.localdate()
    due = NormativeDocument.objects.filter(state__in=(State.PUBLISHED, State.FILED), valid_until__lt=today)
    return [NORMDOC.run(actor, pk, "expire", on=today) for pk in due.values_list("pk", flat=True)]


def remind_expiring(*, actor: Any, today: date | None = None) -> list[Task]:
    """待办 for the issuer ahead of expiry (expiry_reminder_lead); one open reminder per document."""
    from django.contrib.contenttypes.models import ContentType

    from . import rules

    today = today or timezone.localdate()
    opened = []
    ct = ContentType.objects.get_for_model(NormativeDocument)
    live = NormativeDocument.objects.filter(state__in=(State.PUBLISHED, State.FILED), valid_until__gte=today)
    for doc in live.select_related("issuer", "issuer__jurisdiction"):
        start = rules.reminder_from(doc)
        if start is None or today < start:
            continue
        if Task.objects.filter(subject_type=ct, subject_id=str(doc.pk), source_step="normdocs.expiry").exists():
            continue
        with transaction.atomic():
            opened.append(task_open(actor=actor, kind="normdocs.expiry",
                                    title=f"评估即将到期的规范性文件：{doc.title}（{doc.doc_number}）",
                                    agency=doc.issuer, assignee_role=RoleKind.DEPT_ADMIN, subject=doc,
                                    source_step="normdocs.expiry", due_date=doc.valid_until,
                                    due_provisional=doc.valid_until_provisional))
    return opened


@transaction.atomic
def document_file_with_congress(*, actor: Any, document_id: int, version: int, on: date) -> NormativeDocument:
    """报送人大常委会备案 (government documents, where the jurisdiction files with its 人大常委会)."""
    require_manager(actor)
    doc = scope.get_for(actor, NormativeDocument, document_id, "change", for_update=True)
    if not doc.congress_filing_required:
        raise ServiceError("该文件不需要报送人大常委会备案")
    if doc.state not in (State.PUBLISHED, State.FILED):
        raise ServiceError("文件公布后才能报送人大常委会备案")
    if doc.congress_filed_on:
        raise ServiceError(f"已于{doc.congress_filed_on:%Y年%m月%d日}报送人大常委会备案")
    if doc.published_on and on < doc.published_on:
        raise ServiceError("报送备案日期不能早于公布日期")
    if on > timezone.localdate():
        raise ServiceError("报送备案日期不能晚于今天")
    doc.congress_filed_on = on
    bump_version(doc, expected=version, fields=["congress_filed_on"])
    record(actor=actor, code="normdocs.congress_file", obj=doc, after={"congress_filed_on": on.isoformat()})
    return doc


MAX_UPLOAD = 20 * 1024 * 1024  # arch: not statutory — a platform limit on uploaded drafts (bytes)


def text_from_upload(data: bytes, filename: str) -> str:
    """The draft text of an uploaded .docx or .txt; a clear Chinese message for damaged, encrypted,
    oversized or empty files (nothing is saved then)."""
    from fazhi.reports.analysis.extract import ExtractionError, extract_bytes

    name = (filename or "").strip() or "上传文件"
    if not name.lower().endswith((".docx", ".txt")):
        raise ServiceError(f"“{name}”不是 .docx 或 .txt 文件；请在 Word/WPS 中另存为 .docx 后上传", field="upload")
    if len(data) > MAX_UPLOAD:
        raise ServiceError(f"“{name}”超过 {MAX_UPLOAD // (1024 * 1024)} MB", field="upload")
    try:
        text = extract_bytes(data, name).text
    except ExtractionError as exc:
        raise ServiceError(f"“{name}”{exc.message}", field="upload") from None
    if not text.strip():
        raise ServiceError(f"“{name}”中没有可读取的正文（空文件或只有图片）", field="upload")
    return text
