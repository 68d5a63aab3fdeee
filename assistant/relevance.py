"""Deciding whether the documents cover a question at all.

A question is not covered when it names a year or a place the corpus never
mentions (另一个城市, 2030年), when the best chunk is not similar enough, or
when the answering chunk holds too little of the question's (idf-weighted)
words: 房价 or 天气 are nowhere in the plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer import IdfTable, matchable_tokens, text_tokens
from assistant.query import GENERIC_MEASURES, QueryAnalysis, asked_measure, in_asked_years, measure_phrase
from corpus.tokenize import tagger, tokenize

PLACE_TAGS = ("ns",)
# Common words the tagger takes for places: 吸引哪些东西.
NOT_PLACES = frozenset("东西 南北 东西南北 东南西北 上下 左右 内外".split())
NAME_TAGS = ("nr", "nrt", "nt")
# Words jieba's dictionary lists as names that questions use as plain words: 逐项加总.
NOT_NAMES = frozenset("加总".split())
NOUN_TAGS = ("n", "vn")
SHARE_OF = re.compile(r"(?P<part>[\u4e00-\u9fff]+?)占[\u4e00-\u9fff]*?的?(?:比重|比例|份额|占比)")
SUBJECT_TAGS = ("ns", "nz", "nr", "nrt", "nt")
PER_UNIT = ("人均", "户均", "平均", "每人", "每户", "每万人", "每千人", "每平方公里")
# A district or county word the tagger does not tag as a place: 东城区, 某某县 (not 区县, 哪个区).
DISTRICT = re.compile(r"[^哪这那各每两几][\u4e00-\u9fff][区县]")
# "都市圈包括哪些城市", "哪两个县": the answer must name places.
ASKS_FOR_PLACES = re.compile(r"哪(?:些|几个|两个|三个|个)?(?:城市|地市|市|区县|区|县)")
# An ordinal the corpus may never use: 第二批 (the plan lists only a 第一批), 第十届.
ORDINAL = re.compile(r"第[一二三四五六七八九十百\d]+[批届期轮]")
# A capitalised English word, with the Chinese gloss a question may give it: "Huawei (华为)".
PROPER_NOUN = re.compile(
    r"(?<![.?!]\s)(?<!^)\b(?P<word>[A-Z][a-z]{2,}(?:['’-](?!s\b)[a-z]+)*)(?:['’]s)?\b(?:\s*[(（](?P<gloss>[^)）]+)[)）])?"
)
# Capitalised English words that are not places elsewhere: the corpus's own places and question words.
KNOWN_ENGLISH = frozenset(
    "Jinan Shandong China Chinese Yellow River Qilu What Which When Where Who Whom Whose Why How Does Did Are Was "
    "Were Will Can Could Should Would Please Tell List Give The And For From With About Into Jinan's GDP".split()
)


# A word made of pinyin syllables (Qingdao, Zhengzhou): the English spelling of a Chinese place.
PINYIN_WORD = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un"
    r"|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v))+"
)


@dataclass(frozen=True)
class Thresholds:
    min_dense: float = 0.80
    min_context_coverage: float = 0.30
    # English questions sit further from Chinese text in the multilingual embedding space.
    min_dense_english: float = 0.75
    # A question worded unlike the documents is answered by its closest sentence only when that sentence
    # is this similar and shares a word at least this distinctive (the corpus's own city has idf 0, 港口 4.6).
    min_sentence_similarity: float = 0.87
    # Sentences this close to the closest one are candidates too; the one sharing most words with the question wins.
    sentence_tie_margin: float = 0.003
    min_anchor_idf: float = 1.5


@lru_cache(maxsize=4096)
def _tags(text: str, guess_words: bool = True) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) pairs; cached, as the foreign-place and name checks read the same question.
    ``guess_words`` lets jieba's HMM join unknown characters into new words (an unlisted place name), at the
    price of inventing some (各领域中总投资 → 中总)."""
    return tuple(tagger().cut(text, hmm=guess_words))


