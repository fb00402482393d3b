"""The clock and law core stay pure Python: no Django, and their examples run."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

import fazhi.clock
import fazhi.law
import fazhi.law.store

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_core_and_its_commands_imports_no_django():
    code = (
        "import sys, fazhi.clock, fazhi.law, fazhi.clock.cli, fazhi.law.cli, fazhi.clock.reference;"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "assert not bad, bad"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", [fazhi.clock, fazhi.law, fazhi.law.store], ids=lambda m: m.__name__)
def test_the_documented_examples_run(module):
    failures, tried = doctest.testmod(module, verbose=False)
    assert tried > 0 and failures == 0
