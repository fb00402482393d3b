"""行政复议 (Reconsideration) and 行政应诉 (Litigation): one inbox, statutory clocks, decisions,
per-case reminders and monthly bulletins. The 2023 行政复议法 (in force 2024-01-01) is the authority."""
