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

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def engine(settings: Settings | None = None) -> Engine:
    """The engine for the live index of these settings, loaded once per process and generation."""
    settings = settings or Settings.from_env()
    # Keyed by the limits too: two apps with other limits on one index each get theirs.
    key = f"{settings.index_dir}:{current_dir(settings)}:{settings.max_question_chars}:{settings.max_history}"
    with _lock:
        if key not in _engines:
            _engines[key] = Engine(open_index(settings), settings)
        return _engines[key]


def ask(question: str, history: list | None = None, settings: Settings | None = None) -> Answer:
    """Answer one question with optional chat history ([{role, content}])."""
    return engine(settings).ask(question, history or [])
