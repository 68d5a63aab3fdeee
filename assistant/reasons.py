"""Why a question was declined: one table of named reasons, each with the plain Chinese the reply states, so that
``/ask`` returns the reason as a field and the eval report counts declines by it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    code: str
    says: str  # what the reply tells the user, in plain Chinese


PLACE_NOT_COVERED = Reason("place_not_covered", "问题里的地方不在收录的文档里")
YEAR_NOT_COVERED = Reason("year_not_covered", "文档没有写到问题里的年份")
NAMED_ABSENT = Reason("named_absent", "文档没有提到问题里的名称")
MEASURE_NOT_STATED = Reason("measure_not_stated", "文档列出了当年的目标，但没有问的这一项")
NONE_STATED = Reason("none_stated", "所有文档都没有写明这一数值")
NO_FIGURE = Reason("no_figure", "找到了相关内容，但没有问题要的数字或日期")
NOT_FOUND = Reason("not_found", "文档里没有讲到这件事")
NO_CONTEXT = Reason("no_context", "追问前没有可接续的问题")

REASONS = {r.code: r for r in (PLACE_NOT_COVERED, YEAR_NOT_COVERED, NAMED_ABSENT, MEASURE_NOT_STATED, NONE_STATED,
                                NO_FIGURE, NOT_FOUND, NO_CONTEXT)}


def foreign_reason(missing: list[str]) -> Reason:
    """The reason for a question naming what the documents never mention: a year, or another name."""
    return YEAR_NOT_COVERED if any(m.endswith("年") and m[:-1].isdigit() for m in missing) else NAMED_ABSENT
