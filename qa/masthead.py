"""Masthead and contact questions of any issue: 总第几期, 出版日期, 编印单位, 本期印数, 责任编辑, 刊名, and the
centre's address, phone, fax, e-mail, website — read from the issue named (总第45期, 2012年第3期,
「3月出的那期」, 这期), or the latest issue that prints the field. An issue that does not print it gets a
refusal saying so, never another issue's value."""

from __future__ import annotations

from dataclasses import dataclass

from qa.context import Context
from qa.guards import issue_label
from qa.index import Index
from qa.lexicon import normalize, read_tsv
from qa.model import Answer, Source
from qa.scope import Calendar
from qa.vocab import Vocab
from qa.words import found, words


@dataclass(frozen=True)
class Field:
    name: str  # running, published, publisher, print_run, editor …
    label: str  # the bulletin's word for it
    asks: tuple[str, ...]  # how staff ask for it, longest first


def fields() -> list[Field]:
    return [
        Field(name, label, tuple(sorted(set(_expand(asks.split("|"))), key=len, reverse=True)))
        for name, label, asks in read_tsv("masthead.tsv")
    ]


def _expand(asks: list[str]) -> list[str]:
    """「{ask_org}主办」 is each way of asking for a body (哪个单位, 哪家单位, 什么单位 …, in text_words.tsv)
    followed by 主办: the asker and the verb are combined, not listed pair by pair."""
    out = []
    for a in asks:
        if a.startswith("{") and "}" in a:
            kind, rest = a[1 : a.index("}")], a[a.index("}") + 1 :]
            out += [w + rest for w in words(kind) if not w.endswith(rest)]
        else:
            out.append(a)
    return out


def printed_date(iso: str) -> str:
    """2012-03-20 → 2012年3月20日, 2012-03 → 2012年3月: as mastheads print it."""
    parts = [int(x) for x in iso.split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, "年月日", strict=False))


class Mastheads:
    def __init__(self, index: Index, vocab: Vocab, calendar: Calendar):
        self.index = index
        self.vocab = vocab
        self.cal = calendar
        self.fields = fields()
        self.heads = index.store.mastheads()

    def asked(self, text: str) -> tuple[list[Field], str]:
        """The fields a question asks for (in the order it asks), and the question without the words
        that ask them; read leftmost-longest, so 「抄送哪些单位」 is 抄送, not 送哪些 (and without 了:
        「报给了哪些」 asks as 「报给哪些」)."""
        text = text.replace("了", "")
        pairs = sorted(((normalize(w), f) for f in self.fields for w in f.asks), key=lambda p: -len(p[0]))
        out: list[Field] = []
        chars = list(text)
        i = 0
        while i < len(text):
            hit = next(((w, f) for w, f in pairs if text.startswith(w, i)), None)
            if hit is None:
                i += 1
                continue
            w, f = hit
            if f not in out:
                out.append(f)
            chars[i : i + len(w)] = " " * len(w)
            i += len(w)
        return out, "".join(chars)

    def value(self, issue: str, f: Field) -> str:
        if f.name == "issue":
            return issue  # 「总第130期是哪年第几期」: 2019年第2期
        v = self.heads.get(issue, {}).get(f.name)
        if v in (None, ""):
            return ""
        if f.name == "running":
            return f"总第{v}期"
        if f.name == "published":
            return printed_date(v)
        if f.name == "print_run":
            return f"{v}份"  # a figure and its counter, as we write them: 300份
        return str(v)

    def try_answer(self, ctx: Context) -> Answer | None:
        asked, rest = self.asked(ctx.rest)
        if not asked or self.index.catalogue.find(ctx.text):
            return None  # 「江苏省人民医院在哪」 is not the centre's address
        # the field's own printed label (「（报那一栏）」) and the words of a masthead are no other thing asked
        ok = set(words("masthead_ok")) | set(words("filler")) | {f.label for f in self.fields}
        # (「一共印了」 leaves 一 of 一共; a word no bulletin uses, 上留 of 「上面留的」, names nothing else)
        others = [t for t in self.vocab.content(rest) if len(t) > 1 and self.vocab.known(t)]
        if any(t not in ok and not any(t in o for o in words("masthead_ok")) for t in others):
            return None  # asks about something else too (12320热线的电话, 预约电话)
        if len(ctx.issues) >= 2 and len(ctx.issues) <= 6:
            return self._several(ctx, asked)
        if ctx.issues:
            issue = ctx.issues[0]
            lacking = [f for f in asked if not self.value(issue, f)]
            if lacking:
                what = "、".join(f.label for f in lacking)
                return Answer(
                    ctx.question,
                    f"{issue_label(self.cal, issue)}没有刊印{what}。{self._where(lacking[0])}",
                    False,
                    "none",
                )
        else:
            having = [
                b.issue for b in reversed(self.cal.bulletins) if all(self.value(b.issue, f) for f in asked)
            ]
            if not having:
                what = "、".join(f.label for f in asked)
                return Answer(ctx.question, f"已收录的简报中没有刊印{what}。", False, "none")
            issue = having[0]
        said = "，".join(f"{f.label}为 {self.value(issue, f)}" for f in asked)
        return Answer(
            ctx.question,
            f"据{issue_label(self.cal, issue)}：{said}。",
            True,
            "text",
            self._sources(issue, asked),
        )

    def _several(self, ctx: Context, asked: list[Field]) -> Answer:
        """「4月跟9月两期一共印了多少份」「两期的责任编辑」: each issue's fields; print runs added up when a
        total is asked, with the arithmetic. An issue not printing a field is said so, never filled."""
        parts, sources, runs = [], [], []
        order = {b.issue: k for k, b in enumerate(self.cal.bulletins)}
        for issue in sorted(ctx.issues, key=lambda i: order.get(i, 0)):
            said = "，".join(f"{f.label}为 {self.value(issue, f) or '未刊印'}" for f in asked)
            parts.append(f"{issue_label(self.cal, issue)}{said}")
            sources += self._sources(issue, asked)
            run = self.heads.get(issue, {}).get("print_run")
            runs.append(int(run) if str(run or "").isdigit() else None)
        text = "；".join(parts) + "。"
        if [f.name for f in asked] == ["print_run"] and found(ctx.text, "sum_ask") and None not in runs:
            text += f"合计 {sum(runs)}份（{' + '.join(f'{r}份' for r in runs)} = {sum(runs)}份）。"
        return Answer(ctx.question, text, True, "text", sources)

    def _where(self, f: Field) -> str:
        having = [
            issue_label(self.cal, b.issue) for b in reversed(self.cal.bulletins) if self.value(b.issue, f)
        ]
        return f"刊印了{f.label}的有：{'、'.join(having[:6])}。" if having else ""

    def _sources(self, issue: str, asked: list[Field]) -> list[Source]:
        """The masthead chunk and the contact block of that issue, whichever holds the values."""
        values = [
            self.value(issue, f).removesuffix("份").removeprefix("总第").removesuffix("期") for f in asked
        ]
        out = []
        for c in self.index.chunks:
            if (
                c.issue == issue
                and c.kind == "text"
                and (c.line == 1 or any(v and v in c.text for v in values))
            ):
                out.append(Source(c.issue, c.section, "text", c.text, c.line, c.file))
        return out[:2]
