"""Text out of the file formats people keep plans in: .txt/.md in UTF-8, UTF-16 or GB18030/GBK
(detected, and logged), .docx paragraphs and tables (python-docx), and the text layer of PDFs (pypdf).

The extracted text is what the index keeps as the document's original, so
citations and offsets refer to it. PDF lines are rejoined into paragraphs:
a line that does not end a sentence runs on into the next one, unless the
next starts with a heading number (一、 (一) 1. 第一章 第一条).
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

log = logging.getLogger(__name__)

SENTENCE_ENDS = "。！？；：!?;:”」）)"
NUMBERED_START = re.compile(r"^(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、]|第[一二三四五六七八九十百\d]+[章节条部])")
READABLE_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


class UnreadableDocument(ValueError):
    """A file whose text cannot be read; the message names the file and why."""


BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


PLAIN_TEXT = re.compile(r"[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2000-\u206f]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE, whichever decodes to text that is almost all ASCII, CJK and their punctuation."""
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if text and len(PLAIN_TEXT.findall(text)) / len(text) > 0.9:
            return name
    return None


def text_encoding(data: bytes) -> str:
    """The encoding of a text file's bytes: a BOM's, else UTF-8, UTF-16 (NUL bytes in every other place) or
    GB18030 (a superset of GBK and GB2312), whichever decodes them without error."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    candidates = ["utf-8"] if b"\x00" not in data else [_utf16_without_bom(data)]
    for name in [*candidates, "gb18030"]:
        if name is None:
            continue
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return name
    raise UnicodeError("neither UTF-8, UTF-16 nor GB18030")


def read_text_file(path: Path) -> str:
    data = path.read_bytes()
    try:
        encoding = text_encoding(data)
    except UnicodeError as exc:
        raise UnreadableDocument(f"{path}: not text ({exc})") from exc
    text = data.decode(encoding)
    if "\x00" in text:
        raise UnreadableDocument(f"{path}: not text (it holds NUL characters: a binary file?)")
    log.info("%s: read as %s", path, encoding.removesuffix("-sig"))
    return text.replace("\r\n", "\n")


def read_docx(path: Path) -> str:
    """Paragraphs in order, then each table row as one line of cells."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise UnreadableDocument(f"{path}: not a readable .docx ({exc})") from exc
    lines = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        lines += ["　".join(cell.text.strip() for cell in row.cells) for row in table.rows]
    return "\n".join(line for line in lines if line)


def join_pdf_lines(lines: list[str]) -> str:
    """Lines of a PDF page rejoined into paragraphs."""
    paragraphs: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if paragraphs and not paragraphs[-1].endswith(tuple(SENTENCE_ENDS)) and not NUMBERED_START.match(line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    try:
        pages = [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    except Exception as exc:  # pypdf raises many kinds (PdfReadError, KeyError, TypeError…) on a damaged file
        raise UnreadableDocument(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    text = join_pdf_lines("\n".join(pages).replace("\x00", "").splitlines())
    if not text.strip():
        raise UnreadableDocument(f"{path}: the PDF has no text layer (a scan?); OCR it first")
    return text


def read_document(path: Path) -> str:
    """The text of one file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    return read_text_file(path)
