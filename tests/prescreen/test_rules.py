"""Clauses written for these tests (not from the dev set): each names the families it must
trigger; [] means the clause is fine."""

from __future__ import annotations

import pytest

from fazhi.prescreen import FAMILIES, load_rules, screen_text

CASES = [
    # --- sets_license ---
    (
        "在本区开办养老服务机构的,应当取得区民政局核发的养老服务许可证后方可开业。",
        {"sets_license", "fc_entry"},
    ),
    ("户外电子显示屏须经市城管局审批同意后方能安装使用。", {"sets_license"}),
    ("未经县文旅局批准,任何单位不得从事农家乐经营。", {"sets_license", "fc_entry"}),
    ("从事机动车维修经营的,应当依法取得营业执照后方可营业。", set()),
    ("申请人应当向县市场监督管理局提交申请材料。", set()),
    # --- sets_penalty ---
    ("违反本规定第五条,乱贴小广告的,由城市管理部门处二百元罚款。", {"sets_penalty"}),
    ("对违反本办法的经营者,由县商务局吊销其备案证明。", set()),  # 备案证明 is not a licence
    ("违反本办法规定的,由县市场监管局吊销其营业执照。", {"sets_penalty"}),
    ("违反本办法规定的,依照《中华人民共和国环境噪声污染防治法》的规定处罚款。", set()),
    ("违反前款规定的,由有关部门依照有关法律法规的规定处理。", set()),
    ("拒不整改的施工单位,由住建部门列入失信黑名单并向社会公布。", {"sets_penalty"}),
    # --- sets_coercion ---
    ("对无证经营的流动摊贩,执法人员可以扣押其经营工具和商品。", {"sets_coercion"}),
    ("对拖欠物业专项维修资金的业主,由街道办事处冻结其银行存款。", {"sets_coercion"}),
    ("逾期未拆除的,由镇人民政府组织强制拆除。", {"sets_coercion"}),
    ("执法部门可以依照《中华人民共和国行政强制法》的规定查封违法场所。", set()),
    # --- sets_fee ---
    ("进入市场经营的商户应当缴纳市场管理费,每月每摊位三百元。", {"sets_fee"}),
    ("参加培训的人员应当按照国家有关规定缴纳考试费。", set()),
    ("逾期未缴纳卫生费的,由社区予以催缴。", set()),
    # --- adds_obligation ---
    ("申请公租房的,还应当提交所在单位出具的无犯罪记录证明。", {"adds_obligation"}),
    ("全县餐饮企业必须加入县餐饮行业商会。", {"adds_obligation"}),
    ("规模以上企业应当每月向县统计局报送销售数据和客户名单。", {"adds_obligation", "fc_conduct"}),
    # --- fc_entry / fc_flow ---
    ("全县加油站实行总量控制,原则上不再新增加油站布点。", {"fc_entry"}),
    ("参加本县政府投资项目招标的投标人,须为本县注册登记的企业。", {"fc_entry", "fc_flow"}),
    ("县直各单位办公用品应当优先采购本县生产的产品。", {"fc_flow"}),
    ("政府采购项目只允许本地注册的企业参加。", {"fc_flow"}),
    ("外省生产的建材产品进入本市销售,须另行取得市住建局的备案证明。", {"fc_flow", "adds_obligation"}),
    ("鼓励外地客商来我县投资兴业,依法保护其合法权益。", set()),
    # --- fc_cost ---
    ("对在本区注册的总部企业,按其上年度区级税收贡献给予一次性奖励。", {"fc_cost"}),
    ("对本县新引进的规上企业,三年内减半征收城市基础设施配套费。", {"fc_cost"}),
    ("各类市场主体平等享受本办法规定的扶持政策。", set()),
    # --- fc_conduct ---
    ("全市驾校培训收费由市交通运输局统一核定,各驾校不得自行调整。", {"fc_conduct"}),
    ("全县机动车安全检测一律由县公安交警大队指定的检测站承担。", {"fc_conduct", "fc_entry"}),
    ("鼓励企业自主定价,依法开展公平竞争。", set()),
    # --- form_validity ---
    ("本办法(试行)自印发之日起实施。", {"form_validity"}),
    ("本试行办法自2026年5月1日起施行,有效期至2028年4月30日止。", set()),
    # --- cites_repealed ---
    ("依据《中华人民共和国侵权责任法》,损害赔偿由侵权人承担。", {"cites_repealed"}),
    ("按照《法规规章备案条例》的规定,本办法应当报送备案。", {"cites_repealed"}),
    ("按照《法规规章备案审查条例》第四条的规定报送备案。", set()),
    # --- ordinary clauses ---
    ("县人民政府应当将农村人居环境整治工作纳入年度工作计划。", set()),
    ("本办法由县司法局负责解释。", set()),
    ("招标投标活动应当在本市公共资源交易平台进行。", set()),
]

MAIN = set(FAMILIES) - {"cites_bad_article"}


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"c{i:02d}" for i in range(len(CASES))])
def test_clause(text, expected):
    got = {h.family for h in screen_text(text, document=False)} & MAIN
    assert got == expected


def test_enough_cases():
    assert len(CASES) >= 20
    assert sum(1 for _, e in CASES if e) >= 10
    assert sum(1 for _, e in CASES if not e) >= 10


def test_hit_fields():
    hits = screen_text("违反本办法规定的,处五千元罚款。", document=False)
    assert [h.rule for h in hits] == ["PEN-01"]
    d = hits[0].to_dict()
    assert set(d) == {"family", "rule", "clause", "reason", "basis"}
    assert d["clause"] == "违反本办法规定的,处五千元罚款。"
    assert "行政处罚法" in d["basis"] and "第十六条" in d["basis"]


def test_every_rule_has_reason_and_basis():
    rules = load_rules()
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.reason and rule.basis and rule.family in FAMILIES


def test_fullwidth_input_is_normalised():
    hits = screen_text("违反本规定的，处一千元罚款；", document=False)
    assert [h.family for h in hits] == ["sets_penalty"]


def test_document_checks():
    doc = "示例县道路管理暂行规定\n第一条 为加强管理,制定本规定。\n第二条 县交通局负责实施。\n第三条 本规定由县交通局负责解释。"
    rules = [h.rule for h in screen_text(doc)]
    assert "FORM-02" in rules and "FORM-03" in rules
    ok = doc + "\n第四条 本规定自2026年1月1日起施行,有效期2年。"
    assert not [h for h in screen_text(ok) if h.family == "form_validity"]
    # a single clause never triggers the document checks
    assert not screen_text("第一条 为加强管理,制定本规定。", document=False)
