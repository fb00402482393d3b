"""Import/export declarations (fazhi.imports): 执法人员及执法证, 权责清单, 裁量基准."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from django.utils import timezone

from fazhi.ids import validate_id_number
from fazhi.imports.lookups import existing_values
from fazhi.imports.spec import Column, ImportContext, Row, Table
from fazhi.org import scope
from fazhi.org.models import Agency
from fazhi.org.roles import Capability
from fazhi.platform.actors import as_user
from fazhi.platform.errors import ServiceError
from fazhi.platform.keys import lookup_digest

from . import qualification
from .benchmarks import clean_levels
from .models import (
    Certificate,
    CertificateKind,
    ChangeKind,
    ChangeState,
    DiscretionBenchmark,
    DiscretionLevel,
    DiscretionLevelKind,
    EnforcementBody,
    EnforcementField,
    ExamExemption,
    ExamRecord,
    FieldSet,
    Officer,
    PowerItem,
    PowerItemChange,
    PowerItemState,
    PowerKind,
)
from .publication import id_number_for, identity_export_note
from .rules import reviewing_office

BATCH = 5000
FIELD_CHOICES = dict(EnforcementField.choices)


def _getter(key: str) -> Any:
    return lambda obj: obj.get(key)


def _agencies_for(actor: Any) -> list[Agency]:
    # an import from the command line runs as IMPORT, which sees every agency
    return list(scope.scope(actor, Agency.objects.filter(is_active=True), "view"))


def _agency_index(actor: Any) -> tuple[dict[str, list[Agency]], dict[str, Agency]]:
    by_name: dict[str, list[Agency]] = {}
    by_uscc: dict[str, Agency] = {}
    for agency in _agencies_for(actor):
        by_name.setdefault(agency.name, []).append(agency)
        if agency.uscc:
            by_uscc[agency.uscc] = agency
    return by_name, by_uscc


def _resolve_agency(text: str, ctx: ImportContext) -> tuple[Agency | None, str]:
    by_name, by_uscc = ctx.data["agencies"]
    if text.upper() in by_uscc:
        return by_uscc[text.upper()], ""
    found = by_name.get(text, [])
    if len(found) == 1:
        return found[0], ""
    if len(found) > 1:
        return None, f"单位名称“{text}”对应多个单位，请改填统一社会信用代码"
    return None, f"单位“{text}”不存在或不在您的管理范围内"


# --- 执法人员及执法证 ---------------------------------------------------------------------------

OFFICER_COLUMNS = (
    Column("name", "姓名", max_length=50, example="李执中", width=10),
    Column("id_number", "公民身份号码", parse=validate_id_number, example="110105194912310025", width=22,
           help="18 位，校验位按 GB 11643 校验；导出时非本单位人员的号码已脱敏，不能再导入"),
    Column("agency", "所属单位", max_length=100, example="示例市市场监督管理局", width=26,
           help="单位全称或统一社会信用代码；须在您的管理范围内"),
    Column("post", "岗位", required=False, max_length=50, example="执法稽查科科员"),
    Column("fields", "执法领域", type="multi", choices=FIELD_CHOICES, example="市场监管、文化市场", width=20),
    Column("kind", "证件类型", required=False, type="choice", choices=dict(CertificateKind.choices),
           example="行政执法证", help="不填视为行政执法证；证件编号为空时本行只登记人员"),
    Column("number", "证件编号", required=False, unique=True, max_length=40, example="99010020250001", width=20),
    Column("issuing_authority", "发证机关", required=False, max_length=100, example="示例省人民政府", width=18),
    Column("issued_on", "发证日期", required=False, type="date", example="2025-03-01", width=12),
    Column("expires_on", "有效期至", required=False, type="date", example="2030-02-28", width=12),
    Column("category", "人员类别", parse=qualification.category_from_text, example="公务员", width=20,
           help="公务员、参照公务员法管理的工作人员、法律法规授权组织或受委托组织的在编工作人员；"
                "协管员、协勤员等行政执法辅助人员不能登记"),
    Column("exam_passed_on", "资格考试合格日期", required=False, type="date", example="2024-11-20", width=14,
           help="登记证件的，须填写执法资格考试合格的日期（不晚于发证日期），或填写免考情形和依据"),
    Column("exemption", "免考情形", required=False, type="choice",
           choices={e.code: e.label for e in qualification.exemptions()}, width=20),
    Column("exemption_basis", "免考依据文件", required=False, max_length=200, width=20,
           help="批准免考的文件名称和文号"),
)
_CERT_KEYS = ("number", "issuing_authority", "issued_on", "expires_on")
_COLUMN = {c.key: c for c in OFFICER_COLUMNS}
EXAM_SUBJECT = "行政执法资格考试"


def _officers_prepare(ctx: ImportContext) -> None:
    ctx.data["agencies"] = _agency_index(ctx.actor)
    # Officers already registered, by the keyed digest of their number (never the number itself).
    ctx.data["existing"] = ({d: (pk, name) for d, pk, name in
                             Officer.objects.values_list("id_number_digest", "pk", "name")}
                            if Officer.objects.exists() else {})
    ctx.data["in_file"] = {}
    ctx.data["qualified"], ctx.data["pending_qualification"] = {}, []


def _officers_check(row: Row, ctx: ImportContext) -> None:
    text = row["agency"]
    if text:
        agency, message = _resolve_agency(text, ctx)
        if agency is None:
            row.error(OFFICER_COLUMNS[2], message)
        row.values["agency_obj"] = agency
    filled = [k for k in _CERT_KEYS if row[k] is not None]
    if (filled and len(filled) < len(_CERT_KEYS)) or (row["kind"] and not filled):
        labels = {c.key: c.label for c in OFFICER_COLUMNS}
        missing = [labels[k] for k in _CERT_KEYS if row[k] is None]
        row.error("证件", "登记证件时须同时填写：" + "、".join(missing))
    if row["issued_on"] and row["expires_on"] and row["expires_on"] < row["issued_on"]:
        row.error(OFFICER_COLUMNS[9], "有效期至早于发证日期")
    reason = qualification.auxiliary_reason(row["post"] or "")
    if reason:  # 辅助人员 are not 执法人员 (行政处罚法 第四十二条)
        row.error(_COLUMN["post"], reason)
    if row["exemption"] and not row["exemption_basis"]:
        row.error(_COLUMN["exemption_basis"], "填写免考情形的，须同时填写免考依据文件")
    if row["exemption_basis"] and not row["exemption"]:
        row.error(_COLUMN["exemption"], "填写免考依据文件的，须选择免考情形")
    if row["exam_passed_on"] and row["exam_passed_on"] > timezone.localdate():
        row.error(_COLUMN["exam_passed_on"], "资格考试合格日期不能晚于今天")
    number = row["id_number"]
    if not number:
        return
    agency = row.values.get("agency_obj")
    earlier = ctx.data["in_file"].setdefault(number, (row.number, row["name"], agency))
    if earlier[0] != row.number and (earlier[1] != row["name"] or (agency and earlier[2] and earlier[2] != agency)):
        row.error(OFFICER_COLUMNS[1], f"与第 {earlier[0]} 行公民身份号码相同，但姓名或单位不同")
    if ctx.data["existing"]:
        found = ctx.data["existing"].get(lookup_digest(number))
        if found is not None:
            if found[1] != row["name"]:
                row.error(OFFICER_COLUMNS[1], f"该公民身份号码已登记为“{found[1]}”")
            row.values["officer_pk"] = found[0]
    _check_qualified(row, ctx)


def _check_qualified(row: Row, ctx: ImportContext) -> None:
    """A certificate needs a passed 执法资格考试 by its issue date, or a recorded exemption — in this
    row, in another row of the same person, or already registered (qualification.py)."""
    issued = row["issued_on"]
    if row["number"] is None or issued is None:
        return
    person = ctx.data["qualified"].setdefault(row["id_number"], {"exam": None, "exempt": False})
    if row["exam_passed_on"] and (person["exam"] is None or row["exam_passed_on"] < person["exam"]):
        person["exam"] = row["exam_passed_on"]
    person["exempt"] = person["exempt"] or bool(row["exemption"] and row["exemption_basis"])
    ctx.data["pending_qualification"].append(row)


def _officers_check_qualified(rows: list[Row], ctx: ImportContext) -> None:
    for row in ctx.data["pending_qualification"]:
        person, issued = ctx.data["qualified"][row["id_number"]], row["issued_on"]
        if person["exempt"] or (person["exam"] is not None and person["exam"] <= issued):
            continue
        pk = row.values.get("officer_pk")
        if pk and qualification.qualified_on(Officer(pk=pk, name=row["name"]), issued) is not None:
            continue
        if person["exam"] is not None:
            row.error(_COLUMN["exam_passed_on"], "资格考试合格日期晚于发证日期：考试合格前不得授予执法资格")
        else:
            row.error(_COLUMN["exam_passed_on"], f"未填写资格考试合格日期或免考情形：{qualification.exam_rule()}")


def _officers_save(rows: list[Row], ctx: ImportContext, progress: Any) -> int:
    officers: dict[str, Officer] = {}
    for row in rows:
        if row.values.get("officer_pk") or row["id_number"] in officers:
            continue
        officers[row["id_number"]] = Officer(agency=row.values["agency_obj"], name=row["name"],
                                             id_number=row["id_number"], post=row["post"] or "",
                                             category=row["category"], fields=FieldSet.pack(row["fields"] or []))
    pending = list(officers.values())
    total, done = len(pending) + len(rows), 0
    for start in range(0, len(pending), BATCH):
        batch = pending[start:start + BATCH]
        Officer.objects.bulk_create(batch)
        done += len(batch)
        progress("写入", done, total)
    certificates = []
    for row in rows:
        if row["number"] is None:
            continue
        officer_pk = row.values.get("officer_pk") or officers[row["id_number"]].pk
        certificates.append(Certificate(
            officer_id=officer_pk, kind=row["kind"] or CertificateKind.ENFORCEMENT, number=row["number"],
            issuing_authority=row["issuing_authority"], issued_on=row["issued_on"], expires_on=row["expires_on"],
            fields=FieldSet.pack(row["fields"] or [])))
    for start in range(0, len(certificates), BATCH):
        Certificate.objects.bulk_create(certificates[start:start + BATCH])
        done += min(BATCH, len(certificates) - start)
        progress("写入", done, total)
    exams, exemptions, seen = [], [], set()
    for row in rows:
        officer_pk = row.values.get("officer_pk") or officers[row["id_number"]].pk
        if row["exam_passed_on"] and (officer_pk, row["exam_passed_on"]) not in seen:
            seen.add((officer_pk, row["exam_passed_on"]))
            exams.append(ExamRecord(officer_id=officer_pk, subject=EXAM_SUBJECT, taken_on=row["exam_passed_on"],
                                    passed=True))
        if row["exemption"] and (officer_pk, row["exemption"]) not in seen:
            seen.add((officer_pk, row["exemption"]))
            exemptions.append(ExamExemption(officer_id=officer_pk, ground=row["exemption"],
                                            basis=row["exemption_basis"]))
    ExamRecord.objects.bulk_create(exams, batch_size=BATCH)
    ExamExemption.objects.bulk_create(exemptions, batch_size=BATCH)
    progress("写入", total, total)
    return len(pending) + len(certificates) + len(exams) + len(exemptions)


def _within(found: Any, within: Any) -> Any:
    """``found`` limited to the records of ``within`` (a list page's filtered queryset), if given."""
    return found if within is None else found.filter(pk__in=within.order_by().values("pk"))


def _officer_export_rows(actor: Any, within: Any = None) -> Any:
    """One row per officer and certificate; ``within``: only those officers (the filtered list)."""
    officers = _within(scope.scope(actor, Officer.objects.select_related("agency").prefetch_related(
        "certificates", "exams", "exemptions")), within)
    for officer in officers.order_by("agency__path", "name").iterator(chunk_size=2000):
        exam = max((e.taken_on for e in officer.exams.all() if e.passed), default=None)
        exemption = next(iter(officer.exemptions.all()), None)
        base = {"officer": officer, "name": officer.name, "id_number": id_number_for(actor, officer),
                "agency": officer.agency.name, "post": officer.post, "fields": officer.field_codes,
                "category": officer.get_category_display(), "exam_passed_on": exam,
                "exemption": exemption.ground if exemption else None,
                "exemption_basis": exemption.basis if exemption else None}
        certs = list(officer.certificates.all())
        if not certs:
            yield base
        for cert in certs:
            yield {**base, "kind": cert.kind, "number": cert.number, "issuing_authority": cert.issuing_authority,
                   "issued_on": cert.issued_on, "expires_on": cert.expires_on, "fields": cert.field_codes}


OFFICERS = Table(
    key="enforcement.officers",
    title="执法人员及执法证",
    columns=tuple(replace(c, export=_getter(c.key)) for c in OFFICER_COLUMNS),
    capability=Capability.MANAGE_ENFORCEMENT,
    import_audit_code="enforcement.officer_import",
    export_audit_code="enforcement.officer_export",
    prepare=_officers_prepare,
    check_row=_officers_check,
    check_all=_officers_check_qualified,
    existing={"number": existing_values(Certificate, "number")},
    existing_message="证件编号“{value}”已被使用",
    save=_officers_save,
    export_rows=_officer_export_rows,
    export_note=identity_export_note,
    notes=("每行登记一名执法人员及其一本证件；同一人持有两本证件（如执法证和监督证）时填两行，公民身份号码相同。",
           "公民身份号码已登记的人员，本行只新增证件。",
           "登记证件的，须填写资格考试合格日期（未通过行政执法资格考试的，不得授予执法资格），或填写免考情形及其依据文件。",
           "协管员、协勤员等行政执法辅助人员不能登记为行政执法人员，整行将被拒绝。"),
)


# --- 权责清单 ----------------------------------------------------------------------------------

POWER_COLUMNS = (
    Column("code", "事项编码", unique=True, max_length=50, example="330217001000", width=18),
    Column("name", "事项名称", max_length=200, example="对销售不符合安全标准的食品的处罚", width=36),
    Column("kind", "事项类型", type="choice", choices=dict(PowerKind.choices), example="行政处罚"),
    Column("basis_law", "设定依据", max_length=200, example="中华人民共和国食品安全法", width=26),
    Column("basis_article", "条款", required=False, max_length=200, example="第一百二十四条"),
    Column("body", "实施主体", max_length=100, example="示例市市场监督管理局", width=24,
           help="已登记的行政执法主体名称"),
    Column("parent", "上级事项编码", required=False, max_length=50, help="子项填写所属事项的编码"),
    Column("responsibilities", "责任事项", required=False, width=30),
    Column("accountability", "追责情形", required=False, width=30),
)


def _powers_prepare(ctx: ImportContext) -> None:
    bodies = scope.scope(ctx.actor, EnforcementBody.objects.filter(is_active=True), "change")
    ctx.data["bodies"] = {b.name: b for b in bodies}
    ctx.data["codes"] = set(PowerItem.objects.values_list("code", flat=True))


def _powers_check(row: Row, ctx: ImportContext) -> None:
    if row["body"]:
        body = ctx.data["bodies"].get(row["body"])
        if body is None:
            row.error(POWER_COLUMNS[5], f"执法主体“{row['body']}”未登记或不在您的管理范围内")
        row.values["body_obj"] = body


def _powers_save(rows: list[Row], ctx: ImportContext, progress: Any) -> int:
    items = [PowerItem(code=r["code"], name=r["name"], kind=r["kind"], basis_law=r["basis_law"],
                       basis_article=r["basis_article"] or "", body=r.values["body_obj"],
                       responsibilities=r["responsibilities"] or "", accountability=r["accountability"] or "")
             for r in rows]
    PowerItem.objects.bulk_create(items, batch_size=BATCH)
    by_code = dict(PowerItem.objects.filter(code__in=[r["code"] for r in rows if r["parent"]] +
                                            [r["parent"] for r in rows if r["parent"]])
                   .values_list("code", "pk")) if any(r["parent"] for r in rows) else {}
    with_parent = []
    for item, row in zip(items, rows, strict=True):
        if row["parent"]:
            item.parent_id = by_code.get(row["parent"])
            with_parent.append(item)
    if with_parent:
        PowerItem.objects.bulk_update(with_parent, ["parent"], batch_size=BATCH)
    now, today, person = timezone.now(), ctx.today, as_user(ctx.actor)
    by_code_all = dict(PowerItem.objects.filter(code__in=[r["code"] for r in rows]).values_list("code", "pk"))
    offices: dict[int, Agency] = {}
    for i in items:
        if i.body.agency_id not in offices:
            offices[i.body.agency_id] = reviewing_office(i.body.agency)
    PowerItemChange.objects.bulk_create([
        PowerItemChange(agency=i.body.agency, reviewing_agency=offices[i.body.agency_id], kind=ChangeKind.ADD,
                        item_id=by_code_all[i.code], reason="批量导入权责清单", state=ChangeState.PUBLISHED,
                        requested_by=person, requested_at=now, reviewed_by=person, reviewed_at=now,
                        published_on=today, proposed={"code": i.code, "name": i.name})
        for i in items], batch_size=BATCH)
    return len(items)


def _check_parents(values: list[Any], ctx: ImportContext) -> set[Any]:
    return set(values) & ctx.data["codes"]


def _power_export_rows(actor: Any, within: Any = None) -> Any:
    items = _within(scope.scope(actor, PowerItem.objects.select_related("body", "parent")), within).order_by("code")
    for item in items.iterator(chunk_size=2000):
        yield {"code": item.code, "name": item.name, "kind": item.kind, "basis_law": item.basis_law,
               "basis_article": item.basis_article, "body": item.body.name,
               "parent": item.parent.code if item.parent else "", "responsibilities": item.responsibilities,
               "accountability": item.accountability}


def _powers_check_parents(rows: list[Row], ctx: ImportContext) -> None:
    in_file = {r["code"] for r in rows}
    for row in rows:
        parent = row["parent"]
        if parent and parent not in ctx.data["codes"] and parent not in in_file:
            row.error(POWER_COLUMNS[6], f"上级事项“{parent}”不存在")
        elif parent and parent == row["code"]:
            row.error(POWER_COLUMNS[6], "上级事项不能是本事项")


POWER_ITEMS = Table(
    key="enforcement.power_items",
    title="权责清单",
    columns=tuple(replace(c, export=_getter(c.key)) for c in POWER_COLUMNS),
    capability=Capability.MANAGE_ENFORCEMENT,
    import_audit_code="enforcement.power_import",
    export_audit_code="enforcement.power_export",
    prepare=_powers_prepare,
    check_row=_powers_check,
    check_all=_powers_check_parents,
    existing={"code": _check_parents},
    existing_message="事项编码“{value}”已在清单中，调整已有事项请走“清单调整”流程",
    save=_powers_save,
    export_rows=_power_export_rows,
    notes=("导入用于首次建立清单或成批新增事项；每个导入的事项记为一次“新增”并发布。",),
)


# --- 裁量基准 ----------------------------------------------------------------------------------

_LEVEL_CHOICES = dict(DiscretionLevelKind.choices)
BENCHMARK_COLUMNS = (
    Column("code", "事项编码", max_length=50, example="330217001000", width=18,
           help="已在权责清单中、实施中的行政处罚事项"),
    Column("violation", "违法行为", max_length=300, example="销售不符合食品安全标准的食品", width=30,
           help="同一事项、同一违法行为、同一施行日期的各行合为一个裁量基准，每行一个裁量阶次"),
    Column("violated_provision", "违法依据", required=False, max_length=300, example="《中华人民共和国食品安全法》第三十四条"),
    Column("penalty_provision", "处罚依据", max_length=300, example="《中华人民共和国食品安全法》第一百二十四条", width=26),
    Column("document", "裁量基准文件", max_length=200, example="示例市市场监督管理行政处罚裁量基准（2025年版）", width=26),
    Column("effective_from", "施行日期", type="date", example="2025-01-01", width=12),
    Column("level", "裁量阶次", type="choice", choices=_LEVEL_CHOICES, example="一般"),
    Column("circumstances", "适用情形", required=False, example="货值金额一万元以上不足五万元", width=30,
           help="多条情形用“；”或换行分隔；不予处罚、减轻处罚阶次必填"),
    Column("penalty", "处罚种类", required=False, max_length=200, example="没收违法所得，并处罚款", width=20),
    Column("fine_min", "罚款下限（元）", required=False, type="decimal", example="80000"),
    Column("fine_max", "罚款上限（元）", required=False, type="decimal", example="110000"),
    Column("income_multiple_min", "违法所得倍数下限", required=False, type="decimal", example="",
           help="按违法所得（货值金额）倍数计罚时填写"),
    Column("income_multiple_max", "违法所得倍数上限", required=False, type="decimal", example=""),
    Column("conditions", "适用条件", required=False, max_length=300, width=20),
)
_BENCHMARK_SHARED = ("violated_provision", "penalty_provision", "document")
_SPLIT_CIRCUMSTANCES = re.compile(r"[；;\n]+")


def _benchmarks_prepare(ctx: ImportContext) -> None:
    items = scope.scope(ctx.actor, PowerItem.objects.all(), "change")
    ctx.data["items"] = {i.code: i for i in items}
    ctx.data["existing"] = set(DiscretionBenchmark.objects.values_list("power_item__code", "violation",
                                                                       "effective_from"))


def _level_spec(row: Row) -> dict[str, Any]:
    circumstances = [c.strip() for c in _SPLIT_CIRCUMSTANCES.split(row["circumstances"] or "") if c.strip()]
    return {"level": row["level"], "circumstances": circumstances, "penalty": row["penalty"] or "",
            "conditions": row["conditions"] or "", "fine_min": row["fine_min"], "fine_max": row["fine_max"],
            "income_multiple_min": row["income_multiple_min"], "income_multiple_max": row["income_multiple_max"]}


def _benchmarks_check(row: Row, ctx: ImportContext) -> None:
    code = row["code"]
    if code:
        item = ctx.data["items"].get(code)
        if item is None:
            row.error(BENCHMARK_COLUMNS[0], f"事项编码“{code}”不在权责清单中或不在您的管理范围内")
        elif item.kind != PowerKind.PENALTY:
            row.error(BENCHMARK_COLUMNS[0], f"事项“{item.name}”不是行政处罚事项，不能制定裁量基准")
        elif item.state != PowerItemState.IN_FORCE:
            row.error(BENCHMARK_COLUMNS[0], f"事项“{item.name}”{PowerItemState(item.state).label}")
    if row["level"] and not any(label == "裁量阶次" for label, _ in row.errors):
        try:
            row.values["level_spec"] = clean_levels([_level_spec(row)])[0]
        except ServiceError as exc:
            row.error("", exc.message)


def _benchmarks_group(rows: list[Row], ctx: ImportContext) -> None:
    groups: dict[tuple[Any, ...], list[Row]] = {}
    for row in rows:
        groups.setdefault((row["code"], row["violation"], row["effective_from"]), []).append(row)
    for key, members in groups.items():
        if None in key:
            continue
        if key in ctx.data["existing"]:
            members[0].error(BENCHMARK_COLUMNS[1], "该事项同一违法行为、同一施行日期的裁量基准已存在，请在页面上修改")
        first = members[0]
        levels: dict[str, int] = {}
        for row in members:
            for column in (c for c in BENCHMARK_COLUMNS if c.key in _BENCHMARK_SHARED):
                if row[column.key] != first[column.key]:
                    row.error(column, f"同一裁量基准的各行应相同，与第 {first.number} 行不一致")
            level = row["level"]
            if level:
                earlier = levels.setdefault(level, row.number)
                if earlier != row.number:
                    row.error(BENCHMARK_COLUMNS[6], f"裁量阶次“{_LEVEL_CHOICES[level]}”与第 {earlier} 行重复")
    ctx.data["groups"] = groups


def _benchmarks_save(rows: list[Row], ctx: ImportContext, progress: Any) -> int:
    items = ctx.data["items"]
    written = 0
    for (code, violation, effective_from), members in ctx.data["groups"].items():
        first = members[0]
        benchmark = DiscretionBenchmark.objects.create(
            power_item=items[code], violation=violation, effective_from=effective_from,
            violated_provision=first["violated_provision"] or "", penalty_provision=first["penalty_provision"],
            document=first["document"])
        DiscretionLevel.objects.bulk_create([DiscretionLevel(benchmark=benchmark, **r.values["level_spec"])
                                             for r in members])
        written += 1 + len(members)
        progress("写入", written, len(rows) + len(ctx.data["groups"]))
    return written


def _benchmark_export_rows(actor: Any, within: Any = None) -> Any:
    found = _within(scope.scope(actor, DiscretionBenchmark.objects.select_related("power_item")
                                .prefetch_related("levels")), within)
    for benchmark in found.order_by("power_item__code", "effective_from", "pk"):
        for level in benchmark.levels.all():
            yield {"code": benchmark.power_item.code, "violation": benchmark.violation,
                   "violated_provision": benchmark.violated_provision,
                   "penalty_provision": benchmark.penalty_provision, "document": benchmark.document,
                   "effective_from": benchmark.effective_from, "level": level.level,
                   "circumstances": "；".join(level.circumstances), "penalty": level.penalty,
                   "fine_min": level.fine_min, "fine_max": level.fine_max,
                   "income_multiple_min": level.income_multiple_min, "income_multiple_max": level.income_multiple_max,
                   "conditions": level.conditions}


BENCHMARKS = Table(
    key="enforcement.benchmarks",
    title="行政处罚裁量基准",
    columns=tuple(replace(c, export=_getter(c.key)) for c in BENCHMARK_COLUMNS),
    capability=Capability.MANAGE_ENFORCEMENT,
    import_audit_code="enforcement.benchmark_import",
    export_audit_code="enforcement.benchmark_export",
    prepare=_benchmarks_prepare,
    check_row=_benchmarks_check,
    check_all=_benchmarks_group,
    save=_benchmarks_save,
    export_rows=_benchmark_export_rows,
    notes=("每行是一个裁量阶次；事项编码、违法行为、施行日期相同的各行合为一个裁量基准。",
           "已有的裁量基准不能通过导入修改，请在“裁量基准”页面修改。"),
)


_WITHIN = {"enforcement.officers": _officer_export_rows, "enforcement.power_items": _power_export_rows,
           "enforcement.benchmarks": _benchmark_export_rows}


def export_rows_within(key: str, actor: Any, within: Any) -> Any:
    """The rows of table ``key`` for the records of ``within`` (a list's filtered queryset) only."""
    return _WITHIN[key](actor, within)
