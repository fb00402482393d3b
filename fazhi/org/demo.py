"""示例市: a believable jurisdiction for demonstration and manual testing. Idempotent."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from fazhi.ids import organization_code_with_check, uscc_with_check_digit
from fazhi.platform.actors import DEMO
from fazhi.platform.keys import random_initial_password

from . import services
from .models import Agency, AgencyKind, FunctionAssignment, Jurisdiction, Role, User
from .roles import DataScope, OversightFunction, RoleKind

G, D, S, T, E = (AgencyKind.GOVERNMENT, AgencyKind.DEPARTMENT, AgencyKind.SECTION, AgencyKind.TOWNSHIP,
                 AgencyKind.ENFORCEMENT_UNIT)

JURISDICTIONS = [
    ("990000", "示例省", None),
    ("990100", "示例市", "990000"),
    ("990121", "清河县", "990100"),
    ("990122", "青山县", "990100"),
    ("990121001", "城关镇", "990121"),
    ("990121002", "柳林镇", "990121"),
    ("990122001", "青山镇", "990122"),
]

# (name, kind, jurisdiction code, parent name, children)
CITY_DEPARTMENTS = [
    ("示例市司法局", [("行政复议与应诉科", S), ("法制审核科", S), ("行政执法协调监督科", S), ("备案审查科", S)]),
    ("示例市市场监督管理局", [("执法稽查科", S), ("示例市市场监管综合行政执法支队", E)]),
    ("示例市生态环境局", [("示例市生态环境保护综合行政执法支队", E)]),
    ("示例市应急管理局", []),
    ("示例市民政局", []),
    ("示例市教育局", []),
    ("示例市综合行政执法局", []),
    ("示例市自然资源和规划局", []),
    ("示例市住房和城乡建设局", []),
    ("示例市交通运输局", []),
    ("示例市人力资源和社会保障局", []),
    ("示例市卫生健康委员会", []),
]
COUNTIES = {
    "990121": ("清河县人民政府", ["清河县司法局", "清河县市场监督管理局", "清河县应急管理局", "清河县综合行政执法局",
                                 "清河县教育局"], [("990121001", "城关镇人民政府"), ("990121002", "柳林镇人民政府")]),
    "990122": ("青山县人民政府", ["青山县司法局", "青山县市场监督管理局", "青山县应急管理局", "青山县综合行政执法局"],
               [("990122001", "青山镇人民政府")]),
}

# 机关代字 of the 文号 and 案号 (示政规〔2026〕1号, 示司审〔2026〕1号, 清政复〔2026〕1号), set when the demo
# creates an agency; an existing demo database keeps its agencies, and so its numbering, as they are
CODE_WORDS = {
    "示例市人民政府": "示政", "示例市司法局": "示司", "示例市市场监督管理局": "示市监", "示例市生态环境局": "示环",
    "示例市应急管理局": "示应急", "示例市民政局": "示民", "示例市教育局": "示教", "示例市综合行政执法局": "示综执",
    "示例市自然资源和规划局": "示自然资规", "示例市住房和城乡建设局": "示建", "示例市交通运输局": "示交",
    "示例市人力资源和社会保障局": "示人社", "示例市卫生健康委员会": "示卫健",
    "清河县人民政府": "清政", "清河县司法局": "清司", "清河县市场监督管理局": "清市监", "清河县应急管理局": "清应急",
    "清河县综合行政执法局": "清综执", "清河县教育局": "清教",
    "青山县人民政府": "青政", "青山县司法局": "青司", "青山县市场监督管理局": "青市监", "青山县应急管理局": "青应急",
    "青山县综合行政执法局": "青综执",
    "城关镇人民政府": "城政", "柳林镇人民政府": "柳政", "青山镇人民政府": "青镇政",
}

ROLES = [
    ("系统管理员", RoleKind.SYSADMIN, DataScope.ALL),
    ("安全管理员", RoleKind.SECADMIN, DataScope.ALL),
    ("审计管理员", RoleKind.AUDITOR, DataScope.ALL),
    ("法制审核人员", RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW),
    ("执法人员", RoleKind.OFFICER, DataScope.SELF),
    ("部门管理员", RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW),
    ("领导", RoleKind.LEADER, DataScope.ORG_AND_BELOW),
]

# roles whose holders act through their agency's oversight functions (org.functions), each limited
# to the functions of its 科室: (name, kind, data scope, functions)
FUNCTION_ROLES = [
    ("行政复议人员", RoleKind.LEGAL_REVIEWER, DataScope.ORG, [OversightFunction.RECONSIDERATION_BODY]),
    ("行政执法监督人员", RoleKind.LEGAL_REVIEWER, DataScope.ORG,
     [OversightFunction.ENFORCEMENT_SUPERVISION, OversightFunction.POWER_LIST_REVIEW]),
    ("备案审查人员", RoleKind.LEGAL_REVIEWER, DataScope.ORG, [OversightFunction.FILING_REVIEW]),
    # 行政复议机构负责人: approves extensions and checks proposed decisions (行政复议法 第六十一条、第六十二条)
    ("行政复议机构负责人", RoleKind.LEADER, DataScope.ORG, [OversightFunction.RECONSIDERATION_BODY]),
]

# what each government's 司法局 does for it, from the day the 2023 行政复议法 took effect; a
# deployment configures its own on the 职能授权 page
JUSTICE_FUNCTIONS = [
    (OversightFunction.RECONSIDERATION_BODY, "《中华人民共和国行政复议法》（2023修订）第四条"),
    (OversightFunction.FILING_REVIEW, "《法规规章备案条例》《规章制定程序条例》及本级备案审查规定"),
    (OversightFunction.LEGALITY_REVIEW, "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》"),
    (OversightFunction.ENFORCEMENT_SUPERVISION, "本级行政执法监督办法"),
    (OversightFunction.POWER_LIST_REVIEW, "本级权责清单管理办法"),
    (OversightFunction.RULE_OF_LAW_OFFICE, "本级党委全面依法治市（县）委员会办公室设在司法局"),
    (OversightFunction.ASSESSMENT, "法治政府建设考核办法"),
]
FUNCTIONS_FROM = date(2024, 1, 1)

# (username, full name, agency, role)
USERS = [
    ("sysadmin", "周建国", "示例市司法局", "系统管理员"),
    ("secadmin", "吴晓梅", "示例市司法局", "安全管理员"),
    ("auditor", "郑立新", "示例市司法局", "审计管理员"),
    ("reviewer", "王法宁", "示例市司法局", "法制审核人员"),
    ("officer", "李执中", "示例市市场监管综合行政执法支队", "执法人员"),
    ("officer2", "赵明远", "清河县市场监督管理局", "执法人员"),
    ("deptadmin", "陈文静", "示例市市场监督管理局", "部门管理员"),
    ("leader", "孙志刚", "示例市人民政府", "领导"),
    ("county_reviewer", "刘晓东", "清河县司法局", "法制审核人员"),
    ("fuyi", "林复议", "行政复议与应诉科", "行政复议人员"),
    ("jiandu", "何监督", "行政执法协调监督科", "行政执法监督人员"),
    ("beian", "韩备案", "备案审查科", "备案审查人员"),
    ("qh_fuyi", "钱清复", "清河县司法局", "行政复议人员"),
    ("fuyi_head", "许振华", "示例市司法局", "行政复议机构负责人"),
    ("fushizhang", "冯立强", "示例市人民政府", "领导"),
    ("qh_fuyi_head", "马清正", "清河县司法局", "行政复议机构负责人"),
    ("qh_fuxianzhang", "曹振东", "清河县人民政府", "领导"),
]

# 分管领导 (agency, leader): what is signed in the government's name routes to them
IN_CHARGE = [("示例市司法局", "fushizhang"), ("清河县司法局", "qh_fuxianzhang")]

ACCOUNTS_FILE = "demo-accounts.txt"


def _uscc(region: str, serial: int, kind: str) -> str | None:
    if kind == S:
        return None  # 内设科室 have no legal personality, hence no code
    first = "11" if kind in (G, D, T) else "12"  # 11 机关, 12 事业单位 (GB 32100 登记管理部门/类别)
    org = organization_code_with_check(f"MB{serial:06d}")
    return uscc_with_check_digit(first + region + org)


class _Builder:
    def __init__(self) -> None:
        self.serial = 1000
        self.jurisdictions: dict[str, Jurisdiction] = {}

    def jurisdiction(self, code: str, name: str, parent: str | None) -> Jurisdiction:
        found = Jurisdiction.objects.filter(code=code).first()
        if found is None:
            found = services.jurisdiction_create(actor=DEMO, code=code, name=name,
                                                 parent=self.jurisdictions.get(parent) if parent else None)
        self.jurisdictions[code] = found
        return found

    def agency(self, name: str, kind: str, code: str, parent: Agency | None) -> Agency:
        self.serial += 1
        found = Agency.objects.filter(name=name, parent=parent).first()
        if found is not None:
            return found
        return services.agency_create(actor=DEMO, name=name, kind=kind, jurisdiction=self.jurisdictions[code],
                                      parent=parent, uscc=_uscc(code[:6], self.serial, kind),
                                      code_word=CODE_WORDS.get(name, ""))


@transaction.atomic
def build(stdout: Any = None) -> list[tuple[str, str, str, str]]:
    """Create what is missing. Returns (username, name, role, password-or-note) for every demo account."""
    builder = _Builder()
    for code, name, parent in JURISDICTIONS:
        builder.jurisdiction(code, name, parent)
    city = builder.agency("示例市人民政府", G, "990100", None)
    for name, sections in CITY_DEPARTMENTS:
        department = builder.agency(name, D, "990100", city)
        for section, kind in sections:
            builder.agency(section, kind, "990100", department)
    for code, (government, departments, townships) in COUNTIES.items():
        county = builder.agency(government, G, code, city)
        for name in departments:
            builder.agency(name, D, code, county)
        for township_code, township in townships:
            builder.agency(township, T, township_code, county)
    _functions(city)
    roles = {}
    for name, kind, data_scope in ROLES:
        roles[name] = Role.objects.filter(name=name).first() or services.role_create(
            actor=DEMO, name=name, kind=kind, data_scope=data_scope)
    for name, kind, data_scope, functions in FUNCTION_ROLES:
        roles[name] = Role.objects.filter(name=name).first() or services.role_create(
            actor=DEMO, name=name, kind=kind, data_scope=data_scope, acts_through_functions=True,
            functions=functions)
    accounts_path = Path(settings.VAR_DIR) / ACCOUNTS_FILE
    known = _read_accounts(accounts_path)
    accounts = []
    for username, full_name, agency_name, role_name in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = random_initial_password()
            user, _ = services.user_create(actor=DEMO, username=username, full_name=full_name,
                                           agency=Agency.objects.get(name=agency_name), password=password)
            services.user_set_roles(actor=DEMO, user_id=user.pk, role_ids=[roles[role_name].pk])
            known[username] = password
        accounts.append((username, full_name, role_name, known.get(username, "（已存在，密码未改变）")))
    _staff(roles, known)
    _write_accounts(accounts_path, known)
    for agency_name, username in IN_CHARGE:
        agency = Agency.objects.filter(name=agency_name).first()
        leader = User.objects.filter(username=username).first()
        if agency is not None and leader is not None and agency.leader_in_charge_id is None:
            services.agency_update(actor=DEMO, agency_id=agency.pk, version=agency.version, name=agency.name,
                                   short_name=agency.short_name, uscc=agency.uscc, is_active=agency.is_active,
                                   leader_in_charge_id=leader.pk)
    return accounts


# every agency that answers for itself (被申请人答复、报送公平竞争审查、反馈采纳情况) has a 部门管理员
# (法制联络员), and every department a 法制审核人员 for its own matters (its 法制机构): no 待办 of the
# demo waits in a queue nobody works. Their accounts are in the accounts file, not printed one by one.
STAFF_PREFIX = ("lianluo", "fazhi")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
_GIVEN = ["建华", "丽娟", "志强", "海燕", "国庆", "红梅", "晓明", "秀兰", "文斌", "春燕", "立新", "玉珍", "振宇", "桂英"]


def _staff(roles: dict[str, Role], known: dict[str, str]) -> int:
    wanted = [(a, RoleKind.DEPT_ADMIN, "部门管理员", 0)
              for a in Agency.objects.filter(kind__in=(G, D), jurisdiction__code__startswith="9901").order_by("path")]
    wanted += [(a, RoleKind.LEGAL_REVIEWER, "法制审核人员", 1)
               for a in Agency.objects.filter(kind=D, jurisdiction__code__startswith="9901").order_by("path")]
    created = 0
    for serial, (agency, kind, role_name, prefix) in enumerate(wanted, start=1):
        username = f"{STAFF_PREFIX[prefix]}{serial:02d}"
        staffed = User.objects.filter(is_active=True, agency=agency, roles__is_active=True, roles__kind=kind)
        if staffed.exists() or User.objects.filter(username=username).exists():
            continue
        password = random_initial_password()
        name = _SURNAMES[serial % len(_SURNAMES)] + _GIVEN[serial % len(_GIVEN)]
        user, _ = services.user_create(actor=DEMO, username=username, full_name=name, agency=agency,
                                       password=password)
        services.user_set_roles(actor=DEMO, user_id=user.pk, role_ids=[roles[role_name].pk])
        known[username] = password
        created += 1
    return created


def staff_count() -> int:
    """The demo's 法制联络员 and 法制审核人员 of the departments (not printed one by one)."""
    return User.objects.filter(username__regex=rf"^({'|'.join(STAFF_PREFIX)})\d+$").count()


