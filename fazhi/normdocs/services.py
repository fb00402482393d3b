"""Every write of normative documents: drafting with versions, 三统一 (登记编号, 公布), 备案, 失效 and
废止, expiry reminders. Keyword-only, one transaction, scoped, audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record, snapshot
from fazhi.numbering.services import number_next
from fazhi.org import scope
from fazhi.org.models import Agency, AgencyKind
from fazhi.org.roles import Capability, RoleKind, capabilities_of
from fazhi.platform.errors import PermissionDeniedError, ServiceError
from fazhi.tasks.models import Task
from fazhi.tasks.services import task_open, tasks_close_for_subject

from . import rules
from .manifest import DOC_NUMBER
from .models import DocType, DocumentVersion, NormativeDocument, State
from .search import index_document
from .workflow import NORMDOC


def _require(actor: Any) -> None:
    if actor is not None and Capability.MANAGE_NORMDOCS not in capabilities_of(actor):
        raise PermissionDeniedError("您没有办理行政规范性文件的权限")


EDITABLE_STATES = (State.DRAFTING, State.DELIBERATION, State.REGISTERED)


def _version(doc: NormativeDocument, actor: Any) -> DocumentVersion:
    last = doc.versions.order_by("-number").first()
    if last is not None and last.text == doc.text and last.title == doc.title:
        return last
    return DocumentVersion.objects.create(document=doc, number=(last.number + 1) if last else 1,
                                          title=doc.title, text=doc.text, created_by=actor)


@transaction.atomic
def document_create(*, actor: Any, issuer_id: int, title: str, text: str = "", doc_type: str = DocType.NORMAL,
                    drafting_agency_id: int | None = None, basis: str = "", interpretation: str = "",
                    own_valid_until: date | None = None, effective_on: date | None = None,
                    amends_id: int | None = None, repeals_id: int | None = None, drafting_explanation: str = "",
                    affects_business: bool = False, congress_filing_required: bool | None = None
                    ) -> NormativeDocument:
    """起草: a new draft (version 1). Documents of a government are also filed with the 人大常委会
    unless told otherwise."""
    _require(actor)
    issuer = Agency.objects.get(pk=issuer_id) if actor is None else scope.get_for(actor, Agency, issuer_id, "view")
    if not title.strip():
        raise ServiceError("请填写标题", field="title")
    if doc_type not in DocType.values:
        raise ServiceError("文件类型无效", field="doc_type")
    if drafting_agency_id and actor is not None:
        # 起草单位: the issuer itself or a department the drafter may see (e.g. a 部门 drafting for the 政府)
        drafting_agency_id = scope.get_for(actor, Agency, drafting_agency_id, "view").pk
    doc = NormativeDocument.objects.create(
        title=title.strip(), issuer=issuer, drafting_agency_id=drafting_agency_id or issuer.pk, doc_type=doc_type,
        text=text, basis=basis, interpretation=interpretation, own_valid_until=own_valid_until,
        effective_on=effective_on, amends_id=amends_id, repeals_id=repeals_id, created_by=actor,
        drafting_explanation=drafting_explanation, affects_business=bool(affects_business),
        congress_filing_required=(issuer.kind == AgencyKind.GOVERNMENT if congress_filing_required is None
                                  else bool(congress_filing_required)))
    _version(doc, actor)
    record(actor=actor, code="normdocs.create", obj=doc, after=snapshot(doc, ["title", "issuer", "doc_type"]),
           target_state=doc.state)
    return doc


@transaction.atomic
def document_save_draft(*, actor: Any, document_id: int, version: int, title: str, text: str,
                        interpretation: str | None = None, drafting_explanation: str | None = None,
                        basis: str | None = None, affects_business: bool | None = None) -> NormativeDocument:
    """Each save of a draft keeps a version of the text (compared with difflib on the detail page).
    The text may change while drafting, after deliberation (审议意见) and before publication; the
    政策解读 until publication."""
    _require(actor)
    doc = scope.get_for(actor, NormativeDocument, document_id, "change", for_update=True)
    if doc.state not in EDITABLE_STATES:
        if doc.state in (State.CONSULTATION, State.COMPETITION_REVIEW, State.LEGALITY_REVIEW):
            raise ServiceError(f"文件正在{doc.get_state_display()}，不能修改正文；需要修改的请先退回起草")
        raise ServiceError("文件已公布，正文不能再修改；修改须另行制发修改文件")
    if not title.strip():
        raise ServiceError("请填写标题", field="title")
    before = snapshot(doc, ["title", "text"])
    from fazhi.platform.concurrency import bump_version

    doc.title, doc.text = title.strip(), text
    fields = ["title", "text"]
    for name, value in (("interpretation", interpretation), ("drafting_explanation", drafting_explanation),
                        ("basis", basis)):
        if value is not None:
            setattr(doc, name, value)
            fields.append(name)
    if affects_business is not None and doc.state == State.DRAFTING:
        doc.affects_business = bool(affects_business)
        fields.append("affects_business")
    bump_version(doc, expected=version, fields=fields)
    _version(doc, actor)
    record(actor=actor, code="normdocs.save", obj=doc, before=before, after=snapshot(doc, ["title", "text"]))
    return doc


def _transition(actor: Any, document_id: int, name: str, version: int | None, *, trusted: bool = False,
                context: dict[str, Any] | None = None, mutate: Callable[[Any], None] | None = None,
                fields: tuple[str, ...] = (), reason: str = "") -> NormativeDocument:
    if not trusted:
        scope.get_for(actor, NormativeDocument, document_id, "change")
    queryset = NormativeDocument.objects.select_related("issuer", "issuer__jurisdiction")
    doc, source, target = NORMDOC.transition(queryset, document_id, name, actor=actor, version=version,
                                             trusted=trusted, context=context, mutate=mutate, fields=fields)
    record(actor=actor, code=f"normdocs.{name}", obj=doc, source_state=source, target_state=target,
           after=snapshot(doc, list(fields)) if fields else None, reason=reason)
    return doc


@transaction.atomic
def document_register(*, actor: Any, document_id: int, version: int | None, on: date | None = None,
                      trusted: bool = False) -> NormativeDocument:
    """统一登记、统一编号: a gap-free 文号 per issuer and year from fazhi.numbering, e.g. 示政规〔2026〕3号."""
    on = on or timezone.localdate()

    def mutate(doc: NormativeDocument) -> None:
        # a number already held by an imported (historic) document is skipped, not given twice
        number = number_next(series=DOC_NUMBER, agency=doc.issuer, on=on,
                             skip=lambda n: NormativeDocument.objects.filter(doc_number=n.text).exists())
        doc.doc_prefix = number.text.partition("〔")[0][:20]
        doc.doc_year, doc.doc_serial, doc.doc_number = number.year, number.serial, number.text
        doc.registered_on = on

    doc = _transition(actor, document_id, "register", version, trusted=trusted, mutate=mutate,
                      fields=("doc_prefix", "doc_year", "doc_serial", "doc_number", "registered_on"))
    _version(doc, actor)
    index_document(doc)
    return doc


@transaction.atomic
def document_publish(*, actor: Any, document_id: int, version: int | None, on: date | None = None,
                     trusted: bool = False) -> NormativeDocument:
    """统一公布: sets published_on and the computed valid_until (provisional parameters flagged)."""
    on = on or timezone.localdate()

    def mutate(doc: NormativeDocument) -> None:
        doc.published_on = on
        if doc.effective_on is None:
            doc.effective_on = on
        found = rules.validity(doc)
        doc.valid_until, doc.valid_until_provisional = found.until, found.provisional

    doc = _transition(actor, document_id, "publish", version, trusted=trusted, context={"on": on}, mutate=mutate,
                      fields=("published_on", "effective_on", "valid_until", "valid_until_provisional"))
    index_document(doc)
    tasks_close_for_subject(actor=actor, subject=doc, source_step="normdocs.register", outcome="已公布")
    if doc.amends_id:
        from fazhi.cleanup.services import amendment_published  # here: cleanup imports normdocs

        amendment_published(actor=actor, amended_document_id=doc.amends_id)
    due, provisional = rules.filing_due(doc)
    # the filing 待办 carries the filing period: the inbox turns it yellow, then red when overdue
    task_open(actor=actor, kind="normdocs.filing", title=f"报送备案：{doc.title}（{doc.doc_number}）",
              agency=doc.issuer, assignee_role=RoleKind.DEPT_ADMIN, subject=doc, source_step="normdocs.filing",
              due_date=due, due_provisional=provisional)
    return doc


@transaction.atomic
def document_file(*, actor: Any, document_id: int, version: int | None, on: date | None = None,
                  trusted: bool = False, reviewing_agency_id: int | None = None) -> NormativeDocument:
    """报送备案: records filed_on; lateness against the filing period is computed, not stored. The filing
    body receives it in the same transaction (``filingreview.services.filing_submit``); the filer may
    name another reviewing agency than the receiving government's legal-affairs office."""
    on = on or timezone.localdate()

    def mutate(doc: NormativeDocument) -> None:
        if doc.published_on and on < doc.published_on:
            raise ServiceError("报送备案日期不能早于公布日期")
        doc.filed_on = on

    doc = _transition(actor, document_id, "file", version, trusted=trusted, context={"on": on}, mutate=mutate,
                      fields=("filed_on",))
    from fazhi.filingreview.services import filing_submit  # here: filingreview imports normdocs

    reviewing = Agency.objects.filter(pk=reviewing_agency_id).first() if reviewing_agency_id else None
    if reviewing_agency_id and reviewing is None:
        raise ServiceError("备案审查机构不存在", field="reviewing_agency")
    filing_submit(actor=actor, document=doc, on=on, reviewing_agency=reviewing, trusted=trusted)
    tasks_close_for_subject(actor=actor, subject=doc, source_step="normdocs.filing", outcome="已报送备案")
    return doc