def foreign_terms(analysis: QueryAnalysis, known: KnownWords) -> list[str]:
    """Years and place names in the question (Chinese, or capitalised English) that the corpus never mentions."""
    corpus_text = known.text
    missing = [f"{y}年" for y in analysis.years if y not in corpus_text]
    missing += [m for m in ORDINAL.findall(analysis.normalized) if m not in corpus_text]
    # Capitalised pinyin-shaped words other than the first of a sentence; a Chinese gloss the corpus has vouches for it.
    # A pinyin name the corpus writes in Chinese (Chang'anjie → 长安街) is not foreign either.
    missing += [m["word"] for m in PROPER_NOUN.finditer(analysis.question)
                if m["word"] not in KNOWN_ENGLISH and PINYIN_WORD.fullmatch(_letters(m["word"]))
                and not (m["gloss"] and m["gloss"].strip() in corpus_text)
                and _letters(m["word"]) not in known.spellings]
    missing += [word for word, flag in _tags(analysis.normalized) if _is_place(word, flag) and word not in corpus_text]
    return missing


def _is_place(word: str, flag: str) -> bool:
    """A place name: tagged as one (not a direction word such as 东西), or shaped like a district (东城区)."""
    return (flag in PLACE_TAGS and len(word) >= 2 or DISTRICT.fullmatch(word) is not None) and word not in NOT_PLACES


def _letters(word: str) -> str:
    return re.sub(r"[^a-z]", "", word.lower())


@dataclass(frozen=True)
class KnownWords:
    """What a question's years, places and names are looked up in: the corpus's text, and the pinyin spellings
    of its words (an English question may write 长安街 as Chang'anjie)."""

    text: str
    spellings: frozenset[str]


def places_beyond(question: str, text: str) -> list[str]:
    """Places ``text`` names that ``question`` does not: what a "哪些城市" question needs to be answered."""
    return [word for word, flag in _tags(text) if _is_place(word, flag) and word not in question]


def proper_names(text: str) -> list[str]:
    """Names of people, organisations and companies the tagger finds (a company, a university)."""
    return [word for word, flag in _tags(text, guess_words=False)
            if flag in NAME_TAGS and len(word) >= 2 and word not in NOT_NAMES]


def is_on_topic(analysis: QueryAnalysis, known: KnownWords, top_dense: float, thresholds: Thresholds) -> bool:
    """Nothing foreign named, and the best chunk similar enough."""
    if foreign_terms(analysis, known):
        return False
    min_dense = thresholds.min_dense_english if is_english(analysis.question) else thresholds.min_dense
    return top_dense >= min_dense


def is_covered(
    analysis: QueryAnalysis,
    known: KnownWords,
    top_dense: float,
    context_coverage: float,
    thresholds: Thresholds,
) -> bool:
    """Covered: on topic, and the answering chunk (text, heading path, document title) holding enough
    of the question's weight."""
    return is_on_topic(analysis, known, top_dense, thresholds) and context_coverage >= thresholds.min_context_coverage


def is_close_paraphrase(analysis: QueryAnalysis, sentence: str, similarity: float, idf: IdfTable,
                        thresholds: Thresholds) -> bool:
    """Whether ``sentence`` answers a question that shares too few words with the documents to count as
    covered ("收垃圾和回收废品合到一块儿弄叫啥" → 生活垃圾…“分类回收”): the sentence is close in meaning,
    shares at least one distinctive word with the question, and names every person or company the question
    names (a question about one company's project is not answered by the area's total)."""
    if similarity < thresholds.min_sentence_similarity:
        return False
    return (_anchored(analysis, text_tokens(sentence), idf, thresholds)
            and all(name in sentence for name in proper_names(analysis.normalized)))


def _anchored(analysis: QueryAnalysis, tokens: frozenset[str], idf: IdfTable, thresholds: Thresholds) -> bool:
    """Whether ``tokens`` hold a question word at least as distinctive as ``min_anchor_idf``."""
    return any(t in tokens and idf[t] >= thresholds.min_anchor_idf for t in analysis.tokens)


