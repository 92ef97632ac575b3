"""The other half of the question sets test_eval_sets.py runs (see evalsets.py for why they are dealt
into two files)."""

from __future__ import annotations

import pytest
from evalsets import OTHER_B, check_set


@pytest.mark.parametrize("name", OTHER_B)
def test_question_set(name, eval_engines):
    check_set(name, eval_engines)
