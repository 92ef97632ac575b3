"""What a user typed, made safe to answer: control characters and markup out, limits checked, chat
history in one shape, and several questions in one message told apart."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from qa.errors import BadQuestion
from qa.words import words

CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
TAG = re.compile(r"<[^>]{0,200}>")
PIECE_ENDS = str.maketrans({c: "？" for c in "？?，,；;"})


def clean(question: str, limit: int) -> str:
    """Normalise what a user typed; BadQuestion (quoting it) when there is nothing to answer."""
    if not isinstance(question, str):
        raise BadQuestion(f"question must be text, got {type(question).__name__}")
    q = CTRL.sub(" ", unicodedata.normalize("NFC", question)).strip()
    if not q:
        raise BadQuestion("question is empty")
    if len(q) > limit:
        raise BadQuestion(
            f"question is {len(q)} characters long; the limit is {limit} (QA_MAX_QUESTION_CHARS; {q[:20]!r}…)"
        )
    return q


def clean_history(history, limit: int) -> list[dict]:
    """History turns as [{'role', 'content': str}], accepting Gradio's list-of-blocks content too."""
    if history is None:
        return []
    if not isinstance(history, list):
        raise BadQuestion(f"history must be a list of turns, got {type(history).__name__}")
    if len(history) > limit:
        raise BadQuestion(f"history has {len(history)} turns; the limit is {limit} (QA_MAX_HISTORY)")
    out = []
    for i, turn in enumerate(history):
        if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant"):
            raise BadQuestion(
                f"history[{i}] must be {{'role': 'user'|'assistant', 'content': ...}}, got {turn!r:.80}"
            )
        content = turn.get("content", "")
        if isinstance(content, list):
            content = " ".join(b.get("text", "") for b in content if isinstance(b, dict))
        if not isinstance(content, str):
            content = str(content)
        if (turn.get("metadata") or {}).get("title"):
            continue  # a collapsed sources message shown by the chat, not a turn
        out.append({"role": turn["role"], "content": CTRL.sub(" ", content)[:2000]})
    return out


def strip_markup(q: str) -> str:
    """Tags are not questions (「<img src=x>省人医门急诊人次」 asks about 省人医); the text around them is."""
    return TAG.sub(" ", q)


def asks(piece: str) -> bool:
    """Whether a piece of a message asks something (has a question word)."""
    return any(w in piece for w in words("question_mark"))


def split_questions(q: str, has_content: Callable[[str], bool]) -> list[str]:
    """Several questions in one message, cut at 「？，；」 where a piece asks something of its own.

    A piece that asks nothing (「2025年第10期简报里，」) goes with the question next to it, and a piece that
    asks but names nothing (「X，是多少？」「…为啥要建，目的是啥？」) finishes the question before it."""
    pieces = [p for p in q.translate(PIECE_ENDS).split("？") if p.strip()]
    out: list[str] = []
    carry = ""
    for p in pieces:
        if not asks(p):
            carry += p + "，"
        elif out and not has_content(p):
            out[-1] += "，" + carry + p
            carry = ""
        else:
            out.append(carry + p)
            carry = ""
    if carry and out:
        out[-1] += "，" + carry.rstrip("，")
    return out if len(out) >= 2 else [q]
