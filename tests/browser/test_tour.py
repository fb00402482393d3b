"""The whole product as its people meet it, on the demo city: every page of each role's menu and every
portal page, in Chromium at desktop and phone width — a screenshot of each kept in
test-artifacts/screens/, axe-core (from npm) run on each with no serious or critical violation
allowed, no portal page wider than a phone, no badge, button or date broken one character per line at
1366, 1440 or 1920 px, and no English or debug text where a person reads.

One test, because the demo is built once (about a minute and a half): the figures it prints
(pages checked, violations by impact) are those recorded in docs/accessibility.md."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.org.models import User
from fazhi.platform.manifests import all_manifests
from fazhi.web.context import navigation
from tests.browser.conftest import ARTIFACTS
from tests.browser.session import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ROLES = ("leader", "deptadmin", "reviewer", "fuyi", "beian", "jiandu", "sysadmin", "auditor")
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}
# what must never reach a person: Django's debug and English pages, raw form placeholders
DEVELOPER_TEXT = re.compile(r"Traceback|Page not found|Server Error|URLconf|Select an option|None</td>|\bTrue\b|\bFalse\b")


# a badge, a button, a date or a heading drawn one character per line: narrower than two characters
# and taller than two lines
ONE_CHAR_PER_LINE = """() => { const out = [];
  for (const el of document.querySelectorAll('.badge, .light, .tag, button, .button, td.nowrap, .date, th')) {
    const text = (el.innerText || '').trim();
    if (text.length < 2 || el.offsetParent === null) continue;
    const size = parseFloat(getComputedStyle(el).fontSize), box = el.getBoundingClientRect();
    if (box.width < size * 1.6 && box.height > size * 2.2) out.push(text.slice(0, 12));
  }
  return out.slice(0, 5); }"""
DESKTOPS = (1366, 1920)  # besides the 1440 of the screenshots


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")


def _visit(page, url: str, shot: Path, *, portal: bool, figures: Counter, problems: list[str]) -> None:
    for width_name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{url} 答复 {response and response.status}"
        page.wait_for_load_state("load")
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot.with_name(f"{shot.name}-{width_name}.png")), full_page=True)
        text = page.inner_text("body")
        if DEVELOPER_TEXT.search(text):
            problems.append(f"{url}：页面含开发者文字 {DEVELOPER_TEXT.search(text).group(0)!r}")
        if width_name == "desktop":
            for wide in (width, *DESKTOPS):
                page.set_viewport_size({"width": wide, "height": height})
                if broken := page.evaluate(ONE_CHAR_PER_LINE):
                    problems.append(f"{url}：{wide}px 宽时文字逐字换行 {broken}")
            page.set_viewport_size({"width": width, "height": height})
            figures["pages"] += 1
            for violation in _axe(page):
                figures[violation["impact"]] += 1
                if violation["impact"] in {"serious", "critical"}:
                    problems.append(f"{url}：{violation['impact']} {violation['id']}（{violation['help']}）"
                                    f" {violation['nodes']}")
        elif portal:
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{url}：手机宽度下页面横向溢出 {overflow}px")


def test_every_menu_page_and_portal_page_at_desktop_and_phone_width(browser, live_server, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo")
    for user in User.objects.filter(username__in=ROLES):
        user.set_password(PASSWORD)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
    context = browser.new_context(locale="zh-CN", bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    page.set_default_timeout(30000)
    figures: Counter = Counter()
    problems: list[str] = []
    screens = ARTIFACTS / "screens"
    portal_pages = [reverse("portal:index")] + [reverse(e.url_name) for m in all_manifests() for e in m.portal]
    for path in portal_pages:
        _visit(page, live_server.url + path, screens / "portal" / path.strip("/").replace("/", "_"), portal=True,
               figures=figures, problems=problems)
    visited_roles = 0
    for username in ROLES:
        user = User.objects.get(username=username)
        page.context.clear_cookies()
        sign_in(page, live_server, username, wait=False)
        page.wait_for_load_state("load")
        menu = [item for section in navigation(user, "/") for item in section["items"]]
        assert menu, username
        for item in menu:
            name = item["url"].strip("/").replace("/", "_") or "home"
            _visit(page, live_server.url + item["url"], screens / username / name, portal=False, figures=figures,
                   problems=problems)
        visited_roles += 1
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps({"figures": figures, "problems": problems}, ensure_ascii=False,
                                                   indent=1), encoding="utf-8")
    print(f"\naxe-core：检查 {figures['pages']} 个页面（{visited_roles} 个角色的菜单页面和 {len(portal_pages)} 个门户页面），"
          f"违规 critical {figures['critical']}、serious {figures['serious']}、moderate {figures['moderate']}、"
          f"minor {figures['minor']}")
    assert visited_roles == len(ROLES) and figures["pages"] >= 60
    assert problems == []
