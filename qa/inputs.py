"""Checks on what people send, shared by the CLI (`qa ask --jsonl`) and the web layer (API and chat).

JSON and HTTP carry anything: null where text belongs, strings where objects belong, lone UTF-16
surrogates (`"\\udfff"`, valid JSON but not text: no UTF-8 encoder accepts them). The engine expects
text and turns, so every input is checked here first and refused with a BadQuestion that says which
field is wrong, and everything echoed back is scrubbed so that writing it can never fail.
"""

from __future__ import annotations

import re
from typing import Any

from qa.errors import BadQuestion

SURROGATE = re.compile("[\ud800-\udfff]")
MAX_TEXT = 2000  # characters of one history turn the engine reads (it cuts there too)


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
