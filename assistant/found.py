"""An answer before it becomes a response: what each answering component returns to the service."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.reasons import Reason
from assistant.schemas import AcrossRow, Citation
from corpus.facts import Fact


@dataclass(frozen=True)
class Found:
    """The reply's text, whether it answers, its citations, the facts it rests on, the plan areas it is about, and
    for an answer across documents its table."""

    text: str
    answered: bool
    citations: list[Citation]
    facts: tuple[Fact, ...]
    areas: tuple[int, ...] = ()
    table: tuple[AcrossRow, ...] = ()
    reason: Reason | None = None  # why it does not answer
