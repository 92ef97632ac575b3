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


def written(tmp_path_factory, name: str, issues: dict[str, str]) -> tuple[Path, list[Path]]:
    """Bulletins a test writes (file name → text) into a fresh folder: (its root, the files)."""
    root = tmp_path_factory.mktemp(name)
    src = root / "src"
    src.mkdir()
    files = []
    for file_name, text in issues.items():
        (src / file_name).write_text(text, encoding="utf-8")
        files.append(src / file_name)
    return root, files


def tables_of(tmp_path_factory, name: str, issues: dict[str, str]):
    """The table path over bulletins a test writes, without the embedding model."""
    from test_plan import table_qa

    root, files = written(tmp_path_factory, name, issues)
    return table_qa(files[0].parent, root)


def engine_of(tmp_path_factory, name: str, issues: dict[str, str], seed: bool = True):
    """A whole engine (the real model) over bulletins a test writes, and the seed issue unless told."""
    from qa.answer import engine

    root, files = written(tmp_path_factory, name, issues)
    return engine(build_index(root, [SEED, *files] if seed else files))


def build_index(root: Path, corpus_files: list[Path]):
    """Copy bulletins into root/corpus and build an index in root/index; return its Settings."""
    import shutil

    from qa.config import Settings
    from qa.index import build

    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for f in corpus_files:
        shutil.copy(f, corpus / f.name)
    # No per-client question limit: tests ask hundreds of questions from one address in a minute
    # (the limit's own tests switch it on).
    settings = Settings.from_env(env={}, corpus_dir=str(corpus), index_dir=str(root / "index"), rate_limit=0)
    build(settings)
    return settings


@pytest.fixture(scope="session")
def eval_engines(tmp_path_factory):
    """engines(files): one engine per distinct corpus of the eval sets, built on first use."""
    from qa.answer import engine

    cache: dict[tuple, object] = {}

    def get(files: list[Path]):
        key = tuple(files)
        if key not in cache:
            cache[key] = engine(build_index(tmp_path_factory.mktemp("evalset"), files))
        return cache[key]

    return get


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory):
    """An index of the shipped corpus (the real bulletin), built once per test run."""
    return build_index(tmp_path_factory.mktemp("seed"), [SEED])


@pytest.fixture(scope="session")
def multi_settings(tmp_path_factory):
    """The real bulletin plus three generated issues (other months, hospitals, layouts)."""
    return build_index(tmp_path_factory.mktemp("multi"), [SEED, *sorted(FIXTURES.glob("*.txt"))])


@pytest.fixture(scope="session")
def seed_engine(seed_settings):
    from qa.answer import engine

    return engine(seed_settings)


@pytest.fixture(scope="session")
def multi_engine(multi_settings):
    from qa.answer import engine

    return engine(multi_settings)


@pytest.fixture(scope="session")
def probe_engine(tmp_path_factory):
    """Two more generated issues (2026, space-aligned tables, an extra column, no repeated headers)."""
    from qa.answer import engine

    return engine(
        build_index(tmp_path_factory.mktemp("probe"), sorted((TESTS / "fixtures" / "probe").glob("*.txt")))
    )


@pytest.fixture(scope="session")
def text_probe_engine(tmp_path_factory):
    """The shipped bulletin and the generated 第163期: for colloquial news questions and refusals."""
    from qa.answer import engine

    files = [SEED, FIXTURES / "2025-09_第163期.txt"]
    return engine(build_index(tmp_path_factory.mktemp("textprobe"), files))


@pytest.fixture(scope="session")
def old_engine(tmp_path_factory):
    """Two news-only 2012 issues in older masthead shapes (blind round X1) and the shipped 2025 issue."""
    from qa.answer import engine

    files = [SEED, *sorted((TESTS / "fixtures" / "blind_x1").glob("*.txt"))]
    return engine(build_index(tmp_path_factory.mktemp("old"), files))


@pytest.fixture(scope="session")
def unseen_engine(tmp_path_factory):
    """Blind round X3's bulletins (a 2014 news-only issue, a 2019 issue without year in its issue line),
    which the text path was not written for, and the shipped 2025 issue."""
    from qa.answer import engine

    files = [SEED, *sorted((TESTS / "fixtures" / "blind_x3").glob("*.txt"))]
    return engine(build_index(tmp_path_factory.mktemp("unseen"), files))


def answered_with(tables, question: str, figures: list[str], absent: list[str]) -> None:
    """The table path answers the question, printing every figure and none of the absent ones (the
    cause tests' one check, so each round's file states only its questions)."""
    a = tables.answer(question)
    assert a is not None and a.found, a and a.text
    assert all(f in a.text for f in figures), a.text
    assert not any(f in a.text for f in absent), a.text


def said_with(eng, question: str, said: list[str], absent: list[str], history: list | None = None) -> None:
    """The engine answers the question (in the conversation given), saying every string and none of the
    absent ones (the text cause tests' one check)."""
    a = eng.ask(question, history or [])
    assert a.found, a.text
    assert all(s in a.text for s in said), a.text
    assert not any(s in a.text for s in absent), a.text
