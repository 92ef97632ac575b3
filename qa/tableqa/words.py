"""The word lists of the table path, loaded once from qa/data: operation records (operations.tsv),
synonyms, row-kind words, function words. Operation patterns are declarative records with slots
({n} a small number, {x} an amount, {r} a ratio), compiled here once; nothing else in the table path
lists trigger words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from qa.lexicon import DATA, normalize, read_tsv
from qa.units import amount, units_by_length
from qa.words import words

NUM = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"
AMOUNT = r"(?:[一二两三四五六七八九十\d]个[万亿]|[百千]分之(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十]+)|(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿半]+)(?:万|亿|千|百)?\d?)"


@dataclass(frozen=True)
class OpRecord:
    pattern: str  # as written in the data file, e.g. 前{n}
    op: str
    args: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OpTag:
    op: str
    args: dict[str, str]
    start: int
    end: int
    said: str
    n: str = ""  # the {n} slot as said
    x: str = ""  # the {x} slot as said (an amount, possibly with a unit)
    r: str = ""  # the {r} slot (a ratio such as 0/12)


HALF = "一半|半数"  # 「不到一半」: 50 %


def _slot_regex(pattern: str) -> str:
    units = "|".join(re.escape(u) for u in units_by_length())
    out, i = "", 0
    for m in re.finditer(r"\{([nxr])\}", pattern):
        out += re.escape(normalize(pattern[i : m.start()]))
        slot = m.group(1)
        if slot == "n":
            out += rf"(?P<n>{NUM})(?:家|个|名|位|所)?"  # 「最少的三家」
        elif slot == "x":
            out += rf"(?P<x>{HALF}|(?:{AMOUNT})(?:{units})?|[万亿](?:{units})?)"
        else:
            out += r"(?P<r>\d{1,3}/\d{1,3})"
        i = m.end()
    return out + re.escape(normalize(pattern[i:]))


def operations() -> list[tuple[re.Pattern, OpRecord]]:
    """Every operation pattern, compiled (for the units known now), longest pattern first."""
    return _operations(tuple(units_by_length()))


@lru_cache(maxsize=4)
def _operations(units: tuple[str, ...]) -> list[tuple[re.Pattern, OpRecord]]:
    out = []
    for row in read_tsv("operations.tsv"):
        args = dict(a.split("=", 1) for a in row[2:] if "=" in a)
        for alt in row[0].split("|"):
            out.append((re.compile(_slot_regex(alt)), OpRecord(alt, row[1], args)))
    return sorted(out, key=lambda t: -len(t[1].pattern))


def find_ops(
    text: str,
    starts: set[int] | None = None,
    ends: set[int] | None = None,
    rare=None,
    names: set[int] | None = None,
) -> list[OpTag]:
    """Operation words in normalised text: the longest match wins where two overlap. With `starts` and
    `ends` (where words begin and end), a one-character operation word never starts inside a common word
    (「参加」 holds no 「加」; `rare(position)` says the word there is a rare dictionary oddity such as
    「卡比」), nor at the start of a kind of institution (`names`: 「总医院」「各区」's 各 stays), and of two
    overlapping matches the one that fits the words wins."""
    found: list[OpTag] = []
    for rx, rec in operations():
        for m in rx.finditer(text):
            # A one-character word (加, 比, 占, 各, 过…) only where a word starts: 「参加」 holds no 「加」.
            inside = starts is not None and m.start() not in starts
            one = len(rec.pattern.split("{")[0]) <= 1
            if one and inside and not (rare and rare(m.start())):
                continue
            if one and names and m.start() in names:
                continue
            said = next((d for d in words("refer_back") if text[: m.start()].endswith(d)), "")
            if rec.op == "count" and said and (starts is None or m.start() - len(said) in starts):
                continue  # 「那几家医院…合计」: those hospitals, named before — no count (该 of 应该 is none)
            x = m.groupdict().get("x") or ""
            said = amount(x) if "x_unit" in rec.args else None
            if "x_unit" in rec.args and (
                said is None or said.dim in ("", "level") or said.said[-1:] in kind_words()
            ):
                # amounts said with a unit only (「100%的」「3件的」): not 「13的」, nor 「二级的」 (a grade), nor
                # 「13家的」 (家 counts the rows)
                continue
            found.append(
                OpTag(
                    rec.op,
                    rec.args,
                    m.start(),
                    m.end(),
                    m.group(0),
                    m.groupdict().get("n") or "",
                    x,
                    m.groupdict().get("r") or "",
                )
            )
    # Longest first, and where two overlap, the one that starts a word (「相差多少」 is 相差, not 差多少); a
    # number ends a pattern inside a word of numeral and classifier (「最多的两类」: 两类) all the same.
    found.sort(
        key=lambda t: (
            starts is not None
            and (t.start not in starts or (ends is not None and t.end not in ends and not t.n)),
            starts is not None and t.start not in starts,
            -(t.end - t.start),
            t.start,
        )
    )
    taken: set[int] = set()
    out = []
    for t in found:
        if not taken & set(range(t.start, t.end)):
            out.append(t)
            taken |= set(range(t.start, t.end))
    return sorted(out, key=lambda t: t.start)


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    return {
        normalize(w): tuple(normalize(x) for x in alts.split("|")) for w, alts in read_tsv("synonyms.tsv")
    }


@lru_cache(maxsize=1)
def kind_words() -> dict[str, str]:
    return {normalize(w): k for w, k in read_tsv("kinds.tsv")}


@lru_cache(maxsize=1)
def complements() -> frozenset[str]:
    """Result and direction complements (到, 出, 来): 接到 says no more than 接."""
    lines = (DATA / "complements.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    lines = (DATA / "function_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(normalize(w) for w in lines if w.strip() and not w.startswith("#"))
