"""`fazhi prescreen FILE [--json]` — the explainable pre-screen of a draft normative document
(see fazhi.prescreen.cli). It moves to the normative-documents app when that app exists."""

from fazhi.platform.commands import PassthroughCommand
from fazhi.prescreen.cli import prescreen_main


class Command(PassthroughCommand):
    help = "规范性文件草案智能预审：逐条标出需要关注的条款、规则编号、理由与法律依据"
    main = staticmethod(prescreen_main)
