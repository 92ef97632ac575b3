"""Half the blind text rounds (blind_x*.jsonl; the other half is in test_eval_sets_text_b.py), graded
question by question against known_failures.txt as test_eval_sets.py grades the rest; files of their own
so that `pytest -n 2` runs them beside the others."""

from __future__ import annotations

import pytest
from evalsets import TEXT_A, check_set


@pytest.mark.parametrize("name", TEXT_A)
def test_question_set(name, eval_engines):
    check_set(name, eval_engines)
