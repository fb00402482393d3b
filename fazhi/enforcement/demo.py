"""示例市 enforcement registries: ~20 bodies, ~1,300 officers (some certificates expiring or expired,
some officers under the training minimum), ~600 power items with a change history, and discretion
benchmarks for common penalty items of three fields. Idempotent; bulk writes keep it fast."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.ids import id_number_check_digit
from fazhi.org.models import Agency, User
from fazhi.platform.actors import DEMO

from .benchmarks import benchmark_create
from .bodies import body_create
from .models import (
    Certificate,
    ChangeKind,
    ChangeState,
    EnforcementBody,
    EnforcementField,
    ExamRecord,
    FieldSet,
    LegalStatus,
    Officer,
    PowerItem,
    PowerItemChange,
    PowerItemState,
    PowerKind,
    TrainingRecord,
)
from .rules import reviewing_office

F = EnforcementField
# (agency name, fields, officers)
BODIES = [
    ("示例市市场监督管理局", (F.MARKET,), 90),
    ("示例市市场监管综合行政执法支队", (F.MARKET,), 160),
    ("示例市生态环境局", (F.ECOLOGY,), 40),
    ("示例市生态环境保护综合行政执法支队", (F.ECOLOGY,), 110),
    ("示例市应急管理局", (F.EMERGENCY,), 70),
    ("示例市民政局", (F.CIVIL_AFFAIRS,), 49),
    ("示例市教育局", (F.EDUCATION,), 30),
    ("示例市综合行政执法局", (F.URBAN, F.HOUSING), 180),
    ("示例市自然资源和规划局", (F.NATURAL_RESOURCES,), 60),
    ("示例市住房和城乡建设局", (F.HOUSING,), 50),
    ("示例市交通运输局", (F.TRANSPORT,), 120),
    ("示例市人力资源和社会保障局", (F.HUMAN_RESOURCES,), 35),
    ("示例市卫生健康委员会", (F.HEALTH,), 60),
    ("清河县市场监督管理局", (F.MARKET,), 70),
    ("清河县应急管理局", (F.EMERGENCY,), 30),
    ("清河县综合行政执法局", (F.URBAN,), 60),
    ("清河县教育局", (F.EDUCATION,), 15),
    ("青山县市场监督管理局", (F.MARKET,), 55),
    ("青山县应急管理局", (F.EMERGENCY,), 25),
    ("青山县综合行政执法局", (F.URBAN,), 45),
]
# 乡镇 act in the name of the county's 综合行政执法局 by entrustment (行政处罚法 第二十条).
ENTRUSTED = [("城关镇人民政府", "清河县综合行政执法局", (F.URBAN,))]

# Places of birth in 公民身份号码 are real GB/T 2260 codes, two of them since retired (440524 潮阳县,
# 370882 兖州市): such numbers stay valid for life.
BIRTH_REGIONS = ("110105", "320102", "330106", "370882", "410105", "440524", "510104", "610113")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国志红晓东海波宁斌"
SUBJECTS = {
    F.MARKET: ["销售不符合食品安全标准的食品", "未取得食品经营许可从事食品经营", "生产销售不合格产品", "虚假宣传",
               "未按规定公示企业信息", "使用未经检定的计量器具", "销售过期药品", "无照经营"],
    F.ECOLOGY: ["超标排放大气污染物", "未批先建建设项目", "未按规定贮存危险废物", "逃避监管排放水污染物",
                "噪声污染扰民", "未取得排污许可证排放污染物"],
    F.EMERGENCY: ["未按规定开展安全生产教育培训", "未如实记录安全生产教育培训情况", "未按规定进行安全评价",
                  "特种作业人员未持证上岗", "未建立事故隐患排查治理制度"],
    F.URBAN: ["占道经营", "违法建设", "随意倾倒建筑垃圾", "擅自设置户外广告", "损坏城市绿地"],
    F.HOUSING: ["未取得施工许可擅自施工", "违反工程建设强制性标准", "物业服务企业未履行义务"],
    F.TRANSPORT: ["未取得道路运输经营许可从事道路运输", "超限运输", "出租汽车未按规定使用计价器"],
    F.NATURAL_RESOURCES: ["非法占用土地", "未经批准采矿", "擅自改变土地用途"],
    F.CIVIL_AFFAIRS: ["社会组织未按规定年检", "殡葬设施未经批准建设", "养老机构未按规定备案"],
    F.EDUCATION: ["擅自举办民办学校", "校外培训机构超范围经营"],
    F.HEALTH: ["医疗机构使用非卫生技术人员", "公共场所未取得卫生许可证", "未按规定处置医疗废物"],
    F.HUMAN_RESOURCES: ["拖欠劳动者工资", "未按规定办理社会保险登记", "违法使用童工"],
}
KIND_TEMPLATES = [
    (PowerKind.PENALTY, "对{s}的处罚", 6), (PowerKind.PENALTY, "对{s}且逾期不改正的处罚", 6),
    (PowerKind.INSPECTION, "对{s}情况的检查", 6),
    (PowerKind.COERCION, "对{s}涉及物品的查封、扣押", 1), (PowerKind.LICENSE, "{s}相关许可", 1),
    (PowerKind.CONFIRMATION, "{s}相关事项确认", 1), (PowerKind.REWARD, "对举报{s}的奖励", 1),
    (PowerKind.LEVY, "{s}相关费用征收", 1), (PowerKind.OTHER, "{s}相关其他权力", 1),
]


def _id_number(rng: random.Random, region: str, serial: int) -> str:
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 35))  # arch: not statutory — demo birth dates
    first17 = f"{region}{born:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_number_check_digit(first17)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")


@transaction.atomic
def build(stdout: Any = None) -> None:
    if EnforcementBody.objects.filter(name=BODIES[0][0]).exists():
        return
    rng = random.Random(20251001)
    today = timezone.localdate()
    bodies: dict[str, EnforcementBody] = {}
    for name, fields, _count in BODIES:
        agency = Agency.objects.filter(name=name).first()
        if agency is None:
            continue
        bodies[name] = body_create(actor=DEMO, agency=agency, name=name, fields=fields,
                                            basis="《中华人民共和国行政处罚法》第十八条及本机关“三定”规定")
    for name, entrusting, fields in ENTRUSTED:
        agency = Agency.objects.filter(name=name).first()
        if agency is not None and entrusting in bodies:
            body_create(actor=DEMO, agency=agency, name=name, legal_status=LegalStatus.ENTRUSTED,
                        entrusted_by=bodies[entrusting], fields=fields, basis="清河县综合行政执法局委托书")
    _officers(rng, bodies, today)
    items = _power_items(rng, bodies, today)
    _benchmarks(items, today)
    if stdout is not None:
        stdout.write(f"行政执法：{len(bodies)} 个执法主体，{Officer.objects.count()} 名执法人员，"
                     f"{PowerItem.objects.count()} 项权责事项")


def _officers(rng: random.Random, bodies: dict[str, EnforcementBody], today: date) -> None:
    serial = 0
    officers: list[Officer] = []
    plan: list[tuple[Officer, str, tuple[str, ...]]] = []
    demo_user = User.objects.filter(username="officer").first()
    for name, fields, count in BODIES:
        body = bodies.get(name)
        if body is None:
            continue
        # 民政局: seven in ten hold a certificate (the seed report's 持有率 70%).
        holding = Decimal("0.7") if F.CIVIL_AFFAIRS in fields else Decimal("0.96")
        for _ in range(count):
            serial += 1
            officer = Officer(agency=body.agency, name=_name(rng), id_number=_id_number(rng, rng.choice(BIRTH_REGIONS), serial),
                              post=rng.choice(["执法队员", "科员", "副科长", "中队长"]), fields=FieldSet.pack(fields))
            if demo_user is not None and demo_user.agency_id == body.agency_id and not any(
                    o.user_id for o in officers):
                officer.user, officer.name = demo_user, demo_user.full_name
            officers.append(officer)
            plan.append((officer, "holder" if rng.random() < float(holding) else "none", fields))
    Officer.objects.bulk_create(officers, batch_size=1000)
    certificates, trainings, exams = [], [], []
    for index, (officer, holder, fields) in enumerate(plan):
        if holder == "holder":
            roll = rng.random()
            if roll < 0.06:  # expiring within the lead time
                expires = today + timedelta(days=rng.randrange(1, 80))  # arch: not statutory — demo spread
            elif roll < 0.09:  # already expired
                expires = today - timedelta(days=rng.randrange(1, 200))  # arch: not statutory — demo spread
            else:
                expires = today + timedelta(days=rng.randrange(120, 1700))  # arch: not statutory — demo spread
            issued = expires - timedelta(days=5 * 365)  # arch: not statutory — demo data
            certificates.append(Certificate(officer=officer, number=f"99{officer.agency_id:04d}{index + 1:06d}",
                                            issuing_authority="示例省人民政府", issued_on=issued, expires_on=expires,
                                            fields=FieldSet.pack(fields)))
            # 未通过资格考试不得授予执法资格: every holder passed the exam before the certificate was issued
            exams.append(ExamRecord(officer=officer, subject="行政执法资格考试（公共法律知识）",
                                    taken_on=issued - timedelta(days=rng.randrange(20, 120)),  # arch: not statutory — demo spread
                                    score=Decimal(rng.randrange(60, 96)), passed=True))
        for title, hours in (("公共法律知识培训", rng.choice([16, 24, 32])), ("业务知识和执法技能培训",
                                                                    rng.choice([12, 24, 36, 40]))):
            trainings.append(TrainingRecord(officer=officer, year=today.year, title=title, hours=Decimal(hours),
                                            attended_on=date(today.year, 1, 1) + timedelta(days=rng.randrange(0, 60))))
    Certificate.objects.bulk_create(certificates, batch_size=1000)
    TrainingRecord.objects.bulk_create(trainings, batch_size=1000)
    ExamRecord.objects.bulk_create(exams, batch_size=1000)


def _power_items(rng: random.Random, bodies: dict[str, EnforcementBody], today: date) -> list[PowerItem]:
    items: list[PowerItem] = []
    for name, fields, _count in BODIES:
        body = bodies.get(name)
        if body is None:
            continue
        for field in fields:
            for s_index, subject in enumerate(SUBJECTS.get(field, [])):
                for kind, template, weight in KIND_TEMPLATES:
                    if rng.random() > weight / 2:
                        continue
                    code = f"{body.agency.jurisdiction.code[:6]}{body.pk:03d}{len(items) + 1:05d}"
                    items.append(PowerItem(
                        code=code, name=template.format(s=subject), kind=kind, body=body,
                        basis_law=f"{EnforcementField(field).label}领域法律法规", basis_article=f"第{s_index + 10}条",
                        responsibilities="1.立案责任 2.调查责任 3.审查责任 4.告知责任 5.决定责任 6.送达责任 7.执行责任",
                        accountability="因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任：……"))
    PowerItem.objects.bulk_create(items, batch_size=1000)
    established = date(today.year - 1, 3, 1)
    now = timezone.now()
    offices = {b.agency_id: reviewing_office(b.agency) for b in bodies.values()}
    changes = [PowerItemChange(agency=i.body.agency, reviewing_agency=offices[i.body.agency_id], kind=ChangeKind.ADD,
                               item=i, reason="公布权责清单",
                               state=ChangeState.PUBLISHED, requested_at=now, reviewed_at=now,
                               published_on=established, proposed={"code": i.code, "name": i.name}) for i in items]
    # This year's adjustment, in the proportions the seed reports describe.
    adjusted = rng.sample(items, 40)
    for kind, count in ((ChangeKind.DELEGATE, 14), (ChangeKind.CANCEL, 2), (ChangeKind.AMEND, 16),
                        (ChangeKind.TRANSFER, 8)):
        for item in [adjusted.pop() for _ in range(count)]:
            before = {"name": item.name, "revision": item.revision}
            if kind == ChangeKind.DELEGATE:
                item.state = PowerItemState.DELEGATED
            elif kind == ChangeKind.CANCEL:
                item.state = PowerItemState.CANCELLED
            item.revision += 1
            changes.append(PowerItemChange(agency=item.body.agency, reviewing_agency=offices[item.body.agency_id],
                                           kind=kind, item=item, before=before,
                                           reason={"delegate": "下放至县级实施", "cancel": "上位法修改，事项取消",
                                                   "amend": "设定依据修订", "transfer": "机构改革职责划转"}[kind],
                                           state=ChangeState.PUBLISHED, requested_at=now, reviewed_at=now,
                                           published_on=date(today.year, 1, 15), proposed={"name": item.name}))
            PowerItem.objects.filter(pk=item.pk).update(state=item.state, revision=item.revision)
    PowerItemChange.objects.bulk_create(changes, batch_size=1000)
    return items


def _benchmarks(items: list[PowerItem], today: date) -> None:
    """Benchmarks for the common penalty items of 市场监管, 生态环境 and 应急管理."""
    wanted = {F.MARKET: 4, F.ECOLOGY: 3, F.EMERGENCY: 3}
    done: dict[str, int] = {}
    for item in items:
        field = next((f for f in wanted if f in item.body.fields), None)
        if (field is None or item.kind != PowerKind.PENALTY or item.state != PowerItemState.IN_FORCE
                or done.get(field, 0) >= wanted[field]):
            continue
        done[field] = done.get(field, 0) + 1
        base = Decimal(10000 * done[field])
        benchmark_create(
            actor=DEMO, power_item=item, violation=item.name.removeprefix("对").removesuffix("的处罚"),
            violated_provision=item.basis, penalty_provision=item.basis,
            document=f"{item.body.agency.name}行政处罚裁量基准（{today.year - 1}年版）",
            effective_from=date(today.year - 1, 1, 1),
            levels=[
                {"level": "no_penalty", "circumstances": ["初次违法且危害后果轻微并及时改正"], "penalty": "不予处罚"},
                {"level": "mitigated", "circumstances": ["主动消除或者减轻违法行为危害后果", "受他人胁迫或者诱骗"],
                 "penalty": "减轻处罚", "fine_min": Decimal(0), "fine_max": base},
                {"level": "minor", "circumstances": ["违法行为持续时间短、社会危害较小"], "penalty": "警告，可以并处罚款",
                 "fine_min": base, "fine_max": base * 2},
                {"level": "general", "circumstances": ["违法行为造成一定社会危害"], "penalty": "罚款",
                 "fine_min": base * 2, "fine_max": base * 5},
                {"level": "serious", "circumstances": ["一年内再次违法", "拒不配合调查"], "penalty": "罚款，没收违法所得",
                 "fine_min": base * 5, "fine_max": base * 8},
                {"level": "grave", "circumstances": ["造成严重后果或者恶劣社会影响"], "penalty": "罚款，责令停产停业",
                 "income_multiple_min": Decimal(5), "income_multiple_max": Decimal(10),
                 "conditions": "有违法所得的，按违法所得倍数计罚"},
            ])
