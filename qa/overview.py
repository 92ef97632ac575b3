"""Overviews: 「这期讲了什么」「有哪些新闻」「2012年关于居民健康档案有啥报道」「X月的简报有哪些内容」.

The articles in scope are listed newest issue first — issue, headline, its first sentence(s), tables by
title — within one answer's length. A topic keeps the articles whose headline carries it (or, when no
headline does, whose text does); the fewer the articles, the more of each is quoted.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.context import Context
from qa.guards import issue_label
from qa.index import sentences
from qa.lexicon import normalize
from qa.masthead import printed_date
from qa.model import Answer, Bulletin, Source
from qa.scope import Calendar, small_int
from qa.vocab import Vocab
from qa.words import found, words

MAX_CHARS = 680  # answers stay under 700 characters
MIN_BODY = 24  # below this many characters per article, headlines only
FULL = 0.99


@dataclass
class Article:
    issue: str
    published: str
    title: str
    kind: str  # article, stats, brief, table
    text: str  # as printed
    line: int
    file: str

    @property
    def key(self) -> str:
        return normalize(self.title + " " + self.text)


def ordinal_of(text: str) -> int:
    """「第一篇」「第2篇」 → 1, 2; 0 when the text names no article by its place."""
    at = text.find("篇")
    while at > 0:
        j = at
        while j > 0 and (text[j - 1].isdigit() or text[j - 1] in "一二两三四五六七八九十"):
            j -= 1
        if 0 < j < at and text[j - 1] == "第":
            return small_int(text[j:at]) or 0
        at = text.find("篇", at + 1)
    return 0


class Overviews:
    def __init__(self, docs: list[Bulletin], vocab: Vocab, calendar: Calendar, help_text: str = ""):
        self.vocab = vocab
        self.cal = calendar
        self.help = help_text
        self.articles: list[Article] = []
        for b in docs:
            for s in b.sections:
                if s.kind in ("contact", "front"):
                    continue
                if s.kind == "brief":
                    for p in s.paragraphs:
                        self.articles.append(
                            Article(b.issue, b.published, s.title, "brief", p.text, p.line, b.file)
                        )
                elif s.paragraphs:
                    text = "".join(p.text for p in s.paragraphs)
                    self.articles.append(Article(b.issue, b.published, s.title, s.kind, text, s.line, b.file))
            for t in b.tables:
                if t.source == "table":
                    self.articles.append(Article(b.issue, b.published, t.title, "table", "", t.line, b.file))
        order = {b.issue: i for i, b in enumerate(self.cal.bulletins)}
        # newest issue first; within an issue, as printed
        self.articles.sort(key=lambda a: (-order.get(a.issue, -1), a.kind == "table", a.line))

    def try_answer(self, ctx: Context) -> Answer | None:
        rest = ctx.rest
        news = [t for t in self.vocab.tokenizer.words(rest) if t in words("overview_news")]
        whole = found(rest, "overview_all")
        if not news and not whole:
            return None
        topic_text = rest
        for w in [*whole, *words("overview_news"), *words("overview_frame")]:
            topic_text = topic_text.replace(w, " ")
        nth = ordinal_of(topic_text)
        if nth:
            # 「第一篇文章讲的是什么」: that article of the issue asked about (or the latest).
            issue = ctx.issues[0] if ctx.issues else self.cal.latest_issue
            mine = [a for a in self.articles if a.issue == issue and a.kind in ("article", "stats")]
            if len(mine) < nth:
                return Answer(ctx.question, f"{issue}只有{len(mine)}篇文章。{self.help}", False, "none")
            return self.render(ctx, [mine[nth - 1]], [])
        topic = [t for t in self.vocab.content(topic_text) if self.vocab.weight(t) > 0]
        pool = [a for a in self.articles if not ctx.issues or a.issue in ctx.issues]
        if not ctx.issues and not topic:
            pool = [a for a in pool if a.issue == self.cal.latest_issue]
        if topic:
            heads = [a for a in pool if self.vocab.coverage(topic, normalize(a.title)) >= FULL]
            if not heads and not news:
                return None  # 「陈志远在讲话中说了啥」 asks about one passage, not for a list of articles
            pool = heads or [
                a for a in pool if a.kind != "table" and self.vocab.coverage(topic, a.key) >= FULL
            ]
        if not pool:
            where = "、".join(ctx.issues[:3]) if ctx.issues else "已收录的简报"
            about = f"关于「{'、'.join(topic)}」的" if topic else ""
            return Answer(ctx.question, f"{where}中没有{about}报道。{self.help}", False, "none")
        return self.render(ctx, pool, topic)

    def render(self, ctx: Context, pool: list[Article], topic: list[str]) -> Answer:
        tables = [a for a in pool if a.kind == "table"]
        items = [a for a in pool if a.kind != "table"]
        issues = list(dict.fromkeys(a.issue for a in pool))
        heads = {i: f"{issue_label(self.cal, i)}（{self._date(i)}出版）" for i in issues}
        about = f"关于「{'、'.join(topic)}」" if topic else ""
        fixed = sum(len(h) + 4 for h in heads.values()) + len(about) + 12
        fixed += sum(len(a.title) + 6 for a in items) + sum(len(a.title) + 4 for a in tables)
        while fixed > MAX_CHARS and items:  # too many even for headlines: the oldest go
            dropped = items.pop()
            fixed -= len(dropped.title) + 6
        per = (MAX_CHARS - fixed) // max(len(items), 1)
        lines, sources = [], []
        for issue in issues:
            mine = [a for a in items if a.issue == issue]
            named = [a for a in tables if a.issue == issue]
            if not mine and not named:
                continue
            lines.append(f"{heads[issue]}{about}：")
            for n, a in enumerate(mine, 1):
                body = self._lead(a.text, per) if per >= MIN_BODY else ""
                title = "简讯" if a.kind == "brief" else f"《{a.title}》"
                lines.append(f"{n}. {title}{body}")
                sources.append(Source(a.issue, a.title, "text", body or a.text[:120], a.line, a.file))
            if named:
                lines.append("统计表：" + "；".join(f"《{a.title}》" for a in named))
                sources += [Source(a.issue, a.title, "table", a.title, a.line, a.file) for a in named[:2]]
        total = len(items) + len(tables)
        head = f"共{total}项（最新的在前）：\n" if len(issues) > 1 else ""
        return Answer(ctx.question, head + "\n".join(lines), True, "text", sources[:8])

    def _date(self, issue: str) -> str:
        pub = next((b.published for b in self.cal.bulletins if b.issue == issue), "")
        return printed_date(pub) if pub else "出版日期不详"

    @staticmethod
    def _lead(text: str, budget: int) -> str:
        """The leading sentences of an article that fit the budget; the first one cut at a clause if long."""
        out = ""
        for s in sentences(text):
            if len(out) + len(s) > budget:
                break
            out += s
        if not out:
            first = sentences(text)[0] if sentences(text) else text
            cut = max((first.rfind(p, 0, budget - 1) for p in "，；,;"), default=-1)
            out = (first[: cut + 1] if cut > 0 else first[: budget - 1]) + "…"
        return out