def _functions(city: Agency) -> None:
    """Each government's 司法局 performs the oversight functions for it; the 市场监督管理局 does the
    公平竞争审查 for the city (idempotent)."""
    governments = [city, *Agency.objects.filter(parent=city, kind=G)]
    for government in governments:
        justice = Agency.objects.filter(parent=government, kind=D, name__endswith="司法局").first()
        for function, basis in JUSTICE_FUNCTIONS if justice else ():
            _assign(justice, function, government, basis)
    market = Agency.objects.filter(parent=city, name="示例市市场监督管理局").first()
    if market is not None:
        _assign(market, OversightFunction.FAIR_COMPETITION, city, "《公平竞争审查条例》")


def _assign(agency: Agency, function: str, for_body: Agency, basis: str) -> None:
    if not FunctionAssignment.objects.filter(agency=agency, function=function, on_behalf_of=for_body).exists():
        services.function_assign(actor=DEMO, agency_id=agency.pk, function=function, on_behalf_of_id=for_body.pk,
                                 valid_from=FUNCTIONS_FROM, basis=basis)


def read_accounts() -> dict[str, str]:
    """Demo accounts created on this machine and their initial passwords (var/demo-accounts.txt)."""
    return _read_accounts(Path(settings.VAR_DIR) / ACCOUNTS_FILE)


