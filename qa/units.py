"""Units with dimensions, and amounts as staff write them (30万次, 一万五, 3亿元, 80%, 半小时).

Everything comes from `qa/data/units.tsv` (unit → dimension and factor to the dimension's base) and
`qa/data/measures.tsv` (words that ask for a dimension without naming a unit). A column printed in 千元
and a question saying 3亿元 meet in the base unit; a threshold in 万次 is compared in 万次, whatever the
question said. Chinese numerals are read by cn2an, on the captured number only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from qa.lexicon import read_tsv

SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
NUMBER = re.compile(r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿半几]+)(万|亿|千|百)?")


@dataclass(frozen=True)
class Unit:
    said: str  # 万次
    dim: str  # money, count:次, percent, duration
    factor: float  # to the dimension's base (万次 → 10000 次)

    @property
    def family(self) -> str:
        return self.dim.split(":")[0]


@dataclass(frozen=True)
class Amount:
    """A number a question states, in its dimension's base unit (dim "" when no unit was said)."""

    value: float
    dim: str
    said: str
    scaled: bool = False  # said with 万 or 亿 but no unit: a count of the column's base things

    def in_unit(self, unit: Unit | None) -> float:
        """The amount expressed in a column's printed unit (a bare number is already in it)."""
        if unit is None or not self.dim:
            return self.value
        return self.value / unit.factor


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Unit], list[frozenset[str]], dict[str, str]]:
    units: dict[str, Unit] = {}
    families: list[frozenset[str]] = []
    for row in read_tsv("units.tsv"):
        if row[0] == "~":
            families.append(frozenset(row[1:]))
        elif row[0] == "*":
            families.append(frozenset(["*", *row[1:]]))
        else:
            units[row[0]] = Unit(row[0], row[1], float(row[2]))
    measures = {w: d for w, d in read_tsv("measures.tsv")}
    return units, families, measures


_HEADER_UNITS: dict[str, Unit] = {}  # units only an index's headers print (万幅, 幅), see register()


def unit(text: str) -> Unit | None:
    """The unit a header or a question prints (千元, 万次, %), or None."""
    t = unicodedata.normalize("NFKC", text).strip()
    return _tables()[0].get(t) or _HEADER_UNITS.get(t)


def units_by_length() -> list[str]:
    return sorted(set(_tables()[0]) | set(_HEADER_UNITS), key=len, reverse=True)


def register(printed: list[str]) -> None:
    """Learn the units an index's headers print that the unit table lacks: a counter of up to three
    characters with an optional scale (万幅 = 10⁴ 幅, 万平方米 = 10⁴ 平方米), so 「过两千万幅」 converts like
    「超过30万次」."""
    for p in printed:
        t = unicodedata.normalize("NFKC", p).strip()
        if not t or unit(t) is not None or t in SCALE:
            continue  # (a bare 万 is a scale of what is counted, never a counter of its own)
        scale, counter = (t[0], t[1:]) if len(t) >= 2 and t[0] in SCALE else ("", t)
        if 1 <= len(counter) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in counter):
            _HEADER_UNITS[t] = Unit(t, "count:" + counter, float(SCALE.get(scale, 1)))
            _HEADER_UNITS.setdefault(counter, Unit(counter, "count:" + counter, 1.0))


def measures() -> dict[str, str]:
    """Word → dimension for words that ask for a kind of quantity (钱 → money, 多少人 → count:人)."""
    return _tables()[2]


def compatible(a: str, b: str) -> bool:
    """Whether a value of dimension a can answer a question about dimension b ("count" is any count;
    counters of one family, such as 人 and 人次, count the same thing). Not symmetric: a question's 个
    may ask for any count (「出生了几个」), but a column in 个 does not answer a question about 人次."""
    if not a or not b or a == b:
        return True
    fa, _, ca = a.partition(":")
    fb, _, cb = b.partition(":")
    if fa != fb:
        return False
    if not ca or not cb:
        return True
    if cb in _parts(ca) or ca in _parts(cb):
        return True  # 台次 counts 台 (手术台次 answers 「多少台」), as 人次 counts 人
    return any((ca in f and cb in f) or ("*" in f and cb in f) for f in _tables()[1])


