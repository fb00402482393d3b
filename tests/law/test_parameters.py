"""The shipped parameters: complete, sourced, and right on each side of every effective date."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from fazhi.law import LawLookupError, Unit, Verified, check, load_registry, param

CASES = yaml.safe_load((Path(__file__).parent / "param_cases.yaml").read_text(encoding="utf-8"))
REGISTRY, PROBLEMS = load_registry()

REQUIRED = {
    # 行政复议
    "reconsideration.application_period",
    "reconsideration.acceptance_review",
    "reconsideration.amendment_notice",
    "reconsideration.amendment_period",
    "reconsideration.respondent_reply",
    "reconsideration.decision_ordinary",
    "reconsideration.decision_simplified",
    "reconsideration.decision_extension",
    # 政府信息公开
    "disclosure.answer_period",
    "disclosure.answer_extension",
    "disclosure.amendment_notice",
    "disclosure.third_party_consultation",
    # 行政处罚
    "penalty.decision_period",
    "penalty.hearing_request",
    "penalty.hearing_notice",
    "penalty.service",
    "penalty.payment_period",
    "penalty.late_payment_surcharge",
    "penalty.summary_fine_citizen",
    "penalty.summary_fine_organisation",
    "penalty.decision_publication",
    # 规范性文件
    "normative_document.legality_review_min",
    "normative_document.legality_review_max",
    "normative_document.filing_period",
    "normative_document.default_validity",
    "normative_document.provisional_validity",
    "normative_document.expiry_reminder_lead",
    "normative_document.public_consultation_min",
    # 重大行政决策
    "major_decision.public_comment_min",
    "major_decision.legality_review_min",
}


def test_every_parameter_file_passes_the_check():
    assert PROBLEMS == []
    assert check() == []


def test_the_parameters_the_first_phase_needs_are_all_shipped():
    assert REQUIRED <= set(REGISTRY.names())


def test_every_value_names_the_law_its_version_and_the_article():
    for parameter in REGISTRY:
        for value in parameter.values:
            assert value.reference.law and value.reference.version and value.reference.article, parameter.name


def test_values_from_full_text_statutes_cite_a_numbered_article():
    for parameter in REGISTRY:
        for value in parameter.values:
            if value.verified is Verified.FULL_TEXT:
                assert value.reference.article.startswith("第"), (parameter.name, value.reference.article)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}@{c['date']}" for c in CASES])
def test_the_value_in_force_on_a_date(case):
    if case.get("absent"):
        with pytest.raises(LawLookupError, match="没有有效的值"):
            param(case["name"], on=case["date"])
        return
    value = param(case["name"], on=case["date"])
    assert value.value == case["value"]
    assert value.unit is Unit(case["unit"])
    if "article" in case:
        assert value.reference.article == case["article"]
    if "provisional" in case:
        assert value.provisional is case["provisional"]


def test_every_effective_date_is_straddled_the_day_before_gives_the_previous_value():
    for parameter in REGISTRY:
        ordered = sorted(parameter.values, key=lambda v: v.effective_from)
        for previous, current in zip([None, *ordered], ordered, strict=False):
            first_day = parameter.value_in_force(current.effective_from)
            assert first_day.effective_from == current.effective_from
            day_before = current.effective_from - timedelta(days=1)
            if previous is None:
                with pytest.raises(LawLookupError):
                    parameter.value_in_force(day_before)
            else:
                assert parameter.value_in_force(day_before).effective_from == previous.effective_from


def test_values_marked_unverified_are_provisional_and_the_statutes_u_rows_are_marked_u():
    assert param("normative_document.legality_review_min", on=param_day()).provisional
    assert param("normative_document.legality_review_max", on=param_day()).provisional
    assert not param("reconsideration.acceptance_review", on=param_day()).provisional
    suspension = param("reconsideration.decision_ordinary", on=param_day()).mode_for("suspension")
    assert suspension.provisional  # statutes.md §1.8: 中止 and the decision clock is [U]


def test_clock_behaviour_is_declared_on_the_parameter_not_in_code():
    answer = param("disclosure.answer_period", on=param_day())
    assert answer.mode_for("amendment").mode.value == "restart"
    assert answer.mode_for("consultation").mode.value == "pause"
    assert (
        param("reconsideration.acceptance_review", on=param_day()).mode_for("amendment").mode.value
        == "restart"
    )
    assert param("reconsideration.application_period", on=param_day()).mode_for("").mode.value == "pause"


def param_day():
    from datetime import date

    return date(2025, 6, 1)
