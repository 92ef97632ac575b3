"""What the two eval-set test files share: the sets of sets.tsv, their known failures, and the check of one
set question by question (each must pass unless listed in known_failures.txt; a listed one that passes
fails too). Two files so that `pytest -n 2` runs text and table sets side by side."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from qa import evaluate

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"


def _rows(path: Path) -> list[list[str]]:
    return [
        [c.strip() for c in line.split("\t")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


SETS = {name: [p.strip() for p in corpus.split(",")] for name, corpus in _rows(EVAL / "sets.tsv")}
# The blind text rounds (news questions) run in test_eval_sets_text*.py, every other set in
# test_eval_sets*.py; each kind is dealt into two files (every other set) so that `pytest -n 2 --dist
# loadfile` can balance its workers — one file per kind left one worker idle for minutes.
TEXT_SETS = sorted(n for n in SETS if n.startswith("blind_x"))
OTHER_SETS = sorted(n for n in SETS if n not in TEXT_SETS)
TEXT_A, TEXT_B = TEXT_SETS[::2], TEXT_SETS[1::2]
OTHER_A, OTHER_B = OTHER_SETS[::2], OTHER_SETS[1::2]


def known_failures() -> dict[str, set[str]]:
    """set name → ids expected to fail (each line: set <TAB> id <TAB> why)."""
    out: dict[str, set[str]] = {}
    for row in _rows(EVAL / "known_failures.txt"):
        out.setdefault(row[0], set()).add(row[1])
    return out


def corpus_files(patterns: list[str]) -> list[Path]:
    files = sorted({Path(f) for p in patterns for f in glob.glob(str(ROOT / p))})
    assert files, f"no bulletins match {patterns}"
    return files


def check_set(name: str, engines) -> None:
    """Grade one set against its known failures; engines(files) returns an engine for a corpus."""
    path = (EVAL / name).resolve()
    if not path.exists():
        pytest.skip(f"{name} is not beside the repository")
    gold = evaluate.load(path)
    ids = [g["id"] for g in gold]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    known = known_failures().get(name, set())
    assert known <= set(ids), f"{name}: known failures that are not in the set: {sorted(known - set(ids))}"
    eng = engines(corpus_files(SETS[name]))
    answer = evaluate.answerer(eng)
    new, fixed = [], []
    for g in gold:
        text, found = answer(g["q"], g.get("history", []))
        why = evaluate.verdict(g, text, found)
        if why and g["id"] not in known:
            new.append(f"{g['id']} {g['q']} -> {why} | {evaluate.norm(text)[:120]!r}")
        elif not why and g["id"] in known:
            fixed.append(g["id"])
    assert not new, f"{name}: new failures:\n" + "\n".join(new)
    assert not fixed, f"{name}: listed as known failures but now pass (remove them): {fixed}"
