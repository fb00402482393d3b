"""Irreversible steps ask before they act: every transition a person makes into a final state of its
procedure (公布 of a clean-up, 废止, 宣布失效, 办结 of a case or a request …) declares the confirmation the
page shows, and those that end a normative document's force also need a written reason. Read off the
declarations, so a procedure added later is held to the same rule."""

from __future__ import annotations

import pytest

from fazhi.platform.manifests import workflows
from fazhi.workflow.engine import SYSTEM

# the steps that end a normative document's force (行政规范性文件 loses effect: 废止, 宣布失效)
ENDS_FORCE = {("normdocs", "repeal"), ("normdocs", "declare_invalid")}
# irreversible steps that do not end their procedure: after 统一公布 the text is fixed (a change needs a
# new amending document); a clean-up's 公布 ends the force of the documents it repeals
IRREVERSIBLE = {("normdocs", "publish"), ("cleanup", "publish"), ("legalreview", "decide")}


def _person_steps_into_final():
    for wf in workflows().values():
        for t in wf.transitions:
            if t.target in wf.final and t.permission != SYSTEM:
                yield wf, t


def test_some_procedures_have_final_states():
    assert len(list(_person_steps_into_final())) >= 10


@pytest.mark.parametrize("wf,t", [pytest.param(wf, t, id=f"{wf.name}.{t.name}")
                                  for wf, t in _person_steps_into_final()])
def test_a_step_into_a_final_state_asks_for_confirmation(wf, t):
    assert t.confirm.strip().endswith("？"), f"{wf.name}.{t.name}（{t.label}）没有确认提示"


@pytest.mark.parametrize("key", sorted(ENDS_FORCE))
def test_steps_that_end_a_documents_force_need_a_reason(key):
    wf = workflows()[key[0]]
    t = next(t for t in wf.transitions if t.name == key[1])
    assert t.reason_required and t.confirm and "reason" in t.inputs.base_fields


@pytest.mark.parametrize("key", sorted(IRREVERSIBLE))
def test_other_irreversible_steps_ask_for_confirmation(key):
    wf = workflows()[key[0]]
    t = next(t for t in wf.transitions if t.name == key[1])
    assert t.confirm.strip().endswith("？")
