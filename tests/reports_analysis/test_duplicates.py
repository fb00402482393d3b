from __future__ import annotations

import random

import numpy as np
from datasketch import MinHash

from fazhi.reports.analysis import CopyIndex, CorpusEntry, Signature, analyze_text, signature
from fazhi.reports.analysis.duplicates import (
    NUM_PERM,
    SCHEME,
    SEED,
    _normalise,
    _shingle_hashes,
    minhash_values,
)

_WORDS = "推进依法行政建设法治政府完善制度体系规范执法行为强化监督加强普法宣传化解矛盾纠纷提升能力落实责任"


def _text(seed: int, sentences: int = 40) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        n = rng.randint(25, 45)
        out.append("".join(rng.choice(_WORDS) for _ in range(n)) + f"{rng.randint(1, 999)}件。")
    return "".join(out)


def test_vectorised_signatures_equal_datasketch_minhash():
    shingles = _shingle_hashes(_normalise("全年共收到行政复议申请105件,受理39件,审结36件,完成了工作任务。"))
    reference = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int)
    reference.update_batch(shingles.tolist())
    assert np.array_equal(minhash_values(shingles, [(0, len(shingles))])[0], reference.hashvalues)


def test_a_copy_with_another_year_and_changed_numbers_is_found_with_its_passages():
    original = "2022年," + _text(1)
    copy = "2009年," + _text(1).replace("件。", "宗。", 3)
    index = CopyIndex()
    index.add_text("a", original, {"file": "a.txt"})
    index.add_text("b", copy, {"file": "b.txt"})
    index.add_text("c", _text(2), {"file": "c.txt"})
    matches = index.matches("a")
    assert [m.other for m in matches] == ["b"]
    assert matches[0].similarity > 0.9
    passage = matches[0].passages[0]
    assert passage["start"] == 0 and passage["end"] > 1000
    assert passage["other_end"] > passage["other_start"]


def test_a_copied_section_inside_an_original_report_is_found():
    borrowed = _text(5, sentences=60)
    a = _text(6) + borrowed + _text(7)
    b = _text(8) + borrowed
    index = CopyIndex()
    index.add_text("a", a)
    index.add_text("b", b)
    match = index.matches("a")[0]
    assert match.other == "b"
    assert 0.15 < match.similarity < 0.5
    copied = a.index(borrowed)
    # the matched passages lie inside the borrowed section and cover most of it
    assert all(
        copied - 300 <= p["start"] and p["end"] <= copied + len(borrowed) + 300 for p in match.passages
    )
    assert sum(p["end"] - p["start"] for p in match.passages) > 0.6 * len(borrowed)


def test_unrelated_reports_do_not_match():
    index = CopyIndex()
    for n in range(6):
        index.add_text(str(n), _text(100 + n))
    assert all(index.matches(str(n)) == [] for n in range(6))


def test_signatures_survive_a_json_round_trip():
    sig = signature(_text(3))
    again = Signature.from_dict(sig.to_dict())
    assert again.spans == sig.spans and np.array_equal(again.hashes, sig.hashes)


def test_an_earlier_report_of_the_same_unit_from_the_corpus_is_reported_as_earlier():
    body = _text(9)
    earlier = CorpusEntry(
        key="2022/青山区司法局.docx", text=body, unit="青山区司法局", year=2022, label="2022年报告"
    )
    result = analyze_text(
        "青山区司法局2023年法治政府建设年度报告\n2023年," + body, "2023.txt", corpus=[earlier]
    )
    report = result["reports"][0]
    assert report["unit"] == "青山区司法局" and report["year"] == 2023
    [dup] = report["duplicates"]
    assert dup["kind"] == "earlier" and dup["file"] == "2022/青山区司法局.docx"
    assert dup["similarity"] > 0.8


def test_seed_003_flags_the_same_text_published_for_different_years(seeds):
    result = analyze_text(seeds["003"].read_text(encoding="utf-8"), "003.txt")
    pairs = {(d["a"][:5], d["b"][:5]): d for d in result["duplicates"]}
    assert len(pairs) == 15
    assert pairs[("【第1篇】", "【第6篇】")]["years_differ"]
    assert "2009" in pairs[("【第1篇】", "【第6篇】")]["note"]
    assert pairs[("【第6篇】", "【第7篇】")]["years_differ"]
    assert not any(k[0] in ("【第3篇】", "【第8篇】") or k[1] in ("【第3篇】", "【第8篇】") for k in pairs)
