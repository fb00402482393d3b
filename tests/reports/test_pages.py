"""The report-review pages: upload a batch, see the checks, follow a figure to its quote."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.org.roles import DataScope, RoleKind
from fazhi.reports import services
from fazhi.reports.models import SubmittedReport
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

REPORT_2023 = """示例市民政局2023年法治政府建设年度报告

一、主要举措和成效
（一）加强规范性文件管理。全年审核规范性文件12件，提出审查意见30条，报送备案12件。
（二）推进严格规范公正文明执法。全局共有34人持有行政执法证，组织执法人员培训120人次。
（三）依法化解矛盾纠纷。全年收到行政复议申请15件，受理12件，审结10件。
二、存在的不足和原因
执法人员业务能力有待提高，主要原因是培训不够系统。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人带头学法，主持召开专题会议4次，研究部署法治建设工作。
四、2024年主要安排
继续加强规范性文件审核，提升执法水平。
五、其他需要报告的情况
无。
"""


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _reviewer(org):
    return make_user(org.government, (RoleKind.LEGAL_REVIEWER, DataScope.ORG_AND_BELOW))


def test_upload_a_batch_and_see_sections_figures_and_quotes(client, org):
    client.force_login(_reviewer(org))
    upload = SimpleUploadedFile("民政局2023.docx", _docx_bytes(REPORT_2023))
    response = client.post(reverse("reports:batches"), {"files": [upload], "name": "2023年度报送", "year": 2023},
                           follow=True)
    page = response.content.decode()
    assert "2023年度报送" in page and "民政局" in page
    report = SubmittedReport.objects.get()
    assert set(report.result["sections_present"]) == {"main_measures", "shortcomings", "primary_leader_duties",
                                                     "next_year_plan", "other_matters"}
    detail = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    indicators = {m["indicator"] for m in report.result["metrics"]}
    assert {"reconsideration_received", "reconsideration_accepted", "reconsideration_closed"} <= indicators
    first = report.result["metrics"][0]
    assert 'href="#m-0"' in detail and 'id="m-0"' in detail
    assert report.text[first["start"]:first["end"]] in detail
    assert AuditEvent.objects.filter(code="reports.batch_upload").exists()


def test_a_copy_of_last_years_report_is_flagged_as_earlier(client, org):
    reviewer = _reviewer(org)
    services.report_batch_upload(actor=reviewer, files=[services.Upload("2023.txt", REPORT_2023.encode())])
    copied = REPORT_2023.replace("2023年", "2024年").replace("2024年主要安排", "2025年主要安排")
    batch = services.report_batch_upload(actor=reviewer, files=[services.Upload("2024.txt", copied.encode())])
    report = SubmittedReport.objects.get(batch=batch)
    kinds = {d["kind"] for d in report.result["duplicates"]}
    assert "earlier" in kinds
    best = max(d["similarity"] for d in report.result["duplicates"])
    assert best > 0.8


def test_one_unreadable_file_is_reported_and_the_others_are_analysed(org):
    reviewer = _reviewer(org)
    batch = services.report_batch_upload(actor=reviewer, files=[
        services.Upload("good.txt", REPORT_2023.encode()),
        services.Upload("broken.docx", b"PK\x03\x04 this is not a real docx"),
    ])
    rows = {r.file_name: r for r in SubmittedReport.objects.filter(batch=batch)}
    assert rows["broken.docx"].error and not rows["broken.docx"].text
    assert rows["good.txt"].result["metrics"]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("report.exe", b"MZ", "格式不支持"),
    ("empty.txt", b"", "空文件"),
])
def test_bad_uploads_get_a_chinese_error_and_nothing_is_stored(client, org, name, content, message):
    client.force_login(_reviewer(org))
    response = client.post(reverse("reports:batches"), {"files": [SimpleUploadedFile(name, content)]})
    assert message in response.content.decode()
    assert not SubmittedReport.objects.exists()


def test_another_agency_cannot_open_the_batch_or_the_report(client, org):
    reviewer_a = make_user(org.a, (RoleKind.LEGAL_REVIEWER, DataScope.ORG))
    batch = services.report_batch_upload(actor=reviewer_a, files=[services.Upload("a.txt", REPORT_2023.encode())])
    report = SubmittedReport.objects.get(batch=batch)
    client.force_login(make_user(org.b, (RoleKind.LEGAL_REVIEWER, DataScope.ORG)))
    assert client.get(reverse("reports:batch", args=[batch.pk])).status_code == 404
    assert client.get(reverse("reports:report", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:batch_xlsx", args=[batch.pk])).status_code == 404
    client.force_login(make_user(org.a, (RoleKind.OFFICER, DataScope.ALL)))
    assert client.get(reverse("reports:batches")).status_code == 404


def test_comparison_workbook_downloads_and_is_audited(client, org):
    import openpyxl

    reviewer = _reviewer(org)
    batch = services.report_batch_upload(actor=reviewer, files=[services.Upload("a.txt", REPORT_2023.encode())])
    client.force_login(reviewer)
    response = client.get(reverse("reports:batch_xlsx", args=[batch.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("12" in c for c in cells)
    assert AuditEvent.objects.filter(code="reports.export", object_id=str(batch.pk)).exists()


def test_the_traditional_script_seed_uploads_and_keeps_its_script(client, org):
    seed = SHARED / "seeds" / "004_6e13049146f2e0fc.txt"
    reviewer = _reviewer(org)
    batch = services.report_batch_upload(actor=reviewer, files=[services.Upload(seed.name, seed.read_bytes())])
    report = SubmittedReport.objects.get(batch=batch)
    assert "計劃" in report.text
    assert "next_year_plan" in report.result["sections_present"]


def test_the_comparison_groups_indicators_by_family_and_writes_large_figures_as_chinese_do(client, org):
    reviewer = _reviewer(org)
    big = REPORT_2023.replace("组织执法人员培训120人次", "组织执法人员培训4700000人次")
    batch = services.report_batch_upload(actor=reviewer, files=[services.Upload("2023.txt", big.encode())])
    client.force_login(reviewer)
    page = client.get(reverse("reports:batch", args=[batch.pk])).content.decode()
    assert 'scope="colgroup" class="group">规范性文件</th>' in page and 'class="group">行政复议</th>' in page
    assert "470万" in page and "e+06" not in page
    report = SubmittedReport.objects.get(batch=batch)
    assert "470万" in client.get(reverse("reports:report", args=[report.pk])).content.decode()
