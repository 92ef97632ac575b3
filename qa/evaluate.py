"""Grading question sets with the rules of ../shared/eval/grade.py, per category.

Numbers match as whole numbers (83,782 counts as 83782; 3928 does not match inside 39280); lookup and
follow-up answers must stay under 400 characters, others under 700; `found: false` questions must be
refused.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import BadQuestion, QAError

MAXLEN = {"lookup": 400, "followup": 400, "aggregate": 700, "text": 700, "none": 700}


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = re.sub(r"(?<=\d)[,，\s](?=\d{3}\b)", "", s)
    return re.sub(r"(?<=\d)\s+(?=\d)", "", s)


def has(ans: str, item: str) -> bool:
    item = norm(item)
    if re.fullmatch(r"\d+(\.\d+)?", item):
        return re.search(r"(?<![\d.])" + re.escape(item) + r"(?![\d]|\.\d)", ans) is not None
    return item in ans


def load(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise QAError(f"{path}:{n}: not a JSON object ({e.msg})") from None
    return out


def verdict(gold: dict, answer: str, found: bool) -> str | None:
    """None when right, else why it is wrong."""
    ans = norm(answer)
    if gold.get("found") is False:
        return None if found is False else "should say not found"
    if found is not True:
        return "said not found"
    if len(ans) > MAXLEN.get(gold["cat"], 700):
        return f"answer too long ({len(ans)} chars)"
    for group in gold.get("expect", []):
        if not any(has(ans, alt) for alt in group):
            return f"missing {group}"
    for bad in gold.get("forbid", []):
        if has(ans, bad):
            return f"wrongly includes {bad}"
    return None


@dataclass
class Score:
    by_cat: dict[str, list[int]] = field(default_factory=dict)  # cat → [right, total]
    failures: list[str] = field(default_factory=list)

    def add(self, cat: str, ok: bool) -> None:
        s = self.by_cat.setdefault(cat, [0, 0])
        s[0] += ok
        s[1] += 1

    @property
    def right(self) -> int:
        return sum(v[0] for v in self.by_cat.values())

    @property
    def total(self) -> int:
        return sum(v[1] for v in self.by_cat.values())

    @property
    def pct(self) -> float:
        return 100.0 * self.right / max(self.total, 1)


def run(gold: Iterable[dict], answer: Callable[[str, list], tuple[str, bool]]) -> Score:
    """Ask every gold question through `answer(q, history) -> (text, found)` and grade it."""
    score = Score()
    for g in gold:
        text, found = answer(g["q"], g.get("history", []))
        why = verdict(g, text, found)
        score.add(g["cat"], why is None)
        if why:
            score.failures.append(f"{g['id']} [{g['cat']}] {g['q']} -> {why} | {norm(text)[:120]!r}")
    return score


def table(scores: dict[str, Score]) -> str:
    """Scores side by side by category (a column per system), as plain text."""
    names = list(scores)
    cats = sorted({c for s in scores.values() for c in s.by_cat})
    rows = [["category", *names]]
    for c in cats:
        cells = []
        for n in names:
            r, t = scores[n].by_cat.get(c, [0, 0])
            cells.append(f"{r}/{t} ({100.0 * r / max(t, 1):.0f}%)")
        rows.append([c, *cells])
    rows.append(["overall", *[f"{s.right}/{s.total} ({s.pct:.1f}%)" for s in scores.values()]])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows)


def answerer(engine) -> Callable[[str, list], tuple[str, bool]]:
    """`answer(q, history) -> (text, found)` for `run`, from anything with `ask(q, history) -> Answer`;
    a question refused as bad input counts as not found, as `qa ask --jsonl` reports it."""

    def answer(q: str, history: list) -> tuple[str, bool]:
        try:
            a = engine.ask(q, history)
            return a.text, a.found
        except BadQuestion as e:
            return str(e), False

    return answer
