"""Lookups by date and jurisdiction, deployment directories, the default registry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fazhi.law import LawDataError, LawLookupError, ancestors, configure, load_registry, param, registry
from fazhi.law.store import ENV_DIRS

FIXTURES = Path(__file__).parent / "fixtures" / "deployment"
D = date


@pytest.fixture(scope="module")
def deployed():
    loaded, problems = load_registry([FIXTURES])
    assert problems == []
    return loaded


def test_gb_t_2260_ancestors_run_county_city_province():
    assert ancestors("110105") == ["110105", "110100", "110000"]
    assert ancestors("440300") == ["440300", "440000"]
    assert ancestors(440000) == ["440000"]
    with pytest.raises(LawLookupError, match="行政区划代码错误"):
        ancestors("11010")


def test_a_county_inherits_its_provinces_override(deployed):
    value = deployed.param("normative_document.filing_period", on=D(2025, 6, 1), jurisdiction="990105")
    assert value.value == 15 and value.jurisdiction == "990000"
    assert "虚构" in value.reference.law
    assert value.source.endswith("deployment/normative_document/filing_period.yaml:5")


def test_a_citys_own_override_wins_over_the_province_from_its_effective_date(deployed):
    before = deployed.param("normative_document.filing_period", on=D(2025, 12, 31), jurisdiction="990102")
    after = deployed.param("normative_document.filing_period", on=D(2026, 1, 1), jurisdiction="990102")
    assert (before.value, before.unit.value, before.jurisdiction) == (15, "days", "990000")
    assert (after.value, after.unit.value, after.jurisdiction) == (10, "working_days", "990100")


def test_an_override_not_yet_in_force_falls_back_to_the_national_value(deployed):
    value = deployed.param("normative_document.filing_period", on=D(2024, 12, 1), jurisdiction="990105")
    assert value.value == 30 and value.jurisdiction == "national"


def test_other_jurisdictions_and_no_jurisdiction_get_the_national_value(deployed):
    assert (
        deployed.param("normative_document.filing_period", on=D(2025, 6, 1), jurisdiction="110105").value
        == 30
    )
    assert deployed.param("normative_document.filing_period", on=D(2025, 6, 1)).jurisdiction == "national"


def test_a_deployment_can_add_a_parameter_of_its_own(deployed):
    assert deployed.param("local.inspection_notice", on=D(2025, 6, 1)).value == 3


def test_the_default_registry_reads_deployment_directories_from_the_environment(monkeypatch):
    monkeypatch.setenv(ENV_DIRS, str(FIXTURES))
    try:
        reg = configure(None)
        assert "local.inspection_notice" in reg
        assert param("normative_document.filing_period", on=D(2025, 6, 1), jurisdiction="990105").value == 15
    finally:
        monkeypatch.delenv(ENV_DIRS)
        configure(None)
    assert "local.inspection_notice" not in registry()


def test_configure_refuses_to_start_with_malformed_files(tmp_path: Path):
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "bad.yaml").write_text(
        "description: x\nunit: weeks\nvalues: {}\n", encoding="utf-8"
    )
    try:
        with pytest.raises(LawDataError, match=r"bad\.yaml:2"):
            configure([tmp_path])
    finally:
        configure(None)


def test_unknown_names_are_a_lookup_error_with_a_hint():
    with pytest.raises(LawLookupError, match=r"reconsideration\.acceptance_review"):
        param("acceptance_review", on=D(2025, 1, 1))


def test_param_value_serialises_with_its_source():
    data = param("reconsideration.acceptance_review", on=D(2025, 9, 26), jurisdiction="110105").to_dict()
    assert data["value"] == 5 and data["unit"] == "working_days" and data["provisional"] is False
    assert data["reference"]["article"] == "第三十条第一款"
    assert data["source"].startswith("fazhi/law/params/reconsideration/acceptance_review.yaml:")
