"""Numbers as the plans write them: exact decimals, magnitudes, units and qualifiers.

Pure functions over normalised text. ``FIGURE`` finds an amount such as
``超过2.4万亿元``, ``3—5家``, ``20万人以上`` or ``20%左右``; ``read_figure``
turns a match into its exact value and the value in the base unit
(2.4万亿元 → 2400000000000 元). Values are ``Decimal``, never floats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

MAGNITUDES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000)}
# Units longest first so the regex prefers 个百分点 over 个 and 千瓦 over 千.
UNITS = (
    "微克/立方米", "个百分点", "平方公里", "平方米", "立方米", "千瓦时", "标准箱", "人次", "美元", "港元", "公顷", "公里",
    "千米", "公斤", "千克", "小时", "分钟", "标箱", "千瓦", "元", "人", "辆", "吨", "斤", "亩", "个", "家", "项", "件", "枚",
    "次", "台", "套", "艘", "架", "部", "篇", "场", "例", "位", "岁", "处", "户", "条", "所", "座", "名", "天", "倍", "年",
    "款", "支", "颗", "只", "头", "本", "门", "种", "类", "列", "班", "份", "棵", "株",
    "米", "度", "pf", "p", "%",  # 3150亿度 of electricity; 10万P (petaflops) of computing power, as normalised
)
BEFORE_QUALIFIERS = ("力争达到", "力争", "超过", "突破", "不少于", "不低于", "约", "超", "近", "达")
AFTER_QUALIFIERS = ("以上", "以下", "以内", "左右", "多")
NUMBER = r"\d+(?:\.\d+)?"
FIGURE = re.compile(
    rf"(?P<before>{'|'.join(BEFORE_QUALIFIERS)})?"
    rf"(?<![\d.a-z+])(?P<low>{NUMBER})(?:[—\-–~至到](?P<high>{NUMBER}))?"
    rf"(?P<magnitude>万亿|亿|万|千(?!瓦))?(?P<unit>{'|'.join(UNITS)})?"
    rf"(?P<after>{'|'.join(AFTER_QUALIFIERS)})?"
)
CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class Figure:
    """One amount as read from the text; ``high`` is set for ranges such as 3—5家."""

    written: str
    value: Decimal
    high: Decimal | None
    unit: str | None
    base_value: Decimal
    base_unit: str | None
    qualifier: str | None
    start: int
    end: int


def plain(value: Decimal) -> str:
    """A decimal as people write it: no exponent, no trailing zeros (1292.20 → 1292.2)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def chinese_number(text: str) -> int | None:
    """十 → 10, 二十二 → 22, 五十 → 50, 四 → 4; None when ``text`` is not a Chinese numeral."""
    if not text or any(ch not in CHINESE_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CHINESE_DIGITS[ch]
    return total + current


def base_of(value: Decimal, magnitude: str | None, unit: str | None) -> tuple[Decimal, str | None]:
    """The value in its base unit: 2.4万亿 元 → 2400000000000 元; a bare 300万 → 3000000 (no unit)."""
    factor = MAGNITUDES.get(magnitude or "", Decimal(1))
    return value * factor, unit


def _magnitude_prefix(unit: str) -> str:
    return next((m for m in sorted(MAGNITUDES, key=len, reverse=True) if unit.startswith(m)), "")


def magnitude_of(unit: str) -> Decimal:
    """How many base units one ``unit`` is: 万亿元 → 10¹², 亿斤 → 10⁸, 标准箱 → 1."""
    return MAGNITUDES.get(_magnitude_prefix(unit), Decimal(1))


def base_unit_of(unit: str) -> str:
    """``unit`` without its magnitude: 亿斤 → 斤, 万吨 → 吨."""
    return unit[len(_magnitude_prefix(unit)):]


def amount_text(base: Decimal, units: Sequence[str]) -> str:
    """A base-unit amount in the largest of ``units`` it is at least one of (5125.8亿元, not 0.51258万亿元)."""
    ordered = sorted(set(units), key=magnitude_of, reverse=True)
    unit = next((u for u in ordered if abs(base) / magnitude_of(u) >= 1), ordered[-1])
    return f"{plain(base / magnitude_of(unit))}{unit}"


def difference_text(a: Decimal, unit_a: str, b: Decimal, unit_b: str, asked_unit: str | None = None) -> str:
    """How far apart two amounts are, as people write it: percentages in 个百分点, other amounts in the larger
    of their units (or the unit asked for)."""
    if unit_a == "%" and unit_b == "%":
        return f"{plain(abs(a - b))}个百分点"
    gap = abs(a * magnitude_of(unit_a) - b * magnitude_of(unit_b))
    return amount_text(gap, [asked_unit] if asked_unit else [unit_a, unit_b])


def read_figure(match: re.Match[str], offset: int = 0) -> Figure | None:
    """The amount in a ``FIGURE`` match, or None when it is a bare number without magnitude or unit."""
    magnitude, unit = match.group("magnitude"), match.group("unit")
    if magnitude is None and unit is None:
        return None
    low = Decimal(match.group("low"))
    high = Decimal(match.group("high")) if match.group("high") else None
    base_value, base_unit = base_of(low, magnitude, unit)
    qualifier = match.group("before") or match.group("after")
    if match.group("before") == "力争达到":
        qualifier = "力争"
    start = match.start("low")
    return Figure(
        written=match.group(0)[start - match.start():],
        value=low,
        high=high,
        unit=(magnitude or "") + (unit or "") or None,
        base_value=base_value,
        base_unit=base_unit,
        qualifier=qualifier,
        start=offset + start,
        end=offset + match.end(),
    )
