"""Figures and indicators on sentences written for these tests (not taken from the seeds)."""

from __future__ import annotations

import pytest

from fazhi.reports.analysis import analyze_text


def _figures(text):
    report = analyze_text(text, include_text=True)["reports"][0]
    return report, [(m["indicator"], m["value"], m["unit"]) for m in report["metrics"]]


HELD_OUT = [
    (
        "全年共收到行政复议申请152件，依法受理138件，审结131件，其中撤销、变更、确认违法等纠错12件。",
        [
            ("reconsideration_received", 152, "件"),
            ("reconsideration_accepted", 138, "件"),
            ("reconsideration_closed", 131, "件"),
            ("reconsideration_corrected", 12, "件"),
        ],
    ),
    (
        "市政府作为复议机关新收复议案件86件，通过调解和解方式结案9件。",
        [("reconsideration_received", 86, "件"), ("reconsideration_settled", 9, "件")],
    ),
    (
        "全市各级行政机关共发生行政诉讼案件215件，行政机关负责人出庭应诉173人次，出庭应诉率达80.5%，败诉11件。",
        [
            ("litigation_cases", 215, "件"),
            ("litigation_court_appearances", 173, "人次"),
            ("litigation_head_appearance_rate", 80.5, "%"),
            ("litigation_lost", 11, "件"),
        ],
    ),
    ("向人民法院申请强制执行的非诉案件46件。", [("court_enforcement_requests", 46, "件")]),
    (
        "全年审核市政府及部门规范性文件四十二件，提出修改意见一百零三条。",
        [("normdoc_reviewed", 42, "件"), ("normdoc_review_opinions", 103, "条")],
    ),
    ("按时向省政府和市人大常委会报送备案规范性文件15件。", [("normdoc_filed_upward", 15, "件")]),
    (
        "开展规范性文件集中清理，共清理文件1,236件，其中继续有效982件，修改67件，废止187件。",
        [
            ("normdoc_cleanup_screened", 1236, "件"),
            ("normdoc_cleanup_retained", 982, "件"),
            ("normdoc_cleanup_amended", 67, "件"),
            ("normdoc_cleanup_repealed", 187, "件"),
        ],
    ),
    (
        "对32项重大行政决策事项进行合法性审查，审查政府合同117份，出具法律意见书206份。",
        [
            ("major_decisions_reviewed", 32, "项"),
            ("contracts_reviewed", 117, "份"),
            ("legal_opinions_issued", 206, "份"),
        ],
    ),
    ("全县聘请法律顾问48名，实现村（社区）法律顾问全覆盖。", [("legal_advisors", 48, "名")]),
    (
        "全市持有行政执法证件的人员共3,215人，持证率98.6%。",
        [("enforcement_officers", 3215, "人"), ("enforcement_certificate_rate", 98.6, "%")],
    ),
    (
        "组织行政执法人员法律知识培训班12期，培训1800余人次。",
        [("other", 12, "期"), ("officers_trained", 1800, "人次")],
    ),
    ("全年作出行政处罚决定1,582件，罚没款金额326万元。", [("penalty_cases", 1582, "件")]),
    (
        "开展“双随机、一公开”抽查46批次，抽查市场主体1,204户。",
        [("random_inspection_batches", 46, "批次"), ("random_inspection_targets", 1204, "户")],
    ),
    ("开展行政执法案卷评查，共评查案卷356卷。", [("case_files_reviewed", 356, "卷")]),
    ("在网站公示行政处罚信息2,305条。", [("enforcement_published", 2305, "条")]),
    ("依申请公开政府信息办理142件，全部按时答复。", [("disclosure_requests", 142, "件")]),
    ("主动公开政府信息1.2万条。", [("info_published", 12000, "条")]),
    (
        "全县人民调解组织共调解矛盾纠纷3,456件，调解成功3,398件，调解成功率98.3%。",
        [
            ("mediation_cases", 3456, "件"),
            ("mediation_success", 3398, "件"),
            ("mediation_success_rate", 98.3, "%"),
        ],
    ),
    (
        "办理法律援助案件五百二十件，提供法律咨询8,900人次。",
        [("legal_aid_cases", 520, "件"), ("legal_consultations", 8900, "人次")],
    ),
    (
        "开展“宪法宣传周”等主题普法活动三百余场，发放宣传资料二十万份，受众达15万人次。",
        [
            ("publicity_events", 300, "场"),
            ("publicity_materials", 200000, "份"),
            ("publicity_reach", 150000, "人次"),
        ],
    ),
    (
        "市政府常务会议会前学法12次，举办领导干部法治专题讲座4场。",
        [("legal_study_sessions", 12, "次"), ("legal_study_sessions", 4, "场")],
    ),
    (
        "组织国家工作人员学法考法，参考人数5,678人，参考率99.2%。",
        [("legal_exam", 5678, "人"), ("legal_exam", 99.2, "%")],
    ),
    (
        "办理人大代表建议86件、政协委员提案102件。",
        [("npc_cppcc_proposals", 86, "件"), ("npc_cppcc_proposals", 102, "件")],
    ),
    (
        "提请市人大常委会审议地方性法规草案2件，制定政府规章3件。",
        [("legislative_matters", 2, "件"), ("legislative_matters", 3, "件")],
    ),
    ("受理群众信访事项436件。", [("petitions", 436, "件")]),
    (
        "行政许可事项由287项精简至196项，全部进驻政务服务中心。",
        [("approval_items", 287, "项"), ("approval_items", 196, "项")],
    ),
    (
        "政务服务中心全年受理各类办件12.6万件，办结12.5万件。",
        [("approval_cases", 126000, "件"), ("approval_cases", 125000, "件")],
    ),
    (
        "全市共有行政执法主体128个，梳理行政执法职权8,763项。",
        [("enforcement_bodies", 128, "个"), ("enforcement_powers", 8763, "项")],
    ),
    ("全年开展执法检查2,140次，检查企业960家。", [("inspections", 2140, "次"), ("inspections", 960, "家")]),
]


