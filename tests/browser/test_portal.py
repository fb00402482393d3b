"""The public portal in Chromium as its visitors use it: a 审查建议 filled in and handed in with the
keyboard alone (Tab, typing, Enter) and its 回执 with the 查询码, printed alone; the 须知 and the required
marks seen on both forms; 大字版 making the text larger on every page, remembered from page to page, with
no page wider than a phone in either size."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.filingreview.conftest import make_doc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORM_ORDER = ["f-document", "f-document-name", "f-government", "f-content", "f-kind", "f-name", "f-contact"]


def _focused(page) -> str:
    return page.evaluate("document.activeElement ? (document.activeElement.id || document.activeElement.tagName) : ''")


def _tab_to(page, target: str, seen: list[str], limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(_focused(page))
        if seen[-1] == target:
            return
    raise AssertionError(f"Tab 键没有到达 {target}：{seen}")


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _marked(page, field_id: str) -> bool:
    """The label of the field shows the required mark (drawn after it by the style sheet)."""
    label = page.locator(f"label[for={field_id}]")
    return label.is_visible() and "*" in label.evaluate("e => getComputedStyle(e, '::after').content")


def _body_font(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")


def test_a_review_request_is_handed_in_with_the_keyboard_alone_and_its_receipt_printed(page, live_server, org):
    cache.clear()
    doc = make_doc(org.a)
    page.goto(live_server.url + "/portal/filingreview/")
    assert page.get_by_role("heading", name="提交须知").is_visible()
    assert page.get_by_text("为必填项").is_visible()
    assert _marked(page, "f-content") and not _marked(page, "f-document-name")

    seen: list[str] = []
    _tab_to(page, "f-document", seen)
    page.keyboard.press("ArrowDown")  # the first document of the library
    assert page.locator("#f-document").input_value() == str(doc.pk)
    for expected in FORM_ORDER[1:4]:  # the fields follow in the order they are read
        page.keyboard.press("Tab")
        assert _focused(page) == expected
    page.keyboard.type("第二条要求提交营业执照复印件，没有法律依据。")
    page.keyboard.press("Tab")
    assert _focused(page) == "f-kind"  # 公民, as chosen already
    page.keyboard.press("Tab")
    assert _focused(page) == "f-name"
    outline = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    assert outline[0] != "none" and outline[1] >= 2  # the focus can be seen
    page.keyboard.type("张明")
    page.keyboard.press("Tab")
    assert _focused(page) == "f-contact"
    page.keyboard.type("13800001234")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="审查建议已提交").wait_for()
    receipt = page.locator("section.receipt")
    assert receipt.get_by_role("heading", name="审查建议回执").is_visible()
    code = page.locator("#tracking-code").inner_text().strip()
    assert len(code) == 12
    text = receipt.inner_text()
    assert "查询码" in text and "提交时间" in text and "张*" in text and doc.title in text
    assert "张明" not in page.content() and "13800001234" not in page.content()
    button = page.get_by_role("button", name="打印回执")
    assert button.is_visible()  # the script shows it: printing needs it
    page.emulate_media(media="print")
    assert receipt.is_visible() and code in receipt.inner_text()
    assert not page.locator(".portal-head").is_visible() and not page.locator(".portal-foot").is_visible()
    assert not button.is_visible() and not page.get_by_role("heading", name="审查建议已提交").is_visible()


def test_both_forms_show_their_guide_and_mark_what_is_required(page, live_server, org):
    page.goto(live_server.url + "/portal/reconsideration/")
    assert page.get_by_role("heading", name="申请须知").is_visible()
    assert "《中华人民共和国行政复议法》" in page.locator("section.guide").inner_text()
    assert page.get_by_text("为必填项").is_visible()
    assert _marked(page, "id_applicant_name") and not _marked(page, "id_applicant_address")
    # the mark is not read out as part of the name: the label names the field as before
    name = page.get_by_label("申请人姓名或名称", exact=True)
    assert name.get_attribute("aria-required") == "true" and name.get_attribute("required") is not None
    assert page.get_by_label("联系电话", exact=True).count() == 1
    page.goto(live_server.url + "/portal/filingreview/")
    assert page.get_by_label("联系方式", exact=True).get_attribute("aria-required") == "true"
    assert _marked(page, "f-name")


def test_large_text_makes_every_page_larger_and_keeps_it_within_a_phone(page, live_server, org):
    page.set_viewport_size({"width": 390, "height": 844})
    paths = ["/portal/", "/portal/filingreview/", "/portal/reconsideration/", "/portal/search/?q=规定",
             "/portal/normdocs/", "/portal/enforcement/powers/"]
    normal = {}
    for path in paths:
        page.goto(live_server.url + path)
        normal[path] = _body_font(page)
        assert _overflow(page) <= 0, f"{path} 标准字号下横向溢出"
    page.goto(live_server.url + "/portal/")
    page.get_by_role("button", name="大字版").click()
    assert page.evaluate("document.documentElement.classList.contains('font-large')")
    for path in paths:  # the choice is kept from page to page
        page.goto(live_server.url + path)
        assert _body_font(page) >= normal[path] * 1.2, path
        assert _overflow(page) <= 0, f"{path} 大字版下横向溢出"
    page.get_by_role("button", name="标准版").click()
    assert _body_font(page) == normal[paths[-1]]
    page.reload()
    assert _body_font(page) == normal[paths[-1]]
