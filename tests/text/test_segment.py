from fazhi.text import clauses, paragraphs, sentences, words


def test_sentences_and_clauses_carry_offsets():
    text = "全年受理39件,审结36件。开展培训;考试合格。\n第二段"
    assert [s.of(text) for s in sentences(text)] == [
        "全年受理39件,审结36件。",
        "开展培训;",
        "考试合格。",
        "第二段",
    ]
    assert [c.of(text) for c in clauses(text)][:2] == ["全年受理39件,", "审结36件。"]
    assert [p.of(text) for p in paragraphs(text)] == [
        "全年受理39件,审结36件。开展培训;考试合格。\n",
        "第二段",
    ]


def test_words_are_segmented_by_jieba_without_punctuation():
    result = words("全面推进依法行政,建设法治政府。")
    assert "依法行政" in result and "法治" in "".join(result)
    assert "," not in result and "。" not in result
