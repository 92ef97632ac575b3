"""What a user typed, made safe to answer: control characters and markup out, limits checked, chat
history in one shape, and several questions in one message told apart.

Before that, what people send is checked as data (shared by `qa ask --jsonl`, the API and the chat).
JSON and HTTP carry anything: null where text belongs, strings where objects belong, lone UTF-16
surrogates (`"\\udfff"`, valid JSON but not text: no UTF-8 encoder accepts them). check_question and
check_history refuse such input with a BadQuestion that says which field is wrong, and scrub makes
anything echoed back writable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from qa.errors import BadQuestion
from qa.words import words

CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
TAG = re.compile(r"<[^>]{0,200}>")
PIECE_ENDS = str.maketrans({c: "？" for c in "？?，,；;"})
SURROGATE = re.compile("[\ud800-\udfff]")
MAX_TEXT = 2000  # characters of one history turn the engine reads (it cuts there too)


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
        out.append({"role": turn["role"], "content": CTRL.sub(" ", content)[:MAX_TEXT]})
    return out


def strip_markup(q: str) -> str:
    """Tags are not questions (「<img src=x>省人医门急诊人次」 asks about 省人医); the text around them is."""
    return TAG.sub(" ", q)


SPACED = re.compile(r"([\u4e00-\u9fff])(\s+)(?=([\u4e00-\u9fff]))")


def _asks_both(q: str, m: re.Match) -> bool:
    """The pieces either side of a space (back to, and on to, the nearest mark or space) both ask."""
    left = re.split(r"[\s？?。！!，,；;]", q[: m.start(2)])[-1]
    right = re.split(r"[\s？?。！!，,；;]", q[m.end(2) :])[0]
    return asks(left) and asks(right)


def asks(piece: str) -> bool:
    """Whether a piece of a message asks something (has a question word)."""
    return any(w in piece for w in words("question_mark"))


def split_questions(
    q: str, has_content: Callable[[str], bool], kind: Callable[[str], str] = lambda piece: ""
) -> list[str]:
    """Several questions in one message, cut at 「？，；」 where a piece asks something of its own.

    A piece that asks nothing (「2025年第10期简报里，」) goes with the question next to it, and a piece that
    asks but names nothing (「X，是多少？」「…为啥要建，目的是啥？」) finishes the question before it — unless
    it asks another kind of thing (`kind`: 「谁主持的？在哪开的」 asks who, then where)."""
    # 「投资多少、依托哪家医院」: a 、 right after a question word ends a question (「检验、检查各多少」 lists)
    marks = words("question_mark")
    q = "".join("？" if ch == "、" and q[:k].endswith(marks) else ch for k, ch in enumerate(q))
    # 「在哪开的 发了多少卡」: a space typed between two Chinese pieces that each ask something ends one
    q = SPACED.sub(lambda m: m.group(1) + ("？" if _asks_both(q, m) else m.group(2)), q)
    pieces = [p for p in q.translate(PIECE_ENDS).split("？") if p.strip()]
    out: list[str] = []
    carry = ""
    for p in pieces:
        if not asks(p):
            carry += p + "，"
        elif out and not has_content(p) and kind(p) in ("", kind(out[-1])):
            out[-1] += "，" + carry + p
            carry = ""
        else:
            out.append(carry + p)
            carry = ""
    if carry and out:
        out[-1] += "，" + carry.rstrip("，")
    return out if len(out) >= 2 else [q]


# -- checks on what people send, before anything reads it -----------------------------------------
def json_type(value: Any) -> str:
    """The JSON name of a value's type, for messages (null, not NoneType)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def scrub(value: Any) -> Any:
    """The value with every lone surrogate replaced by U+FFFD, in strings, lists and dict keys/values."""
    if isinstance(value, str):
        return SURROGATE.sub("\ufffd", value)
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    return value


def check_question(question: Any) -> str:
    """The question if it is text; BadQuestion naming what is wrong otherwise (length and emptiness are
    the engine's, which quotes its limit)."""
    if not isinstance(question, str):
        raise BadQuestion(f"question must be text, got {json_type(question)}")
    m = SURROGATE.search(question)
    if m:
        raise BadQuestion(
            f"question contains an invalid character (a lone UTF-16 surrogate, \\u{ord(m[0]):04x}, "
            f"at position {m.start() + 1}); send the question as text"
        )
    return question


def check_history(history: Any, limit: int) -> list[dict[str, str]]:
    """Earlier turns as [{'role', 'content': str}], sources messages dropped; BadQuestion naming the
    first malformed field (history[2].content[0].text must be text, got null) otherwise."""
    if history is None:
        return []
    if not isinstance(history, list):
        raise BadQuestion(f"history must be a list of turns, got {json_type(history)}")
    if len(history) > limit:
        raise BadQuestion(f"history has {len(history)} turns; the limit is {limit} (QA_MAX_HISTORY)")
    turns = []
    for i, turn in enumerate(history):
        where = f"history[{i}]"
        if not isinstance(turn, dict):
            raise BadQuestion(f"{where} must be an object with role and content, got {json_type(turn)}")
        role = turn.get("role")
        if role not in ("user", "assistant"):
            shown = repr(scrub(role))[:40] if isinstance(role, str) else json_type(role)
            raise BadQuestion(f"{where}.role must be 'user' or 'assistant', got {shown}")
        meta = turn.get("metadata")
        if meta is not None and not isinstance(meta, dict):
            raise BadQuestion(f"{where}.metadata must be an object, got {json_type(meta)}")
        text = _content_text(turn.get("content", ""), f"{where}.content")
        if meta and meta.get("title"):
            continue  # the chat's folded 来源 message, not a turn
        turns.append({"role": role, "content": scrub(text)[:MAX_TEXT]})
    return turns


def _content_text(content: Any, where: str) -> str:
    """A turn's text: a string, or Gradio's list of blocks whose `text` fields are joined."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        raise BadQuestion(f"{where} must be text or a list of blocks, got {json_type(content)}")
    parts = []
    for j, block in enumerate(content):
        if isinstance(block, str):
            parts.append(block)
            continue
        if not isinstance(block, dict):
            raise BadQuestion(f"{where}[{j}] must be a block object, got {json_type(block)}")
        if "text" in block:
            if not isinstance(block["text"], str):
                raise BadQuestion(f"{where}[{j}].text must be text, got {json_type(block['text'])}")
            parts.append(block["text"])
    return " ".join(parts)
