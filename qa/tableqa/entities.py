"""Row entities of every table, and finding them in a question however staff shorten the names.

Chinese abbreviations are mostly ordered subsequences of the full name (鼓楼 → 南京鼓楼医院, 市一 →
南京市第一医院, 中大 → 东南大学附属中大医院, 妇幼 → 南京市妇幼保健院, 省人医 → 江苏省人民医院). A span of the
question is a candidate for every label it is a subsequence of, ranked by how much of the label's
distinctive characters it covers (characters weighted by their rarity over all labels). Collisions
(鼓楼 → the hospital or the district) are left to the planner, which knows which table the question is
about. Names that are not subsequences (皮肤病医院) come from the curated alias file. A numeral never
matches another numeral: 第三医院 is not 第二医院.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace

from qa.lexicon import (
    BRACKET_TAIL,
    ORDINAL,
    PREFIXES,
    TYPE_TAIL,
    bracket_abbreviation,
    entity_key,
    normalize,
    read_tsv,
    subtotal_group,
)
from qa.tableqa.words import kind_words

MIN_WEIGHT = 2.4  # a span must carry at least this much rarity (医院 alone is nobody)
DISTINCT = 2.0  # … and one character at least this rare (江苏省 alone begins too many names)
NUMERALS = set("0123456789一二三四五六七八九十第")
SHORT_TAILS = ("院",)  # 「市中医」 for 市中医院 (鼓楼 + 医院 is left to the context: 鼓楼区 or 南京鼓楼医院)
NO_BRACKETS = str.maketrans("", "", "()（）[]【】")


@dataclass
class Entity:
    key: str
    name: str  # as printed, without a bracketed tail such as （含分院）
    kinds: set[str] = field(default_factory=set)  # hospital, district, other …
    tables: set[str] = field(default_factory=set)  # table keys it is a row of
    forms: set[str] = field(default_factory=set)  # normalised printed labels and curated aliases


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    said: str
    candidates: tuple[tuple[str, float], ...]  # (entity key, coverage 0..1), best first


def is_subsequence(span: str, name: str) -> bool:
    it = iter(name)
    return all(ch in it for ch in span)


def _kind_tail(name: str) -> str:
    """The end of a name that says what kind of row it is (保健院, 人民医院, 机构, 区), not which one."""
    m = TYPE_TAIL.search(name)
    tails = [m.group(1)] if m else []
    tails += [w for w in kind_words() if len(w) >= 2 and name.endswith(w) and len(name) > len(w)]
    tail = max(tails, key=len, default="")
    head = name[: len(name) - len(tail)]
    for p in PREFIXES:
        head = head.removeprefix(p)
    # 南京市中西医结合医院: with only a place before it, the tail is what tells this row from others.
    return tail if len(head) >= 2 else ""


def _common_tail(names: list[str]) -> str:
    """The longest end every name shares (分站 of 城中分站, 城南分站)."""
    tail = names[0]
    for n in names[1:]:
        while tail and not n.endswith(tail):
            tail = tail[1:]
    return tail


class Entities:
    """The catalogue of row entities, built from the store when an index is opened."""

    def __init__(self, rows: list[tuple[str, str, str, str]]):
        """rows: (entity key, label as printed, table key, entity kind)."""
        self.by_key: dict[str, Entity] = {}
        for key, label, tkey, kind in rows:
            e = self.by_key.get(key)
            if e is None:
                e = self.by_key[key] = Entity(key, BRACKET_TAIL.sub("", label.strip()))
            e.kinds.add(kind)
            e.tables.add(tkey)
            e.forms.add(normalize(label))
            e.forms.add(key)
            e.forms |= bracket_abbreviation(label)
            if subtotal_group(label):
                e.forms.add(subtotal_group(label))  # 「城南片区」 for its 小计
        for alias, target in read_tsv("aliases.tsv"):
            e = self.by_key.get(entity_key(target))
            if e is not None:
                e.forms.add(normalize(alias))
        self._forms = {f: e.key for e in self.by_key.values() for f in e.forms}
        self._unbracketed = {
            e.key: {f.translate(NO_BRACKETS) for f in e.forms if f.translate(NO_BRACKETS) != f}
            for e in self.by_key.values()
        }
        names = [e.key for e in self.by_key.values()]
        df: dict[str, int] = defaultdict(int)
        for n in names:
            for ch in set(n):
                df[ch] += 1
        total = max(len(names), 1)
        self.idf = {ch: math.log((total + 1) / (c + 0.5)) for ch, c in df.items()}
        # Rarity thresholds relative to this catalogue: with six rows every character is fairly common.
        top = max(self.idf.values(), default=0.0)
        self.min_weight, self.distinct = min(MIN_WEIGHT, 1.6 * top), min(DISTINCT, 0.8 * top)
        self._by_char: dict[str, list[Entity]] = defaultdict(list)
        for e in self.by_key.values():
            for ch in set(e.key) | {c for f in e.forms for c in f}:
                self._by_char[ch].append(e)
        self.longest = max((len(f) for f in self._forms), default=0)
        self._tails = {e.key: _kind_tail(e.key) for e in self.by_key.values()}
        self._name_tails = {t for t in self._tails.values() if len(t) >= 2}  # 医院, 人民医院, 保健院 …
        # qualifiers that begin names (江苏省, 南京市): a prefix that begins two rows or more, not the first
        # word of one row's name (预约 of 预约挂号平台 before 「健康南京」 rules nothing out)
        begins: dict[str, set[str]] = defaultdict(set)
        for f, key in self._forms.items():
            for k in (1, 2, 3):
                if len(f) > k + 1:
                    begins[f[:k]].add(key)
        self._prefixes = {
            p
            for p, keys in begins.items()
            if (len(p) >= 2 or p in "省市区县") and (len(keys) >= 2 or p in PREFIXES)
        }
        # A table's rows that all end alike (城中分站, 城南分站 …) are named by what comes before: 「城南」
        # is 城南分站 however common its characters are elsewhere (南 of every 南京…).
        labels: dict[str, list[str]] = defaultdict(list)
        for key, _, tkey, _ in rows:
            labels[tkey].append(key)
        self._cores: dict[str, set[str]] = defaultdict(set)
        for keys in labels.values():
            keys = sorted(set(keys))
            tail = _common_tail(keys) if len(keys) >= 3 else ""
            for k in keys if tail else ():
                if len(k) - len(tail) >= 2:
                    self._cores[k[: len(k) - len(tail)]].add(k)

    def __contains__(self, key: str) -> bool:
        return key in self.by_key

    def name(self, key: str) -> str:
        return self.by_key[key].name

    def weight(self, text: str) -> float:
        return sum(self.idf.get(ch, 0.0) for ch in text)

    def coverage(self, span: str, e: Entity) -> float:
        """Share of the entity name's rarity that the span covers (1.0 for a printed form or alias)."""
        if span in e.forms:
            return 1.0
        total = self.weight(e.key) or 1.0
        return min(1.0, self.weight(span) / total)

    def candidates(self, span: str) -> list[tuple[str, float]]:
        """Entities the span may name, best first."""
        # 「市中医」 for 市中医院, 「省人民」 for 省人民医院: a form said without the kind's last word
        exact = self._forms.get(span) or next(
            (self._forms[span + k] for k in SHORT_TAILS if len(span) >= 2 and span + k in self._forms), None
        )
        if exact is not None:
            out = [(exact, 1.0)]
            out += [(e.key, self.coverage(span, e)) for e in self._subsequence_of(span) if e.key != exact]
            return sorted(out, key=lambda c: -c[1])
        if ORDINAL.fullmatch(span):
            # 「一院」「市一院」「二附院」: its numeral is what tells it, however common the characters are;
            # every numeral of the name must be the one said (市三院 names no 第一医院)
            said = [ch for ch in span if ch in NUMERALS]
            num = "".join(said)
            same = [
                e.key
                for e in self._subsequence_of(span)
                if [ch for ch in e.key if ch in NUMERALS and ch != "第"] == said
            ]
            # 二院 is 第二医院 before 第二附属医院 (二附院); 四院 is 第四附属医院 where no 第四医院 is printed
            plain = [k for k in same if f"第{num}" in k and "附" not in k and "附" not in span]
            return [(k, 0.8) for k in plain or [k for k in same if f"{num}附" in k]]
        if span not in self._cores and (
            len(span) < 2
            or self.weight(span) < self.min_weight
            or max(self.idf.get(ch, 0.0) for ch in span) < self.distinct
            or all(ch in NUMERALS for ch in span)
            or sum(1 for e in self.by_key.values() if e.key.startswith(span))
            >= 2  # 江苏省, 南京市: qualifiers
        ):
            return []
        return sorted(
            ((e.key, self.coverage(span, e)) for e in self._subsequence_of(span)), key=lambda c: -c[1]
        )

    def _subsequence_of(self, span: str) -> list[Entity]:
        rarest = max(span, key=lambda ch: self.idf.get(ch, 99.0))
        out = []
        for e in self._by_char.get(rarest, []):
            # the name, or a printed form with its bracketed part (市级区域卫生信息平台（二期）: 区域平台二期)
            whole = next(
                (f for f in (e.key, *sorted(self._unbracketed[e.key])) if is_subsequence(span, f)), None
            )
            if whole is None:
                continue
            if is_subsequence(span, self._tails[e.key]):
                continue  # 「保健」 of 妇幼保健院, 「机构」 of 民营机构: the kind of the row, not which one
            # Every numeral of the name that lies inside the span's stretch must be said: 市一 is
            # 市第一医院 (第 is a prefix), but 南医大附院 is not 南医大二附院.
            nums_said = [ch for ch in span if ch in NUMERALS and ch != "第"]
            nums_name = [ch for ch in whole if ch in NUMERALS and ch != "第"]
            if nums_name and nums_said != nums_name and not (nums_said and set(nums_said) <= set(nums_name)):
                continue
            out.append(e)
        return out

    def _contradicted(self, text: str, i: int, key: str) -> bool:
        """「江苏省口腔医院」 is not 南京市口腔医院: a qualifier just before the span that begins other names
        (江苏省, 南京市) but is not part of this one rules it out."""
        name = self.by_key[key].key
        for k in (3, 2, 1):
            left = text[max(0, i - k) : i]
            if (
                len(left) == k
                and " " not in left
                and left in self._prefixes
                and not is_subsequence(left, name)
            ):
                return True
        return False

    def _cut_short(self, text: str, m: Mention) -> bool:
        """「江苏省中医院」 where only 江苏省人民医院 is a row: the span (江苏省) runs on into a name's ending
        (中医院) that makes another body, which no row is — the start of an unknown name, not an
        abbreviation."""
        if m.candidates[0][1] >= 1.0:
            return False  # a printed name or alias said whole (鼓楼医院门诊)
        tails = self._name_tails
        for k in range(2, 5):  # the rest of one name (中医院, 口腔医院), not a phrase (的互联网医院)
            run = text[m.end : m.end + k]
            if len(run) < k or not all("\u4e00" <= ch <= "\u9fff" and ch not in "的和与及" for ch in run):
                return False
            if any(run.endswith(t) for t in tails):
                return True
        return False

    def _with_remark(self, text: str, m: Mention) -> Mention:
        """「南医大四附院(京新)」「鼓楼医院（含分院）」: a bracketed remark that is part of the name as printed
        belongs to the mention."""
        if m.end < len(text) and text[m.end] in "(（":
            close = min((text.find(c, m.end) for c in ")）" if text.find(c, m.end) > 0), default=-1)
            inner = text[m.end + 1 : close] if close > 0 else ""
            if inner and any(inner in f for f in self.by_key[m.candidates[0][0]].forms):
                return replace(m, end=close + 1, said=text[m.start : close + 1])
        return m

    def find(self, text: str, starts: set[int] | None = None) -> list[Mention]:
        """Entity mentions in normalised text: the longest spans that name some entity, left to right.
        With `starts` (the positions where words begin), a name never starts inside a word
        (「江苏省口腔医院」 holds no 「腔医院」)."""
        found: list[Mention] = []
        i, n = 0, len(text)
        while i < n:
            best: Mention | None = None
            for j in range(min(n, i + max(self.longest, 12)), i + 1, -1):
                span = text[i:j]
                if (starts is not None and i not in starts) or not span.strip() or " " in span:
                    continue
                cands = [c for c in self.candidates(span) if not self._contradicted(text, i, c[0])]
                if cands:
                    best = Mention(i, j, span, tuple(cands))
                    break
            if best is None or self._cut_short(text, best):
                i += 1
                continue
            found.append(self._with_remark(text, best))
            i = found[-1].end
        return found
