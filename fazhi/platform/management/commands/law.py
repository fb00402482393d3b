"""`fazhi law show NAME [--on DATE] [--jurisdiction CODE]` and `fazhi law check` — see fazhi.law.cli."""

from fazhi.law.cli import law_main
from fazhi.platform.commands import PassthroughCommand


class Command(PassthroughCommand):
    help = "查询在某日、某行政区划有效的法律参数（show），或校验全部参数文件（check）"
    main = staticmethod(law_main)
