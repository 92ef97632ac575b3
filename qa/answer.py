"""One entry point for every front end: `ask(question, history)` routes a question to the tables, the
news, the masthead, an overview or an honest refusal (see qa/router.py for the order).

Text answers are extractive: the sentence (or the clauses of it) that answers, quoted from the
bulletin, with its source. Table answers quote cells as printed.
"""

from __future__ import annotations

import threading

from qa.config import Settings
from qa.index import current_dir, open_index
from qa.inputs import clean, clean_history
from qa.model import Answer
from qa.router import Engine

__all__ = ["Engine", "ask", "clean", "clean_history", "engine"]

_engines: dict[tuple[str, str, int, int], Engine] = {}
_lock = threading.Lock()


def engine(settings: Settings | None = None) -> Engine:
    """The engine for the live index of these settings, loaded once per process and generation.

    Opening a newer generation of an index folder forgets the engines of its older ones: a server
    follows `current` across ingests, and each engine kept would hold its memory and its open SQLite
    file (the disk space of a removed generation) for the life of the process. Whoever still holds an
    old engine (a question being answered) keeps it until done."""
    settings = settings or Settings.from_env()
    # Keyed by the limits too: two apps with other limits on one index each get theirs.
    folder = str(settings.index_dir)
    key = (folder, str(current_dir(settings)), settings.max_question_chars, settings.max_history)
    with _lock:
        if key not in _engines:
            eng = Engine(open_index(settings), settings)
            for old in [k for k in _engines if k[0] == folder and k[1] != key[1]]:
                del _engines[old]
            _engines[key] = eng
        return _engines[key]


def ask(question: str, history: list | None = None, settings: Settings | None = None) -> Answer:
    """Answer one question with optional chat history ([{role, content}])."""
    return engine(settings).ask(question, history or [])
