"""Query analysis: normalised text, tokens, and what kind of answer the question wants
(a figure, a date, or where in the plan something stands)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.normalize import normalize_query
from corpus.tokenize import tokenize

NUMBER_CUES = (
    "多少", "几个", "几家", "几条", "几项", "几", "目标", "规模", "比例", "比重", "占比", "多大", "多高", "多长",
    "总投资", "投资", "数量", "数目", "达到", "提高到", "降低", "增长", "率", "how many", "how much", "target",
)
TIME_CUES = ("什么时候", "何时", "哪一年", "哪年", "几月", "期限", "截止", "时间", "之前", "底前", "when", "deadline")
WHERE_CUES = (
    "属于", "归在", "放在哪", "出现在", "哪个板块", "哪项任务", "哪一项", "哪条", "哪一条", "哪方面", "哪个方面",
    "哪个主题", "哪一部分", "哪部分", "哪个领域", "哪个部分", "在哪一", "which part", "which task", "which section",
)
YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class QueryAnalysis:
    question: str
    normalized: str
    tokens: tuple[str, ...]
    wants_number: bool
    wants_time: bool
    wants_place: bool
    years: tuple[str, ...]


def analyze(question: str) -> QueryAnalysis:
    """What the retrieval and answer steps need to know about a question."""
    normalized = normalize_query(question)
    wants_time = any(cue in normalized for cue in TIME_CUES)
    return QueryAnalysis(
        question=question.strip(),
        normalized=normalized,
        tokens=tuple(tokenize(normalized)),
        wants_number=wants_time or any(cue in normalized for cue in NUMBER_CUES),
        wants_time=wants_time,
        wants_place=any(cue in normalized for cue in WHERE_CUES),
        years=tuple(dict.fromkeys(YEAR.findall(normalized))),
    )