def unknown_measure_nouns(analysis: QueryAnalysis, idf: IdfTable) -> list[str]:
    """Nouns of what a figure question measures that the documents never use: 研发经费 in "研发经费投入占…的比重",
    公积金 in "公积金贷款利率是多少". No sentence can give that amount, however close it reads."""
    phrase = measure_phrase(analysis)
    if phrase is None:
        return []
    return [word for word, flag in _tags(phrase)
            if flag.startswith(NOUN_TAGS) and len(word) >= 2 and word not in idf and word not in GENERIC_MEASURES]


def unnamed_subjects(analysis: QueryAnalysis, held: frozenset[str], idf: IdfTable, thresholds: Thresholds) -> list[str]:
    """Distinctive names in what a figure question measures (青山 and 大桥 in "青山大桥的总投资") that the
    excerpt and its heading do not hold: an area's total investment is not one bridge's."""
    phrase = measure_phrase(analysis)
    if phrase is None:
        return []
    return [word for word, flag in _tags(phrase) if flag in SUBJECT_TAGS and len(word) >= 2
            and idf[word] >= thresholds.min_anchor_idf and word not in held]


def missing_share_part(analysis: QueryAnalysis, held: frozenset[str], idf: IdfTable, thresholds: Thresholds) -> bool:
    """For "X占Y的比重是多少": whether the excerpt holds none of X's distinctive words (研发投入占GDP的比重 is not
    answered by 主要指标占全省比重)."""
    share = SHARE_OF.search(measure_phrase(analysis) or "")
    if share is None:
        return False
    part = [t for t in tokenize(share["part"]) if idf[t] >= thresholds.min_anchor_idf and t not in GENERIC_MEASURES]
    return bool(part) and not any(t in held for t in part)


def missing_per_unit(analysis: QueryAnalysis, excerpt: str) -> str | None:
    """The per-head modifier of the asked measure (人均地区生产总值) when the excerpt lacks it: a city's total
    is not its per-capita figure."""
    phrase = measure_phrase(analysis) or ""
    return next((word for word in PER_UNIT if word in phrase and word not in excerpt), None)


# Measures a sentence states without naming them: a share as 占全国92.2%, an output as 碳酸锂13.5万吨.
SHARE_STATED = re.compile(r"占[^。；，,]{0,8}?\d+(?:\.\d+)?[%％]")
OUTPUT_STATED = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:吨|斤|公斤|千克|辆|台|件|千瓦时|立方米)")
IMPLIED_MEASURES = {"比重": SHARE_STATED, "比例": SHARE_STATED, "占比": SHARE_STATED,
                    "产量": OUTPUT_STATED, "总产量": OUTPUT_STATED, "总产": OUTPUT_STATED}


def excerpt_fits(analysis: QueryAnalysis, excerpt: str, context: str, idf: IdfTable, thresholds: Thresholds) -> bool:
    """Whether the chosen sentence is about what was asked, beyond its chunk being on topic: it is in the year(s)
    asked (in the sentence, or its heading path and document title: a 2021 question is not answered by a 2025
    target), and for a Chinese question it shares a distinctive word with it (its heading path counts)."""
    if not in_asked_years(analysis, excerpt, context):
        return False
    # A figure question about 城镇化率 is not answered by the sentence giving 常住人口.
    heading = context.split("\n", 1)[0]
    measure = asked_measure(analysis)
    implied = IMPLIED_MEASURES.get(measure or "")
    if measure is not None and measure not in excerpt and measure not in heading and not (implied and implied.search(excerpt)):
        return False
    if unknown_measure_nouns(analysis, idf) or missing_per_unit(analysis, excerpt):
        return False
    held = text_tokens(excerpt) | text_tokens(heading)
    if unnamed_subjects(analysis, held, idf, thresholds) or missing_share_part(analysis, held, idf, thresholds):
        return False
    if ASKS_FOR_PLACES.search(analysis.normalized) and not places_beyond(analysis.normalized, excerpt):
        return False
    return is_english(analysis.question) or _anchored(analysis, text_tokens(excerpt) | text_tokens(heading), idf, thresholds)


def is_english(question: str) -> bool:
    """Mostly English: more Latin letters than Chinese characters."""
    latin = sum(ch.isascii() and ch.isalpha() for ch in question)
    return latin > sum("\u4e00" <= ch <= "\u9fff" for ch in question)
