"""Overviews: 「这期讲了什么」「有哪些新闻」「2012年关于居民健康档案有啥报道」「X月的简报有哪些内容」.

The articles in scope are listed newest issue first — issue, headline, its first sentence(s), tables by
title — within one answer's length. A topic keeps the articles whose headline carries it (or, when no
headline does, whose text does); the fewer the articles, the more of each is quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.asks import focus_after, titles
from qa.context import Context
from qa.guards import issue_label
from qa.index import sentences
from qa.lexicon import normalize
from qa.masthead import printed_date
from qa.model import Answer, Bulletin, Source
from qa.parse.text import PART_RE
from qa.scope import Calendar, small_int
from qa.vocab import Vocab, text_synonyms
from qa.words import found, words

MAX_CHARS = 680  # answers stay under 700 characters
MIN_BODY = 24  # below this many characters per article, headlines only
COLUMN_MAX = 6  # a title this short names a column (政策速递, 他山之石), not what happened
SYNONYM = 0.9  # what vocab.match gives a word carried by a synonym


NUMERALS = "一二两三四五六七八九十"


@dataclass
class Article:
    issue: str
    published: str
    title: str
    kind: str  # article, stats, brief, table
    text: str  # as printed
    line: int
    file: str
    column: str = ""  # the column it is printed under (基层传真 of 「【基层传真】」), "" when none

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
    def __init__(
        self, docs: list[Bulletin], vocab: Vocab, calendar: Calendar, help_text: str = "", have_text: str = ""
    ):
        self.vocab = vocab
        self.cal = calendar
        self.help = help_text
        self.have = have_text  # the issues and data months indexed, for a period that has none
        # the words of the bulletins' own name (南京卫生信息化简报): every article is about them, so they
        # tell no topic apart (「疫情防控信息化讲了些啥」 is about 疫情防控)
        self.frame = {t for b in docs for t in vocab.tokenizer.words(b.title)}
        self.articles: list[Article] = []
        for b in docs:
            carried = ""  # a bracketed column (【基层传真】) heads every article after it up to the next one
            for s in b.sections:
                if s.kind in ("contact", "front", "contents", "preview"):
                    carried = ""
                    continue
                label = s.title.split("｜")[0] if "｜" in s.title else ""
                if not label and len(s.title) <= COLUMN_MAX:
                    label = s.title  # 「政策速递」 over its items: a column of its own, ending the one before
                column = label.strip("【】[]") if label else carried
                carried = column if label.startswith("【") else (carried if not label else "")
                if s.kind == "brief":
                    for p in s.paragraphs:
                        self.articles.append(
                            Article(b.issue, b.published, s.title, "brief", p.text, p.line, b.file)
                        )
                elif s.paragraphs:
                    paras = s.paragraphs
                    if (
                        len(paras) > 1
                        and paras[0].text.rstrip().endswith(("：", ":"))
                        and len(paras[0].text) <= 40
                    ):
                        paras = paras[1:]  # 「各区卫生健康委，各市属（管）医疗卫生单位：」: whom, not what
                    text = "".join(p.text for p in paras)
                    self.articles.append(
                        Article(b.issue, b.published, s.title, s.kind, text, s.line, b.file, column)
                    )
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
        column = self.column_listed(ctx)
        if column:
            return self.render(ctx, column, [])
        if not news and not whole:
            named = self.headline_listed(ctx)
            return self.render(ctx, named, []) if named else None
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
        topic = self.topic(topic_text)
        if ctx.worded and not self.topic(self._without(topic_text, ctx.worded)):
            # 「2013年讲了啥」: a year no issue is of is no topic — the articles that mention it are not its
            said = "、".join(ctx.worded)
            return Answer(ctx.question, f"已收录的简报中没有{said}的简报。{self.have}", False, "none")
        pool = [a for a in self.articles if not ctx.issues or a.issue in ctx.issues]
        if not ctx.issues and not topic:
            pool = [a for a in pool if a.issue == self.cal.latest_issue]
        if not topic:
            pool = _one_per_article(pool)
        in_text = False
        if topic:
            heads = [a for a in pool if self.carries(topic, normalize(a.title))]
            if heads:
                pool = heads
            elif not news and self.names_someone(topic_text):
                return None  # 「陈志远在讲话中说了啥」: what someone said is one passage, not a list
            else:
                # no headline carries it: the articles whose text does, with the sentences that carry it
                # (「疫情防控信息化讲了些啥」「关于沈立新的报道」)
                in_text = True
                pool = [a for a in pool if a.kind != "table" and self.carries(topic, a.key)]
                if not pool and not news:
                    return None
        if not pool:
            where = "、".join(ctx.issues[:3]) if ctx.issues else "已收录的简报"
            about = f"关于「{'、'.join(topic)}」的" if topic else ""
            return Answer(ctx.question, f"{where}中没有{about}报道。{self.help}", False, "none")
        return self.render(ctx, pool, topic, in_text)

    @staticmethod
    def _without(text: str, said: tuple[str, ...]) -> str:
        for w in said:
            text = text.replace(w, " ")
        return text

    def column_listed(self, ctx: Context) -> list[Article]:
        """「基层传真栏目说了啥」「专题讲的啥」: the articles printed under a column the question names, when
        it asks what the column says and names nothing else (「基层传真里溧水建了几家」 is one passage)."""
        named = {a.column for a in self.articles if len(a.column) >= 2 and a.column in ctx.rest}
        if not named:
            return []
        rest = ctx.rest
        for w in [*named, *words("column_word")]:
            rest = rest.replace(w, " ")
        asks_what = found(rest, "ask_said") or found(rest, "plural") or found(rest, "overview_all")
        item = focus_after(rest, self.vocab.tokenizer.words)  # 「有哪些文件」: what the items are
        rest = self._without(rest, found(rest, "ask_said"))  # 「介绍了哪些地方」: how it asks, no topic
        if not asks_what or [t for t in self.topic(rest) if t not in (*words("overview_news"), item)]:
            return []
        return [a for a in self.articles if a.column in named and (not ctx.issues or a.issue in ctx.issues)]

    def headline_listed(self, ctx: Context) -> list[Article]:
        """「数说信息化有哪些数」「本期的政策解读有哪几条」: which things an article holds, the article named by
        its headline alone — every word the question names is the headline's. The article is the answer,
        all of it (one figure of 「数说信息化」 is not its figures)."""
        if not found(ctx.rest, "plural"):
            return []
        # 「政策速递有哪些文件」: 文件 names the items asked for, not the article
        item = focus_after(ctx.rest, self.vocab.tokenizer.words)
        said = [t for t in self.topic(ctx.rest) if t != item]
        topic = [t for t in said if len(t) >= 2]
        if not topic:
            return []
        # (a letter or a numeral said beside it — the C of 「C级」, the 三 of 「前三」 — must be the headline's too: else
        # it asks a table or a ranking inside the article)
        return [
            a
            for a in self.articles
            if (not ctx.issues or a.issue in ctx.issues)
            and a.kind in ("article", "stats")
            and _in_order(topic, normalize(a.title))
            and all(t in normalize(a.title) for t in said if len(t) < 2 and (t.isascii() or t in NUMERALS))
        ]

    def topic(self, text: str) -> list[str]:
        """The words of a topic that tell articles apart: not the bulletins' own name (信息化), a phrase
        the synonyms know kept whole (疫情防控 → 核酸, 健康码 …)."""
        toks = self.vocab.phrases(self.vocab.content(text))
        return [t for t in toks if self.vocab.weight(t) > 0 and t not in self.frame]

    def carries(self, topic: list[str], text: str) -> bool:
        """Every word of the topic is in the text, itself or as a synonym (医保支付 in 医保移动支付 by its
        parts does not count: 医保 and 支付 are two words of the topic, each carried). A phrase printed with
        a middle word dropped is carried: 网络安全 is 网络信息安全 (网络 + 信息安全) without 信息."""
        return all(
            self.vocab.match(t, text) >= SYNONYM
            or (k and any(topic[k - 1] + t[i:] in text for i in range(1, len(t) - 1)))
            for k, t in enumerate(topic)
        )

    def names_someone(self, text: str) -> bool:
        """A person, a title or a pronoun for one: what they said is a passage, not a list of articles."""
        return bool(any(p in text for p in self.vocab.persons) or titles(text) or found(text, "pronoun"))

    def render(self, ctx: Context, pool: list[Article], topic: list[str], in_text: bool = False) -> Answer:
        tables = [a for a in pool if a.kind == "table"]
        items = [a for a in pool if a.kind != "table"]
        issues = list(dict.fromkeys(a.issue for a in pool))
        heads = {i: f"{issue_label(self.cal, i)}（{self._date(i)}出版）" for i in issues}
        about = f"关于「{self.said(topic, ctx.rest)}」" if topic else ""
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
                if per < MIN_BODY:
                    body = ""
                elif in_text:
                    body = self._about(a.text, topic, per) or self._lead(a.text, per)
                else:
                    body = self._lead(a.text, per)
                title = "简讯" if a.kind == "brief" else f"《{a.title}》"
                lines.append(f"{n}. {title}{body}")
                sources.append(Source(a.issue, a.title, "text", body or a.text[:120], a.line, a.file))
            if named:
                lines.append("统计表：" + "；".join(f"《{a.title}》" for a in named))
                sources += [Source(a.issue, a.title, "table", a.title, a.line, a.file) for a in named[:2]]
        total = len(items) + len(tables)
        head = f"共{total}项（最新的在前）：\n" if len(issues) > 1 else ""
        return Answer(ctx.question, head + "\n".join(lines), True, "text", sources[:8])

    @staticmethod
    def said(topic: list[str], text: str) -> str:
        """A topic as the question wrote it (区域医疗协同), or its words listed (电子病历、六级)."""
        return "".join(topic) if "".join(topic) in text else "、".join(topic)

    def _date(self, issue: str) -> str:
        pub = next((b.published for b in self.cal.bulletins if b.issue == issue), "")
        return printed_date(pub) if pub else "出版日期不详"

    def _about(self, text: str, topic: list[str], budget: int) -> str:
        """The sentences of an article that carry the topic, those that carry more of it (疫情防控 and its
        terms: 核酸, 健康码 …) first, quoted in printed order within the budget; a long enumeration is cut
        to the items that carry it (「三是深化疫情防控信息化支撑，完善核酸检测、疫苗接种信息管理系统」)."""
        sents = sentences(text)
        weight = [self._carried(topic, normalize(s)) for s in sents]
        chosen: dict[int, str] = {}
        room = budget
        for i in sorted((i for i, w in enumerate(weight) if w), key=lambda i: (-weight[i], i)):
            piece = sents[i] if len(sents[i]) <= room else self._items(sents[i], topic, room)
            if piece:
                chosen[i] = piece
                room -= len(piece)
        return "".join(chosen[i] for i in sorted(chosen))

    def _carried(self, topic: list[str], text: str) -> int:
        """How many of the topic's words and their synonyms a text carries."""
        syn = text_synonyms()
        return sum((t in text) + sum(1 for x in syn.get(t, []) if x and x != t and x in text) for t in topic)

    def _items(self, sent: str, topic: list[str], room: int) -> str:
        """The items (「；」-separated) of a long sentence that carry the topic, marked as cut, if they fit."""
        items = [x for x in re.split(r"(?<=[；;])", sent) if x]
        keep = [x for x in items if self._carried(topic, normalize(x))]
        if not keep or len(keep) == len(items):
            return ""
        out = "…" + "…".join(x.rstrip("；;") + ("。" if x is items[-1] else "") for x in keep)
        out = out if out.endswith("。") else out + "…"
        return out if len(out) <= room else ""

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


def _one_per_article(pool: list[Article]) -> list[Article]:
    """「这期讲了啥」: the parts of a notice (「…通知｜一、培训时间」 …) are listed by the notice, which prints text
    of its own above them; parts under a headline with no text of its own (a 专刊 in parts 一、会议概况,
    二、会议要求) are what the issue holds, each listed."""
    titles = {(a.issue, a.title) for a in pool}
    out = []
    for a in pool:
        parent, _, part = a.title.rpartition("｜")
        if parent and PART_RE.match(part) and a.kind != "table" and (a.issue, parent) in titles:
            continue
        out.append(a)
    return out


def _in_order(said: list[str], title: str) -> bool:
    """Every word said is the headline's, in the order said: 「卫生信息网…开通了哪些功能」 names no headline
    「开通卫生信息网站」 (another city's), whose words run the other way."""
    at = 0
    for w in said:
        k = title.find(w, at)
        if k < 0:
            return False
        at = k + len(w)
    return True
