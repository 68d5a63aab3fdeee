"""English follow-ups that point back at the previous question's indicator with a pronoun or leave it out:
"And what is its target for 2025?" after "How many new urban jobs did Guangdong create in 2024?", "What about
Jiangsu's 2025 target?", "What was it in 2024?". The standalone question names the place (the follow-up's own, else
the previous one's), the year (likewise), the indicator as the previous question worded it, and whether a target or
its growth is asked.

A follow-up with words of its own beyond these ("What share of the national total is that?") is left alone.
"""

from __future__ import annotations

import re

from assistant.relevance import is_english
from assistant.topic_followup import PlaceFinder
from corpus.indicators import indicator_named

POINTER = re.compile(r"\b(?:it|its|it's|that|this|they|their|them)\b", re.IGNORECASE)
ELLIPTICAL = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\b|^\s*and\b", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
TARGETED = re.compile(r"\b(?:targets?|goals?|aims?|planned|expected|set)\b|目标", re.IGNORECASE)
GROWTH = re.compile(r"\b(?:growth|grow|grew|growing|increase|increased|rate)\b|增长|增速", re.IGNORECASE)
WORD = re.compile(r"[a-z]+(?:'s)?", re.IGNORECASE)
# The words such a follow-up may be made of (besides places, years and pronouns).
FRAME = frozenset(
    "and what how about is was were are be the a of for in to by its it it's that this they their them year "
    "target targets goal goals aim aims planned expected set growth grow grew growing increase increased rate "
    "much many does do did s figure figures number numbers value data one produce produced make made reach reached "
    "achieve achieved actually actual so need needs".split()
)


def _only_frame(question: str, places: PlaceFinder) -> bool:
    """Whether the question is made of frame words once its places and years are taken out."""
    text = question
    for mention in reversed(places(question)):
        text = text[: mention.start] + " " + text[mention.end:]
    words = (w.lower().removesuffix("'s") for w in WORD.findall(YEAR.sub(" ", text)))
    return all(w in FRAME for w in words)


def follow_english(question: str, previous: str, places: PlaceFinder) -> str | None:
    """The standalone form of an English follow-up on the previous question's indicator, or None."""
    named = indicator_named(previous)
    if not is_english(question) or named is None or indicator_named(question) is not None:
        return None
    if not (POINTER.search(question) or ELLIPTICAL.search(question)) or not _only_frame(question, places):
        return None
    start = previous.lower().find(named[1].lower())
    alias = previous[start: start + len(named[1])]
    own, before = places(question), places(previous)
    place = question[own[0].start: own[0].end] if own else (previous[before[0].start: before[0].end] if before else "")
    if not own and not before:
        return None
    year = YEAR.search(question) or YEAR.search(previous)
    when = f" in {year.group()}" if year else ""
    growth = " growth" if GROWTH.search(question) and not GROWTH.search(alias) else ""
    if TARGETED.search(question) or (not YEAR.search(question) and TARGETED.search(previous)):
        return f"What is {place}'s target for {alias}{growth}{when}?"
    return f"What was {place}'s {alias}{growth}{when}?"
