"""Text out of the file formats people keep plans in: .txt/.md as they are, .docx paragraphs and
tables (python-docx), and the text layer of PDFs (pypdf).

The extracted text is what the index keeps as the document's original, so
citations and offsets refer to it. PDF lines are rejoined into paragraphs:
a line that does not end a sentence runs on into the next one, unless the
next starts with a heading number (一、 (一) 1. 第一章 第一条).
"""

from __future__ import annotations

import re
from pathlib import Path

SENTENCE_ENDS = "。！？；：!?;:”」）)"
NUMBERED_START = re.compile(r"^(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、]|第[一二三四五六七八九十百\d]+[章节条部])")
READABLE_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


class UnreadableDocument(ValueError):
    """A file whose text cannot be read; the message names the file and why."""


def read_text_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"{path}: not UTF-8 text ({exc.reason})") from exc


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
    from pypdf.errors import PdfReadError

    try:
        pages = [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnreadableDocument(f"{path}: not a readable PDF ({exc})") from exc
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
