"""Query analysis: normalised text, tokens, and what kind of answer the question wants
(a figure, a date, or where in the plan something stands).

Colloquial and English wordings are mapped onto the documents' own terms
(新能源车 → 新能源汽车, GDP → 地区生产总值) before tokenising, and words that
describe the plan's structure rather than its content (属于哪项任务, 哪个领域)
are left out of the lexical match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.spelling import Correction
from corpus.chunking import PATH_SEPARATOR
from corpus.figures import UNITS
from corpus.normalize import normalize_query
from corpus.tokenize import tokenize

# Question wording → the documents' wording (checked in order; applied to the normalised, lower-case text).
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("新能源车", "新能源汽车"),
    ("多大比例", "占比"),
    ("多大比重", "占比"),
    ("电动车", "新能源汽车"),
    ("gdp", "地区生产总值"),
    ("经济总量", "地区生产总值"),
    ("营收", "营业收入"),
    ("外资", "实际使用外资"),
    ("fdi", "实际使用外资"),
    ("人口", "常住人口"),
    ("幼儿圆", "幼儿园"),
    ("低保", "最低生活保障"),
    ("空气好的日子", "空气质量优良天数"),
    ("好天", "优良天数"),
    ("城里人口占比", "城镇化率"),
    ("城市人口占比", "城镇化率"),
    ("境外游客", "入境游客"),
    ("外国游客", "入境游客"),
    ("来旅游的人", "游客"),
    ("旅游的人", "游客"),
    ("在城里找到新工作", "城镇新增就业"),
    ("平均每个人摊到的", "人均"),
    ("平均每个人", "人均"),
    ("平均每人", "人均"),
    ("每个人平均", "人均"),
    ("新放出去的贷款", "新增贷款"),
    ("新放的贷款", "新增贷款"),
    ("放出去的贷款", "贷款"),
    ("政府欠债", "政府债务"),
    ("欠债", "债务"),
    ("搞研发的投入", "研发投入"),
    ("研发的投入", "研发投入"),
    ("开支", "支出"),
    ("从境外来", "入境"),
    ("经济产出", "地区生产总值"),
    ("平均一个人", "人均"),
    ("到手能花的钱", "可支配收入"),
    ("能花的钱", "可支配收入"),
    ("老百姓", "居民"),
    ("新放出去的钱", "新增贷款"),
    ("放出去的钱", "贷款"),
    ("跟国外做买卖", "外贸"),
    ("进口加出口", "进出口"),
    ("做买卖", "贸易"),
    ("造出来", "产量"),
    ("一亩地平均能打", "粮食单产"),
    ("平均能打", "单产"),
    ("亩产", "单产"),
    ("花在搞研发上的钱", "研发投入"),
    ("搞研发", "研发"),
    ("绿色电源", "新能源"),
    ("一共装了", "装机"),
    ("城里新找到工作", "城镇新增就业"),
    ("新找到工作", "新增就业"),
    ("旅游一共挣了", "旅游收入"),
    ("旅游挣了", "旅游收入"),
    ("消费品卖了", "社会消费品零售总额"),
    ("到手收入", "可支配收入"),
    ("到手的收入", "可支配收入"),
    ("城里人", "城镇居民"),
    ("农村人", "农村居民"),
    ("增长多快", "增长多少"),
    ("长多快", "增长多少"),
    ("长了多少", "增长了多少"),
    ("买东西的价格", "消费价格"),
    ("foreign capital", "实际使用外资"),
    ("new energy vehicle", "新能源汽车"),
    ("electric vehicle", "新能源汽车"),
    ("foreign investment", "实际使用外资"),
    ("population", "常住人口"),
    ("energy intensity", "能耗强度"),
    # The English of plans in general, where CC-CEDICT's senses are too many to keep (contract, project, bond).
    ("technology contract", "技术合同"),
    ("turnover", "成交额"),
    ("transaction value", "成交额"),
    ("treasury bond", "国债"),
    ("special bond", "专项债券"),
    ("new-energy", "新能源"),
    ("new energy", "新能源"),
    ("installed capacity", "装机"),
    ("installed", "装机"),
    ("above designated size", "规模以上"),
    ("industrial added value", "工业增加值"),
    ("industrial value added", "工业增加值"),
    ("value-added industrial output", "工业增加值"),
    ("fixed-asset investment", "固定资产投资"),
    ("fixed asset investment", "固定资产投资"),
    ("retail sales", "社会消费品零售总额"),
    ("imports and exports", "进出口"),
    ("foreign trade", "进出口"),
    ("high-tech enterprises", "高新技术企业"),
    ("grain yield", "粮食单产"),
    ("yield per mu", "单产"),
    ("grain output", "粮食产量"),
    ("computing power", "算力"),
    ("china-europe freight train", "中欧班列"),
    ("china-europe railway express", "中欧班列"),
    ("good air quality", "空气质量优良"),
    ("air quality", "空气质量"),
    ("coal output", "煤炭产量"),
    ("coal production", "煤炭产量"),
    ("coal", "煤"),
    ("send out", "外送"),
    ("sent out", "外送"),
    ("send to other", "外送"),
    ("sent to other", "外送"),
    ("electricity", "电量"),
    ("free trade port", "自由贸易港"),
    ("special customs operations", "封关运作"),
    ("grain production", "粮食产量"),
    ("tourism revenue", "旅游收入"),
    ("tourist", "游客"),
    ("forest coverage", "森林覆盖率"),
    ("container throughput", "集装箱吞吐量"),
    ("cargo throughput", "货物吞吐量"),
    ("photovoltaic", "光伏"),
    ("wind power", "风电"),
    ("how many", "多少个"),
    ("how much", "多少"),
    ("innovation center", "创新中心"),
    ("reform and opening-up", "改革开放"),
    ("total investment", "总投资"),
    ("key projects", "重点项目"),
    ("projects", "项目"),
    ("investment", "投资"),
    ("target", "目标"),
    ("carbon peak", "碳达峰"),
)
STRUCTURE_WORDS = frozenset(
    "属于 归在 放在 出现 出现在 哪项 哪一项 一项 哪条 哪一条 任务 具体任务 板块 主题 方面 部分 内容 "
    "路线图 行动计划 三年行动计划 计划 领域 工作 部署 一部 一部分 章节 一节 位置 报告 安排 工作安排".split()
)
# Colloquial words that carry no content ("市里打算把大桥那一片弄成个什么…"), and English function words.
FILLER_WORDS = frozenset(
    "打算 准备 想 想要 弄 弄成 搞 搞个 成个 一片 那一片 这一片 这摊 这摊事 这方面 那方面 一下 到底 究竟 咱们 咱 "
    "我们 你们 老百姓 大伙 请问 请 问一下 啥 个啥 啥样 叫 叫个 叫啥 怕 老是 总是 难 办法 是不是 还想 那些 这事 "
    "写 写在 里 里面 帮 帮忙 大家 找 办 名头 样 给定 一块儿 一串 管 还管 不管 建个 弄个 咋 咋样 怎么样 有没有 "
    "能不能 会不会 打算 想合到 哪几 哪几个 几个 哪几项 几项 哪几家 几家 哪几条 几条 哪一个 哪几种 几种 哪一类 "
    "according to the a an of in on at by for with from is are was were be been "
    "will would shall should can could do does did what which how many much when where who whom whose why and or "
    "that this these those it its there their about into as plan plans roadmap".split()
)
# Cues that ask for an amount whatever else the question says.
NUMBER_CUES = (
    "多少", "几个", "几家", "几条", "几项", "几所", "几成", "比例", "比重", "占比", "多大", "多高", "多长", "排第几", "排名第几", "第几位",
    "how many", "how much", "how long", "how large", "how big", "what share", "what proportion", "what percentage", "rank",
)
# Cues that ask for an amount unless the question asks for a thing ("目标是打造什么'之都'").
WEAK_NUMBER_CUES = ("目标", "规模", "总投资", "投资", "数量", "数目", "达到", "提高到", "降低", "增长", "率", "target")
# "周边几个城市", "那几家企业": 几 meaning "a few" or "those", not asking how many.
A_FEW = re.compile(r"(?:周边|这|那|好|其他|其余|另外)几[个家条项所]")
ASKS_FOR_A_THING = re.compile(r"什么|啥|哪个|哪些|哪项|哪家|which|what")
TIME_CUES = (
    "什么时候", "何时", "哪一年", "哪年", "哪几年", "哪些年", "哪天", "哪一天", "几月", "日期", "期限", "截止", "时间", "之前",
    "底前", "when", "deadline",
)
WHERE_CUES = (
    "属于", "归在", "放在哪", "出现在", "哪个板块", "哪项任务", "哪一项", "哪条", "哪一条", "哪方面", "哪个方面",
    "哪个主题", "哪一部分", "哪部分", "哪个领域", "哪个部分", "在哪一", "什么位置", "哪个位置", "哪个章节", "哪一节",
    "报告哪里", "报告的哪里", "文件哪里", "写在哪", "列在哪", "哪一章",
    "which part", "which task", "which section",
)
LOOKING_BACK = re.compile(r"过去一年|上一年|去年")
# Words asking about what a plan or report sets out for its own year, not what it looks back on.
PLAN_WORDS = re.compile(r"今年|部署|工作安排|重点任务|重点工作|目标任务|打算")
THIS_YEAR = re.compile(r"今年|本年度")
LAST_YEAR = re.compile(r"去年|上一年")
# "几号" asks for a day of the month, but 几号线 / 几号楼 ask for a line or a building.
DAY_CUE = re.compile(r"几号(?![线楼门口站院馆厅台车])")
YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
YEAR_RANGE = re.compile(r"(?<!\d)(20\d{2})\s*[—–\-－~至到]\s*(20\d{2})(?!\d)")
# The units figures are read in, and a few more an amount may come in (床, 届, 万, 月…); a duration (15分钟生活圈)
# names a service standard more often than it answers how many.
UNIT = "(?:" + "|".join(re.escape(u) for u in sorted(
    {*UNITS, *"％ 张 间 栋 床 批 届 万 亿 月 日 群 微克 兆瓦".split()} - {"分钟", "小时"}, key=len, reverse=True)) + ")"
QUANTITY = re.compile(rf"\d+(?:\.\d+)?\s*{UNIT}|[二三四五六七八九十两]+[大个项条家所批](?!\d)")


@dataclass(frozen=True)
class QueryAnalysis:
    question: str
    normalized: str
    document_terms: str
    tokens: tuple[str, ...]
    wants_number: bool
    wants_time: bool
    wants_place: bool
    years: tuple[str, ...]
    corrections: tuple[Correction, ...] = ()
    # The documents' words for the question's English words: they rank chunks and sentences, but do not count
    # toward coverage (one English word glosses to several candidates, of which one at most is meant).
    glossed: tuple[str, ...] = ()

    @property
    def search_tokens(self) -> tuple[str, ...]:
        return self.tokens + self.glossed


# Repairs typing slips against the documents' words (see assistant.spelling); the identity when absent.
Repair = Callable[[str], tuple[str, tuple[Correction, ...]]]
# The documents' words for the English words of a question (see assistant.glossary).
Gloss = Callable[[str], tuple[str, ...]]
# The corpus's own words for a question's, (phrase, term) pairs, as its records state them (corpus.documents).
Synonyms = Sequence[tuple[str, str]]


def to_document_terms(normalized: str, synonyms: Synonyms = ()) -> str:
    """The question rewritten into the documents' vocabulary (for lexical matching): the corpus's own
    ``synonyms`` first, then the general ones."""
    for phrase, term in (*synonyms, *SYNONYMS):
        if phrase in normalized and term not in normalized:
            normalized = normalized.replace(phrase, term)
    return normalized


def has_quantity(text: str) -> bool:
    """True when ``text`` states an amount (a number with a unit, or 三大产业), not just a line number like 6号线."""
    return QUANTITY.search(text) is not None


def analyze(question: str, repair: Repair | None = None, gloss: Gloss | None = None,
            synonyms: Synonyms = ()) -> QueryAnalysis:
    """What the retrieval and answer steps need to know about a question; ``repair`` mends typing slips,
    ``gloss`` adds the documents' words for English ones and ``synonyms`` are the corpus's own."""
    normalized = normalize_query(question)
    normalized, corrections = repair(normalized) if repair is not None else (normalized, ())
    cue_text = A_FEW.sub("", normalized.replace("哪几", "哪些").replace("率先", ""))
    wants_time = any(cue in cue_text for cue in TIME_CUES) or DAY_CUE.search(cue_text) is not None
    # "在哪一年" asks for a year, not for a place in the plan.
    wants_place = any(cue in re.sub(r"哪一[年天]", "", cue_text) for cue in WHERE_CUES)
    wants_amount = any(cue in cue_text for cue in NUMBER_CUES) or (
        any(cue in cue_text for cue in WEAK_NUMBER_CUES) and ASKS_FOR_A_THING.search(cue_text) is None
    )
    document_terms = to_document_terms(normalized, synonyms)
    tokens = [t for t in tokenize(document_terms) if t not in STRUCTURE_WORDS and t not in FILLER_WORDS]
    glossed = gloss(document_terms) if gloss is not None else ()
    return QueryAnalysis(
        question=question.strip(),
        normalized=normalized,
        document_terms=document_terms,
        tokens=tuple(tokens),
        wants_number=wants_time or (not wants_place and wants_amount),
        wants_time=wants_time,
        wants_place=wants_place,
        years=tuple(dict.fromkeys(YEAR.findall(normalized))),
        corrections=corrections,
        glossed=tuple(t for t in glossed if t not in tokens and t not in STRUCTURE_WORDS),
    )


def years_in(text: str) -> set[str]:
    """Years ``text`` names, ranges included: "2023—2025年" names 2024 too."""
    years = set(YEAR.findall(text))
    for first, last in YEAR_RANGE.findall(text):
        years.update(str(y) for y in range(int(first), int(last) + 1))
    return years


def _looked_back(context: str) -> set[str]:
    """The year a heading looking back (一、过去一年工作回顾) is about: the one before the year the title names."""
    title, *headings = context.split("\n", 1)[0].split(PATH_SEPARATOR)
    if not any(LOOKING_BACK.search(h) and not YEAR.search(h) for h in headings):
        return set()
    return {str(int(y) - 1) for y in years_in(title)}


def in_asked_years(analysis: QueryAnalysis, sentence: str, context: str) -> bool:
    """Whether a sentence speaks of every year the question asks about, itself or through its heading path and
    document title (a 2021 question is not answered by a 2025 target; the 2021 report's title names 2021)."""
    return set(analysis.years) <= years_in(sentence) | years_in(context) | _looked_back(context)


# What a figure question asks the amount of: the words right before a closing "(的)(要)(有|是|达到…)多少/多大"
# ("<area>领域有多少重点项目" names it after the cue, and is left alone).
MEASURE_PHRASE = re.compile(
    r"([\u4e00-\u9fff]+?)的?(?:各|分别|都|均)?(?:要|将|能|会|预计|计划|力争)?"
    r"(?:有|是|为|达到|达|提高到|提升到|增加到|增长到|增至|升至|降到|降至|降为|降低到|下降到|控制在|保持在|稳定在|突破|超过|"
    r"实现|完成|提高|增加|下降|降低)?了?"
    r"(?:多少|多大|多高|多长)"
    r"(?:[个万亿元人辆吨%]|千瓦|平方米|平方公里|公里|公顷|亩|立方米|标准箱)*[?？。!！]*$"
)
# Words naming the asked amount too generally to look for: "就业人数目标是多少" asks for 就业人数.
# Words of change (提升目标, 增长幅度) name how the amount moves, not what it measures.
GENERIC_MEASURES = frozenset(
    "目标 数量 数字 水平 指标 规模 情况 任务 预期 预期目标 一共 总共 合计 提升 提高 增长 增加 下降 降低 幅度 变化 "
    "去年 今年 明年 上年 全年 当年 人数 人次".split()
)


def measure_phrase(analysis: QueryAnalysis) -> str | None:
    """The words before a figure question's closing "是多少" (全社会研发经费投入占地区生产总值的比重目标)."""
    match = MEASURE_PHRASE.search(analysis.document_terms)
    return match.group(1) if analysis.wants_number and match is not None else None


def asked_measure(analysis: QueryAnalysis) -> str | None:
    """The word naming what a figure question wants the amount of (城镇化率, 算力), if it names one."""
    phrase = measure_phrase(analysis)
    if phrase is None:
        return None
    words = [w for w in tokenize(phrase) if w not in GENERIC_MEASURES and not w.isdigit()]
    if not words:
        return None
    # 装机规模 asks for the 装机: a generic word ending the measure says no more than its stem
    last = next((words[-1][: -len(g)] for g in GENERIC_MEASURES if words[-1].endswith(g) and len(words[-1]) > len(g)),
                words[-1])
    return last if len(last) >= 2 else None
