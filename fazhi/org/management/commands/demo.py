"""`fazhi demo`: build the demo jurisdiction from every app's manifest; safe to run again. It lives with
the organisations because the demo starts from them (agencies, accounts) and prints the accounts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fazhi.platform.manifests import all_manifests


class Command(BaseCommand):
    help = "建立示例市演示数据（可重复执行）并打印演示账号"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="仅当数据库中还没有任何单位时建立")

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        from fazhi.org.demo import USERS, read_accounts
        from fazhi.org.models import Agency  # every app's demo starts from the agencies

        if if_empty and Agency.objects.exists():
            self.stdout.write("数据库已有数据，未重新建立演示数据。")
            known = read_accounts()
            main = {username for username, *_ in USERS}
            if known:
                self._print_accounts([(name, "", "", password) for name, password in sorted(known.items())
                                      if name in main])
        else:
            accounts = None
            for manifest in sorted(all_manifests(), key=lambda m: m.demo_order):
                if manifest.demo is not None:
                    result = manifest.demo(stdout=self.stdout)
                    if manifest.app == "org":
                        accounts = result
            self.stdout.write(self.style.SUCCESS("演示数据已就绪：示例省 / 示例市（两县）"))
            if accounts:
                self._print_accounts(accounts)

    def _print_accounts(self, accounts: list[tuple[str, str, str, str]]) -> None:
        from fazhi.org.demo import staff_count, who_is_who

        self.stdout.write("演示账号（首次登录须修改初始密码）：")
        for username, full_name, role, password in accounts:
            self.stdout.write(f"  {role:<8}\t{username:<16}\t{full_name}\t初始密码：{password}".replace("\t\t", "\t"))
        staff = staff_count()
        if staff:
            self.stdout.write(f"另有各单位法制联络员（部门管理员）和法制审核人员共 {staff} 名，账号与初始密码见 "
                              "var/demo-accounts.txt")
        for line in who_is_who():
            self.stdout.write(line)
