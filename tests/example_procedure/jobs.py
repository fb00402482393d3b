from __future__ import annotations

from datetime import date

from fazhi.platform.actors import DAILY

from .models import State, Suggestion
from .workflow import SUGGESTION

# a switch the tests flip to prove that one failing daily job does not stop the others
FAIL = {"now": False}


def lapse(on: date) -> str:
    if FAIL["now"]:
        raise RuntimeError("示例任务按测试要求失败")
    done = 0
    for pk in Suggestion.objects.filter(state=State.ANSWERED).values_list("pk", flat=True):
        SUGGESTION.run(DAILY, pk, "lapse", on=on)
        done += 1
    return f"逾期自动办结 {done} 件"
