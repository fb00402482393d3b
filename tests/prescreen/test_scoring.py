"""The development set lives in <repo root>.parent/shared; these tests fail if it is missing."""

from __future__ import annotations

import io
import json

from fazhi.prescreen.scoring import DEV_FAMILIES, default_data_path, load_dev, main, score


def test_dev_set_present():
    path = default_data_path()
    assert path.exists(), f"development set missing: {path}"


def test_dev_set_precision_recall():
    rows = load_dev(default_data_path())
    assert len(rows) >= 40
    scores, errors = score(rows)
    for family in DEV_FAMILIES:
        s = scores[family]
        assert s.precision >= 0.9 and s.recall >= 0.9, (family, s, errors)


def test_scoring_cli_json():
    out = io.StringIO()
    assert main(["--json"], out) == 0
    data = json.loads(out.getvalue())
    assert set(data["families"]) == {*DEV_FAMILIES, "all"}
