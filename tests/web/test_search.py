"""搜索: one box across modules, results grouped with totals, only what the user may see."""

from __future__ import annotations

from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.normdocs import services
from fazhi.org.roles import DataScope, RoleKind
from fazhi.platform.actors import SYSTEM
from tests.factories import make_user


def _draft(org, title, issuer):
    return services.document_create(actor=SYSTEM, issuer_id=issuer.pk, title=title, text=f"第一条 {title}。")


def test_results_are_grouped_by_module_with_totals_and_links(client, org):
    from tests.enforcement.factories import make_officer

    docs = [_draft(org, f"关于宅基地管理的规定{i}", org.a) for i in range(7)]
    officer = make_officer(org.a, name="宅基地专管员")
    client.force_login(make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW)))
    page = client.get(reverse("web:search"), {"q": "宅基地"}).content.decode()
    assert "共找到 8 条" in page
    assert "规范性文件 <span class=\"muted\">7 条</span>" in page and "执法人员 <span class=\"muted\">1 条</span>" in page
    # five hits shown per group, the rest behind 查看全部 — the module's list with the same words
    assert sum(f"/normdocs/{d.pk}/" in page for d in docs) == 5
    assert "查看全部 7 条规范性文件" in page and "/normdocs/?q=%E5%AE%85%E5%9F%BA%E5%9C%B0" in page
    assert f"/enforcement/officers/{officer.pk}/" in page
    assert "没有找到的：" in page and "合法性审核事项" in page.split("没有找到的：")[1]
    assert AuditEvent.objects.filter(code="search.run", object_repr="宅基地").count() == 1


def test_nothing_outside_the_scope_and_no_group_without_the_capability(client, org):
    _draft(org, "生态环境局的宅基地规定", org.b)
    mine = _draft(org, "市场监管局的宅基地规定", org.a)
    client.force_login(make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG)))
    page = client.get(reverse("web:search"), {"q": "宅基地"}).content.decode()
    assert "共找到 1 条" in page and f"/normdocs/{mine.pk}/" in page and "生态环境局的宅基地规定" not in page
    officer = make_user(org.a, (RoleKind.OFFICER, DataScope.ORG))
    client.force_login(officer)
    page = client.get(reverse("web:search"), {"q": "宅基地"}).content.decode()
    assert "规范性文件" not in page.split("共找到")[1] and "共找到 0 条" in page


def test_an_overlong_query_is_refused_in_chinese_and_an_empty_one_explains(client, org):
    client.force_login(make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG)))
    page = client.get(reverse("web:search"), {"q": "字" * 101}).content.decode()
    assert "搜索词不能超过 100 个字" in page and not AuditEvent.objects.filter(code="search.run").exists()
    assert "输入关键词" in client.get(reverse("web:search")).content.decode()
    assert 'action="/search/"' in client.get(reverse("web:home")).content.decode()
