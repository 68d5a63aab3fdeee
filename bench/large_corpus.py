"""A large corpus of real plan text for the scale benchmark: the 24 provincial work reports and the shipped
documents, plus copies of the reports with their place renamed and their figures perturbed.

    python bench/large_corpus.py OUT_DIR [--copies 3]

Copy k of "2025年山东省政府工作报告" becomes "2025年山东k省政府工作报告": the place's name takes a suffix
wherever it is written, and every number except a year grows by k, so no two documents state the same
figure and a question naming a place has one answer. With 3 copies: about 12,700 chunks.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

from common import ROOT  # noqa: E402  (sets sys.path)

from corpus.documents import load_corpus  # noqa: E402

REPORTS = ROOT.parent / "shared" / "corpora" / "gov-reports-2025"
SHIPPED = ROOT / "corpus" / "data"
TITLE = re.compile(r"2025年(?P<place>.+?)(?P<kind>省|市|自治区|维吾尔自治区|回族自治区|壮族自治区)?政府工作报告")
NUMBER = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d(?!\d))\d+")


def perturbed(text: str, place: str, copy: int) -> str:
    """``text`` with ``place`` renamed and every number but a year raised by ``copy``."""
    return NUMBER.sub(lambda m: str(int(m.group()) + copy), text).replace(place, f"{place}{copy}")


def write_large_corpus(out: Path, copies: int) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for path in SHIPPED.glob("*.txt"):
        shutil.copy(path, out / path.name)
    shutil.copy(SHIPPED / "documents.json", out / "documents.json")
    for doc in load_corpus([path for path in sorted(REPORTS.glob("*.docx"))]):
        match = TITLE.search(doc.doc_id)
        place = match["place"] if match else doc.doc_id
        (out / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
        for copy in range(1, copies + 1):
            name = doc.doc_id.replace(place, f"{place}{copy}")
            (out / f"{name}.txt").write_text(perturbed(doc.text, place, copy), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=3)
    args = parser.parse_args()
    print(f"wrote {len(list(write_large_corpus(args.out, args.copies).glob('*.txt')))} documents to {args.out}")


if __name__ == "__main__":
    main()
