"""The other half of the blind text rounds test_eval_sets_text.py runs (see evalsets.py)."""

from __future__ import annotations

import pytest
from evalsets import TEXT_B, check_set


@pytest.mark.parametrize("name", TEXT_B)
def test_question_set(name, eval_engines):
    check_set(name, eval_engines)
