from __future__ import annotations

import io
import json

import docx

from fazhi.prescreen.cli import prescreen_main

DRAFT = [
    "示例县犬只管理暂行办法",
    "第一条 为加强犬只管理,制定本办法。",
    "第二条 饲养犬只的,应当取得县公安局核发的养犬许可证后方可饲养。",
    "第三条 违反本办法第二条规定的,处五百元罚款。",
    "第四条 本办法自2026年1月1日起施行。",
]


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = prescreen_main(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def test_txt_plain(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("\n".join(DRAFT), encoding="utf-8")
    code, out, err = run([str(path)])
    assert code == 0 and not err
    assert "发现 3 处问题" in out
    assert "[LIC-01]" in out and "[PEN-01]" in out and "[FORM-03]" in out
    assert "依据：《行政处罚法》第十六条" in out


def test_docx_json(tmp_path):
    document = docx.Document()
    for line in DRAFT:
        document.add_paragraph(line)
    path = tmp_path / "draft.docx"
    document.save(path)
    code, out, _ = run([str(path), "--json"])
    assert code == 0
    data = json.loads(out)
    assert {h["rule"] for h in data["hits"]} == {"LIC-01", "PEN-01", "FORM-03"}
    for hit in data["hits"]:
        assert set(hit) == {"family", "rule", "clause", "reason", "basis"}


def test_clean_document(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text(
        "示例县河道保洁办法\n第一条 县水利局负责河道保洁。\n第二条 本办法自2026年1月1日起施行。",
        encoding="utf-8",
    )
    code, out, _ = run([str(path)])
    assert code == 0 and "未发现问题" in out
    code, out, _ = run([str(path), "--json"])
    assert json.loads(out) == {"hits": []}


def test_bad_inputs(tmp_path):
    code, _, err = run([str(tmp_path / "missing.txt")])
    assert code == 2 and "文件不存在" in err
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    code, _, err = run([str(pdf)])
    assert code == 2 and "不支持" in err
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    code, _, err = run([str(broken)])
    assert code == 2 and "错误" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    code, _, err = run([str(empty)])
    assert code == 2 and "没有可读的文字" in err
    code, _, err = run([])
    assert code == 2 and "参数错误" in err


def test_stderr_defaults_to_stdout(tmp_path):
    out = io.StringIO()
    assert prescreen_main([str(tmp_path / "missing.txt")], out) == 2
    assert "文件不存在" in out.getvalue()
