"""Chinese tokenisation for BM25 and query analysis: jieba plus the corpus's own terms.

The user dictionary (``userdict.txt``: words common to plans, plus the terms a document's record
states and the quoted terms found in the documents) keeps names whole.
jieba's dictionary, its part-of-speech tags and pinyin readings are read from
the lexicon file on demand (``corpus.lexicon``), so nothing is loaded whole.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import jieba

from corpus.lexicon import Frequencies, Lexicon, default_lexicon_dir, ensure_lexicon
from corpus.normalize import normalize, normalize_query
from corpus.postag import PosTagger

USER_DICT = Path(__file__).resolve().parent / "userdict.txt"
QUOTED = re.compile(r"[“\"《「]([^”\"》」]{2,12})[”\"》」]")
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 等 将 有 要 把 对 为 也 就 都 而 或 并 其 中 上 下 之 以 于 由 从 到 向 被 这 那 "
    "该 它 些 个 吗 呢 吧 啊 呀 么 什么 多少 哪些 哪个 哪 几 怎么 怎样 如何 是否 请问 请 一下 一个 "
    "方面 关于 情况 问题 提出 主要 进行 有关 具体 会 能 可以 我 你 他 我们 你们 多 少 怎么样 谁 哪天 多长 多大 "
    "现在 目前 一共 总共 这一块 一块 车要 要有 分别 各 时候 最 晚 最晚 超过 以上 左右 突破 力争 约 "
    "what is the of for by to in how much many does do aim s".split()
)
AFTER_YEAR = re.compile(r"(?<=(?:19|20)\d{2}年)(?![底末初前内中起以度后间])")
_TOKEN_CHARS = re.compile(r"[\w\u4e00-\u9fff]")
log = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)


_lexicon_dir: Path | None = None


def use_lexicon(directory: Path) -> None:
    """Where the lexicon is kept (and written on first use); takes effect if set before the first tokenisation,
    else ``corpus.lexicon.default_lexicon_dir()`` is used. Every lexicon of one jieba version reads the same."""
    global _lexicon_dir
    _lexicon_dir = Path(directory)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(ensure_lexicon(_lexicon_dir or default_lexicon_dir()))


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = Frequencies(lexicon()), lexicon().total, True
    tok.load_userdict(str(USER_DICT))
    return tok


@lru_cache(maxsize=1)
def tagger() -> PosTagger:
    """Part-of-speech tagging with the same dictionary (and added words) as the tokenizer."""
    return PosTagger(_tokenizer(), lexicon())


def add_terms(terms: Iterable[str], freq: int | None = 20000) -> None:
    """Teach the tokenizer extra whole words (e.g. terms found in a corpus); ``freq`` None lets jieba suggest
    each one's frequency, as for a user dictionary's words."""
    tok = _tokenizer()
    for term in terms:
        tok.add_word(term, freq=freq)


def quoted_terms(text: str) -> set[str]:
    """Quoted terms and titles in ``text`` (“…”, 《…》), likely names worth keeping whole."""
    return {m.group(1) for m in QUOTED.finditer(text)}


def tokenize(text: str) -> list[str]:
    """BM25 tokens of already-normalised text: search-mode jieba, stopwords and punctuation dropped. A year's 年 is
    cut off what follows it (2024年产煤 is 2024年 产煤, not 年产 煤)."""
    return [
        tok
        for piece in AFTER_YEAR.split(text)
        for tok in _tokenizer().cut_for_search(piece)
        if tok.strip() and _TOKEN_CHARS.search(tok) and tok not in STOPWORDS
    ]


@lru_cache(maxsize=4096)
def text_tokens(text: str) -> frozenset[str]:
    """Tokens of ``text`` (normalised first); cached, as chunk texts recur across questions."""
    return frozenset(tokenize(normalize(text).text))


def tokenize_query(question: str) -> list[str]:
    """Tokens of a user question (normalised first)."""
    return tokenize(normalize_query(question))


def warm_up() -> None:
    """Open the lexicon (writing it first on a new machine) and load the user dictionary now."""
    log.debug("loading jieba with user dictionary %s", USER_DICT)
    _tokenizer()


def char_readings(char: str) -> frozenset[str]:
    """Every toned pinyin reading of one character (岗 → gang3, gang1)."""
    return lexicon().readings(char)


def word_frequency(word: str) -> int:
    """How often jieba's dictionary counts ``word`` (0 for a stretch that is not a word)."""
    return _tokenizer().FREQ.get(word, 0)


def segment(text: str) -> list[str]:
    """Plain jieba words of ``text``, every character kept (for telling real words from slips)."""
    return list(_tokenizer().cut(text, HMM=False))
