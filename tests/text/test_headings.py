from fazhi.text import build_outline, find_markers, find_page_artifacts, heading_title, mask


def _outline(text):
    return [(h.level, h.marker, h.title) for h in build_outline(text)]


def test_nested_outline_follows_official_numbering():
    text = (
        "一、主要举措和成效\n(一)依法全面履行政府职能\n1.深化改革。正文。\n(1)取消事项。正文。\n"
        "(二)完善制度体系\n二、存在的不足和原因\n三、下一年度工作安排"
    )
    assert _outline(text) == [
        (1, "一、", "主要举措和成效"),
        (2, "(一)", "依法全面履行政府职能"),
        (3, "1.", "深化改革"),
        (4, "(1)", "取消事项"),
        (2, "(二)", "完善制度体系"),
        (1, "二、", "存在的不足和原因"),
        (1, "三、", "下一年度工作安排"),
    ]


def test_levels_follow_the_document_when_it_starts_below_the_top_kind():
    text = "(一)强化组织领导。正文。\n(二)完善制度建设。正文。\n1.建立台账。正文。"
    assert [h[0] for h in _outline(text)] == [1, 1, 2]


def test_inline_enumerations_are_markers_but_not_headings():
    text = "主要开展了以下工作:一、拟定了工作要点;二、修订了制度。\n一是开展培训。二是加强检查。"
    markers = list(find_markers(text))
    assert [(m.kind, m.block) for m in markers] == [
        ("cn_dun", False),
        ("cn_dun", False),
        ("cn_shi", True),
        ("cn_shi", False),
    ]
    assert _outline(text) == [(1, "一是", "开展培训")]


def test_heading_title_in_text_flattened_from_pdf_stops_at_the_next_heading_or_body():
    text = "取得积极进展。 一、主要做法和成效 (一)健全行政决策机制,提高决策水平 我市认真贯彻规定。"
    assert _outline(text) == [(1, "一、", "主要做法和成效"), (2, "(一)", "健全行政决策机制,提高决策水平")]


def test_title_keeps_spaces_between_digits():
    text = "一、9 2019 年度法治政府建设情况\n正文。"
    marker = next(m for m in find_markers(text) if m.block)
    assert heading_title(text, marker)[0] == "9 2019 年度法治政府建设情况"


def test_decimal_numbers_and_enumerated_words_are_not_markers():
    assert build_outline("增长3.5%。\n一、二批次均已完成。") == []


def test_page_numbers_left_at_line_starts_are_found_and_masked():
    text = (
        "1、市人民政府工作总结 开展了工作,邀请市\n2、人大代表列席会议,并推进行\n3、政审批改革,完成了\n"
        "4、清理工作。第9页 共9页"
    )
    spans = find_page_artifacts(text)
    masked = mask(text, spans)
    assert len(masked) == len(text)
    assert "2、" not in masked and "3、" not in masked and "第9页" not in masked
    assert "推进行   政审批改革" in masked


def test_a_real_numbered_list_is_not_taken_for_page_numbers():
    text = "1、加强组织领导。\n2、完善工作制度。\n3、强化监督检查。\n4、推进普法宣传。"
    assert find_page_artifacts(text) == []