def _read_accounts(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line)
    return {name: password for name, password in pairs}


def _write_accounts(path: Path, known: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("".join(f"{name}\t{password}\n" for name, password in sorted(known.items())))


def who_is_who() -> list[str]:
    """Who does what for whom, as the demo sets it up: per government, the functions each agency
    performs for it and the demo staff acting through them."""
    from .functions import in_force

    lines = ["谁为谁办理（职能授权，可在“系统管理 / 职能授权”中调整）："]
    assignments = (FunctionAssignment.objects.filter(in_force())
                   .select_related("agency__leader_in_charge__agency", "on_behalf_of")
                   .order_by("on_behalf_of__path", "agency__path"))
    order = {value: number for number, value in enumerate(OversightFunction.values)}
    by_body: dict[Agency, dict[Agency, list[str]]] = {}
    for a in sorted(assignments, key=lambda a: (a.on_behalf_of.path, a.agency.path, order.get(a.function, 99))):
        by_body.setdefault(a.on_behalf_of, {}).setdefault(a.agency, []).append(a.get_function_display())
    staff = list(User.objects.filter(roles__acts_through_functions=True).select_related("agency__parent")
                 .prefetch_related("roles").order_by("username").distinct())
    for body, performers in by_body.items():
        lines.append(f"  {body.name}")
        for agency, names in performers.items():
            lines.append(f"    {agency.name}：{'、'.join(names)}")
            if agency.leader_in_charge is not None:
                leader = agency.leader_in_charge
                lines.append(f"      分管领导 {leader.username}（{leader.full_name}，{leader.agency.name}）")
            for user in staff:
                if user.agency_id != agency.pk and user.agency.parent_id != agency.pk:
                    continue
                where = agency.name if user.agency_id == agency.pk else f"{agency.name}{user.agency.name}"
                role = "、".join(r.name for r in user.roles.all())
                lines.append(f"      {user.username}（{user.full_name}，{where}，{role}）")
    return lines
