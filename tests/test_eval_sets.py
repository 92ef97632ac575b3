"""Half the question sets under tests/eval but the blind text rounds (the other half is in
test_eval_sets_b.py, the text rounds in test_eval_sets_text*.py), graded as ../shared/eval does, question
by question against known_failures.txt (see evalsets.py); that every set on disk is run, once; and the
text retrieval's recall."""

from __future__ import annotations

import pytest
from evalsets import EVAL, OTHER_A, OTHER_B, SETS, TEXT_A, TEXT_B, check_set

from qa import evaluate


@pytest.mark.parametrize("name", OTHER_A)
def test_question_set(name, eval_engines):
    check_set(name, eval_engines)


def test_every_set_on_disk_is_run():
    on_disk = {p.name for p in EVAL.glob("*.jsonl")}
    assert on_disk <= set(SETS), f"sets not listed in sets.tsv: {sorted(on_disk - set(SETS))}"
    dealt = [*OTHER_A, *OTHER_B, *TEXT_A, *TEXT_B]
    assert sorted(dealt) == sorted(SETS), "every set listed is run by exactly one of the four files"


def test_text_retrieval_recall_at_5(seed_engine, multi_engine):
    """The chunk holding the answer is among the top 5 of hybrid retrieval, within the question's scope."""
    from qa import context
    from qa.lexicon import normalize
    from qa.retrieve import search

    hit = total = 0
    misses = []
    dev = (EVAL / "../../../shared/eval/dev_questions.jsonl").resolve()
    for eng, path in (
        (seed_engine, dev),
        (seed_engine, EVAL / "seed.jsonl"),
        (multi_engine, EVAL / "generated.jsonl"),
    ):
        if not path.exists():
            continue
        for g in evaluate.load(path):
            if g["cat"] != "text" or g.get("history"):
                continue
            ctx = context.read(eng.calendar, g["q"], normalize(g["q"]), [], eng._elliptical)
            hits = search(eng.index, ctx.rest, k=5, issues=ctx.issues or None)
            text = evaluate.norm(" ".join(normalize(h.chunk.section) + h.chunk.text for h in hits))
            ok = all(any(evaluate.has(text, evaluate.norm(a)) for a in grp) for grp in g["expect"])
            hit += ok
            total += 1
            if not ok:
                misses.append(g["q"])
    assert total >= 100
    assert hit / total >= 0.95, misses
