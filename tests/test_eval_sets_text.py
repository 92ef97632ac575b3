"""The blind text rounds (blind_x*.jsonl), graded question by question against known_failures.txt as
test_eval_sets.py grades the rest; a file of their own so that `pytest -n 2` runs them beside the others."""

from __future__ import annotations

import pytest
from evalsets import TEXT_SETS, check_set


@pytest.mark.parametrize("name", TEXT_SETS)
def test_question_set(name, eval_engines):
    check_set(name, eval_engines)