def _parts(counter: str) -> set[str]:
    """A counter made of two counters (台次, 床日) stands for either of them."""
    if len(counter) == 2 and all(unit(ch) is not None for ch in counter):
        return {counter[0], counter[1]}
    return set()


def number(text: str) -> float | None:
    """'30', '3.5', '三十', '一万五', '两千五', '半' → float; None when it is not a number."""
    if not text:
        return None
    if text == "半":
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    import cn2an

    if text[0] in "十百千万亿" and len(text) > 1:
        text = "一" + text  # 「百万」「千五」: the one is not said
    try:
        return float(cn2an.cn2an(text.replace("两", "二"), "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def amount(text: str) -> Amount | None:
    """An amount with optional scale and unit: 30万次, 一万五, 3亿元, 过万 (→ 万), 80%, 半小时."""
    t = unicodedata.normalize("NFKC", text).strip()
    t = re.sub(r"(?<=[\d一二两三四五六七八九十])个(?=[万亿])", "", t)  # 一个亿, 两个亿
    for u in units_by_length():
        if t.endswith(u) and len(t) > len(u):
            head, found = t[: -len(u)], unit(u)
            break
    else:
        head, found = t, None
    if t in ("一半", "半数"):  # 「完成率不到一半」: 50 %
        return Amount(50.0, "percent", t)
    if head.startswith(("百分之", "千分之")):  # 百分之七 is 7%
        v = number(head[3:])
        if v is None:
            return None
        return Amount(v if head[0] == "百" else v / 10, "percent", t)
    if head in SCALE:  # 过万, 上亿: the scale alone is the amount
        value: float | None = float(SCALE[head])
    else:
        m = NUMBER.fullmatch(head)
        if m:
            value = number(m.group(1))
            if value is not None and m.group(2):
                value *= SCALE[m.group(2)]
        else:  # 2万8, 1万5千: cn2an reads the colloquial shapes
            value = number(head) if re.fullmatch(r"[\d.零〇一二两三四五六七八九十百千万亿]+", head) else None
        if value is None:
            return None
    if found is not None:
        return Amount(value * found.factor, found.dim, t)
    return Amount(value, "", t, any(ch in "万亿" for ch in head))


def column_unit(printed: str, name: str) -> tuple[Unit | None, str]:
    """(unit, counter shown in answers) of a column: the unit its header prints, else the counter its
    name ends with (门急诊人次 → 人次, 实时数据上传天数 → 天), else none."""
    if printed in SCALE:
        # 「39.4万」 under a header without a unit: ten thousand of what the column counts (never a unit a
        # question says: 「多少万」 stays a scale of whatever is asked)
        return Unit(printed, "count", float(SCALE[printed])), printed
    if printed:
        register([printed])
    u = unit(printed) if printed else None
    if u is not None:
        return u, printed
    for w in units_by_length():
        if name.endswith(w) and len(name) > len(w) and unit(w).family == "count":
            return unit(w), w
    for w in units_by_length():
        # 出院人数 → 人, 上传天数 → 天, 会诊例数 → 例: a counter and 数 (the number of them)
        if name.endswith(w + "数") and len(name) > len(w) + 1 and unit(w).family in ("count", "duration"):
            return unit(w), w
    return None, ""


def restated(text: str, printed: str, asked: str) -> str:
    """Every figure printed in one unit (324分钟) followed by the same figure in the unit asked
    (「（合 5.4 小时）」) where both measure one dimension: 「停机多少小时」 of a column in 分钟 is answered
    with what the table prints and with the conversion shown, never with the printed number alone."""
    p, a = unit(printed), unit(asked)
    if p is None or a is None or p.dim != a.dim or p.factor == a.factor:
        return text

    def conv(m: re.Match) -> str:
        value = float(m.group(1)) * p.factor / a.factor
        shown = f"{value:.2f}".rstrip("0").rstrip(".")
        return f"{m.group(0)}（合 {shown} {asked}）"

    return re.sub(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*{re.escape(printed)}(?![^\W\d_])", conv, text)
