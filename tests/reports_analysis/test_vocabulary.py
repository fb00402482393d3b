from __future__ import annotations

import re
from pathlib import Path

from fazhi.reports.analysis import FAMILIES, INDICATORS
from fazhi.reports.analysis.rules import DOMAIN_RULES, PERCENT_RULES, RULES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


def test_vocabulary_is_the_shared_one(shared):
    text = (shared / "data" / "reports" / "INDICATORS.md").read_text(encoding="utf-8")
    shared_keys = set(re.findall(r"^\| ([a-z_]+) \|", text, flags=re.MULTILINE)) - {"key"}
    assert set(INDICATORS) == shared_keys


def test_docs_list_every_indicator_once():
    vocabulary = DOCS.read_text(encoding="utf-8").split("## The vocabulary", 1)[1]
    documented = re.findall(r"^\| `([a-z_]+)` \|", vocabulary, flags=re.MULTILINE)
    assert sorted(documented) == sorted(INDICATORS)


def test_every_rule_names_a_known_indicator_and_every_family_is_named():
    named = {r.indicator for r in (*RULES, *PERCENT_RULES, *DOMAIN_RULES)}
    assert named <= set(INDICATORS)
    assert {i.family for i in INDICATORS.values()} == set(FAMILIES)
