"""Shared fixtures: the shipped seed bulletin, generated bulletins, small corpora in tmp_path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))  # for `import factory`

SEED = ROOT / "corpus" / "2025-07_第161期.txt"
FIXTURES = TESTS / "fixtures" / "bulletins"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed():
    from qa.parse import parse_file

    return parse_file(SEED)
