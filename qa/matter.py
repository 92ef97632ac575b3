"""What an issue prints around its news: the contents list (本期导读), editors' notes (编者按), the next
issue's preview (下期预告) and articles' bylines (通讯员, 来源).

Each is answered as what it is: 「导读里第一篇」 is the contents' first entry, 「编者按说了啥」 the note, 「下期
讲啥」 the preview's items, 「哪个通讯员写的」 the byline of the article the question names — never
another article's. What a preview announces is not reported yet: a question about it that nothing
answers is refused saying so (`announced`), not as if the bulletins never named it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.context import Context
from qa.guards import Guards, issue_label
from qa.index import sentences
from qa.lexicon import normalize
from qa.model import Answer, Bulletin, Section, Source
from qa.overview import ordinal_of
from qa.scope import Calendar
from qa.vocab import Vocab
from qa.words import alike, found, words

NOTE_CHARS = 300  # an editor's note is quoted whole up to this length, then by its first sentences
CARRIED = 0.9  # what vocab.match gives a word carried itself or by a synonym
ANNOUNCED = 0.6  # share of a question's words a preview item must carry to be what it asks about


@dataclass
class Note:
    issue: str
    title: str  # the article's headline
    text: str  # the note without its label
    line: int
    file: str


def said_alike(text: str, kind: str) -> tuple[int, int] | None:
    """Where a word of `kind` stands in text, as written or with one character typed for one that sounds
    or looks the same (编着按 for 编者按); None when it is not there. Words of two characters must be
    written as they are."""
    for w in words(kind):
        at = text.find(w)
        if at >= 0:
            return at, at + len(w)
    for w in words(kind):
        if len(w) < 3:
            continue
        for at in range(len(text) - len(w) + 1):
            diff = [k for k in range(len(w)) if text[at + k] != w[k]]
            if len(diff) == 1 and alike(text[at + diff[0]], w[diff[0]]):
                return at, at + len(w)
    return None


class Matter:
    """Answerers for the contents, editors' notes, previews and bylines of the issues in scope."""

    def __init__(self, docs: list[Bulletin], vocab: Vocab, calendar: Calendar, guards: Guards):
        self.vocab = vocab
        self.cal = calendar
        self.guards = guards
        order = {b.issue: i for i, b in enumerate(calendar.bulletins)}
        self.docs = sorted(docs, key=lambda b: -order.get(b.issue, -1))  # newest first

    def try_answer(self, ctx: Context) -> Answer | None:
        for part in (self.contents, self.note, self.preview, self.byline):
            ans = part(ctx)
            if ans is not None:
                return ans
        return None

    # -- helpers ---------------------------------------------------------------------------------
    def _in_scope(self, ctx: Context) -> list[Bulletin]:
        return [b for b in self.docs if not ctx.issues or b.issue in ctx.issues]

    def _sections(self, b: Bulletin, kind: str) -> list[Section]:
        return [s for s in b.sections if s.kind == kind and s.paragraphs]

    def _pick(self, ctx: Context, kind: str, what: str) -> tuple[Bulletin, Section] | Answer:
        """The issue asked about and its section of `kind`; with no issue named, the newest that prints
        one. An issue that prints none is refused saying so, never answered from another."""
        pool = self._in_scope(ctx)
        if ctx.issues:
            b = pool[0] if pool else None
            got = self._sections(b, kind) if b else []
            if not got:
                having = [issue_label(self.cal, x.issue) for x in self.docs if self._sections(x, kind)]
                where = f"刊印了{what}的有：{'、'.join(having[:6])}。" if having else self.guards.help()
                label = issue_label(self.cal, ctx.issues[0])
                return Answer(ctx.question, f"{label}没有刊印{what}。{where}", False, "none")
            return b, got[0]
        for b in pool:
            got = self._sections(b, kind)
            if got:
                return b, got[0]
        return Answer(ctx.question, f"已收录的简报中没有刊印{what}。{self.guards.help()}", False, "none")

    def _topic(self, text: str) -> list[str]:
        """The words of a question that name something (no question words, fillers or scope)."""
        return [t for t in self.vocab.content(text) if self.vocab.weight(t) > 0]

    def _whole(self, text: str, said: list[str]) -> list[str]:
        """The words said that stand as whole words of the text (jieba), not across two of them."""
        bounds, at = {0}, 0
        for p in self.vocab.pos.lcut(text):
            at += len(p.word)
            bounds.add(at)
        out = []
        for w in said:
            i = text.find(w)
            while i >= 0 and not (i in bounds and i + len(w) in bounds):
                i = text.find(w, i + 1)
            if i >= 0:
                out.append(w)
        return out

    # -- 本期导读 ------------------------------------------------------------------------------------
    def contents(self, ctx: Context) -> Answer | None:
        """「导读里第一篇是啥」「本期要目列了哪些文章」: the entries of the issue's contents list."""
        if not self._whole(ctx.text, found(ctx.text, "ask_contents")):
            return None  # 「主要目的」 holds 要目 across two words: no contents list asked
        picked = self._pick(ctx, "contents", "本期导读（目录）")
        if isinstance(picked, Answer):
            return picked
        b, s = picked
        label = issue_label(self.cal, b.issue)
        entries = s.paragraphs
        nth = ordinal_of(ctx.rest)
        if nth:
            if nth > len(entries):
                return Answer(ctx.question, f"{label}的{s.title}只列了{len(entries)}篇。", False, "none")
            e = entries[nth - 1]
            return Answer(
                ctx.question,
                f"据{label}{s.title}：第{nth}篇是《{e.text}》。",
                True,
                "text",
                [Source(b.issue, s.title, "text", e.text, e.line, b.file)],
            )
        listed = "；".join(f"{k}.《{e.text}》" for k, e in enumerate(entries, 1))
        return Answer(
            ctx.question,
            f"据{label}{s.title}，共列{len(entries)}篇：{listed}。",
            True,
            "text",
            [Source(b.issue, s.title, "text", "／".join(e.text for e in entries), s.line, b.file)],
        )

    # -- 编者按 ------------------------------------------------------------------------------------
    def notes(self, ctx: Context) -> list[Note]:
        out = []
        for b in self._in_scope(ctx):
            for s in b.sections:
                for p in s.paragraphs:
                    span = said_alike(normalize(p.text[:8]), "editor_note")
                    if span and span[0] == 0:
                        body = re.sub(r"^\s*[^:：]{2,5}[:：]\s*", "", p.text)
                        out.append(Note(b.issue, s.title, body, p.line, b.file))
        return out

    def note(self, ctx: Context) -> Answer | None:
        """「编者按说了什么」 (also written 编着按): the note itself, of the article the question names if it
        names one. A question asking something of the note (「编者按里采访的是谁」) is the news path's."""
        span = said_alike(ctx.rest, "editor_note")
        if span is None:
            return None
        rest = ctx.rest[: span[0]] + " " + ctx.rest[span[1] :]
        notes = self.notes(ctx)
        topic = self._topic(rest)
        if topic:
            notes = [n for n in notes if self._carries(topic, normalize(n.title + n.text))]
            if not notes:
                return None  # asks about something the notes do not hold: the news may
        if not notes:
            where = "、".join(ctx.issues[:3]) if ctx.issues else "已收录的简报"
            return Answer(ctx.question, f"{where}中没有编者按。{self.guards.help()}", False, "none")
        n = notes[0]
        body = n.text
        if len(body) > NOTE_CHARS:
            body = ""
            for sent in sentences(n.text):
                if body and len(body) + len(sent) > NOTE_CHARS:
                    break
                body += sent
        return Answer(
            ctx.question,
            f"据{issue_label(self.cal, n.issue)}《{n.title}》编者按：{body}",
            True,
            "text",
            [Source(n.issue, n.title, "text", n.text, n.line, n.file)],
        )

    def _carries(self, topic: list[str], text: str) -> bool:
        return all(self.vocab.match(t, text) >= CARRIED for t in topic)

    # -- 下期预告 ------------------------------------------------------------------------------------
    def preview(self, ctx: Context) -> Answer | None:
        """「下期讲啥」「下期会登12320的数据吗」: the preview's items (those carrying what is asked, or all)."""
        span = said_alike(ctx.rest, "ask_preview")
        if span is None:
            return None
        picked = self._pick(ctx, "preview", "下期预告")
        if isinstance(picked, Answer):
            return picked
        b, s = picked
        rest = ctx.rest[: span[0]] + " " + ctx.rest[span[1] :]
        topic = self._topic(rest)
        items = [p for p in s.paragraphs if topic and self.vocab.coverage(topic, normalize(p.text)) > 0]
        items = items or s.paragraphs
        listed = "；".join(p.text for p in items)
        return Answer(
            ctx.question,
            f"据{issue_label(self.cal, b.issue)}{s.title}，下一期将刊登：{listed}。（预告的是下一期的内容，"
            "本期尚未报道。）",
            True,
            "text",
            [Source(b.issue, s.title, "text", p.text, p.line, b.file) for p in items[:3]],
        )

    def announced(self, ctx: Context) -> Answer | None:
        """A question about what a preview only announces (「智慧医院建设现场会在哪开的」) that nothing
        answered: refused saying it is announced, not reported. None when no preview item is it."""
        topic = self._topic(ctx.rest)
        if not topic:
            return None
        best, where = 0.0, None
        for b in self._in_scope(ctx):
            for s in self._sections(b, "preview"):
                for p in s.paragraphs:
                    cov = self.vocab.coverage(topic, normalize(p.text))
                    if cov > best:
                        best, where = cov, (b, s, p)
        if where is None or best < ANNOUNCED:
            return None
        b, s, p = where
        return Answer(
            ctx.question,
            f"{issue_label(self.cal, b.issue)}的{s.title}提到「{p.text}」，那是下一期将要刊登的内容，"
            f"已收录的简报中还没有相关报道。{self.guards.help()}",
            False,
            "none",
            [Source(b.issue, s.title, "text", p.text, p.line, b.file)],
        )

    # -- 通讯员, 来源 ----------------------------------------------------------------------------------
    def byline(self, ctx: Context) -> Answer | None:
        """「互联网医院监管平台那篇是哪个通讯员写的」「核酸检测那篇稿子来源是哪」: the byline of the article the
        question names (its headline, or its text, carrying the question's words); an article that prints
        none is refused saying so. 来源 alone (「数据来源」) asks about an article only beside 篇, 稿, 报道."""
        writer = found(ctx.rest, "ask_writer")
        source = found(ctx.rest, "ask_source") if found(ctx.rest, "article_word") else []
        if not writer and not source:
            return None
        rest = ctx.rest
        for w in [*writer, *source, *words("article_word")]:
            rest = rest.replace(w, " ")
        topic = self._topic(rest)
        if not topic:
            return None
        best, chosen = 0.0, None
        for b in self._in_scope(ctx):
            for s in b.sections:
                if s.kind != "article":
                    continue
                head = normalize(s.title)
                body = normalize(" ".join(p.text for p in s.paragraphs))
                if not self._carries(topic, head + " " + body):
                    continue
                score = self.vocab.coverage(topic, head)
                if score > best:
                    best, chosen = score, (b, s)
        if chosen is None or best < 0.5:
            return None
        b, s = chosen
        label = issue_label(self.cal, b.issue)
        kinds = ("byline_writer",) if writer and not source else ("byline_source",)
        if writer and source:
            kinds = ("byline_writer", "byline_source")
        got = [(k, v) for k, v in s.byline.items() if any(k in words(kind) for kind in kinds)]
        printed = "　".join(f"{k} {v}" for k, v in s.byline.items())
        src = [Source(b.issue, s.title, "text", printed or s.title, s.byline_line or s.line, b.file)]
        if not got:
            what = "通讯员（作者）" if kinds[0] == "byline_writer" else "来源"
            also = f"（文末署：{printed}）" if printed else ""
            return Answer(ctx.question, f"{label}《{s.title}》没有署{what}{also}。", False, "none", src)
        said = "，".join(f"{k}为 {v}" for k, v in got)
        return Answer(ctx.question, f"据{label}《{s.title}》：{said}。", True, "text", src)
