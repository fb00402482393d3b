"""`fazhi deadline START N UNIT [--pause FROM:TO]... [--extend N UNIT] [--json]` — see fazhi.clock.cli."""

from fazhi.clock.cli import deadline_main
from fazhi.platform.commands import PassthroughCommand


class Command(PassthroughCommand):
    help = "计算法定期限届满日（起算日不计入；--pause 期间不计入；--extend 延长）"
    main = staticmethod(deadline_main)
