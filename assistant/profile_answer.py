"""Questions about the documents themselves — when, at which session and by whom a report was delivered —
answered from the profiles read at index time, with the offsets of what they quote: for one document
("这份报告是哪天在什么会议上作的？"), or across documents (each one's date, the earliest, those delivered on a
day or by an acting governor, how many).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.across_query import COUNT, MAX_WORDS, MEMBERS, MIN_WORDS, NEGATED, counter_of

DOCUMENT_WORDS = ("报告", "这份", "该文", "文件", "上作的", "上做的", "report")  # 在第几次会议上作的
# Words that name the document itself, not what its fields say (the 政府 of 政府工作报告 is no speaker's).
DOCUMENT_KIND = "政府工作报告 人民政府 省份"
ASKS = {
    "date": re.compile(r"哪天|哪一天|哪日|什么时候|何时|什么时间|日期|几月几日|最早|最晚|\d{1,2}月\d{1,2}日|when|date"),
    "speaker": re.compile(r"谁|报告人|作报告的|职务|代省长|代市长|省长|市长|主席|who"),
    "session": re.compile(r"会议|什么会上|哪个会上|什么会|第几届|几届|第几次|人大|人代会|人民代表大会|session|congress"),
}
DATE = re.compile(r"(?:(20\d{2})年)?(\d{1,2})月(\d{1,2})日")
EARLIEST = ("最早", "最先")
LATEST = ("最晚", "最后")
FIELD_NAMES = {"date": "日期", "speaker": "报告人", "session": "会议"}


@dataclass(frozen=True)
class Said:
    """One profile field of one document: its text and where it stands."""

    doc_id: str
    field: str
    text: str
    start: int
    end: int


def asked_fields(text: str) -> list[str]:
    """The profile fields a question asks for, when it asks about a document (a report) at all."""
    lowered = text.lower()
    if not any(w in lowered for w in DOCUMENT_WORDS):
        return []
    return [name for name, pattern in ASKS.items() if pattern.search(lowered)]


def said(doc_id: str, profile: dict) -> dict[str, Said]:
    """A document's date of delivery (or issue), speaker and session as its text states them."""
    found = {}
    dated = next((d for d in profile.get("dates", []) if d["event"] != "日期"), None)
    if dated is not None:
        span = dated["span"]
        found["date"] = Said(doc_id, "date", span["text"], span["start"], span["end"])
    for name in ("speaker", "session"):
        span = profile.get(name)
        if span:
            found[name] = Said(doc_id, name, span["text"], span["start"], span["end"])
    return found


def _date_key(item: Said) -> tuple[int, int, int]:
    match = DATE.search(item.text)
    return (int(match.group(1) or 0), int(match.group(2)), int(match.group(3))) if match else (9999, 99, 99)


def select(text: str, fields: list[str], by_doc: dict[str, dict[str, Said]], tokens: Sequence[str]) -> tuple[str, list[str]]:
    """Which documents an across question keeps (all, the earliest/latest, those matching its condition) and the
    operation's name: each, earliest, latest, members or count."""
    docs = [d for d in by_doc if by_doc[d]]
    dated = [d for d in docs if "date" in by_doc[d]]
    if "date" in fields and any(w in text for w in (*EARLIEST, *MIN_WORDS)) and dated:
        first = min(_date_key(by_doc[d]["date"]) for d in dated)
        return "earliest", [d for d in dated if _date_key(by_doc[d]["date"]) == first]
    if "date" in fields and any(w in text for w in (*LATEST, *MAX_WORDS)) and dated:
        last = max(_date_key(by_doc[d]["date"]) for d in dated)
        return "latest", [d for d in dated if _date_key(by_doc[d]["date"]) == last]
    operation = "count" if COUNT.search(text) else "members" if MEMBERS.search(text) else "each"
    day = DATE.search(text)
    if day is not None:
        wanted = (int(day.group(2)), int(day.group(3)))
        return operation, [d for d in dated if _date_key(by_doc[d]["date"])[1:] == wanted]
    holding = {t: [d for d in docs if any(t in by_doc[d][f].text for f in fields if f in by_doc[d])]
               for t in tokens if len(t) > 1 and t not in DOCUMENT_KIND}
    # the question's most specific word that some documents' fields hold (第四次 of 第四次会议, 代省长)
    ranked = sorted(((len(ds), -len(t), ds) for t, ds in holding.items() if 0 < len(ds) < len(docs)), key=lambda r: r[:2])
    if ranked and operation != "each":
        specific = ranked[0][2]
        if NEGATED.search(text):  # 哪些报告不是在…第三次会议上作的
            specific = [d for d in docs if d not in specific]
        return operation, specific
    return operation, docs


def describe(item: dict[str, Said], fields: list[str]) -> str:
    parts = [f"{FIELD_NAMES[f]}：{item[f].text}" for f in fields if f in item]
    return "，".join(parts) if parts else "文档开头没有写明"


def compose(text: str, fields: list[str], by_doc: dict[str, dict[str, Said]], places: dict[str, str],
            titles: dict[str, str], tokens: Sequence[str]) -> tuple[str, list[Said]]:
    """The reply to a question about one or many documents' dates, speakers and sessions, and what it quotes."""
    if len(by_doc) == 1:
        ((doc_id, item),) = by_doc.items()
        quoted = [item[f] for f in fields if f in item]
        return f"《{titles[doc_id]}》{describe(item, fields)}。", quoted
    operation, chosen = select(text, fields, by_doc, tokens)
    shown = fields if operation == "each" else list(dict.fromkeys(["date", *fields]))
    lines = [f"- {places[d]}：{describe(by_doc[d], shown)}" for d in chosen]
    names = "、".join(places[d] for d in chosen) or "没有"
    head = {"earliest": f"最早的是{names}", "latest": f"最晚的是{names}", "count": f"共{len(chosen)}{counter_of(text)}：{names}",
            "members": f"符合的有{names}", "each": f"{len(by_doc)}份文档的{'、'.join(FIELD_NAMES[f] for f in fields)}"}
    quoted = [by_doc[d][f] for d in chosen for f in shown if f in by_doc[d]]
    return f"{head[operation]}（{len(by_doc)}份文档中）。\n" + "\n".join(lines), quoted
