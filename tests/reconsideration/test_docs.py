"""docs/reconsideration.md carries the diagrams generated from the declaration, not a drawing."""

from __future__ import annotations

from pathlib import Path

from fazhi.reconsideration.workflow import LITIGATION, RECONSIDERATION

DOC = Path(__file__).resolve().parents[2] / "docs" / "reconsideration.md"


def test_the_documented_state_diagrams_are_the_declared_ones():
    text = DOC.read_text(encoding="utf-8")
    assert RECONSIDERATION.diagram().strip() in text
    assert LITIGATION.diagram().strip() in text


def test_the_document_names_every_parameter_the_declared_clocks_use():
    text = DOC.read_text(encoding="utf-8")
    names = {n for flow in (RECONSIDERATION, LITIGATION) for clock in flow.clocks
             for n in (clock.params or (clock.param,))}
    for name in names:
        short = name.split(".", 1)[1]
        assert f"`{name}`" in text or short in text, name
