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
# The violations each field punishes, with the law (and, where it is plain, the article) that sets the
# penalty — the 权责清单 of a real 市场监管局 reads so (an article left out rather than guessed).
SUBJECTS = {
    F.MARKET: [("销售不符合食品安全标准的食品", "中华人民共和国食品安全法", "第一百二十四条"),
               ("未取得食品经营许可从事食品经营", "中华人民共和国食品安全法", "第一百二十二条"),
               ("生产、销售不符合保障人体健康和人身、财产安全标准的产品", "中华人民共和国产品质量法", "第四十九条"),
               ("作虚假或者引人误解的商业宣传", "中华人民共和国反不正当竞争法", "第二十条"),
               ("未按规定公示企业年度报告", "企业信息公示暂行条例", ""),
               ("使用未经检定或者检定不合格的计量器具", "中华人民共和国计量法实施细则", ""),
               ("销售劣药", "中华人民共和国药品管理法", "第一百一十七条"),
               ("未依法取得营业执照从事经营活动", "无证无照经营查处办法", "第十三条")],
    F.ECOLOGY: [("超过大气污染物排放标准排放大气污染物", "中华人民共和国大气污染防治法", "第九十九条"),
                ("建设项目环境影响评价文件未经批准擅自开工建设", "中华人民共和国环境影响评价法", "第三十一条"),
                ("未按照规定贮存危险废物", "中华人民共和国固体废物污染环境防治法", ""),
                ("通过暗管、渗井等逃避监管的方式排放水污染物", "中华人民共和国水污染防治法", "第八十三条"),
                ("未依法取得排污许可证排放污染物", "排污许可管理条例", "第三十三条")],
    F.EMERGENCY: [("未按照规定对从业人员进行安全生产教育和培训", "中华人民共和国安全生产法", "第九十七条"),
                  ("特种作业人员未按照规定经专门的安全作业培训并取得相应资格上岗作业", "中华人民共和国安全生产法", "第九十七条"),
                  ("未建立事故隐患排查治理制度", "中华人民共和国安全生产法", ""),
                  ("未按照规定进行安全评价", "危险化学品安全管理条例", "")],
    F.URBAN: [("未经批准占用城市道路从事经营", "城市道路管理条例", ""),
              ("未取得建设工程规划许可证进行建设", "中华人民共和国城乡规划法", "第六十四条"),
              ("随意倾倒、抛撒建筑垃圾", "城市建筑垃圾管理规定", ""),
              ("擅自设置户外广告设施", "城市市容和环境卫生管理条例", "")],
    F.HOUSING: [("未取得施工许可证擅自施工", "中华人民共和国建筑法", "第六十四条"),
                ("违反工程建设强制性标准", "建设工程质量管理条例", ""),
                ("物业服务企业未履行物业服务合同约定的义务", "物业管理条例", "")],
    F.TRANSPORT: [("未取得道路运输经营许可擅自从事道路运输经营", "中华人民共和国道路运输条例", "第六十三条"),
                  ("车辆超限运输", "公路安全保护条例", ""),
                  ("出租汽车未按照规定使用计程计价设备", "巡游出租汽车经营服务管理规定", "")],
    F.NATURAL_RESOURCES: [("未经批准非法占用土地", "中华人民共和国土地管理法", "第七十七条"),
                          ("未取得采矿许可证擅自采矿", "中华人民共和国矿产资源法", "第三十九条"),
                          ("擅自改变建设用地用途", "中华人民共和国土地管理法", "")],
    F.CIVIL_AFFAIRS: [("社会团体未按照规定接受年度检查", "社会团体登记管理条例", ""),
                      ("未经批准擅自兴建殡葬设施", "殡葬管理条例", "第十八条"),
                      ("养老机构未按照规定办理备案", "养老机构管理办法", "")],
    F.EDUCATION: [("擅自举办民办学校", "中华人民共和国民办教育促进法", ""),
                  ("校外培训机构超出审批范围开展培训", "中华人民共和国民办教育促进法", "")],
    F.HEALTH: [("医疗机构使用非卫生技术人员从事医疗卫生技术工作", "医疗机构管理条例", ""),
               ("公共场所未依法取得卫生许可证擅自营业", "公共场所卫生管理条例", ""),
               ("未按照规定处置医疗废物", "医疗废物管理条例", "")],
    F.HUMAN_RESOURCES: [("克扣或者无故拖欠劳动者工资报酬", "劳动保障监察条例", "第二十六条"),
                        ("未按照规定办理社会保险登记", "中华人民共和国社会保险法", "第八十四条"),
                        ("使用童工", "禁止使用童工规定", "第六条")],
}
# Besides the penalties of each violation: the field's 许可, 检查, 强制, 确认, 征收, 奖励 — by their names
# in a published 权责清单.
OTHER_ITEMS = {
    F.MARKET: [(PowerKind.LICENSE, "食品经营许可", "中华人民共和国食品安全法", "第三十五条"),
               (PowerKind.INSPECTION, "对食品生产经营者的监督检查", "中华人民共和国食品安全法", "第一百一十条"),
               (PowerKind.COERCION, "查封、扣押不符合食品安全标准的食品", "中华人民共和国食品安全法", "第一百一十条"),
               (PowerKind.REWARD, "对举报食品安全违法行为的奖励", "中华人民共和国食品安全法", "第一百一十五条")],
    F.ECOLOGY: [(PowerKind.LICENSE, "排污许可证核发", "排污许可管理条例", ""),
                (PowerKind.INSPECTION, "对排放污染物的企业事业单位的现场检查", "中华人民共和国环境保护法", "第二十四条"),
                (PowerKind.COERCION, "查封、扣押造成污染物排放的设施、设备", "中华人民共和国环境保护法", "第二十五条")],
    F.EMERGENCY: [(PowerKind.LICENSE, "危险化学品经营许可", "危险化学品安全管理条例", ""),
                  (PowerKind.INSPECTION, "对生产经营单位执行安全生产法律法规情况的监督检查", "中华人民共和国安全生产法",
                   "第六十五条"),
                  (PowerKind.COERCION, "查封、扣押不符合保障安全生产的国家标准或者行业标准的设施、设备、器材",
                   "中华人民共和国安全生产法", "第六十五条")],
    F.URBAN: [(PowerKind.COERCION, "强制拆除违法建筑物、构筑物", "中华人民共和国城乡规划法", "第六十八条"),
              (PowerKind.INSPECTION, "对城市市容和环境卫生的监督检查", "城市市容和环境卫生管理条例", "")],
    F.HOUSING: [(PowerKind.LICENSE, "建筑工程施工许可", "中华人民共和国建筑法", "第七条"),
                (PowerKind.INSPECTION, "对建设工程质量的监督检查", "建设工程质量管理条例", "")],
    F.TRANSPORT: [(PowerKind.LICENSE, "道路旅客运输经营许可", "中华人民共和国道路运输条例", ""),
                  (PowerKind.COERCION, "暂扣无道路运输证件的车辆", "中华人民共和国道路运输条例", "")],
    F.NATURAL_RESOURCES: [(PowerKind.LICENSE, "建设工程规划许可证核发", "中华人民共和国城乡规划法", "第四十条"),
                          (PowerKind.CONFIRMATION, "不动产登记", "不动产登记暂行条例", ""),
                          (PowerKind.LEVY, "土地复垦费征收", "土地复垦条例", "")],
    F.CIVIL_AFFAIRS: [(PowerKind.LICENSE, "社会团体成立登记", "社会团体登记管理条例", ""),
                      (PowerKind.CONFIRMATION, "最低生活保障对象认定", "社会救助暂行办法", "")],
    F.EDUCATION: [(PowerKind.LICENSE, "民办学校办学许可", "中华人民共和国民办教育促进法", "")],
    F.HEALTH: [(PowerKind.LICENSE, "医疗机构执业登记", "医疗机构管理条例", ""),
               (PowerKind.LICENSE, "公共场所卫生许可", "公共场所卫生管理条例", "")],
    F.HUMAN_RESOURCES: [(PowerKind.LICENSE, "劳务派遣经营许可", "中华人民共和国劳动合同法", "第五十七条"),
                        (PowerKind.CONFIRMATION, "工伤认定", "工伤保险条例", "第十七条")],
}


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
            named = [(PowerKind.PENALTY, f"对{subject}的行政处罚", law, article)
                     for subject, law, article in SUBJECTS.get(field, [])]
            for kind, name_, law, article in [*named, *OTHER_ITEMS.get(field, [])]:
                if kind != PowerKind.PENALTY and rng.random() < 0.2:  # not every body holds every item
                    continue
                code = f"{body.agency.jurisdiction.code[:6]}{body.pk:03d}{len(items) + 1:05d}"
                items.append(PowerItem(
                    code=code, name=name_, kind=kind, body=body, basis_law=f"《{law}》", basis_article=article,
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
            actor=DEMO, power_item=item, violation=item.name.removeprefix("对").removesuffix("的行政处罚"),
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
