"""The labelled development set: figures, sections, reports and copies against the gold files."""

from __future__ import annotations

import io

import pytest

from fazhi.reports.analysis.scoring import main, score_dev_set


@pytest.fixture(scope="module")
def score(shared):
    return score_dev_set(shared)


def test_every_indicator_family_reaches_the_target(score):
    low = {
        fam: (round(c.precision, 2), round(c.recall, 2))
        for fam, c in score.families.items()
        if c.precision < 0.9 or c.recall < 0.9
    }
    assert low == {}


def test_figures_overall_and_extraction(score):
    assert score.overall.precision >= 0.93 and score.overall.recall >= 0.95
    assert score.extraction.recall >= 0.97


def test_reports_sections_placeholders_and_copies(score):
    assert score.reports.recall == 1.0 and score.reports.precision == 1.0
    assert score.sections.precision >= 0.95 and score.sections.recall >= 0.95
    assert score.section_headings.recall >= 0.95
    assert score.placeholders_flag.recall == 1.0
    assert score.duplicates.recall == 1.0 and score.duplicates.precision == 1.0


def test_scorer_prints_a_markdown_table(shared):
    out = io.StringIO()
    assert main(["--shared", str(shared)], out) == 0
    assert "| **all figures** |" in out.getvalue()
