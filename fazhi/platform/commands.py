"""Commands whose logic lives in a Django-free core: the management command only hands over argv."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import IO, Any

from django.core.management.base import BaseCommand


class PassthroughCommand(BaseCommand):
    """Runs ``main(argv, stdout) -> exit code`` with the arguments after the command name, so the
    core's own argparse (and its Chinese messages) is what the user sees."""

    main: Callable[[list[str], IO[str]], int]

    def run_from_argv(self, argv: list[str]) -> None:
        code = type(self).main(argv[2:], sys.stdout)
        if code:
            sys.exit(code)

    def handle(self, *args: Any, **options: Any) -> None:  # call_command() path
        code = type(self).main(list(args), self.stdout)
        if code:
            sys.exit(code)

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("args", nargs="*")
        return parser
