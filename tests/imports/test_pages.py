"""The generic import pages: upload, dry run, job status with the row-by-row report, template, export."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.enforcement.models import Officer
from fazhi.imports.models import ImportJob
from fazhi.org.roles import DataScope, RoleKind
from tests.imports.test_officer_import import row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(org, make_user, settings, client):
    settings.FAZHI_IMPORT_IN_BACKGROUND = False
    user = make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW))
    client.force_login(user)
    return user


def _upload(client, content, dry_run=False):
    data = {"file": SimpleUploadedFile("人员.xlsx", content)}
    if dry_run:
        data["dry_run"] = "1"
    return client.post(reverse("enforcement:officer_import"), data, follow=True)


def test_bad_row_is_reported_nothing_imported_then_the_fixed_file_imports(client, admin):
    bad = xlsx([row(name="甲", cert="C1"), row(name="乙", cert="C2", issued="2025-05-01", expires="2025-01-01")])
    text = _upload(client, bad).content.decode()
    assert "校验未通过" in text and "第 3 行" in text and "有效期至早于发证日期" in text
    assert Officer.objects.count() == 0
    job = ImportJob.objects.get()
    assert job.content is None and job.state == "failed"
    good = xlsx([row(name="甲", cert="C1"), row(name="乙", cert="C2")])
    assert "试导入通过" in _upload(client, good, dry_run=True).content.decode()
    assert Officer.objects.count() == 0
    assert "导入成功" in _upload(client, good).content.decode()
    assert Officer.objects.count() == 2


def test_polling_returns_the_status_fragment_and_others_cannot_see_the_job(client, admin, org, make_user):
    _upload(client, xlsx([row()]))
    job = ImportJob.objects.get()
    fragment = client.get(reverse("imports:job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<section id="import-status"') and "hx-get" not in fragment
    client.force_login(make_user(org.a, (RoleKind.DEPT_ADMIN, DataScope.ORG_AND_BELOW)))
    assert client.get(reverse("imports:job", args=[job.pk])).status_code == 404


def test_non_xlsx_upload_is_refused_with_a_message(client, admin):
    response = client.post(reverse("enforcement:officer_import"), {"file": SimpleUploadedFile("a.csv", b"x")})
    assert "只支持 .xlsx 文件" in response.content.decode()


def test_template_and_export_download_as_xlsx(client, admin):
    response = client.get(reverse("imports:template", args=["enforcement.officers"]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).worksheets[0]["A1"].value == "姓名*"
    assert client.get(reverse("imports:export", args=["enforcement.officers"])).status_code == 200
    assert client.get(reverse("imports:template", args=["no.such"])).status_code == 404


def test_users_without_the_tables_capability_get_404(client, org, make_user):
    client.force_login(make_user(org.a, (RoleKind.OFFICER, DataScope.SELF)))
    assert client.get(reverse("imports:upload", args=["enforcement.officers"])).status_code == 404
    assert client.get(reverse("imports:export", args=["enforcement.officers"])).status_code == 404


def test_command_line_import_prints_the_errors_and_the_summary(tmp_path, org, capsys):
    from django.core.management import call_command

    path = tmp_path / "o.xlsx"
    path.write_bytes(xlsx([row(agency="不存在的局")]))
    with pytest.raises(SystemExit):
        call_command("import", "enforcement.officers", str(path))
    out = capsys.readouterr()
    assert "第 2 行\t所属单位" in out.out and "未导入任何数据" in out.out
    path.write_bytes(xlsx([row()]))
    call_command("import", "enforcement.officers", str(path))
    assert "导入成功" in capsys.readouterr().out and Officer.objects.count() == 1
