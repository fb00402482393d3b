"""Counts in official documents are written in Chinese numerals (十五日内, 三十日内)."""

from __future__ import annotations

import pytest

from fazhi.documents.official import chinese_number


@pytest.mark.parametrize(("n", "text"), [(0, "零"), (7, "七"), (10, "十"), (15, "十五"), (30, "三十"), (60, "六十"),
                                         (101, "一百零一"), (110, "一百一十"), (120, "一百二十"), (1000, "1000")])
def test_counts_read_as_an_official_writes_them(n, text):
    assert chinese_number(n) == text
