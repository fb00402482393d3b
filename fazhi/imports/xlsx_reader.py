"""A lean streaming reader for the first sheet of an .xlsx file: rows of plain values.

openpyxl's read-only mode builds an object per cell and, for files without a ``<dimension>``,
scans the whole sheet first; at 200,000 rows that alone takes most of the time budget. This reads
the sheet XML once with lxml's iterparse, resolving shared strings, inline strings, numbers,
booleans and date-formatted numbers. Anything it does not understand raises ``ValueError``.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import from_excel

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _col_index(ref: str) -> int:
    index = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            index = index * 26 + ord(ch) - 64
        else:
            break
    return index - 1


def _text(element: Any) -> str:
    # <si>/<is> hold either <t> or rich-text runs <r><t>; phonetic <rPh> runs are not content.
    return "".join(t.text or "" for t in element.iter(f"{NS}t") if t.getparent().tag != f"{NS}rPh")


class XlsxReader:
    def __init__(self, source: str | IO[bytes]) -> None:
        self.zip = zipfile.ZipFile(source)
        self.sheet_path = self._first_sheet()
        self.strings = self._shared_strings()
        self.date_styles = self._date_styles()

    def close(self) -> None:
        self.zip.close()

    def _first_sheet(self) -> str:
        workbook = etree.fromstring(self.zip.read("xl/workbook.xml"))
        sheet = workbook.find(f"{NS}sheets/{NS}sheet")
        if sheet is None:
            raise ValueError("工作簿中没有工作表")
        rel_id = sheet.get(f"{REL_NS}id")
        rels = etree.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        for rel in rels.iter(f"{PKG_REL_NS}Relationship"):
            if rel.get("Id") == rel_id:
                target = rel.get("Target", "")
                return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        raise ValueError("找不到第一个工作表")

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.zip.namelist():
            return []
        strings: list[str] = []
        with self.zip.open("xl/sharedStrings.xml") as stream:
            for _, element in etree.iterparse(stream, tag=f"{NS}si"):
                strings.append(_text(element))
                element.clear()
        return strings

    def _date_styles(self) -> set[int]:
        if "xl/styles.xml" not in self.zip.namelist():
            return set()
        root = etree.fromstring(self.zip.read("xl/styles.xml"))
        custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in root.iter(f"{NS}numFmt")}
        xfs = root.find(f"{NS}cellXfs")
        dates: set[int] = set()
        for index, xf in enumerate(xfs if xfs is not None else []):
            fmt_id = int(xf.get("numFmtId", "0"))
            code = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id, "")
            if is_date_format(code) or 14 <= fmt_id <= 22 or 27 <= fmt_id <= 36 or 50 <= fmt_id <= 58:
                dates.add(index)
        return dates

    def rows(self) -> Iterator[tuple[Any, ...]]:
        strings, date_styles = self.strings, self.date_styles
        c_tag, v_tag, is_tag = f"{NS}c", f"{NS}v", f"{NS}is"
        expected = 0
        with self.zip.open(self.sheet_path) as stream:
            for _, row in etree.iterparse(stream, tag=f"{NS}row"):
                number = int(row.get("r") or expected + 1)
                while expected + 1 < number:  # rows skipped in the XML are empty rows
                    expected += 1
                    yield ()
                expected = number
                values: list[Any] = []
                for cell in row.iter(c_tag):
                    ref = cell.get("r")
                    if ref:
                        col = _col_index(ref)
                        if col > len(values):
                            values.extend([None] * (col - len(values)))
                    kind = cell.get("t", "n")
                    if kind == "inlineStr":
                        node = cell.find(is_tag)
                        values.append(_text(node) if node is not None else None)
                        continue
                    v = cell.find(v_tag)
                    raw = v.text if v is not None else None
                    if raw is None:
                        values.append(None)
                    elif kind == "s":
                        values.append(strings[int(raw)])
                    elif kind in ("str", "e"):
                        values.append(raw)
                    elif kind == "b":
                        values.append(raw == "1")
                    else:
                        number_value = float(raw)
                        style = int(cell.get("s", "0"))
                        if style in date_styles:
                            values.append(from_excel(number_value))
                        else:
                            values.append(int(number_value) if number_value.is_integer() and "." not in raw
                                          and "E" not in raw.upper() else number_value)
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]
                yield tuple(values)

    def estimated_rows(self) -> int:
        """Data rows announced by the sheet's <dimension>, 0 when absent (progress shows a count)."""
        with self.zip.open(self.sheet_path) as stream:
            for _, element in etree.iterparse(stream, events=("start",)):
                if element.tag == f"{NS}dimension":
                    ref = element.get("ref", "")
                    last = ref.split(":")[-1]
                    digits = "".join(ch for ch in last if ch.isdigit())
                    return max(int(digits) - 1, 0) if digits else 0
                if element.tag == f"{NS}sheetData":
                    return 0
        return 0
