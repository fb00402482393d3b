from fazhi.text import clean_text, detect_script, normalize, to_halfwidth, to_simplified


def test_full_width_digits_letters_and_punctuation_become_half_width():
    assert to_halfwidth("全年共办理１２３件，（一）ＸＸ市：９８．５％") == "全年共办理123件,(一)XX市:98.5%"


def test_chinese_only_punctuation_is_kept():
    assert to_halfwidth("《条例》、“双随机”。") == "《条例》、“双随机”。"


def test_ideographic_space_and_tab_become_spaces_without_changing_length():
    text = "一、\u3000主要举措\t成效"
    assert to_halfwidth(text) == "一、 主要举措 成效"
    assert len(to_halfwidth(text)) == len(text)


def test_traditional_text_is_converted_to_simplified_with_the_same_length():
    text = "擬提請市人大常委會審議地方性法規草案3件，擬制定政府規章11件。\n行政工作計劃通知"
    simplified = to_simplified(text)
    assert simplified == "拟提请市人大常委会审议地方性法规草案3件，拟制定政府规章11件。\n行政工作计划通知"
    assert len(simplified) == len(text)


def test_simplified_text_is_returned_unchanged():
    text = "全年共收到行政复议申请105件"
    assert to_simplified(text) is text


def test_script_detection():
    assert (
        detect_script("根據國務院、省政府推進依法行政工作的各項部署，為進一步深化我市法治政府建設")
        == "traditional"
    )
    assert (
        detect_script("根据国务院、省政府推进依法行政工作的各项部署，为进一步深化我市法治政府建设")
        == "simplified"
    )


def test_normalize_keeps_offsets_for_mixed_input():
    text = "２０２３年，全市審結行政復議案件３６件。"
    out = normalize(text)
    assert out == "2023年,全市审结行政复议案件36件。"
    assert len(out) == len(text)


def test_clean_text_unifies_line_ends_and_drops_invisible_characters():
    assert clean_text("第一段\r\n第二\u200b段\r第三段\ufeff") == "第一段\n第二段\n第三段"
