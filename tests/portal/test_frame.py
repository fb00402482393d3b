"""The portal's frame on every page: the footer a government website shows (主办单位, 网站标识码, the two
备案号 linked to their registers …) from the deployment settings, a line left empty not shown; and a home
page that promises only the sections the installed procedures register."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fazhi.platform.manifests import all_manifests

pytestmark = pytest.mark.django_db

FOOTER = {
    "FAZHI_PORTAL_SPONSOR": "示例市人民政府办公室",
    "FAZHI_PORTAL_UNDERTAKER": "示例市司法局",
    "FAZHI_PORTAL_SITE_CODE": "1301000001",
    "FAZHI_PORTAL_ICP": "冀ICP备12345678号",
    "FAZHI_PORTAL_PSB": "冀公网安备 13010202000001号",
    "FAZHI_PORTAL_CONTACT": "电话 0311-12345678",
}
LABELS = ("主办单位", "承办单位", "网站标识码", "ICP备案号", "公安机关备案号", "联系方式")


def _footer(client, path: str = "/portal/") -> str:
    page = client.get(path).content.decode()
    return page.split('<footer class="portal-foot">', 1)[1]


def test_the_footer_shows_each_configured_line_and_links_the_two_registers(client, settings):
    for name, value in FOOTER.items():
        setattr(settings, name, value)
    footer = _footer(client)
    for label, value in zip(LABELS, FOOTER.values(), strict=True):
        assert f"{label}：" in footer and value in footer
    assert '<a href="https://beian.miit.gov.cn/"' in footer
    assert ('href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=13010202000001"' in footer)
    # on every portal page, also those of the procedures
    assert "冀ICP备12345678号" in _footer(client, reverse("portal_filingreview:submit"))


def test_a_line_not_configured_is_not_shown(client, settings):
    for name in FOOTER:
        setattr(settings, name, "")
    settings.FAZHI_PORTAL_SPONSOR = "示例市人民政府办公室"
    footer = _footer(client)
    assert "主办单位：示例市人民政府办公室" in footer
    for label in LABELS[1:]:
        assert f"{label}：" not in footer
    assert "beian" not in footer
    settings.FAZHI_PORTAL_SPONSOR = ""
    assert "site-identity" not in _footer(client)


def test_the_home_page_promises_only_the_sections_registered(client):
    page = client.get(reverse("portal:index")).content.decode()
    entries = [e for m in all_manifests() for e in m.portal]
    intro = re.search(r'<p class="portal-intro">(.*?)</p>', page, re.S).group(1)
    assert entries and f"本门户设有以下 {len(entries)} 个栏目" in intro
    tiles = re.findall(r'<a class="portal-tile" href="([^"]+)"><strong>([^<]+)</strong>', page)
    assert tiles == [(reverse(e.url_name), e.label) for e in entries]
    for missing in ("重大行政决策", "执法决定", "政府信息公开"):  # no procedure publishes them yet
        assert missing not in page


def test_the_header_has_the_site_search_and_the_large_text_switch(client):
    page = client.get(reverse("portal:index")).content.decode()
    assert f'action="{reverse("portal:search")}"' in page and 'maxlength="100"' in page
    assert 'class="font-toggle" href="?font=large">大字版<' in page and "<html lang=\"zh-CN\">" in page
    large = client.get(reverse("portal:index"), {"font": "large"}).content.decode()
    assert '<html lang="zh-CN" class="font-large">' in large  # without script: the address asks for it
    assert 'href="?font=normal">标准版<' in large
    assert "<script src=" in page and "<script>" not in page and "style=" not in page  # CSP: no inline
