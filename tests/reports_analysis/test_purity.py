"""The text utilities and the analysis engine are pure Python: importing them loads no Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_text_and_report_analysis_import_without_django():
    code = (
        "import sys\n"
        "import fazhi.text, fazhi.reports.analysis, fazhi.reports.analysis.cli, fazhi.reports.analysis.scoring\n"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
