"""Names and words: entity aliases, metric synonyms, units, question normalisation.

The rules are data (`qa/data/*.tsv`); this module only loads them and applies them. Generated aliases
cover the regular short forms (南京市X → X, 市X; 江苏省X → X, 省X; 第一 → 一; 大学附属 stripped); the
curated file covers the rest. An alias that would point at two entities is dropped, never guessed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
PREFIXES = ("中国", "江苏省", "南京市", "南京", "江苏")
# the quotation marks staff and bulletins put around a name, as (opening, closing) pairs
QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("「", "」"), ("‘", "’"), ("『", "』"))
BRACKET_TAIL = re.compile(r"[(（][^()（）]*[)）]$")
TYPE_TAIL = re.compile(r"(人民医院|中西医结合医院|中医院|医院|研究所|保健院|防治院|区)$")
# a hospital said by its ordinal and the last character of its kind: 一院, 市一院, 二附院 (第一医院, 第二附属医院)
ORDINAL = re.compile(r"[省市区]?([一二三四五六七八九十]{1,2})附?院")
CN_NUM = {"第一": "一", "第二": "二", "第三": "三", "第四": "四", "第五": "五", "第六": "六"}


def unbracketed(text: str) -> str:
    """The text without its bracketed parts (主治（主管）医师 → 主治医师): a qualifier said or left unsaid."""
    out, depth = [], 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a data file, comments and blank lines skipped."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def simplify(text: str) -> str:
    """Traditional → simplified characters (zhconv), imported lazily: it loads a dictionary."""
    if text.isascii():
        return text
    import zhconv

    return zhconv.convert(text, "zh-cn")


@lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """Question/name key: NFKC (full-width digits and brackets), simplified characters, no spaces, lower,
    a times sign typed as x between figures.
    A space between two numbers stays (「120 9月」 is not 「1209月」)."""
    t = unicodedata.normalize("NFKC", text)
    t = simplify(t)
    t = re.sub(r"(?<=\d)\s+(?=\d)", "\x00", t)
    t = re.sub(r"(?<=\d)[xX*](?=\d)", "×", t)  # 「7x24小时」 as printed: 7×24
    return re.sub(r"\s+", "", t).replace("\x00", " ").lower()


QUOTES_OFF = str.maketrans("", "", "".join(o + c for o, c in QUOTE_PAIRS))


def entity_key(name: str) -> str:
    """Identity of an entity across tables: 南京鼓楼医院（含分院） and 南京鼓楼医院 are one, and so are
    「“南京卫生12320”微信」 and 「南京卫生12320微信」 (quotation marks name nothing)."""
    return BRACKET_TAIL.sub("", normalize(name)).translate(QUOTES_OFF)


def bracket_abbreviation(name: str) -> set[str]:
    """「实验室信息系统（LIS）」: the letters in brackets at the end are what staff call it ({"lis"})."""
    tail = BRACKET_TAIL.search(normalize(name))
    inner = tail.group(0)[1:-1] if tail else ""
    letters = inner.isascii() and inner.replace("-", "").isalnum() and inner[:1].isalpha()
    return {inner} if letters and 2 <= len(inner) <= 10 else set()


def subtotal_group(name: str) -> str:
    """The group a subtotal row sums (城南片区 of 「城南片区小计」), by which it is asked; "" for other rows."""
    from qa.words import words  # (here: qa.words reads its lists through this module)

    base = entity_key(name)
    return next(
        (base[: -len(w)] for w in words("subtotal_mark") if base.endswith(w) and len(base) - len(w) >= 2), ""
    )


def generated_aliases(name: str) -> set[str]:
    base = entity_key(name)
    out = {base, normalize(name)}
    out |= bracket_abbreviation(name)
    forms = {base}
    for p in PREFIXES:
        if base.startswith(p) and len(base) > len(p) + 2:
            rest = base[len(p) :]
            forms.add(rest)
            if p in ("江苏省", "江苏"):
                forms.add("省" + rest)
            if p in ("南京市", "南京"):
                forms.add("市" + rest)
    m = re.match(r"^(.{2,6}?)(大学|医科大学|医学院)(第.)?附属(.+)$", base)
    if m:
        forms.add(
            m.group(4) if not m.group(3) else m.group(1) + m.group(2) + m.group(3) + "附属" + m.group(4)
        )
    for f in list(forms):
        for a, b in CN_NUM.items():
            if a in f:
                forms.add(f.replace(a, b))
    if subtotal_group(base):
        out.add(subtotal_group(base))
    for f in forms:
        core = TYPE_TAIL.sub("", f)
        # 第二医院 alone would swallow 「排第二的医院」: a core must be more than an ordinal.
        if f == base or (len(core) >= 2 and not re.fullmatch(r"[第市省]?[一二三四五六七八九十0-9]+", core)):
            out.add(f)
    return out


@dataclass
class Entity:
    key: str
    name: str  # display name (the printed form without bracketed suffix)
    kind: str


@dataclass
class Catalogue:
    """Every hospital, district and channel seen in any table, with aliases resolved to one entity."""

    entities: dict[str, Entity] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # alias → entity key
    sources: dict[str, str] = field(default_factory=dict)  # alias → "name" | "generated" | "curated"
    printed: dict[str, set[str]] = field(default_factory=dict)  # key → labels as printed

    def add(self, name: str, kind: str) -> str:
        key = entity_key(name)
        if key not in self.entities:
            self.entities[key] = Entity(key, BRACKET_TAIL.sub("", name.strip()), kind)
        self.printed.setdefault(key, set()).add(normalize(name))
        return key

    def finish(self) -> Catalogue:
        """Build the alias map: generated aliases unless ambiguous, then curated ones."""
        owners: dict[str, set[str]] = {}
        for key, ent in self.entities.items():
            for a in generated_aliases(ent.name) | self.printed.get(key, set()):
                owners.setdefault(a, set()).add(key)
            if ent.kind == "district":
                short = re.sub(r"(新区|区|县)$", "", key)
                if len(short) >= 2:
                    owners.setdefault(short, set()).add(key)
        # 高淳人民医院 printed 高淳区人民医院 in the news: a body named after a district, with its 区 or 县
        places = {
            re.sub(r"(新区|区|县)$", "", k): k[len(re.sub(r"(新区|区|县)$", "", k)) :]
            for k, e in self.entities.items()
            if e.kind == "district"
        }
        for a, keys in list(owners.items()):
            if len(keys) != 1 or self.entities[next(iter(keys))].kind == "district":
                continue
            for short, suffix in places.items():
                if len(short) >= 2 and a.startswith(short) and not a[len(short) :].startswith(suffix):
                    owners.setdefault(short + suffix + a[len(short) :], set()).update(keys)
        self.aliases.clear()
        for a, keys in owners.items():
            if len(keys) == 1:
                k = next(iter(keys))
                self.aliases[a] = k
                self.sources[a] = "name" if a == k else "generated"
        # A district's bare name (江宁) must not shadow a hospital that starts with it (江宁医院).
        for a, k in list(self.aliases.items()):
            if (
                self.entities[k].kind == "district"
                and not a.endswith(("区", "县"))
                and any(
                    o != k and other.startswith(a) and self.entities[o].kind == "hospital"
                    for other, o in self.aliases.items()
                )
            ):
                del self.aliases[a]
        for alias, target in read_tsv("aliases.tsv"):
            k = entity_key(target)
            if k in self.entities:
                self.aliases[normalize(alias)] = k
                self.sources[normalize(alias)] = "curated"
        return self

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Entity mentions in a normalised question: greedy, longest alias first, left to right."""
        out = []
        i = 0
        longest = max((len(a) for a in self.aliases), default=0)
        while i < len(text):
            for j in range(min(len(text), i + longest), i, -1):
                key = self.aliases.get(text[i:j])
                if key:
                    out.append((i, j, key))
                    i = j
                    break
            else:
                i += 1
        return out

    def fuzzy(self, text: str, cutoff: float = 0.8) -> list[tuple[int, int, str]]:
        """Near misses for a misspelt name: a span ending in 院/所/区 close to a known alias."""
        out = []
        for m in re.finditer(r"(院|所|区)", text):
            end = m.end()
            best = None
            for start in range(max(0, end - 14), end - 2):
                span = text[start:end]
                cand = difflib.get_close_matches(span, list(self.aliases), n=1, cutoff=cutoff)
                if cand:
                    score = difflib.SequenceMatcher(None, span, cand[0]).ratio()
                    if best is None or score > best[0]:
                        best = (score, start, self.aliases[cand[0]])
            if best:
                out.append((best[1], end, best[2]))
        return out


QUOTED = re.compile(r"[“\"]([\u4e00-\u9fff]{3,6})[”\"]")


def quoted_terms(texts) -> set[str]:
    """Phrases the bulletins put in quotation marks (“三个不等于”“工人先锋号”): terms of their own, each
    one word (「三个不等于是哪三个」 is not 不|等|于是)."""
    return {m.group(1) for t in texts for m in QUOTED.finditer(t)}


def user_words(catalogue: Catalogue, columns: set[str]) -> list[str]:
    """Words jieba must keep whole: entity names, aliases, column names."""
    words = set(catalogue.aliases) | {e.name for e in catalogue.entities.values()} | set(columns)
    return sorted(w for w in words if len(w) >= 2)