@pytest.mark.parametrize(("text", "expected"), HELD_OUT, ids=[t[:14] for t, _ in HELD_OUT])
def test_figures_are_put_into_the_vocabulary(text, expected):
    _, got = _figures(text)
    assert sorted(got) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "落实每季度一次的执法检查制度，力争复议案件纠错率控制在10%以内。",
        "计划2-3个县区开展试点，每年培训不少于40学时。",
        "深入贯彻党的十九届五中全会精神，坚持“两个确立”，落实“三项制度”，从2个方面开展工作。",
        "组织开展第3轮清理，一式三份报送备案，专职调解员每人每月补助100元。",
        "历时3个月完成调研，坚持一次性告知，实现管理和服务三位一体。",
        "印发《关于推进2023年10项重点工作的通知》。",
    ],
)
def test_norms_ranges_ordinals_money_durations_and_slogans_are_not_figures(text):
    _, got = _figures(text)
    assert got == []


def test_a_rate_takes_the_indicator_of_the_count_it_is_a_rate_of():
    _, got = _figures("全县256项行政许可事项进驻政务大厅251项，进驻率98.04%。")
    assert got == [
        ("approval_items", 256, "项"),
        ("approval_items", 251, "项"),
        ("approval_items", 98.04, "%"),
    ]


def test_a_breakdown_takes_the_indicator_of_its_total_unless_it_names_its_own():
    report, got = _figures(
        "共有行政执法职权594项，其中行政许可175项、行政处罚316项。共审查各类法律事务220件(其中重大决策17件,重大政府合同35件)。"
    )
    assert got == [
        ("enforcement_powers", 594, "项"),
        ("enforcement_powers", 175, "项"),
        ("enforcement_powers", 316, "项"),
        ("legal_matters_reviewed", 220, "件"),
        ("major_decisions_reviewed", 17, "件"),
        ("contracts_reviewed", 35, "件"),
    ]
    assert [m["parent"] for m in report["metrics"]] == [None, 0, 0, None, 3, 3]


def test_the_procedure_named_earlier_in_the_item_decides_a_generic_case_count():
    _, got = _figures("三是加强法律援助工作。全年共解答法律咨询680人次,办理各类案件66件,其中刑事57件。")
    assert got == [
        ("legal_consultations", 680, "人次"),
        ("legal_aid_cases", 66, "件"),
        ("legal_aid_cases", 57, "件"),
    ]


def test_approximate_forms_and_years_are_recorded():
    report, _ = _figures(
        "2022年,全市发放宣传资料79万余份。2023年全县开展法治讲座近200场,接受咨询二百多人次。"
    )
    by_value = {m["value"]: m for m in report["metrics"]}
    assert by_value[790000]["approximate"] and by_value[790000]["year"] == 2022
    assert by_value[200]["approximate"] and by_value[200]["year"] == 2023


def test_every_figure_points_at_its_quote_in_the_report_text():
    report, _ = _figures(
        "一、主要举措\n全年共收到行政复议申请105件,受理39件,审结36件。\n二、存在不足\n执法力量薄弱。"
    )
    text = report["text"]
    for m in report["metrics"]:
        assert text[m["quote_start"] : m["quote_end"]] == m["quote"]
        assert str(m["value"]) in text[m["start"] : m["end"]]
        assert m["quote_start"] <= m["start"] < m["end"] <= m["quote_end"]
        assert text[m["sentence_start"] : m["sentence_end"]].startswith("全年共收到")


def test_a_figure_repeated_later_in_the_report_is_counted_once():
    _, got = _figures("确定具有行政执法权的行政执法主体共48个;48个行政执法主体的执法依据已全部公开。")
    assert got == [("enforcement_bodies", 48, "个")]


def test_traditional_script_figures_quote_the_original_characters(seeds):
    report = analyze_text(seeds["004"].read_text(encoding="utf-8"))["reports"][0]
    assert [(m["indicator"], m["value"]) for m in report["metrics"]] == [
        ("legislative_matters", 3),
        ("legislative_matters", 11),
        ("legislative_matters", 43),
        ("legislative_matters", 2),
    ]
    assert report["metrics"][0]["quote"] == "擬提請市人大常委會審議地方性法規草案3件"
