"""The prune cut-off counts months like every other period: the corresponding day, or the month's last
day (民法典 第二百零二条, fazhi.clock.months_later), then one day of margin."""

from __future__ import annotations

from datetime import UTC, datetime

from fazhi.audit import retention


def test_the_cutoff_is_the_corresponding_day_six_months_back_less_a_day(settings):
    settings.FAZHI_AUDIT_RETENTION_MONTHS = 1  # below the floor: the six months of 网络安全法 第二十一条 win
    # 2026-09-30 → 2026-03-30 (the corresponding day), less the margin day: 03-29 (the old arithmetic
    # clamped every day to the 28th and cut at 03-27)
    assert retention.prune_cutoff(datetime(2026, 9, 30, 12, tzinfo=UTC)) == datetime(2026, 3, 29, 12, tzinfo=UTC)
    # 2026-08-31 → no 31 February: the month's last day 02-28, less a day
    assert retention.prune_cutoff(datetime(2026, 8, 31, 12, tzinfo=UTC)) == datetime(2026, 2, 27, 12, tzinfo=UTC)


def test_a_longer_deployment_retention_counts_back_across_the_year(settings):
    settings.FAZHI_AUDIT_RETENTION_MONTHS = 18
    assert retention.prune_cutoff(datetime(2026, 5, 31, 8, tzinfo=UTC)) == datetime(2024, 11, 29, 8, tzinfo=UTC)
