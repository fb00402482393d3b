"""Text extraction from .txt, .docx and .pdf, keeping paragraphs and heading hints.

Errors are raised as :class:`ExtractionError` with a Chinese message meant for the person who
uploaded the file.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.text import clean_text

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ExtractedText",
    "ExtractionError",
    "HeadingHint",
    "collect_inputs",
    "extract_bytes",
    "extract_path",
]

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")


class ExtractionError(Exception):
    """A file that cannot be read; ``message`` is Chinese and names the file."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class HeadingHint:
    """A paragraph the source marks as a heading (Word style, outline level or auto-numbering)."""

    start: int
    end: int
    level: int


@dataclass(slots=True)
class ExtractedText:
    text: str
    source_format: str
    heading_hints: list[HeadingHint] = field(default_factory=list)


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders (recursively) into the supported files they hold, in a stable order.

    Paths that do not exist or have an unsupported suffix are returned as given, so that the
    caller reports them (one bad path never hides the others).
    """
    out: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith(("~$", "."))
            ]
            out.extend(found)
        else:
            out.append(path)
    return out


def extract_path(path: Path) -> ExtractedText:
    """Read one file. Raises :class:`ExtractionError` with a Chinese message."""
    name = str(path)
    if not path.exists():
        raise ExtractionError(name, "文件不存在")
    if path.is_dir():
        raise ExtractionError(name, "这是一个文件夹，不是文件")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(name, f"无法读取文件（{exc.strerror or exc}）") from exc
    return extract_bytes(data, path.name, display_name=name)


def extract_bytes(data: bytes, filename: str, *, display_name: str | None = None) -> ExtractedText:
    """Read an uploaded file's bytes; the format is chosen by the file name's suffix."""
    name = display_name or filename
    suffix = Path(filename).suffix.lower()
    if suffix == ".txt":
        return ExtractedText(clean_text(_decode_text(data, name)), "txt")
    if suffix == ".docx":
        return _docx(data, name)
    if suffix == ".pdf":
        return _pdf(data, name)
    if suffix in (".doc", ".wps"):
        raise ExtractionError(name, f"不支持 {suffix} 格式，请在 Word/WPS 中另存为 .docx 后再上传")
    shown = suffix or "（无扩展名）"
    raise ExtractionError(name, f"不支持的文件格式 {shown}，只能分析 .txt、.docx 和 .pdf 文件")


def _decode_text(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ExtractionError(name, "这不是文本文件（含有二进制内容），请检查文件格式")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ExtractionError(name, "无法识别文本编码（既不是 UTF-8 也不是 GBK/GB18030）") from exc


_HEADING_STYLE = re.compile(r"(?i)^(heading|标题)\s*(\d)")


_OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")


def _docx(data: bytes, name: str) -> ExtractedText:
    import io

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise ExtractionError(name, "缺少 python-docx，无法读取 .docx") from exc
    if data.startswith(_OLE_SIGNATURE):
        # an encrypted .docx is stored as an OLE compound file, as is a legacy .doc renamed to .docx
        raise ExtractionError(name, "无法读取 Word 文件：文件设置了打开密码（已加密），或是旧版 .doc 格式；"
                                    "请取消密码并另存为 .docx 后再上传")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ExtractionError(name, "无法读取 Word 文件：文件已损坏，或不是真正的 .docx 格式") from exc
    except Exception as exc:  # lxml and zip errors of damaged packages vary
        raise ExtractionError(name, f"无法读取 Word 文件：文件已损坏（{type(exc).__name__}）") from exc

    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    hints: list[HeadingHint] = []
    offset = 0

    def add(line: str, level: int | None) -> None:
        nonlocal offset
        line = line.replace("\n", " ").replace("\x0b", " ").strip()
        if not line:
            return
        if level is not None:
            hints.append(HeadingHint(offset, offset + len(line), level))
        lines.append(line)
        offset += len(line) + 1

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            add(paragraph.text, _docx_heading_level(paragraph))
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip().replace("\n", " ")
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                add("\t".join(cells), None)
    return ExtractedText(clean_text("\n".join(lines)), "docx", hints)


def _docx_heading_level(paragraph: object) -> int | None:
    style = getattr(getattr(paragraph, "style", None), "name", "") or ""
    m = _HEADING_STYLE.match(style)
    if m:
        return int(m.group(2))
    if style.lower() == "title":
        return 0
    ppr = paragraph._p.pPr  # type: ignore[attr-defined]
    if ppr is None:
        return None
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    outline = ppr.find(f"{ns}outlineLvl")
    if outline is not None:
        try:
            return int(outline.get(f"{ns}val", "0")) + 1
        except ValueError:
            return None
    return None


_PAGE_LINE = re.compile(
    r"^\s*(?:[-—]\s*\d{1,4}\s*[-—]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?)\s*$"
)
_LINE_END = "。!?;:！？；：”」)》"
_MARKER_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+[章部节条])"
)


def _pdf(data: bytes, name: str) -> ExtractedText:
    import io

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise ExtractionError(name, "缺少 pypdf，无法读取 .pdf") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(name, "PDF 文件已加密，无法读取，请提供未加密的文件")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractionError(name, "无法读取 PDF 文件：文件已损坏，或不是 PDF 格式") from exc
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        raise ExtractionError(name, f"无法读取 PDF 文件：文件已损坏（{type(exc).__name__}）") from exc
    if not "".join(pages).strip():
        raise ExtractionError(name, "PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）")
    return ExtractedText(clean_text(reflow_pdf_pages(pages)), "pdf")


def reflow_pdf_pages(pages: list[str]) -> str:
    """Join the hard-wrapped lines of PDF pages back into paragraphs.

    A line break is kept where a sentence or heading ends (the line ends with 。；： etc. or the
    next line starts with a heading marker); elsewhere the line is continued. Lines holding only a
    page number ("3", "- 3 -", "第3页 共9页") are dropped.
    """
    lines: list[str] = []
    for page in pages:
        for line in page.splitlines():
            if _PAGE_LINE.match(line):
                continue
            if line.strip():
                lines.append(line.strip())
    lengths = sorted(len(line) for line in lines if len(line) >= 10)
    full = lengths[len(lengths) // 2] if lengths else 0
    out: list[str] = []
    previous_length = 0
    for line in lines:
        wrapped = previous_length >= 0.85 * full  # a short line ends its paragraph
        previous_length = len(line)
        if out and wrapped and not out[-1].endswith(tuple(_LINE_END)) and not _MARKER_START.match(line):
            prev = out[-1]
            # Latin words and numbers keep a space; Chinese runs on.
            joiner = " " if prev[-1:].isascii() and line[:1].isascii() and prev[-1:].isalnum() else ""
            out[-1] = prev + joiner + line
        else:
            out.append(line)
    return "\n".join(out)
