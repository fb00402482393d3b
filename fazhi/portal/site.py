"""What identifies the portal as a government website (《政府网站发展指引》, 国办发〔2017〕47号): the
footer lines a deployment configures (主办单位, 承办单位, 网站标识码, ICP备案号, 公安机关备案号, 联系方式),
each shown only when set, the two 备案号 linked to the registers where a visitor can check them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings

ICP_REGISTER = "https://beian.miit.gov.cn/"
PSB_REGISTER = "http://www.beian.gov.cn/portal/registerSystemInfo"


@dataclass(frozen=True)
class FooterLine:
    label: str
    value: str
    url: str = ""


def _setting(name: str) -> str:
    return str(getattr(settings, name, "") or "").strip()


def psb_register_url(number: str) -> str:
    """The 全国互联网安全管理服务平台 page of a 公安机关备案号 (its record code is the number's digits)."""
    digits = "".join(re.findall(r"\d", number))
    return f"{PSB_REGISTER}?{urlencode({'recordcode': digits})}" if digits else PSB_REGISTER


def footer_lines() -> list[FooterLine]:
    """The configured lines in the order government websites show them; empty settings are left out."""
    lines = [
        FooterLine("主办单位", _setting("FAZHI_PORTAL_SPONSOR")),
        FooterLine("承办单位", _setting("FAZHI_PORTAL_UNDERTAKER")),
        FooterLine("网站标识码", _setting("FAZHI_PORTAL_SITE_CODE")),
        FooterLine("ICP备案号", _setting("FAZHI_PORTAL_ICP"), ICP_REGISTER),
        FooterLine("公安机关备案号", _setting("FAZHI_PORTAL_PSB")),
        FooterLine("联系方式", _setting("FAZHI_PORTAL_CONTACT")),
    ]
    return [FooterLine(line.label, line.value, psb_register_url(line.value)) if line.label == "公安机关备案号"
            else line for line in lines if line.value]
