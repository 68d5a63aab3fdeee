"""Part-of-speech tagging as ``jieba.posseg`` does it, over the on-demand lexicon (``corpus.lexicon``).

Importing ``jieba.posseg`` reads jieba's whole dictionary for its tags and a 4 MB HMM, about a second
before the first question. ``PosTagger.cut`` follows posseg's algorithm step for step (jieba, MIT
licence): the tokenizer's dictionary route through the sentence; a run of single characters the
dictionary does not join is tagged by the HMM (Viterbi over (B/M/E/S, tag) states); digits are
``m``, Latin letters ``eng``, anything else ``x``. Tags come from the user dictionary, then jieba's.
``tests/test_postag.py`` checks the output against ``jieba.posseg`` itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import jieba

from corpus.lexicon import Lexicon, State

HAN_INTERNAL = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
SKIP_INTERNAL = re.compile("(\r\n|\\s)")
HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
SKIP_DETAIL = re.compile("([\\.0-9]+|[a-zA-Z0-9]+)")
ENGLISH = re.compile("[a-zA-Z0-9]+")
NUMBER = re.compile("[\\.0-9]+")
ONE_ENGLISH = re.compile("^[a-zA-Z0-9]$", re.U)
MIN_FLOAT = -3.14e100
MIN_INF = float("-inf")
Tagged = tuple[str, str]


def viterbi(text: str, lexicon: Lexicon) -> list[State]:
    """The most likely (position, tag) state of each character of a run of Chinese characters."""
    start, transitions = lexicon.hmm
    all_states = transitions.keys()
    states, emissions = lexicon.char_model(text[0])
    best: list[dict[State, float]] = [{}]
    came_from: list[dict[State, State | str]] = [{}]
    for state in states if states is not None else all_states:
        best[0][state] = start[state] + emissions.get(state, MIN_FLOAT)
        came_from[0][state] = ""
    for t in range(1, len(text)):
        best.append({})
        came_from.append({})
        states, emissions = lexicon.char_model(text[t])
        previous = [s for s in came_from[t - 1] if transitions[s]]
        reachable = {nxt for s in previous for nxt in transitions[s]}
        candidates = set(states if states is not None else all_states) & reachable
        if not candidates:
            candidates = reachable or set(all_states)
        for state in candidates:
            emission = emissions.get(state, MIN_FLOAT)
            probability, before = max((best[t - 1][s] + transitions[s].get(state, MIN_INF) + emission, s) for s in previous)
            best[t][state] = probability
            came_from[t][state] = before
    _, state = max((best[-1][s], s) for s in came_from[-1])
    route: list[State] = [("", "")] * len(text)
    for i in range(len(text) - 1, -1, -1):
        route[i] = state
        state = came_from[i][state]
    return route


class PosTagger:
    """(word, tag) pairs of a text, with ``tokenizer``'s dictionary (its added words included)."""

    def __init__(self, tokenizer: jieba.Tokenizer, lexicon: Lexicon):
        self.tokenizer = tokenizer
        self.lexicon = lexicon
        self.user_tags: dict[str, str] = {}

    def tag(self, word: str) -> str:
        if word in self.user_tags:
            return self.user_tags[word]
        entry = self.lexicon.entry(word)
        return entry[1] if entry is not None and entry[1] else "x"

    def _hmm_cut(self, text: str) -> Iterator[Tagged]:
        route = viterbi(text, self.lexicon)
        begin = after = 0
        for i, char in enumerate(text):
            position, flag = route[i]
            if position == "B":
                begin = i
            elif position == "E":
                yield text[begin:i + 1], flag
                after = i + 1
            elif position == "S":
                yield char, flag
                after = i + 1
        if after < len(text):
            yield text[after:], route[after][1]

    def _unknown_run(self, text: str) -> Iterator[Tagged]:
        for block in HAN_DETAIL.split(text):
            if HAN_DETAIL.match(block):
                yield from self._hmm_cut(block)
                continue
            for part in SKIP_DETAIL.split(block):
                if part:
                    yield part, "m" if NUMBER.match(part) else "eng" if ENGLISH.match(part) else "x"

    def _single_chars(self, buffer: str) -> Iterator[Tagged]:
        """A run of characters the dictionary route left single: one word to the HMM unless the run is a word."""
        if len(buffer) == 1:
            yield buffer, self.tag(buffer)
        elif not self.tokenizer.FREQ.get(buffer):
            yield from self._unknown_run(buffer)
        else:
            for char in buffer:
                yield char, self.tag(char)

    def _words(self, text: str) -> Iterator[str]:
        """The words of the dictionary's best route through ``text``."""
        route: dict[int, tuple[float, int]] = {}
        self.tokenizer.calc(text, self.tokenizer.get_DAG(text), route)
        x = 0
        while x < len(text):
            y = route[x][1] + 1
            yield text[x:y]
            x = y

    def _route_with_hmm(self, text: str) -> Iterator[Tagged]:
        buffer = ""
        for word in self._words(text):
            if len(word) == 1:
                buffer += word
                continue
            if buffer:
                yield from self._single_chars(buffer)
                buffer = ""
            yield word, self.tag(word)
        if buffer:
            yield from self._single_chars(buffer)

    def _route(self, text: str) -> Iterator[Tagged]:
        letters = ""
        for word in self._words(text):
            if ONE_ENGLISH.match(word):
                letters += word
                continue
            if letters:
                yield letters, "eng"
                letters = ""
            yield word, self.tag(word)
        if letters:
            yield letters, "eng"

    def cut(self, text: str, hmm: bool = True) -> list[Tagged]:
        """``jieba.posseg.POSTokenizer(tokenizer).lcut(text, HMM=hmm)`` as (word, flag) pairs."""
        if self.tokenizer.user_word_tag_tab:
            self.user_tags.update(self.tokenizer.user_word_tag_tab)
            self.tokenizer.user_word_tag_tab = {}
        out: list[Tagged] = []
        for block in HAN_INTERNAL.split(text):
            if HAN_INTERNAL.match(block):
                out.extend(self._route_with_hmm(block) if hmm else self._route(block))
                continue
            for part in SKIP_INTERNAL.split(block):
                if SKIP_INTERNAL.match(part):
                    out.append((part, "x"))
                    continue
                for char in part:
                    out.append((char, "m" if NUMBER.match(char) else "eng" if ENGLISH.match(part) else "x"))
        return out