@transaction.atomic
def document_repeal(*, actor: Any, document_id: int, version: int | None, on: date | None = None,
                    reason: str = "", trusted: bool = False) -> NormativeDocument:
    on = on or timezone.localdate()

    def mutate(doc: NormativeDocument) -> None:
        doc.repealed_on = on

    return _transition(actor, document_id, "repeal", version, trusted=trusted, context={"on": on}, mutate=mutate,
                       fields=("repealed_on",), reason=reason)


def expire_due(*, today: date | None = None) -> list[NormativeDocument]:
    """The sweep: record 失效 for documents past valid_until (idempotent; audited as the system)."""
    today = today or timezone.localdate()
    done = []
    due = NormativeDocument.objects.filter(state__in=(State.PUBLISHED, State.FILED), valid_until__lt=today)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            def mutate(doc: NormativeDocument) -> None:
                doc.expired_on = today
            doc = _transition(None, pk, "expire", None, trusted=True, mutate=mutate, fields=("expired_on",),
                              reason="有效期届满")
            done.append(doc)
    return done


def remind_expiring(*, today: date | None = None) -> list[Task]:
    """待办 for the issuer ahead of expiry (expiry_reminder_lead); one open reminder per document."""
    from django.contrib.contenttypes.models import ContentType

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
            opened.append(task_open(actor=None, kind="normdocs.expiry",
                                    title=f"评估即将到期的规范性文件：{doc.title}（{doc.doc_number}）",
                                    agency=doc.issuer, assignee_role=RoleKind.DEPT_ADMIN, subject=doc,
                                    source_step="normdocs.expiry", due_date=doc.valid_until,
                                    due_provisional=doc.valid_until_provisional))
    return opened



@transaction.atomic
def document_declare_invalid(*, actor: Any, document_id: int, version: int | None, on: date | None = None,
                             reason: str = "", trusted: bool = False) -> NormativeDocument:
    """宣布失效 (a clean-up or evaluation result): recorded as 已失效 with the reason."""
    on = on or timezone.localdate()

    def mutate(doc: NormativeDocument) -> None:
        doc.expired_on = on
        doc.expiry_reason = reason.strip()[:200]

    return _transition(actor, document_id, "declare_invalid", version, trusted=trusted,
                       context={"on": on, "reason": reason}, mutate=mutate, fields=("expired_on", "expiry_reason"),
                       reason=reason)


@transaction.atomic
def document_file_with_congress(*, actor: Any, document_id: int, version: int, on: date) -> NormativeDocument:
    """报送人大常委会备案 (government documents, where the jurisdiction files with its 人大常委会)."""
    _require(actor)
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
    from fazhi.platform.concurrency import bump_version

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
