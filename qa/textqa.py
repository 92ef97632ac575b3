"""Extractive answers from the news: retrieve within the scope asked, score sentences, check the sentence
holds the kind of answer asked, quote the clauses that carry it.

Every number in a text answer is therefore in the cited sentence. A question is refused when too little
of it is covered, when its rarest word is absent, when the best sentences lack the kind of answer asked
(a count of 家, a date, a cause), or when it names something (a person, an organisation, a hospital,
a title) the answering passage does not.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from qa import arith
from qa.asks import (
    CLAUSE_ENDS,
    CN_DIGITS,
    FUNCTION_FLAGS,
    SAME_COUNTER,
    Ask,
    acted_on,
    asked,
    clauses,
    counter_asked,
    doc_numbers,
    focus_after,
    holds_title,
    ordinals,
    same_document,
    titles,
)
from qa.context import Context
from qa.guards import Guards
from qa.index import Index, sentences
from qa.inputs import PIECE_ENDS, asks
from qa.lexicon import QUOTED, entity_key, normalize, read_tsv
from qa.model import Answer, Bulletin, Chunk, Hit, Source
from qa.parse.paragraphs import DATE_RE
from qa.parse.text import after_label, column_of
from qa.retrieve import search
from qa.scope import Calendar, Kind, month_label, small_int
from qa.tableqa.entities import is_subsequence
from qa.tableqa.words import kind_words
from qa.vocab import PLACE_TIME_FUNCTION, Vocab, chinese, text_synonyms, unquoted
from qa.words import counters, found, positions, words

FIGURE_ASKS = ("share", "number", "count")  # the kinds of answer that are a figure (率, 多少, 几家)
FUNCTION_TAGS = ("r", "m", "q", "u", "p", "c", "d", "x", "w", "v")  # pronoun … verb: no part of a name

MIN_COVERAGE = 0.5
MIN_DENSE = 0.6
MIN_DENSE_COVERED = 0.5  # … enough where a sentence says every word asked and holds what is asked
FULL_COVERAGE = 0.99
SHORT = 60  # a sentence this short is quoted whole
# counts of things, added together when asked (10个 + 25名)
COUNT_COUNTERS = set("个家项名位人所台种类条件次场篇例户处起批") | {"人次"}
FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(万?[\u4e00-\u9fff])")  # 5000张, 3.2万人: a figure and its counter
# a list item printed as a paragraph of its own: （一） (1) 一、 1. 1、 ● - 一是
LIST_ITEM = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．]|[●•·◆■▪\-]|[一二三四五六七八九十]是)"
)
CANDIDATES = 6
LOCATIVES = "上中里内"  # what ends a place or an occasion (会上, 会议中): no part of a body's name after it
QUOTE_SPAN = 8  # characters an answer shares with an article to be a quote of it
GLUE_FLAGS = ("c", "u", "y", "e")  # conjunctions, particles, modal and interjections: no event
RARE = 0.5  # of the rarest word's idf
KIND_WORD = {
    "phone": "联系电话",
    "opinion": "评价",
    "said": "讲话内容",
    "act": "具体工作",
    "formula": "计算方法",
    "purpose": "目的",
    "why": "原因",
    "result": "结果",
    "future": "今后的安排",
    "money": "金额",
    "day": "具体日期",
    "when": "时间",
    "who": "具体人员",
    "org": "具体单位",
    "list": "具体名单",
    "where": "地点",
    "count": "具体数量",
    "share": "比例",
    "number": "具体数字",
}
LIST_NUDGE = 0.02  # per item a sentence lists (three at most): what tells lists apart when scores tie
SOFT = ("", "list", "act")  # kinds a sentence need not show (unless several named things are asked: 哪两家)
REASONS = {"why": "purpose", "purpose": "why"}  # a reason asked for and the other kind of reason


@dataclass
class Scored:
    sentence: str
    hit: Hit
    coverage: float
    score: float
    required: bool  # the question's rarest known word is in its paragraph


def months_said(text: str) -> set[int]:
    """Month numbers a question names: 「2月和3月」「2、3月份」 → {2, 3}."""
    out = set()
    for m in DATE_RE.finditer(text):
        out.add(int(m.group(2)))
        k = m.start()
        while k >= 2 and text[k - 1] in "、和与及至到" and text[k - 2].isdigit():
            j = k - 2
            while j > 0 and text[j - 1].isdigit():
                j -= 1
            out.add(int(text[j : k - 1]))
            k = j
    return {x for x in out if 1 <= x <= 12}


def para_key(c) -> tuple:
    """Chunks cut from one paragraph share its line: the paragraph is the context of each sentence."""
    return (c.issue, c.section, c.line, c.kind)


class TextQA:
    def __init__(self, index: Index, docs: list[Bulletin], vocab: Vocab, calendar: Calendar, guards: Guards):
        self.index = index
        self.vocab = vocab
        self.guards = guards
        self.cal = calendar
        self.latest = calendar.latest_issue
        self.labels = {normalize(c) for c in index.columns}  # what figures are called (咨询类, 受理来电 …)
        # curated names (省人医 → 江苏省人民医院) of hospitals no table of these issues has as a row, read once
        self.unlisted_aliases = [
            (normalize(alias), normalize(target))
            for alias, target in read_tsv("aliases.tsv")
            if len(normalize(alias)) >= 3 and entity_key(target) not in index.catalogue.entities
        ]
        self.districts = {
            e.key.removesuffix("区")
            for e in index.catalogue.entities.values()
            if e.kind == "district" and len(e.key.removesuffix("区")) >= 2
        }
        self.in_article: dict[tuple[str, str], list] = {}  # (issue, headline) → its text chunks, in order
        self.paragraphs: dict[tuple, str] = {}
        self.by_paragraph: dict[
            tuple[str, int], list
        ] = {}  # (file, line) → the text chunks of that paragraph
        self.articles: dict[tuple[str, str], str] = {}  # (issue, headline) → the article's text
        firsts: dict[tuple[str, str], tuple[int, str]] = {}  # (issue, headline) → its first paragraph
        # the 问 of a 问/答 paragraph (「问：在哪里可以办？答：…」): what its answer answers
        self.posed: dict[tuple, Ask] = {}
        # A table's notes speak of its columns (「完成率=完成人次/发起人次」 under AI预问诊 / 完成率): what they
        # are about is the table's title and headers, not only the words they repeat
        self.table_heads: dict[tuple[str, str], str] = {
            (b.issue, t.title): " ".join(normalize(c.header or c.name) for c in t.columns)
            for b in docs
            for t in b.tables
            if t.notes
        }
        for c in index.chunks:
            if c.kind == "text":
                self.in_article.setdefault((c.issue, c.section), []).append(c)
                # (a long paragraph is cut into chunks, an interview's answer under its question's section)
                self.by_paragraph.setdefault((c.file, c.line), []).append(c)
            k = para_key(c)
            heads = self.table_heads[(c.issue, c.section)] if self.is_note(c) else ""
            self.paragraphs[k] = (
                self.paragraphs.get(k, normalize(c.section))
                + " "
                + normalize(c.text)
                + (" " + heads if heads else "")
            )
            a = (c.issue, c.section)
            self.articles[a] = self.articles.get(a, "") + " " + normalize(c.text)
            first = (sentences(c.text) or [""])[0]
            if c.kind == "text" and c.line < firsts.get((c.issue, c.section), (c.line + 1, ""))[0]:
                firsts[(c.issue, c.section)] = (c.line, first)
            if k not in self.posed and after_label(first, "qa_question") is not None:
                self.posed[k] = asked(normalize(first))
        for got in self.in_article.values():
            got.sort(key=lambda c: c.line)
        # The month of each statistical text — a statistical paragraph (「2月份，12320卫生热线共受理…」) or a
        # table's note (「截止2025年6月，总预约挂号量为…」) — by issue and line. One paragraph may hold
        # several months (「较7月份的25318通」 beside August's figures): each is its own table.
        self.articles: dict[tuple[str, str], str] = {}
        for k, text in self.paragraphs.items():
            self.articles[k[:2]] = self.articles.get(k[:2], "") + " " + text
        # The other place an article is about (「杭州：“舒心就医”…」): answers only questions naming it.
        self.elsewhere = {key: self.article_place(key[1], first) for key, (_, first) in firsts.items()}
        self.elsewhere = {key: p for key, p in self.elsewhere.items() if p}
        self.stats_month: dict[tuple[str, int], set[str]] = {}
        for b in docs:
            for t in b.tables:
                self.stats_month.setdefault((b.issue, t.line), set()).add(t.data_month)

    # -- entry ------------------------------------------------------------------------------------
    def try_answer(self, ctx: Context) -> Answer:
        if self.arithmetic(ctx.own) and asked(ctx.own).kind not in REASONS:
            # (「3月来电为啥比2月多」 asks the cause the text gives, not the difference) — unless one passage
            # prints every figure and the sum, difference or remainder is computed from it, the arithmetic shown
            done = self.answer_one(ctx)
            if done is not None and done.found and done.context.get("computed"):
                return done
            return Answer(
                ctx.question,
                "这个问题要对简报里的几个数字做计算，正文里没有现成的结果，我不拿其中某一个数字的原文来回答。"
                + self.guards.help(),
                False,
                "none",
            )
        months = [m for m in ctx.scope.mentions if m.kind is Kind.MONTH and m.issues]
        if len(months) >= 2 and asked(ctx.own).kind in REASONS:
            # 「6月来电为啥比5月少」: one cause, given with the month compared (the later month's text)
            m = months[0]
            issues = tuple(i for i in ctx.issues if i in m.issues) or m.issues
            return self.answer_one(replace(ctx, issues=issues, months=m.span))
        if len(months) >= 2:
            # 「7月和8月人工服务分别是多少」: each month in turn, from its own issues.
            parts = []
            for m in months:
                issues = tuple(i for i in ctx.issues if i in m.issues) or m.issues
                a = self.answer_one(replace(ctx, issues=issues, months=m.span))
                if not a.found:
                    return a
                parts.append(a)
            return Answer(
                ctx.question,
                "\n".join(a.text for a in parts),
                True,
                "text",
                [s for a in parts for s in a.sources],
            )
        return self.answer_one(ctx)

    def answer_one(self, ctx: Context) -> Answer:
        rest = ctx.rest
        if ctx.followup:
            # 「那厦门呢？」 after 「…介绍了上海什么经验」: the place it names takes the place of the one before
            own = self.places_named(normalize(ctx.own_rest))
            before = self.places_named(normalize(ctx.prev)) - own
            at = rest.rfind(ctx.own_rest.strip())
            if len(own) == 1 and len(before) == 1 and at > 0:  # 「介绍了厦门什么经验」
                rest = rest[:at].replace(before.pop(), next(iter(own))) + rest[at:]
            # … and so does a hospital (「省人医呢」 after 「简讯里中大医院干了啥」), said in any of its names
            mine = self.hospitals_named(normalize(ctx.own_rest))
            theirs = {k: f for k, f in self.hospitals_named(normalize(ctx.prev)).items() if k not in mine}
            if len(mine) == 1 and len(theirs) == 1 and at > 0:
                name = self.index.catalogue.entities[next(iter(mine))].name
                head = rest[:at]
                for form in sorted(next(iter(theirs.values())), key=len, reverse=True):
                    head = head.replace(form, name)
                rest = head + rest[at:]
        if ctx.answered and any(p in ctx.own for p in words("pronoun")):
            # 「他说的重点工作有哪几块？」: 他 is whoever the previous answer named.
            meant = " ".join(n for n in self.vocab.persons if n in ctx.answered)
            rest += " " + meant
            ctx = replace(ctx, own_rest=ctx.own_rest + " " + meant)  # 「他是啥职务」: his title, not anyone's
        surnames = {role: self._surname(ctx.own, role) for role in titles(ctx.own)}
        for role, surname in surnames.items():
            # 「吴局长提了哪几点要求」: the holder of the title with that surname the issues asked print (局长吴建国),
            # by name — the paragraph of what he said need not title him again
            person = self._holder(role, surname, ctx.issues) if surname else ""
            if person:
                rest = rest.replace(surname + role, person)
        item = item_asked(ctx.own)
        if item is not None:
            # 「四件事里头第一件是啥」「第二名多少来着」「最后一名是哪个区」: that item of the list the passage
            # enumerates (一是…二是…, 第一，…) or ranks (前三的是A、B、C)
            got = self.nth_item(ctx, rest.replace(item[2], " "), item)
            if got is not None:
                return got
        best, ranked, tokens = self._best(rest, ctx)
        if (
            ctx.prev
            and not ctx.followup
            and (best is None or best.coverage < MIN_COVERAGE or (best.hit.dense or 0) < MIN_DENSE)
            and len(ctx.own) <= 24
        ):
            # 「五级呢？」「专家组组长是谁？」「连了哪些科室？」: read with the question before it.
            rest = self.cal.read(ctx.prev).rest + " " + rest
            best, ranked, tokens = self._best(rest, ctx)
        ask = self.ask_of(ctx, rest)
        if (
            best is None
            or best.coverage < MIN_COVERAGE
            or not best.required
            or ((best.hit.dense or 0) < MIN_DENSE and not self._plainly_answers(best, ask))
        ):
            return self.guards.refuse(ctx, self._missing_words(tokens, best))
        fitting = [s for s in ranked[:CANDIDATES] if s.coverage >= MIN_COVERAGE and s.required]
        if ask.roles:
            # 「主任」 is not 「副主任」: the passage must hold the title asked, as that title.
            holds_all = any if found(ctx.own, "ask_either") else all
            fitting = [
                s for s in fitting if holds_all(self._in_role(surnames.get(r, ""), s, r) for r in ask.roles)
            ]
            if not fitting:
                return self.guards.refuse(ctx, "、".join(ask.roles))
        districts = sorted(self.districts_said(normalize(ctx.own)))
        if districts and ask.kind in FIGURE_ASKS:
            # 「鼓楼区建档率是多少」: a figure of the place named, in a sentence (or under a headline) naming it
            fitting = [
                s
                for s in fitting
                if all(p in normalize(s.sentence) + normalize(s.hit.chunk.section) for p in districts)
            ]
            if not fitting:
                return self.guards.refuse(ctx, districts[0])
        whole = [w for w in words("whole_place") if w in ctx.own]
        if whole and ask.kind in FIGURE_ASKS:
            # 「全市建档率达到多少」: a figure of one district (秦淮区…78.6%) is not the whole city's
            fitting = [s for s in fitting if not self.part_place(s.sentence)]
            if not fitting:
                return self.guards.refuse(ctx, whole[0])
        named = ordinals(rest)
        if named:
            # 「七级有几家」: the level asked must be the one the sentence speaks of (not 四级, 六级)
            fitting = [s for s in fitting if self._of_ordinals(named, s)]
            if not fitting:
                return self.guards.refuse(ctx, "、".join(named.values()))
        focus = self.focus(ctx.own)
        if ask.kind not in SOFT or ask.many:
            candidates = fitting
            fitting = [s for s in candidates if self.holds(ask, s, ctx.own_rest, focus)]
            if not fitting and ask.kind in REASONS:
                # 「为什么建平台二期」 with no cause given is answered by what it is for (旨在…), and
                # 「为啥要搞培训」 with no purpose given by its cause (由于…)
                ask = replace(ask, kind=REASONS[ask.kind])
                fitting = [s for s in candidates if self.holds(ask, s, ctx.own_rest, focus)]
            if not fitting:
                return self.guards.refuse(ctx, KIND_WORD[ask.kind])
        wrong_body = self.other_body(ctx.own, fitting) or self.sibling_level(ctx.own, fitting)
        if wrong_body:
            return self.guards.refuse(ctx, wrong_body)
        several = 0.1 if found(ctx.own, "plural") else 0.0
        listing = (ask.kind == "list" and not ask.many) or (
            not ask.kind and bool(found(ctx.own, "plural_what"))
        )
        as_list = replace(ask, kind="list")

        def fits(s: Scored) -> float:
            # 「提了啥要求」: of sentences scored alike, the one that says 要求; 「推到哪些区」: the one naming
            # several of them (鼓楼区、秦淮区), not one that only says 区域; 「培训班都教了些啥」: the one that
            # lists (内容包括 A、B、C), not one that names who came (各区县卫生局和市属单位)
            said = 0.1 * (self.vocab.match(focus, normalize(s.sentence)) >= 0.6) if focus else 0.0
            named = several * (self.named_of(focus, s.sentence) >= 2) if focus else 0.0
            items = LIST_NUDGE * min(self.vocab.evidence.items(as_list, s.sentence), 3) if listing else 0.0
            return s.score + said + named + items

        if focus or listing:
            fitting.sort(key=lambda s: -fits(s))
        # 「检查发现了啥问题」: not the sentence that refers back to 「发现的问题」 (对…发现的问题，…已反馈), which
        # says what was done about them — the one that says what they are
        acted = acted_on(ctx.own, focus)
        if acted and not all(acted in normalize(s.sentence) for s in fitting):
            fitting.sort(key=lambda s: acted in normalize(s.sentence))
        if ask.kind in ("day", "when"):
            # 「从哪天开始对个人开放查询的」: of the dated sentences, the one saying most of the event itself
            # — and of those, where the question says it asks what was done (「啥时候查的」: 是…的), one that
            # tells it (3月1日至10日…进行了检查), not a requirement (「6月30日前完成整改」)
            event = self.event_words(ctx.own)
            plan = self.vocab.evidence.words_in  # whole words: 要求, not 要 of 主要 or 重要
            done = ctx.own.rstrip("？?。 ").endswith("的") and not plan(normalize(ctx.own), "not_done")
            clock = "几点" in ctx.own  # (「几点前要报」 asks a time of day, not the day)
            fitting.sort(
                key=lambda s: (
                    -sum(self.vocab.match(t, normalize(s.sentence)) >= 0.6 for t in event),
                    done and bool(plan(normalize(s.sentence), "not_done")),
                )
            )
            if fitting and not clock:
                fitting = self._day_of_month(fitting)

        if ctx.answered and ctx.prev and len(ctx.own) <= 24:
            # 「其中三级医院几家？」 after 「首批接入全市38家二级以上公立医院」: a short follow-up stays in the
            # article the answer before it quoted, when a sentence of it fits
            quoted = self.quoted_article(ctx.answered)
            fitting = [s for s in fitting if self._key(s) == quoted] or fitting
        if ctx.followup and ctx.answered and len(fitting) >= 2:
            # 「在哪开的」 after 「谁主持的」: of sentences scored alike, not the one the answer before quoted
            said = normalize(ctx.answered)
            tied = [s for s in fitting if abs(s.score - fitting[0].score) < 1e-9]
            tied.sort(key=lambda s: normalize(s.sentence)[:24] in said)
            fitting = tied + [s for s in fitting if s not in tied]
        if ctx.months and fitting:
            # 「9月份那件大事讲的什么」: of the sentences that fit, one of the month asked (printed in it or its
            # paragraph, or its issue's own month) before one that is not
            fitting.sort(key=lambda s: bool(self.other_month(ctx, s)))
        best = fitting[0] if fitting else best
        unknown = (
            # (a document named by its number is that document: 「…21号是啥文件」 asks for its title)
            (not doc_numbers(rest) and self.guards.unknown_focus(ctx.text, tokens))
            or self.guards.unknown_term(tokens)
            or self.other_month(ctx, best)
            or self.other_day(ctx.own, best)
            or self.other_year(rest, best)
            or self.other_place(rest, best)
            or self.unnamed_person(rest, best, ask)
            or self.unmatched_name(rest, best)
            or self.other_entity(rest, best)
            or self.unprinted_body(ctx.own, best)
            or self.unknown_name(rest)
            or (ask.kind not in (*FIGURE_ASKS, "money") and self.nothing_else(ctx.own, best.sentence))
        )
        if unknown:
            return self.guards.refuse(ctx, unknown)
        return self.extract(ctx, tokens, best, ranked, ask, focus)

    @staticmethod
    def ask_of(ctx: Context, rest: str) -> Ask:
        """What this question asks for; a bare follow-up that asks nothing itself (「满意率呢」) asks what
        the one before it did; one that does (「查出来啥问题了」) asks that."""
        own = asked(ctx.own)
        return own if own.kind or own.roles or asks(ctx.own) else asked(normalize(rest))

    def _named_role(self, sent: str, role: str) -> bool:
        """The title asked stands with a name in its clause (民警王涛, 由蒋文亮任组长, 组长、…科长于凤英), not
        alone (「…民警结合案例讲解」, where the person named is another clause's 工程师)."""
        persons = self.vocab.evidence.persons(sent)
        at = sent.find(role)
        while at >= 0:
            a = max((sent.rfind(c, 0, at) for c in "，。；,;"), default=-1) + 1
            ends = [sent.find(c, at) for c in "，。；,;" if sent.find(c, at) >= 0]
            b = min(ends) if ends else len(sent)
            if any(a <= x and y <= b for x, y in persons):
                return True
            at = sent.find(role, at + 1)
        return False

    def _plainly_answers(self, best: Scored, ask: Ask) -> bool:
        """「16年那个会谁主持的」: a short colloquial question the embedding places far from every passage,
        where one sentence says every word of it and holds the kind of thing asked (a person)."""
        return (
            best.coverage >= FULL_COVERAGE
            and (best.hit.dense or 0) >= MIN_DENSE_COVERED
            and ask.kind not in SOFT
            and bool(self.vocab.evidence.spans(ask, normalize(best.sentence)))
        )

    def is_note(self, c: Chunk) -> bool:
        """The chunk is a note printed under a table (its section is the table's title)."""
        return c.kind == "text" and (c.issue, c.section) in self.table_heads

    def _evidence(self, ask: Ask, plain: str, chunk: Chunk) -> list[tuple[int, int]]:
        """Where the (normalised) sentence holds the kind asked; a table's note is why its table prints
        what it does (「合计那格为啥是斜杠」), whole."""
        spans = self.vocab.evidence.spans(ask, plain) if ask.kind else []
        if not spans and ask.kind in REASONS and self.is_note(chunk):
            return [(0, len(plain))]
        return spans

    def holds(self, ask: Ask, s: Scored, own: str, focus: str = "") -> bool:
        """The sentence holds the kind of thing asked; for 「…啥时候审定通过的」 the date must be of that
        event: the words after the question word are in the sentence too."""
        sent = normalize(s.sentence)
        if ask.kind in (*FIGURE_ASKS, "money") and self.text_rest(own, s.sentence):
            return True  # 「其余由各单位自筹」: the whole less its parts is the figure asked
        if ask.kind == "said" and sent in normalize(self.reply(s, most=10_000)):
            return True  # 「周红咋回应的」: what an interview's answer says is what was said
        spans = self._evidence(ask, sent, s.hit.chunk)
        if ask.kind in FIGURE_ASKS:
            # 「1560例里CT有多少例」: a figure the question states itself is what it asks a part of, no answer
            stated = set(re.findall(r"\d+(?:\.\d+)?", own))
            spans = [(a, b) for a, b in spans if not (set(re.findall(r"\d+(?:\.\d+)?", sent[a:b])) & stated)]
        if ask.kind == "when" and "几点" in own:
            # 「几点停」 asks a time of day (22:00, 16时), not a date (3月13日晚)
            spans = [(a, b) for a, b in spans if any(c in sent[a:b] for c in "时点:")]
        if found(own, "actual_said") and ask.kind in FIGURE_ASKS:
            # 「建档率实际达到多少」: a figure in a clause of what is required or planned (要求…达到70%) is no
            # result
            spans = self.vocab.evidence.done(sent, spans)
        if ask.kind == "org" and focus in words("name_tail"):
            # 「承建单位是哪家公司」: a 公司 named, not any body (各区卫生局), nor a class (15家二级以上医院)
            named = self.vocab.evidence.named_organisations(sent)
            spans = [(a, b) for a, b in named if sent[a:b].endswith(focus) or self._of_kind(sent[a:b], focus)]
        if ask.kind == "who" and found(own, "ask_title"):
            spans = self.vocab.evidence.titled(sent)  # 「什么职务」: the name with its title
            named = [p for p in self.vocab.persons if p in normalize(own)]
            if named:  # 「他（王立新）是啥职务」: that person's title
                spans = [(a, b) for a, b in spans if any(p in sent[a : b + 2] for p in named)]
        if ask.kind == "who":
            # 「…是谁带队的」: the person named doing what is asked (带队, 主持), not anyone the article names
            acts = self._acts(self.after_asking(own, words("ask_who")))
            does = all(self.vocab.match(t, sent) >= 0.6 for t in acts)
            if not spans and not acts:
                # 「通报批评了谁」: the act said before the question word, done by a body the sentence names
                at = min((own.find(w) for w in words("ask_who") if w in own), default=-1)
                acts = self._acts(_last_piece(own[:at]))[-1:] if at > 0 else []  # the act, not 数据上报
                does = all(self.vocab.match(t, sent) >= 0.6 for t in acts)
            if not spans and acts and does and not self.vocab.evidence.organisations(own):
                # 「由市卫生信息中心负责组织实施」: a body did it (where the question names none: 「市儿童医院是谁
                # 作的交流发言」 asks for a person of it)
                spans = self.vocab.evidence.organisations(sent)
            if spans and not does:
                return False
            # 「考核没过的那些人」: a sentence naming people who did something names none who did not
            if spans and _negated_act(own) and not any(n in sent for n in words("negation")):
                return False
        if (
            ask.kind == "who"
            and ask.roles
            and spans
            and not any(self._named_role(sent, r) for r in ask.roles)
        ):
            return False  # 「那位民警叫啥」: the sentence names a 工程师, the 民警 it speaks of is unnamed
        if not spans or (ask.many and ask.kind == "list" and self.vocab.evidence.items(ask, sent) < 2):
            return False
        # where the spans are the things named (people, bodies; 哪几家), not the marks of a list (哪四项)
        names = ask.kind in ("who", "org") or (ask.kind == "list" and ask.counter == "家")
        if names and not self._names_beyond(own, sent, spans):
            return False  # 「除了市一、儿童…，另外4家是哪几家」 of a sentence naming only those
        if names and ask.many and not self._names_as_many(own, sent, spans, ask.counter):
            return False  # 「约谈的那2家单位是哪两家」 of 「对…2家单位负责人进行了约谈」: counted, not named
        if ask.kind in ("day", "when"):
            after = self.event_words(own)
            # the headline may name the event the sentence dates (「…向个人开放查询」 over 「9月28日起，…开放」),
            # but the sentence must say at least one of its words itself
            said = self._said(s)
            return all(self.vocab.match(t, said) >= 0.6 for t in after) and (
                not after or any(self.vocab.match(t, sent) >= 0.6 for t in after)
            )
        if ask.kind == "money":
            # 「投资了多少」: the money said (投资, 经费) is what a clause of the sentence spends — as printed or
            # spread out (投入资金); 节约胶片费用 is no 投资
            part = _asked_part(own)
            money = [
                w for w in words("ask_money") if w in part and not any(q in w for q in words("ask_number"))
            ]
            if money and not any(is_subsequence(max(money, key=len), sent[a:b]) for a, b in clauses(sent)):
                return False
        if ask.kind in ("count", "number") and found(own, "each_ask") and not self.each_figure(own, sent):
            # 「检验和检查各多少」: a figure printed for each thing named (检验项目128项、检查项目37项)
            return False
        if ask.kind in ("count", "number"):
            # 「健康教育类来电多少个」: the thing counted is named before the question word; a noun of it
            # no bulletin uses cannot be what a passage counts (受理来电 N 个 is not it).
            at = min((own.find(w) for w in words("ask_number") if w in own), default=-1)
            named = own[:at].translate(PIECE_ENDS).split("？")[-1] if at > 0 else ""
            context = self._context(s) or sent
            toks = self.vocab.content(named)
            if not all(
                self.vocab.match(t, context) >= 0.6
                for k, t in enumerate(toks)
                if len(t) >= 2
                and not self.vocab.known(t)
                and (
                    (ask.kind == "count" and self.vocab.thing(t))
                    # … or a noun nobody prints right before the one asked of, which the bulletins do: 日活
                    # of 「日活用户多少」 is no 注册用户
                    or (
                        self.vocab.flag(t) == "n"
                        and k == len(toks) - 2
                        and self.vocab.thing(toks[k + 1])
                        and self.vocab.known(toks[k + 1])
                        and named.rstrip().endswith(t + toks[k + 1])
                    )
                )
            ):
                return False
            # 「有问题的服务器有几台」: the things counted and what is said of them (有问题) are said by a
            # figure's clause — 「共涉及…服务器23台」 counts them all, 「有问题的微机67台」 counts no 服务器
            qualified = QUALIFIED.search(named)
            if qualified and named[: qualified.start()].endswith(words("negation")):
                qualified = None  # 「没有问题的服务器」: the others
            qualifier = (
                [t for t in self.vocab.content(qualified.group(1) + " " + qualified.group(2)) if len(t) >= 2]
                if qualified and ask.kind == "count"
                else []
            )
            if qualifier and not any(
                all(self.vocab.match(t, _clause_of(sent, a, b)) >= 0.6 for t in qualifier) for a, b in spans
            ):
                return False
            # 「有多少注册用户」: the noun right after the question word (and its counter) is what is counted;
            # a passage that never names it counts something else (213个家庭医生团队 are no users)
            counted = own[at:].translate(PIECE_ENDS).split("？")[0] if at >= 0 else ""
            counted_words = self.vocab.content(counted)
            first = next(
                (
                    t
                    for t in counted_words[:2]
                    if len(t) >= 2
                    and self.vocab.thing(t)
                    and t not in words("counted_class")
                    and t not in counters()  # 「多少小时内付钱」: 小时 is how it is counted
                ),
                "",
            )
            if counted.lstrip("多少几" + ask.counter).startswith(words("negation")):
                first = ""  # 「有几个没考合格」: what they did not do follows, not the thing counted
            # 「多少家医院通过互联互通测评」: what the things counted did is in the passage too — not the thing
            # counted (checked below), nor a class of things (多少家单位), but a counter (「预约了多少人次」 is
            # no 下载量1.2万次)
            said_after = [
                t
                for t in counted_words
                if t != first and len(t) >= 2 and (t not in words("counted_class") or t in counters())
            ]
            if ask.kind == "count" and not all(
                self.vocab.match(t, context) >= 0.6
                for t in said_after
                if self.vocab.thing(t) and self.vocab.known(t) and self.vocab.flag(t).startswith(("n", "vn"))
            ):
                return False
            if first and ask.kind == "count" and ask.counter == "个":
                # 「设了多少个分会场」: 个 stands for any counter, but then the figure counts that thing — its
                # own counter (12个) or the thing right after it (3家医院); 320人 参加会议 counts no 分会场
                counts_it = any(
                    sent[a:b].rstrip().endswith("个")
                    or normalize(sent[b:]).lstrip().startswith(first[:2])
                    or first in _last_piece(normalize(sent[:a]))[-len(first) - 4 :]  # 、社区卫生服务中心56家
                    for a, b in spans
                )
                if not counts_it:
                    return False
            elif first and ask.kind == "count" and first not in words("counted_class"):
                # 「接入了多少家社区卫生服务中心」: a figure in that counter with the thing in its clause, before it
                # or after it — 38家二级以上公立医院 are no 社区卫生服务中心
                after = [normalize(sent[b:]).split("，")[0].split("；")[0] for _, b in spans]
                # (基层机构 is 基层医疗卫生机构; one figure alone counts the thing its sentence names)
                # (电脑 said for the 计算机 printed: a synonym of the thing is that thing)
                counts_it = any(
                    is_subsequence(first, there) or self.vocab.match(first, there) >= 0.9
                    for (a, _), rest in zip(spans, after, strict=True)
                    for there in (rest, _last_piece(normalize(sent[:a])))
                ) or (len(spans) == 1 and is_subsequence(first, normalize(sent)))
                if not counts_it:
                    return False
            tail = self.vocab.tail_left(first) if first and first not in context else ""
            if tail and tail not in words("generic_tail") and tail not in context:
                # 「每人收多少培训费」: the end of the thing asked (费) is what it is; a paragraph printing
                # 培训 but no 费 counts something else — unless that end only says a measure (床位数)
                return False
            return not first or self.vocab.match(first, context) >= 0.6
        return True

    def _of_kind(self, name: str, word: str) -> bool:
        """A body the tables list as the kind of row a word names (南京市妇幼保健院 is a 医院)."""
        key = self.index.catalogue.aliases.get(normalize(name))
        kind = kind_words().get(word)
        return key is not None and kind is not None and self.index.catalogue.entities[key].kind == kind

    @staticmethod
    def _names_beyond(own: str, sent: str, spans: list[tuple[int, int]]) -> bool:
        """A list asked 「除了」 some things: the sentence names at least one thing besides those."""
        said = next((w for w in words("except_ask") if w in own), "")
        if not said:
            return True
        tail = own[own.find(said) + len(said) :]
        end = min(
            (k for e in (*words("except_end"), "，", ",") if (k := tail.find(e)) > 0), default=len(tail)
        )
        left = [x for x in re.split("[、和及与]", tail[:end]) if len(x) >= 2]
        if not left:
            return True
        return any(not any(is_subsequence(x, sent[a:b]) for x in left) for a, b in spans)

    @staticmethod
    def _names_as_many(own: str, sent: str, spans: list[tuple[int, int]], counter: str) -> bool:
        """「哪两家」 of a sentence printing 「2家单位」: the clause that counts them must name as many (a
        sentence that only counts what is asked names none of it)."""
        m = re.search(f"哪([\\d{CN_DIGITS}])(?:个)?{counter}", own) if counter else None
        n = small_int(m.group(1)) if m else None
        if not n or n < 2:
            return True
        count = f"(?<![\\d.]){n}\\s*{counter}|{m.group(1)}{counter}"
        for a, b in clauses(sent):
            if re.search(count, sent[a:b]):
                return sum(a <= x < b for x, _ in spans) >= n
        # 「约谈的那2家…是哪两家」: the question says the count the passage gave; a sentence without it is
        # about other things — and one naming fewer than asked (市卫生计生委 alone for 「哪4家」) names not them
        return len(spans) >= n and not re.search(count, own[: m.start()])

    @staticmethod
    def after_asking(own: str, asking: tuple[str, ...] | list[str]) -> str:
        """What the question says after its last question word, up to the end of that question
        (「…是谁带队的」 → 带队的; 「哪天开始开放查询」 → 开始开放查询); "" without one."""
        at = max((own.rfind(w) + len(w) for w in asking if w in own), default=-1)
        return own[at:].translate(PIECE_ENDS).split("？")[0] if at >= 0 else ""

    def _acts(self, doing: str) -> list[str]:
        """The verbs (主持, 宣读, 通报批评) and 带队 (jieba's noun) of what a who-question says was done; what
        happened where is the paragraph's. 「谁讲的话」: jieba cuts 讲|的话 — a phrase the synonyms know says the
        act (讲话, 致辞, 发言)."""
        acts = [
            t
            for t in (t[1:] if t[:1] in words("come_go") else t for t in self.vocab.content(doing))
            if len(t) >= 2
            and (self.vocab.flag(t) in ("v", "l") or t in words("act_noun"))  # (l: 通报批评)
            and t not in words("role")
        ]
        return acts + [
            k for k in text_synonyms() if len(k) >= 2 and k in doing and not any(k in a for a in acts)
        ]

    def event_words(self, own: str) -> list[str]:
        """The rare words after 「哪天」「什么时候」: they name the event dated (审定); a common one (进行)
        names none."""
        rare = self.vocab.max_idf * RARE
        event = self.after_asking(own, words("ask_when") + words("ask_day"))
        return [
            t
            for t in self.vocab.content(event)
            if self.vocab.idf.get(t, 0) >= rare
            and len(t) >= 2
            and not self.vocab.flag(t).startswith(GLUE_FLAGS)
        ]  # (可以 of 「啥时候可以预约」 is glue; 通过 of 「审定通过」 and 各区 of 「在各区属医院」 are not)

    def other_body(self, own: str, fitting: list[Scored]) -> str:
        """「市卫生计生委主任讲了啥」: a title of a body (卫生计生委) must be that body's in the passage, not
        another's (卫生信息中心主任)."""
        for body, role in self.qualified_titles(own):
            # a body as staff shorten it (卫计局) is the body as printed (卫生计生局)
            bodies = [body, *text_synonyms().get(body, [])]
            if fitting and not any(b + role in self._context(s) for s in fitting for b in bodies):
                return body + role
        return ""

    def sibling_level(self, own: str, fitting: list[Scored]) -> str:
        """「省级财政出了多少」 where the passage prints 市级财政资金: a word of the question that the passages
        lack while they print its sibling of another level (省级/市级, 上半年/下半年, 一期/二期) — another thing."""
        heads = set(words("level_heads"))
        plain = [normalize(self._said(s)) for s in fitting]
        for t in self.vocab.tokenizer.jieba.lcut(normalize(own)):
            if len(t) < 2 or t[0] not in heads or not chinese(t):
                continue
            if any(t in p for p in plain):
                continue
            if plain and all(any(h + t[1:] in p for h in heads if h != t[0]) for p in plain):
                return t
        return ""

    def unprinted_body(self, own: str, best: Scored) -> str:
        """「六合区远程影像诊断中心」 where the article is about 六合区远程心电诊断中心: a body named by words of
        which its first stands in the article and a later one does not — another body."""
        toks = self.vocab.tokenizer.jieba.lcut(normalize(own))
        article = normalize(self._article(best) or best.sentence)
        for j, tail in enumerate(toks):
            if not tail.endswith(words("body_tail")) or len(tail) < 2:
                continue
            run = [tail]
            filler = set(words("filler"))
            for tok in reversed(toks[max(0, j - 4) : j]):
                # a name is words one after the other (六合区 远程 影像 诊断): never a question word (哪家)
                # or a filler (那个)
                if (
                    len(tok) < 2
                    or not chinese(tok)
                    or tok in filler
                    or any(q in tok for q in words("question_mark"))
                    or not self.vocab.flag(tok).startswith(("n", "v", "b"))
                ):
                    break
                run.insert(0, tok)
            name = "".join(run)
            if len(run) < 2 or name in self.vocab.corpus_text:
                continue
            # a word of the name its article lacks, which the bulletins use for other things (影像 of
            # 六合区远程影像诊断中心; 中医院 of 高淳县中医院 where the article is 高淳县人民医院's)
            inner = [t for t in run[1:] if self.vocab.match(t, article) < 0.6 and self.vocab.known(t)]
            if run[0] in article and inner:
                return name
        return ""

    def qualified_titles(self, own: str) -> list[tuple[str, str]]:
        """(body, title) pairs a question names: 「市卫生计生委主任」 → (卫生计生委, 主任)."""
        out = []
        for role in dict.fromkeys(titles(own)):
            at = own.find(role)
            # the body right before the title (「市卫生健康委主任」), never a word further back: 「调研互联网医院
            # 的是哪个处长」「调研互联网医院的处长」 name no body's 处长. The shortest whole-word stretch of two
            # characters or more that ends there (健康委 of 市卫生健康委: jieba cuts it 市/卫生/健康/委).
            toks = self.vocab.tokenizer.jieba.lcut(own[:at])
            body = ""
            for tok in reversed(toks):
                body = tok + body
                if len(body) >= 2:
                    break
            if len(body) >= 2 and body not in self.vocab.corpus_text:
                # 「会议上委主任」: jieba's 上委 (or 会上|委) is the 上 of 会议上 and the 委 of 卫生计生委 — the
                # end of it after a locative, printed before the title
                body = next(
                    (
                        body[i:]
                        for i in range(1, len(body))
                        if body[i - 1] in LOCATIVES and body[i:] + role in self.vocab.corpus_text
                    ),
                    body,
                )
            if body and chinese(body) and any(body.endswith(t) for t in words("body_tail")):
                out.append((body, role))
        return out

    def focus(self, own: str) -> str:
        """The category a question word asks for (要求, 方面, 问题, 公司), when the bulletins use that word;
        not a kind of answer (原因, 时间)."""
        word = focus_after(own, self.vocab.tokenizer.words)
        said = own.rstrip("？?。 ")
        if not word.strip("？?。 ") and said.endswith(("是啥", "是什么")):
            # 「厦门经验是啥」: the word before 是 is what is asked (经验)
            before = self.vocab.tokenizer.words(said[: said.rfind("是")])
            word = before[-1] if before else ""
        return word if word in self.vocab.idf and not self.vocab.asking(word) else ""

    def named_of(self, kind: str, sentence: str) -> int:
        """How many things of a kind a sentence names: words ending in it (鼓楼区, 秦淮区 for 区)."""
        return sum(
            1
            for w in self.vocab.tokenizer.words(normalize(sentence))
            if w.endswith(kind) and len(w) > len(kind)
        )

    def arithmetic(self, own: str) -> bool:
        """A computation, not a sentence to quote: over several months (「2月和3月一共…」「3月比2月多…」)
        or over several figures the bulletins print (「咨询类和投诉类加起来」「来电去掉电话预约还剩」)."""
        if not found(own, "arith"):
            return False
        pieces = [own]
        for w in words("arith_split"):
            pieces = [p for piece in pieces for p in piece.split(w)]
        named = [
            p
            for p in pieces
            if any(len(t) >= 2 and any(t in c for c in self.labels) for t in self.vocab.tokenizer.words(p))
        ]
        return len(months_said(own)) >= 2 or len(named) >= 2

    # -- retrieval and scoring --------------------------------------------------------------------
    def _best(self, rest: str, ctx: Context) -> tuple[Scored | None, list[Scored], list[str]]:
        tokens = self.vocab.content(rest)
        if not any(
            ((t in self.vocab.idf or t in self.vocab.bare_text) and len(t) >= (3 if t.isdigit() else 2))
            or any(s in self.vocab.bare_text for s in text_synonyms().get(t, []))
            for t in tokens
        ):
            return None, [], tokens  # nothing the bulletins know of (「alert(1)」): nothing to find
        hits = search(self.index, rest, k=12, issues=ctx.issues or None, kind="text")
        # an article about another place (他山之石) answers only a question naming that place — or naming
        # the column it is printed in (「他山之石讲的哪个城市」)
        asked_text = normalize(rest)
        hits = [
            h
            for h in hits
            if self.elsewhere.get((h.chunk.issue, h.chunk.section), "") in asked_text
            or len(col := normalize(column_of(h.chunk.section))) >= 2
            and col in asked_text
        ]
        if ctx.months:
            # 「2012年3月12320热线…」: the figures of February's paragraph (in the March issue) are not
            # March's. News paragraphs keep their dates: 「2019年2月 5G试点」 may say 「6月前」.
            hits = [
                h
                for h in hits
                if self.stats_month.get((h.chunk.issue, h.chunk.line), {ctx.months[0]}) & set(ctx.months)
            ]
        own = asked(ctx.own)
        own_words = set(self.vocab.content(ctx.own_rest)) if ctx.followup else None
        if own_words:
            # 「为啥会这样」: a modal verb (会, 能) and a demonstrative say nothing of which sentence
            own_words -= set(words("modal"))
        planned = bool(self.vocab.intents(self.vocab.tokenizer.words(ctx.own)))
        ask = own if own.kind else asked(normalize(rest))
        ranked = self._score(tokens, hits, ask, own_words, planned, _denied(ctx.own_rest or rest, tokens))
        keys = doc_numbers(rest)  # a follow-up's rest carries the number its question named
        if keys:
            # 「宁卫医〔2023〕21号是啥文件」: only what prints that number is about that document
            ranked = [
                s for s in ranked if any(same_document(k, d) for k in keys for d in doc_numbers(s.sentence))
            ]
            ranked = [replace(s, coverage=max(s.coverage, MIN_COVERAGE), required=True) for s in ranked]
        # The best sentence holds the question's rarest word in its paragraph: 「9月7日那个推进会是谁主持的」
        # is answered by 「会议由…主持」, not by the article's first sentence (the day and the meeting).
        best = next((s for s in ranked if s.required and s.coverage >= MIN_COVERAGE), None)
        return (best or (ranked[0] if ranked else None)), ranked, tokens

    @staticmethod
    def _key(s: Scored) -> tuple[str, str]:
        return (s.hit.chunk.issue, s.hit.chunk.section)

    def quoted_article(self, answer: str, span: int = QUOTE_SPAN) -> tuple[str, str] | None:
        """The article an answer quotes: the one holding most of its stretches of `span` characters, or None
        when none holds one (an answer in other words than the bulletin's)."""
        text = normalize(answer)
        grams = {text[i : i + span] for i in range(len(text) - span + 1)}
        grams = {g for g in grams if chinese(g[0]) and chinese(g[-1])}
        best, most = None, 0
        for key, article in self.articles.items():
            hits = sum(g in article for g in grams)
            if hits > most:
                best, most = key, hits
        return best

    def _day_of_month(self, fitting: list[Scored]) -> list[Scored]:
        """「一、1月，…平台（二期）通过竣工验收。1月15日，项目通过…验收」: where the sentence chosen gives only a
        month, a fitting sentence of its paragraph giving a day of that month is the answer asked."""
        dates = list(DATE_RE.finditer(normalize(fitting[0].sentence)))
        if any(m.group(4) for m in dates):
            return fitting
        months = {m.group(2) for m in dates}
        key = para_key(fitting[0].hit.chunk)
        for s in fitting[1:]:
            days = [m for m in DATE_RE.finditer(normalize(s.sentence)) if m.group(4) and m.group(2) in months]
            if days and para_key(s.hit.chunk) == key:
                return [s, *(x for x in fitting if x is not s)]
        return fitting

    def _of_ordinals(self, named: dict[tuple[int, str], str], s: Scored) -> bool:
        """The sentence speaks of the levels or rounds asked (七级, 二期): it names them, or names none of
        that counter while its paragraph names those and no other (「1月15日，项目通过…验收」 under
        「一、1月，…平台（二期）通过竣工验收」)."""
        own = ordinals(self._said(s))
        if named.keys() <= own.keys():
            return True
        counters_ = {c for _, c in named}
        if any(c in counters_ for _, c in own):
            return False
        para = {k for k in ordinals(normalize(self._context(s))) if k[1] in counters_}
        return bool(para) and para == set(named)

    @staticmethod
    def _said(s: Scored) -> str:
        """A sentence with its headline, normalised: what a quote of it says."""
        return normalize(s.sentence + " " + s.hit.chunk.section)

    def reply(self, s: Scored, most: int = 200) -> str:
        """The answer of the interview paragraph the sentence stands in (「记者：…？答：…」), from its start, whole
        sentences up to `most` characters; "" for any other paragraph."""
        c = s.hit.chunk
        text = "".join(o.text for o in self.by_paragraph.get((c.file, c.line), []))
        marks = [m for w in words("qa_answer") if (m := re.search(rf"{re.escape(w)}\s*[:：]", text))]
        if not marks or after_label(text, "qa_question") is None:
            return ""
        body, out = text[min(m.end() for m in marks) :], ""
        for said in re.split(r"(?<=[。！？])", body):
            if out and len(out) + len(said) > most:
                break
            out += said
        return out.strip()

    def _context(self, s: Scored) -> str:
        return self.paragraphs.get(para_key(s.hit.chunk), "")

    def _in_role(self, surname: str, s: Scored, role: str) -> bool:
        """The passage holds the title asked, as that title (主任 is not 副主任) — or, asked by surname and
        title (「马主任」) of a person its issue prints with that title (「主任马建华」), names that person, who
        need not be titled again. A character before the title that names no such person (时 of 「验收时专家组」,
        华 of 「陈明华局长」) is no surname."""
        person = self._holder(role, surname, (s.hit.chunk.issue,)) if surname else ""
        if not person:
            return holds_title(self._context(s), role)
        return person in self._context(s)

    def _holder(self, role: str, surname: str, issues: tuple[str, ...]) -> str:
        """The one person the paragraphs of these issues (any, when none is named) print with the title and
        surname (主任马建华 for 马主任), or "". Staff address a deputy by the title without 副 (孙局长 for
        副局长孙建国): the deputy, only when no one of that surname holds the title itself."""
        found = set()
        for key, text in self.paragraphs.items():
            if issues and key[0] not in issues:
                continue
            for m in re.finditer(rf"{re.escape(role)}(?={re.escape(surname)})", text):
                if holds_title(text[max(0, m.start() - 2) : m.end()], role):
                    found.add(self._name_at(text, m.end()))
        if not found and not role.startswith("副"):
            return self._holder("副" + role, surname, issues)
        return found.pop() if len(found) == 1 else ""

    def _name_at(self, text: str, at: int) -> str:
        """The person's name printed at `at` after a title: two characters when a word of the language
        follows them (陈立|主持, 杨帆|介绍), else three (吴建国|到会, 马建华|出席)."""
        return text[at : at + 2] if self.vocab.in_dictionary(text[at + 2 : at + 4]) else text[at : at + 3]

    def _surname(self, own: str, role: str) -> str:
        """The one character said right before a title when it is no part of a word of the language and no
        word of function (马 of 「马主任」, 陈 of 「陈局长」, also where jieba joins it to the word before, 会马; not
        局 of 卫生局, 心 of 中心, 的, or 副)."""
        end = 0
        for tok in self.vocab.tokenizer.jieba.lcut(own):
            end += len(tok)
            c = own[end - 1]
            if (
                own[end : end + len(role)] == role
                and "\u4e00" <= c <= "\u9fff"
                and not (len(tok) >= 2 and self.vocab.in_dictionary(tok))
                and c not in words("other_role_prefix")
                and not self.vocab.flag(c).startswith(FUNCTION_FLAGS)
            ):
                return c
        return ""

    def _article(self, s: Scored) -> str:
        """Every paragraph under the sentence's headline."""
        return self.articles.get((s.hit.chunk.issue, s.hit.chunk.section), "")

    def near(self, ev: list[tuple[int, int]], sent: str, weights: dict[str, float]) -> float:
        """How much of the question stands in one clause with the thing asked for (its spans `ev`):
        「整改227项」 for 「整改了多少项」 (not 「发现问题300项…督促整改」), 「在学术报告厅举办…培训班」 for
        「培训班在哪里举办」."""
        total = sum(weights.values()) or 1.0
        best = 0.0
        spans = clauses(sent)
        for k, (a, b) in enumerate(spans):
            held = [(s, e) for s, e in ev if a <= s < b]
            if not held:
                continue
            rest = "".join(ch for i, ch in enumerate(sent[a:b], a) if not any(s <= i < e for s, e in held))
            if k + 1 < len(spans) and not rest.strip(" ，,；;：:至到-—~0123456789日号"):
                # 「11月22日至12月3日，市卫生局…进行了专项检查」: a date opening what follows dates it
                b = spans[k + 1][1]
            best = max(best, sum(w for t, w in weights.items() if self.vocab.match(t, sent[a:b]) >= 0.6))
        return best / total

    def _score(
        self,
        tokens: list[str],
        hits: list[Hit],
        ask: Ask,
        own: set[str] | None = None,
        planned: bool = False,
        denied: frozenset[str] = frozenset(),
    ) -> list[Scored]:
        """Sentences by coverage of the question's words (a follow-up's sentence by its own words), dense
        similarity, and the thing asked being there — next to the word it is asked of. A plan's figure
        asked (「打算接入多少家」) is in a sentence that states a plan or a target (年内…不少于40家), not in
        one that reports what was done (首批接入21家)."""
        weights = {t: self.vocab.weight(t) for t in tokens}
        # A follow-up: the question before it says which paragraph, its own words which sentence.
        sent_weights = {t: w for t, w in weights.items() if t in own and w} if own is not None else weights
        total = sum(weights.values()) or 1.0
        known = [t for t in (own or tokens) if t in self.vocab.idf and len(t) >= 2 and self.vocab.naming(t)]
        # The rarest word must be in the paragraph (「9月7日那个推进会是谁主持的」: the paragraph of 「会议由…
        # 主持」, not the article's first one) — unless it is a verb the article says otherwise (推广 for
        # 扩展, 设在 for 在): another article that prints the verb is no better.
        rarest = max(known, key=lambda t: self.vocab.idf[t]) if known else None
        said_otherwise = rarest is not None and self.vocab.flag(rarest) == "v"  # only a verb is
        nouns = [t for t in known if self.vocab.flag(t).startswith(("n", "x", "j", "vn")) and t != rarest]
        noun = max(nouns, key=lambda t: self.vocab.idf[t]) if nouns else None
        # a place or a year the question names is where or when it is about: the paragraph names it too
        # (溧水 is not 浦口; 宁盾-2023 is not 宁盾-2024; 2017年 printed as a topic is not 2016's meeting) —
        # not 南京, which every issue names
        rare = self.vocab.max_idf * RARE
        must = [
            t
            for t in (own or tokens)
            if (t.isdigit() and len(t) == 4)
            or (t in known and self.vocab.flag(t) == "ns" and self.vocab.idf.get(t, 0) >= rare)
        ]
        out = []
        for rank, h in enumerate(hits):
            whole = self.paragraphs.get(para_key(h.chunk), "")
            article = self.articles.get((h.chunk.issue, h.chunk.section), whole)
            if own is not None and not sent_weights and ask.kind in REASONS:
                # 「为啥会这样」 after what an inspection found: a follow-up asking why and naming nothing of
                # its own asks about the article the answer came from — its causes may be the next paragraph
                whole = article
            cov_chunk = sum(w * self.vocab.match(t, whole) for t, w in weights.items() if w) / total
            required = (
                rarest is None
                or self.vocab.match(rarest, whole) > 0.6
                or (
                    # a verb its article never prints is said otherwise there, when the paragraph holds
                    # the question's rarest noun (the 分级诊疗 article's 扩展 for 推广)
                    said_otherwise
                    and self.vocab.match(rarest, article) <= 0.6
                    and (noun is None or self.vocab.match(noun, whole) > 0.6)
                )
            ) and all(self.vocab.match(t, whole) > 0.6 for t in must)
            for sent in sentences(h.chunk.text) or [h.chunk.text]:
                if after_label(sent, "qa_question") is not None:
                    continue  # 「问：…？」 is the context of the 答 after it, never the answer
                heads = self.table_heads[(h.chunk.issue, h.chunk.section)] if self.is_note(h.chunk) else ""
                ctx = _unnegated(normalize(sent + " " + h.chunk.section) + " " + heads, sent_weights, denied)
                if normalize(sent).startswith(words("pronoun")):
                    # 「他对2023年工作提出四点要求」 after 「李明华在讲话中指出…」: 他 is the last one named before
                    before = whole[: max(0, whole.find(normalize(sent)[:12]))]
                    # (the names the bulletins print after a title, and jieba's; with the words around the
                    # last one: its title, 「刘志远局长指出」)
                    at = max(
                        [before.rfind(p) for p in self.vocab.persons if p in before]
                        + [a for a, _ in self.vocab.evidence.persons(before)],
                        default=-1,
                    )
                    ctx += " " + (before[max(0, at - 4) : at + 8] if at >= 0 else "")
                if sent_weights:
                    cov_sent = sum(w * self.vocab.match(t, ctx) for t, w in sent_weights.items()) / (
                        sum(sent_weights.values()) or 1.0
                    )
                else:  # 「去了哪些地方？」: the paragraph is the one before; the kind asked picks the sentence
                    cov_sent = 0.9 * cov_chunk
                # The sentence must carry the answer; its paragraph may carry the context (「上半年，…」).
                cov = max(cov_sent, 0.9 * cov_chunk)
                plain = normalize(sent)
                ev = self._evidence(ask, plain, h.chunk)
                bonus = 0.15 if ev else 0.0
                if ev and ask.kind not in SOFT:
                    bonus += 0.3 * self.near(ev, plain, sent_weights)
                if ev and ask.many and self.vocab.evidence.items(ask, plain, ev) >= 2:
                    bonus += 0.1  # several asked for, several there
                if planned and self.vocab.evidence.words_in(plain, "plan_in"):
                    bonus += 0.2
                if ask.kind and self.posed.get(para_key(h.chunk), Ask()).kind == ask.kind:
                    bonus += 0.2  # 「去哪办」: the 答 of the 问 that asks the same kind (「在哪里可以办？」)
                if h.chunk.issue == self.latest:
                    bonus += 0.02
                score = cov_sent + 0.3 * cov_chunk + 0.5 * (h.dense or 0) + bonus - 0.01 * rank
                out.append(Scored(sent, h, cov, score, required))
        return sorted(out, key=lambda s: -s.score)

    # -- near misses ------------------------------------------------------------------------------
    def unnamed_person(self, rest: str, best: Scored, ask: Ask) -> str:
        """A person the bulletins name (陈志远) asked about, whom the answering passage does not name; what
        someone said or thinks must be in a sentence that names them."""
        text = normalize(rest)
        # (a speech's or an interview's headline names who speaks: 「…讲话｜市卫生健康委副主任 孙海明」)
        said = normalize(best.hit.chunk.section) + normalize(best.sentence)
        context = (
            said
            if ask.kind in ("said", "opinion")
            else normalize(best.hit.chunk.section) + self._context(best)
        )
        for name in self.vocab.persons:
            if name in text and name not in context:
                return name
        for _, end in self.vocab.evidence.titled(text):
            # 「副局长李明讲了啥」: a person said with a title whom no bulletin names is nobody of theirs
            name = text[end - 2 : end]
            if chinese(name) and name.startswith(words("surname")) and name not in self.vocab.corpus_text:
                return name
        return ""

    def districts_said(self, text: str) -> set[str]:
        """The city's districts a text names: one the tables list (高淳), or one said as a district (下关区,
        高淳县 of a news-only issue: jieba tags some as names of people)."""
        said = {w for w in words("home_place") if any(w + k in text for k in "区县")}
        return {p for p in self.districts if p in text} | said

    def hospitals_named(self, text: str) -> dict[str, list[str]]:
        """The hospitals (table rows) a text names, each with the forms of its name said (中大医院,
        东南大学附属中大医院)."""
        cat = self.index.catalogue
        out: dict[str, list[str]] = {}
        for form, key in [*cat.aliases.items(), *((e.name, k) for k, e in cat.entities.items())]:
            if len(form) >= 3 and cat.entities[key].kind == "hospital" and normalize(form) in text:
                out.setdefault(key, []).append(normalize(form))
        return out

    def places_named(self, text: str) -> set[str]:
        """Specific places a text names: a district's bare name (高淳, from the catalogue) or a place name
        rare in the bulletins (溧水, 杭州) — not 南京, which every issue names."""
        found_ = self.districts_said(text)
        rare = self.vocab.max_idf * RARE
        generic = set(words("filler"))  # 城市, 地方: jieba calls them places too
        found_ |= {
            w
            for w, flag in self.vocab.pos.lcut(text)
            if flag == "ns"
            and w not in generic
            and (
                self.vocab.idf.get(w, 0) >= rare
                # (a place no bulletin's words hold, 扬州市 where only 扬州 is printed, is rarer still — not a
                # join of a word of place or time with 市: 上市, 里市 of 「推进会上市卫生信息中心」)
                or (w not in self.vocab.idf and not self.vocab.flag(w[0]).startswith(PLACE_TIME_FUNCTION))
            )
        }
        return found_

    def lead_place(self, text: str) -> str:
        """The place a text starts with (「杭州市以…」 → 杭州), when it is not Nanjing, what contains it or
        one of its districts; "" otherwise."""
        pairs = self.vocab.pos.lcut(text.strip(' “”"「」『』《》'))
        if not pairs:
            return ""
        word, flag = pairs[0]
        if flag != "ns" or any(word.startswith(h) for h in words("home_place")):
            return ""
        bare = next((word[: -len(x)] for x in words("place_suffix") if word.endswith(x)), word)
        return bare if len(bare) >= 2 and bare not in self.districts else ""

    def article_place(self, headline: str, first: str) -> str:
        """The other place an article is about: its headline opens with that place and a colon (「杭州：
        …」, the 他山之石 shape), or opens with it and so does a clause of its first sentence
        (「近年来，杭州市以…」). Nanjing news naming a city in passing (「中心赴杭州考察」, 「上海市卫健委来
        我市交流」: the first sentence names Nanjing) is Nanjing's."""
        first = normalize(first)
        for part in re.split("[|｜]", normalize(headline)):
            place = self.lead_place(part)
            if not place:
                continue
            if part[len(place) :].lstrip("市省县").startswith(("：", ":")):
                return place
            if any(h in first for h in words("home_place")):
                continue
            if any(self.lead_place(first[a:b]) == place for a, b in clauses(first)):
                return place
        return ""

    def other_month(self, ctx: Context, best: Scored) -> str:
        """「8月份网上咨询受理了多少件」 answered by an issue of September's figures: an issue's news is of its
        data month (or the month it came out, or the one before for news only); a month asked that is
        none of these must be printed in the answering paragraph, or the sentence is another month's."""
        if not ctx.months:
            return ""
        b = next((x for x in self.cal.bulletins if x.issue == best.hit.chunk.issue), None)
        if b is None:
            return ""
        own = {b.data_month, b.published[:7]}
        if not b.data_month and b.published:
            own.add(self.cal.before_month(b.published[:7]))
        # (a sentence printing its own month says whose figure it is: 「截至7月底…1977人」 in the issue out
        # in August is July's, not August's)
        printed = {
            int(x) for x in re.findall(r"(?<!\d)(\d{1,2})\s*月(?!底?前|份?以前|起)", normalize(best.sentence))
        }  # (「力争10月底前」 is a deadline, no figure's month)
        if own & set(ctx.months) and not (printed and not printed & {int(m[5:7]) for m in ctx.months}):
            return ""
        context = (self._context(best) or "") + normalize(best.sentence)
        said = [m for m in ctx.months if re.search(rf"(?<!\d){int(m[5:7])}\s*月", context)]
        return "" if said else month_label(ctx.months[0])

    def other_day(self, own: str, best: Scored) -> str:
        """「4月9号那个会上…」 answered from a passage about 3月18日: a day the question names must be a day
        of the answering article (as 4月9日, or 9日 in an article of that month) — its first paragraph
        dates the event its later ones report (「9月7日，…推进会召开」, then 「会议由…主持」)."""
        context = self._article(best)
        for m in DATE_RE.finditer(own):
            if not m.group(4):
                continue
            mon, day = int(m.group(2)), int(m.group(4))
            if re.search(rf"(?<!\d){mon}月{day}[日号]", context):
                continue
            if re.search(rf"(?<!\d){mon}月", context) and re.search(rf"(?<![\d月]){day}[日号]", context):
                continue
            return m.group(0)
        return ""

    def other_year(self, rest: str, best: Scored) -> str:
        """「2023年全市…工作会议几号开的」 answered by 「5月9日，2024年全市…工作会议…召开」: a year the question
        keeps as words (not the scope of an issue) that the sentence, printing another year, does not say."""
        said = normalize(best.sentence + " " + best.hit.chunk.section)
        printed = set(_years(said))
        asked_text = normalize(rest)
        para = ""  # the answering paragraph, read once and only where needed
        for year in _years(asked_text):
            if printed and year not in printed:
                return f"{year}年"
            # 「1998年那次全市…工作会议来了多少人」 of a sentence printing no year, in an article on the
            # 「1999年全市…工作会议」: the event as its paragraph names it, with its year
            # (of the years the paragraph prints, the one before most of the words the question says after its
            # own: 「1998年全市卫生信息化工作」 is the year's work, 「1999年全市卫生信息化工作会议」 the meeting)
            if printed:
                continue  # (the sentence's own years said it already)
            thing = asked_text[asked_text.find(year + "年") + 5 :].lstrip(YEAR_TAIL)
            para = para or normalize(self._context(best))
            reach: dict[str, int] = {}
            for y, k in _years_at(para):
                said_as = len(os.path.commonprefix([para[k + 1 :].lstrip(YEAR_TAIL), thing]))
                reach[y] = max(reach.get(y, 0), said_as)
            named = max(reach, key=lambda y: reach[y], default="")
            if named != year and reach.get(named, 0) >= 4 and reach[named] > reach.get(year, 0):
                return f"{year}年"
            # 「1998年门诊收费…现场会来了多少人」 of a 1997 issue whose sentence prints no year: an undated
            # sentence happened in its issue's year, so another year must be the one its paragraph gives the
            # thing asked (「1998年6月底前…」 answers 「1998年6月底前要做到啥」); 1998 said elsewhere is not
            if year not in _years(best.hit.chunk.issue) and reach.get(year, 0) < 4:
                return f"{year}年"
        return ""

    def other_place(self, rest: str, best: Scored) -> str:
        """「高淳的5G急救车啥时候试运行」 answered by 「…将于6月前在溧水区投入试运行」: the sentence is about
        another place than the one asked, or about the whole city (「高淳县…有啥进展」 is not 全市's)."""
        sent = normalize(best.sentence)
        asked_places = self.places_named(normalize(rest))
        there = self.places_named(sent)
        # 「该区的主要做法有三点」 under 「栖霞区：…」: the headline names the place its sentences speak of
        said = sent + normalize(best.hit.chunk.section)
        missing = [p for p in asked_places if p not in said]
        whole_city = any(w in sent for w in words("whole_place"))  # 「全市卫生信息化建设取得明显进展」
        # 「试点白下区投了多少钱」 of a paragraph on pilots in 鼓楼区、玄武区 (白下区 next year): the sentence's
        # figure is the project's; the places its paragraph names besides the one asked say so
        around = self.places_named(normalize(self._context(best))) if missing else set()
        if missing and (
            whole_city
            or any(q not in asked_places and not any(q in p or p in q for p in asked_places) for q in there)
            or any(q not in asked_places and not any(q in p or p in q for p in asked_places) for q in around)
        ):
            return missing[0]
        return ""

    def other_entity(self, rest: str, best: Scored) -> str:
        """A hospital or district the question names that the answering paragraph never mentions
        (「鼓楼医院AI预问诊哪天上线」 answered from an article about 省人医 is a near miss)."""
        context = unquoted(self._context(best))  # 「"健康南京"APP」 names 健康南京APP
        for _, _, key in self.index.catalogue.find(normalize(rest)):
            if not any(a in context for a in self.vocab.aliases_of.get(key, [key])):
                return self.index.catalogue.entities[key].name
        # a hospital staff call by a curated name (省人医) that no table of these issues has as a row
        text = normalize(rest)
        for alias, target in self.unlisted_aliases:
            if alias in text and target not in text and alias not in context and target not in context:
                return target
        return ""

    def unknown_name(self, rest: str) -> str:
        """「胸科医院…评级几级」 where no bulletin names a 胸科医院: a body named by a noun no bulletin uses
        before a name's ending (医院, 中心 …) is a body the bulletins do not know — whatever passage
        answers the rest of the question is about another one. Names the bulletins print in other words
        (南京市鼓楼医院 for 南京鼓楼医院: 鼓楼 is printed) and the catalogue's aliases are known."""
        tails = [t for t in words("name_tail") if len(t) >= 2]
        toks = [(p.word, p.flag) for p in self.vocab.pos.lcut(rest)]
        for k, (w, _) in enumerate(toks):
            tail = next((t for t in tails if w.endswith(t)), "")
            if not tail:
                continue
            if len(w) > len(tail):
                head, flag = w[: -len(tail)], "n"
            else:
                # 「中大医院」 cut as 中 / 大 / 医院: the short pieces before the ending are the name's head
                head, flag, j = "", "", k - 1
                while j >= 0 and len(head) < 4 and not toks[j][1].startswith(FUNCTION_TAGS):
                    head, flag = toks[j][0] + head, flag if head else toks[j][1]
                    if len(toks[j][0]) >= 2:
                        break
                    j -= 1
                flag = flag if len(head) == len(toks[k - 1][0]) else "n"
            if (
                len(head) >= 2
                and chinese(head)
                and flag.startswith("n")
                and not flag.startswith("nr")
                and not self.vocab.known(head)
                and not self._in_corpus(head + tail)
            ):
                return head + tail
        return ""

    def _in_corpus(self, name: str) -> bool:
        """A curated alias (中大医院) names a body of these bulletins only when one of them prints it: a
        table row of it, or any of its names in the text."""
        key = self.index.catalogue.aliases.get(name)
        if key is None:
            return False
        names = [*self.vocab.aliases_of.get(key, []), key, self.index.catalogue.entities[key].name]
        return bool(self.index.store.entity_months(key)) or any(n in self.vocab.corpus_text for n in names)

    def unmatched_name(self, rest: str, best: Scored) -> str:
        """A name the bulletins print (南京市卫生信息中心) that the answering paragraph does not contain:
        a passage about another body (国家卫生健康委统计信息中心) is a near miss, not an answer."""
        toks = self.vocab.tokenizer.words(rest)
        context = self._context(best)
        for i in range(len(toks)):
            for j in range(min(len(toks), i + 5), i + 1, -1):
                phrase = "".join(toks[i:j])
                # 「信息化工作会上」: the event is 信息化工作会 (上 says at it), printed within 「…工作会议」
                at = next((phrase[: -len(w)] for w in words("locative") if phrase.endswith(w)), phrase)
                phrase = at if any(at.endswith(t) for t in words("event_tail")) else phrase
                if (
                    len(phrase) >= 6
                    and any(phrase.endswith(t) for t in words("name_tail") + words("event_tail"))
                    and phrase in self.vocab.corpus_text
                ):
                    if phrase not in context:
                        return phrase
                    break
        return ""

    def _missing_words(self, tokens: list[str], best: Scored | None) -> str:
        if best is None:
            return "、".join(t for t in tokens[:3] if len(t) >= 2)
        ctx = normalize(best.sentence + best.hit.chunk.section)
        miss = [t for t in tokens if self.vocab.match(t, ctx) < 0.6 and len(t) >= 2 and self.vocab.weight(t)]
        return "、".join(miss[:3])

    # -- the quote --------------------------------------------------------------------------------
    def trim(
        self, tokens: list[str], sent: str, ask: Ask, focus: str = "", denied: frozenset[str] = frozenset()
    ) -> str:
        """The clauses that carry the question's words and the thing asked for; a list kept whole.
        Only what carries none of it is cut. With a focus (「几个城市」), the figure of that thing."""
        if len(sent) <= SHORT or ask.kind in ("who", "act") or not (ask.kind or focus):
            # 「哪些人作了主报告」: every name of the enumeration; 「副主任干啥了」: the deed is the sentence;
            # 「长辈版都改了些啥」 asks nothing checkable: what the sentence says of it, whole
            return sent
        spans = clauses(sent)
        weights = {t: self.vocab.weight(t) for t in tokens if self.vocab.weight(t)}
        # (a clause that denies a word asked does not carry it: 「未通过的7个项目」 for 「通过了几个」)
        texts = [_unnegated(normalize(sent[a:b]), weights, denied) for a, b in spans]
        # each word as well as the whole sentence carries it (咨询类 itself, not 咨询 of 咨询电话)
        need = {t: m for t in weights if (m := self.vocab.match(t, normalize(sent))) >= 0.6}
        ev = self.vocab.evidence.spans(ask, sent) if ask.kind else []
        if ask.kind in REASONS:
            # every reason the sentence gives, cause and purpose alike (由于…爆发，为切实保障…)
            ev = self.vocab.evidence.spans(replace(ask, kind=REASONS[ask.kind]), sent) + ev
        if focus:
            ev = [(a, b) for a, b in ev if normalize(sent[b : b + len(focus) + 1]).startswith(focus)] or ev

        # 「培训了啥内容」: the clause printing the word asked for (内容包括…) is kept
        focus_at = normalize(sent).find(focus) if focus and not ev else -1

        def covers(i: int, j: int) -> bool:
            text = "".join(texts[i : j + 1])
            if any(self.vocab.match(t, text) < m for t, m in need.items()):
                return False
            a, b = spans[i][0], spans[j][1]
            if focus_at >= 0 and not a <= focus_at < b:
                return False
            if ask.kind in REASONS:
                return all(a <= s < b for s, _ in ev)
            return not ev or any(a <= s < b for s, _ in ev)

        ranges = [(i, j) for i in range(len(spans)) for j in range(i, len(spans)) if covers(i, j)]
        i, j = min(ranges, key=lambda r: spans[r[1]][1] - spans[r[0]][0], default=(0, len(spans) - 1))
        if ask.kind in ("list", "count"):
            # Items told in parallel clauses run on: for a list (「哪些项目得奖了」 of 「…项目获一等奖，…项目获
            # 二等奖」) the clauses after the last kept that say its weightiest word of the question again; for a
            # figure every such word (「上线了几家」 gets 7家…门诊…上线，4家…住院…上线; 「门诊…上线了几家」 one)
            said = [t for t in need if self.vocab.match(t, texts[j]) >= 0.6]
            key = [max(said, key=lambda t: weights[t])] if said and ask.kind == "list" else said
            while key and j + 1 < len(spans) and all(self.vocab.match(t, texts[j + 1]) >= 0.6 for t in key):
                j += 1
        # (a list asked, or what a thing is — 「查出啥问题」: the enumeration may follow the clauses that name its
        # thing — 「共发现安全隐患63个，主要包括弱口令、…」)
        upto = len(texts) if ask.kind == "list" or (focus and not ask.kind) else j + 1
        intro = next((k for k, t in enumerate(texts[:upto]) if any(w in t for w in words("list_in"))), None)
        if ask.kind == "said" or intro is not None:
            # 「包括三个方面：一是…；二是…；三是…」「即…」「他提出…」: the enumeration, from where it is
            # announced, or what was said, to its end — an item alone (「三是智慧管理」) is not the list
            i, j = min(i, intro if intro is not None else i), len(spans) - 1
        short = sent[spans[i][0] : spans[j][1]].rstrip("，；,;：:")
        said = normalize(short)
        for t in sorted(need, key=len, reverse=True):
            said = said.replace(t, "")
        if len(re.sub(r"[\W_]", "", said)) <= 1:
            return sent  # 「检查发现，」 says only the question's own words: what it found is the rest
        return short if short.endswith(("。", "！", "？", "!", "?")) else short + "。"

    def remainder(self, own: str, sent: str) -> str:
        """「还差多少」 of a sentence printing a target (计划发卡5000张) and what is done of it (已发放3126张), in
        one counter: the difference, with its arithmetic; "" when the question asks none or the sentence
        does not print exactly one of each."""
        if not found(own, "remainder_ask"):
            return ""
        marks = {"target": words("target_in"), "done": words("done_in")}
        got: dict[str, list[tuple[Decimal, str, str]]] = {"target": [], "done": []}
        for m in FIGURE.finditer(sent):
            before = sent[max(0, m.start() - 8) : m.start()]
            kinds = [k for k, ws in marks.items() if any(w in before for w in ws)]
            if len(kinds) == 1:
                got[kinds[0]].append((Decimal(m.group(1)), m.group(2), m.group(0)))
        if len(got["target"]) != 1 or len(got["done"]) != 1:
            return ""
        (t, tc, ts), (d, dc, ds) = got["target"][0], got["done"][0]
        if tc != dc or d > t:
            return ""
        return f"还差 {t - d}{tc}（{ts} − {ds} = {t - d}{tc}）。"

    def complement(self, own: str, para: str) -> str:
        """「多少人考试没合格」 of a paragraph printing the whole (共236人参加培训) and the part that did it
        (221人考试合格), in one counter: the whole less the part, with its arithmetic; "" unless the
        paragraph prints exactly one of each."""
        for neg in words("negation"):
            at = own.find(neg)
            after = own[at + len(neg) :].removeprefix("是")  # 「不是线上申领的」: what they were not
            verb = "".join(ch for ch in after[:3] if chinese(ch)) if at >= 0 else ""
            if len(verb) < 2:
                continue
            # what the whole did, said before the negation (「参加的人里有几个没考合格」: 参加)
            did = [t for t in self.vocab.content(own[:at]) if len(t) >= 2 and self.vocab.flag(t) == "v"]
            figures = list(FIGURE.finditer(para))

            def does(m: re.Match, what: str) -> bool:  # 考合格 of 「149人考核合格」: in order, close by
                piece = _first_piece(para[m.end() : m.end() + 10])
                # … or said right before it (「其中线上申领41380张」)
                return (
                    what in piece
                    or is_subsequence(what, piece[: len(what) + 2])
                    or (what in _last_piece(para[: m.start()]).removeprefix("其中"))
                )

            said = [verb, verb[:2], *text_synonyms().get(verb[:2], [])]  # 没考过: 考试合格
            parts = [m for m in figures if any(does(m, v) for v in said)]
            # the whole of a course or meeting where the question names none: those who 参加 (a word of
            # what they are may stand between: 120名学员参加培训)
            reach = 1 if did else 8
            did = did or list(words("attend"))
            wholes = [
                m
                for m in figures
                if _last_piece(para[: m.start()]).endswith(words("whole_in"))
                or (
                    m not in parts
                    and any(v in _first_piece(para[m.end() : m.end() + 10])[: len(v) + reach] for v in did)
                )
            ]
            if len(parts) == 1 and not wholes:
                # 「已发放电子健康卡63215张，其中线上申领41380张」: the figure before 其中 is the part's whole
                at_part = para.rfind("其中", 0, parts[0].start())
                before = [m for m in figures if at_part >= 0 and m.end() <= at_part]
                wholes = before[-1:] if before and para.find("。", before[-1].end(), at_part) < 0 else []
            if len(parts) != 1 or len(wholes) != 1 or parts[0] is wholes[0]:
                return ""
            (p, pc), (w, wc) = ((Decimal(m.group(1)), m.group(2)) for m in (parts[0], wholes[0]))
            people = SAME_COUNTER["人"]
            if (pc != wc and not (pc in people and wc in people)) or p > w:
                return ""  # (120名 and 113人 are people alike)
            # named as printed where the part's words stand by its figure (不是线上申领的, 没考核合格的)
            before_part = _last_piece(para[: parts[0].start()]).removeprefix("其中")
            after_part = re.split("[。！？]", _first_piece(para[parts[0].end() : parts[0].end() + 10]))[0]
            name = before_part if verb in before_part else after_part if verb in after_part else verb
            copula = "是" if own[at + len(neg) : at + len(neg) + 1] == "是" else ""
            return f"{neg}{copula}{name}的 {w - p}{pc}（{w}{wc} − {p}{pc} = {w - p}{pc}）。"
        return ""

    def part_place(self, sentence: str) -> bool:
        """The sentence is about a place inside the city (秦淮区, 高淳县): one is named before any word of
        the whole (「秦淮区…建档率达到78.6%,位居全市前列」)."""
        n = normalize(sentence)
        whole = min((n.find(w) for w in words("whole_place") if w in n), default=len(n))
        return any(
            flag.startswith("ns") and len(w) >= 3 and w.endswith(words("part_place_suffix")) and o < whole
            for w, flag, o in self.vocab.evidence.tagged(n)
        )

    def _figure_after(self, thing: str, sent: str) -> tuple[Decimal, str, str] | None:
        """The one figure printed for `thing` in its clause, or None: right after it (电话预约5312人次), after
        it and a word or two (检验项目128项, 线下参训80人), or right before it (32个社区卫生服务站)."""

        def before(m: re.Match) -> str:
            piece = _last_piece(sent[: m.start()])
            return piece if len(piece) <= len(thing) + 4 else piece[-len(thing) :]

        def after(m: re.Match) -> str:
            rest = sent[m.end() :]
            stop = min((rest.find(ch) for ch in CLAUSE_ENDS + "、和及与" if ch in rest), default=len(rest))
            return rest[: min(stop, len(thing) + 6)]

        got = [m for m in FIGURE.finditer(sent) if thing in before(m)]
        got = got or [m for m in FIGURE.finditer(sent) if thing in after(m)]
        if len(got) != 1:
            return None
        m = got[0]
        counter = _counter_of(m, sent)
        return Decimal(m.group(1)), counter, m.group(1) + counter

    def _named_figure(self, piece: str, sent: str) -> tuple[str, tuple[Decimal, str, str]] | None:
        """(the longest end of `piece`, its figure) where one figure is printed right after those words
        (医生调阅 of 「…首周医生调阅」, not 调阅, which three figures follow)."""
        piece = piece.strip()
        return next(
            (
                (piece[-k:], f)
                for k in range(len(piece), 1 if len(piece) > 1 else 0, -1)
                if (f := self._figure_after(piece[-k:], sent)) is not None
            ),
            None,
        )

    def text_diff(self, own: str, sent: str) -> str:
        """「电话预约比网站预约多多少人次」 of 「其中电话预约5312人次,网站预约3114人次」: the two figures
        printed after the things compared, in one counter, one less the other with the arithmetic shown."""
        at = own.find("比")
        if at <= 0:
            return ""
        rest = own[at + 1 :]
        marks = [rest.find(w) for w in (*words("more_than"), *words("less_than")) if w in rest]
        if not marks:
            return ""
        found_ = []
        for piece in (_last_piece(own[:at]), rest[: min(marks)]):
            got = self._named_figure(piece, sent)
            if got is None:
                return ""
            found_.append(got)
        (a, fa), (b, fb) = found_
        if a == b or fa[1] != fb[1] or fa[2] == fb[2]:
            return ""
        d = fa[0] - fb[0]
        return f"{a}比{b}{'多' if d >= 0 else '少'} {abs(d)}{fa[1]}（{fa[2]} − {fb[2]} = {d}{fa[1]}）。"

    def each_figure(self, own: str, sent: str) -> list[tuple[str, tuple[Decimal, str, str]]]:
        """For things named together (「医院和社区卫生服务中心」, 「检验和检查」), each with the one figure the
        sentence prints for it; [] unless there are two or more and each has its figure."""
        pieces = [own]
        for w in words("and_words"):
            pieces = [p for piece in pieces for p in piece.split(w)]
        if len(pieces) < 2:
            return []
        # 「医院和社区卫生服务中心一共多少家」: the last thing named ends where the figure is asked
        asking = [*words("sum_ask"), *words("ask_number"), *words("each_ask")]
        last = pieces[-1]
        pieces[-1] = last[: min((last.find(w) for w in asking if w in last), default=len(last))]
        pieces = [p for p in pieces if p.strip("？?。！! ")]  # (「…分别多少家」: nothing after 分别)
        if len(pieces) < 2:
            return []
        out = []
        for piece in pieces:
            got = self._named_figure(piece.rstrip("？?。！! "), sent)
            if got is None:
                return []
            out.append(got)
        return out

    def text_sum(self, own: str, sent: str) -> str:
        """「一共接入了多少家医院和社区卫生服务中心」 of 「接入市属医院23家、社区卫生服务中心86家」: the figure
        printed after each thing named, in one counter, added with the arithmetic shown; "" unless each
        thing has exactly one figure."""
        if not found(own, "sum_ask"):
            return ""
        run = arith.ORDINAL_RUN.search(own)
        if run:
            # 「一二三等奖加起来」: each of the run as printed, all of them or nothing
            things = tuple(d + run.group(2) for d in run.group(1))
            return arith.sum_within(things, sent, counter_asked(own)) or ""
        found_ = [
            f for _, f in self.each_figure(own, sent) or self.figures_named(own, sent)
        ] or self.figures_counted(own, sent)
        if not found_ or len({v for _, _, v in found_}) < len(found_):
            return ""  # nor one figure added to itself
        kinds = {c for _, c, _ in found_}
        if len(kinds) == 1:
            counter = found_[0][1]
        elif all(c in COUNT_COUNTERS for c in kinds):
            # 「先进集体10个、先进个人25名一共多少」「现场120人加线上860人次」: counts of things, in the counter
            # asked when it is one of theirs
            asked = own[own.find("多少") + 2 :] if "多少" in own else ""
            counter = next((c for c in sorted(kinds, key=len, reverse=True) if asked.startswith(c)), "")
        else:
            return ""  # money and counts, 万元 and 元: never added
        total = sum((v for v, _, _ in found_), Decimal(0))
        return f"合计 {total}{counter}（{' + '.join(s for _, _, s in found_)} = {total}{counter}）。"

    def text_change(self, own: str, sent: str) -> str:
        """「缩短了几天」 of 「报表上报时间由原来的15天缩短到5天」: a figure 由 one 到 another — in one unit, or two
        of one dimension (2分30秒 → 1分40秒 in 秒, 1.2亿元 → 8000万元 in 万元) — the change asked by its verb
        or as more or less: the difference, with its arithmetic."""
        asked_counter = counter_asked(own)
        found_ = list(arith.FROM_TO.finditer(sent))
        if asked_counter:
            # 「参与的医院多了几家」 of 「项目由205项扩大到312项，机构由45家增至68家」: the change in the counter asked
            found_.sort(
                key=lambda m: not (arith.quantity(m.group("b")) or (0, "", ""))[1].endswith(asked_counter)
            )
        for m in found_:
            qa_, qb = arith.quantity(m.group("a")), arith.quantity(m.group("b"))
            if qa_ is None or qb is None or not (qa_[1] or qb[1]):
                continue
            verb = m.group("verb")
            if not qa_[1] and verb and qb[1].startswith(verb[0]):
                # 「由45家增至68家」 read as 45 and 家增: the counter is the first's, the verb the rest
                qa_, verb = (qa_[0], verb[0], qa_[2] + verb[0]), verb[1:]
            a = (qa_[0], qa_[1] or qb[1], qa_[2])
            b = (qb[0], qb[1] or qa_[1], qb[2])
            if a[1] != b[1]:
                a, b = arith.in_one_unit(a, b) or (a, b)
            if a[1] != b[1] or a[1] in arith.DATE_UNITS:
                continue
            if not (verb and verb in own or found(own, "change_ask")):
                continue
            d = arith.plain(b[0] - a[0])  # (2.5小时 − 1.5小时 is 1小时, not 1.0小时)
            told = verb or ("增加" if d >= 0 else "减少")
            hi, lo = (b, a) if d >= 0 else (a, b)
            return f"{told}了 {abs(d)}{a[1]}（{hi[2]} − {lo[2]} = {abs(d)}{a[1]}）。"
        return ""

    def figures_named(self, own: str, sent: str) -> list[tuple[str, tuple[Decimal, str, str]]]:
        """「检验检查项目一共多少项」「现场加线上一共多少人次」: things the question names with no 和 between
        them (or with a 加 jieba joins to the next word): the figures of the asked kind whose neighbouring
        words (126项检验项目, 线上直播观看860人次) the question says; [] unless two figures."""
        asked = own[own.find("多少") + 2 :] if "多少" in own else ""
        want = next((c for c in counters() if asked.startswith(c)), "")
        out: dict[str, tuple[str, tuple[Decimal, str, str]]] = {}
        words_of: dict[str, set[str]] = {}
        at: dict[str, int] = {}
        for m in FIGURE.finditer(sent):
            counter = _counter_of(m, sent)
            fits = (counter in COUNT_COUNTERS and (not want or want in COUNT_COUNTERS)) or (
                "元" in counter and (not want or "元" in want)
            )
            if not fits:
                continue  # a date (2月21日), or money where a count is asked
            near = _last_piece(sent[: m.start()])[-8:] + "，" + _first_piece(sent[m.end() : m.end() + 10])
            said = [
                t for t in self.vocab.content(near) if len(t) >= 2 and t in own and not found(t, "sum_ask")
            ]
            if said:
                out.setdefault(m.group(0), (said[0], (Decimal(m.group(1)), counter, m.group(1) + counter)))
                # its own label: from the mark before it to the mark after it (「中危漏洞64个」「126项检验项目」)
                label = LABEL_CUT.split(sent[: m.start()])[-1] + LABEL_CUT.split(sent[m.end() :])[0]
                words_of[m.group(0)] = {t for t in self.vocab.content(label) if len(t) >= 2 and t in own}
                at[m.group(0)] = m.start()
        # 「中危低危漏洞一共多少个」 of 「高危漏洞21个、中危漏洞64个、低危漏洞52个」: a figure named only by the word
        # every figure shares (漏洞) is none of those the question tells apart (中危, 低危)
        common = set.intersection(*words_of.values()) if words_of else set()
        if any(w - common for w in words_of.values()):
            out = {k: v for k, v in out.items() if words_of[k] - common}
        # 「优秀加良好一共多少个」 of 「共有42个项目…，其中优秀的9个、良好的27个」: the whole before 其中 is no part
        inner = sent.find("其中")
        if inner >= 0 and sum(1 for k in out if at[k] > inner) >= 2:
            out = {k: v for k, v in out.items() if at[k] > inner}
        return list(out.values()) if len(out) >= 2 else []

    def figures_counted(self, own: str, sent: str) -> list[tuple[Decimal, str, str]]:
        """「两期加起来一共多少人」 of 「第一期96人、第二期114人」: as many figures in the counter asked as the
        question counts things (两期), when the sentence prints exactly that many; [] otherwise."""
        asked = own[own.find("多少") + 2 :] if "多少" in own else ""
        want = next((c for c in counters() if asked.startswith(c)), "")
        n = next(
            (
                small_int(own[i])
                for i in range(len(own) - 1)
                if own[i] in "两三四五六七八九" and chinese(own[i + 1])
            ),
            None,
        )
        figs = [m for m in FIGURE.finditer(sent) if want and m.group(2) == want]
        if not n or n < 2 or len(figs) != n:
            return []
        return [(Decimal(m.group(1)), m.group(2), m.group(0)) for m in figs]

    def text_except(self, own: str, sent: str) -> str:
        """「总投资里除了市财政拨款还有多少」 of 「总投资860万元(其中市财政拨款600万元)」: the whole named less
        the part named after 除了, in one counter, with the arithmetic; "" unless each has its one figure."""
        said = next((w for w in words("except_ask") if w in own), "")
        if not said:
            return ""
        at = own.find(said)
        tail = own[at + len(said) :]
        end = min((tail.find(e) for e in words("except_end") if e in tail), default=-1)
        if end <= 0:
            return ""
        whole_said = _last_piece(own[:at]).rstrip("的里中内 ")
        # (several parts named — 「除了疫情咨询和发热门诊查询」 — are each found and all taken off)
        parts = [self._named_figure(p, sent) for p in arith.parts_named(tail[:end].rstrip("的 "))]
        whole = self._named_figure(whole_said, sent) or self._whole_of(tail[end:], sent)
        if not parts or any(p is None for p in parts) or whole is None:
            return ""
        w_name, (w, wc, ws) = whole
        if len({ps for _, (_, _, ps) in parts}) < len(parts) or any(
            pc != wc or ps == ws for _, (_, pc, ps) in parts
        ):
            return ""
        p = sum((v for _, (v, _, _) in parts), Decimal(0))
        if p >= w:
            return ""
        p_name = "、".join(n for n, _ in parts)
        shown = " − ".join([ws, *(ps for _, (_, _, ps) in parts)])
        return f"{w_name}除{p_name}外还有 {w - p}{wc}（{shown} = {w - p}{wc}）。"

    def _whole_of(self, asked: str, sent: str) -> tuple[str, tuple[Decimal, str, str]] | None:
        """「（除了高风险的）还有多少个问题」: the one figure the sentence prints as the whole (共, 总) of the
        thing counted after the question word (检查共发现问题42个), or None."""
        at = min((asked.find(w) for w in words("ask_number") if w in asked), default=-1)
        thing = (
            next((t for t in self.vocab.content(asked[at:]) if self.vocab.thing(t)), "") if at >= 0 else ""
        )
        if not thing:
            return None
        wholes = [
            m
            for m in FIGURE.finditer(sent)
            if thing in (piece := _last_piece(sent[: m.start()]))
            and any(w in piece for w in words("whole_in"))
        ]
        if len(wholes) != 1:
            return None
        m = wholes[0]
        return thing, (Decimal(m.group(1)), m.group(2), m.group(0))

    def text_rest(self, own: str, sent: str) -> str:
        """「各单位自筹了多少」 of 「总投资380万元，其中市财政拨款260万元，其余由各单位自筹」: what the sentence
        leaves to 其余 — its one whole (after 总/共) less the parts printed after 其中, in one counter, with the
        arithmetic; "" unless the clause of 其余 says a word of the question and prints no figure itself."""
        cuts = clauses(sent)
        rest = next(
            (
                (a, b)
                for a, b in cuts
                if any(w in sent[a:b] for w in words("rest_in"))
                and not FIGURE.search(sent[a:b])
                and any(len(t) >= 2 and t in sent[a:b] for t in self.vocab.content(own))
            ),
            None,
        )
        at = sent.find("其中")
        if rest is None or at < 0 or at > rest[0]:
            return ""
        wholes = [
            m
            for m in FIGURE.finditer(sent[:at])
            if any(w in sent[max(0, m.start() - 4) : m.start()] for w in words("whole_in"))
        ]
        parts = list(FIGURE.finditer(sent[at : rest[0]]))
        if len(wholes) != 1 or not parts or any(m.group(2) != wholes[0].group(2) for m in parts):
            return ""
        w, unit = Decimal(wholes[0].group(1)), wholes[0].group(2)
        p = sum((Decimal(m.group(1)) for m in parts), Decimal(0))
        if p >= w:
            return ""
        arith = " − ".join([wholes[0].group(0), *(m.group(0) for m in parts)])
        return f"其余为 {w - p}{unit}（{arith} = {w - p}{unit}）。"

    def nth_item(self, ctx: Context, rest: str, item: tuple[int, bool, str]) -> Answer | None:
        """The item asked of the best passages that enumerate or rank enough items: a ranking
        (「…前三的是A、B、C」) for 第N名 and 倒数第N, an enumeration (一是…, 第一，…) of the passage's article
        part for 第N项/件/条; None when no passage among the best lists that many."""
        n, from_end, said = item
        best, ranked, _ = self._best(rest, ctx)
        if (best is None or best.coverage < MIN_COVERAGE) and ctx.prev:
            best, ranked, _ = self._best(self.cal.read(ctx.prev).rest + " " + rest, ctx)
        if best is None or best.coverage < MIN_COVERAGE:
            return None
        placed = said[-1:] in "名位" or from_end
        for s in ranked[:CANDIDATES]:
            if s.coverage < MIN_COVERAGE:
                continue
            c = s.hit.chunk
            if placed:  # the 前N list for 第N名, the 后N list for 倒数第N
                side = "后" if from_end else "前"
                lists = [
                    [x.strip() for x in m.group(3).split("、")]
                    for m in RANKED_LIST.finditer(s.sentence)
                    if m.group(1) == side
                ]
            else:
                part = "".join(o.text for o in self.in_article.get((c.issue, c.section), []))
                lists = [enumerated(s.sentence) or enumerated(part)]
            got = next((items[-n] if from_end else items[n - 1] for items in lists if len(items) >= n), "")
            if got:
                head = f"{c.issue}《{c.section}》" if c.section else c.issue
                return Answer(
                    ctx.question,
                    f"据{head}：{got.rstrip('。；;，,')}。",
                    True,
                    "text",
                    [Source(c.issue, c.section, "text", s.sentence, c.line, c.file)],
                )
        return None

    @staticmethod
    def nothing_else(own: str, sent: str) -> str:
        """「除了家庭成员代办还加了啥功能」 of a sentence whose only new thing is “家庭成员代办”: the thing named after
        除了, when the sentence's things (quoted, or listed with 、) are it and what the question says; ""."""
        said = next((w for w in words("except_ask") if w in own), "")
        if not said:
            return ""
        tail = own[own.find(said) + len(said) :]
        end = min((tail.find(e) for e in words("except_end") if e in tail), default=-1)
        named = tail[:end].strip("的 ") if end > 0 else ""
        if len(named) < 2:
            return ""
        things = [normalize(m.group(1)) for m in QUOTED.finditer(sent)]
        if named not in things:
            # the items listed with 、 in the clause that names it (「接入了A、B、C」)
            clause = next((c for c in re.split(r"[，,；;。：:]", normalize(sent)) if named in c), "")
            things = [x for x in clause.split("、") if x] if "、" in clause else []
            things = [named if named in x else x for x in things]
        if named not in things:
            return ""
        return f"除{named}外的其他事项" if all(x in own or x in named for x in things) else ""

    def items_after(self, c) -> str:
        """The list items printed as paragraphs right after a chunk (（一）…, 1. …, ● …), up to 600
        characters: what a sentence ending in a colon announces."""
        after = [o for o in self.in_article.get((c.issue, c.section), []) if o.line > c.line]
        out: list[str] = []
        for o in after:
            if not LIST_ITEM.match(o.text) or sum(map(len, out)) + len(o.text) > 600:
                break
            out.append(o.text.strip())
        return "".join(out)

    def extract(
        self, ctx: Context, tokens: list[str], best: Scored, ranked: list[Scored], ask: Ask, focus: str
    ) -> Answer:
        sent = best.sentence
        short = self.trim(tokens, sent, ask, focus, _denied(ctx.own_rest or ctx.own, tokens))
        reply = self.reply(best) if ask.kind == "said" else ""
        if reply and normalize(sent) in normalize(reply):
            short = reply  # 「王立新咋回应的」: the answer to the interview's question, from its start
        c = best.hit.chunk
        left = ""
        if ask.kind in ("count", "number", "money"):
            left = (
                self.remainder(ctx.own, sent)
                or self.text_rest(ctx.own, sent)
                or self.text_except(ctx.own, sent)
                or self.text_change(ctx.own, sent)
                or self.text_sum(ctx.own, sent)
                or self.text_diff(ctx.own, sent)
                or self.complement(ctx.own, self._context(best) or sent)
            )
        if left:  # 「离计划还差多少张」: the plan's figure less what is done, the arithmetic shown
            short = short.rstrip("。") + "。" + left
        if sent.rstrip().endswith(("：", ":")) and sent.rstrip().rstrip("：:") in short:
            short = (
                short.rstrip("。") + "：" + self.items_after(c)
            )  # 「包括五大模块：」 and the items below it
        if ask.many:
            # 「局域网连了哪些单位」: one named here, the sentence after it in the paragraph names more
            para = sentences(self._context(best))
            nxt = next((para[k + 1] for k, p in enumerate(para[:-1]) if normalize(sent) in normalize(p)), "")
            here = len(set(self.vocab.evidence.spans(ask, normalize(sent))))
            if nxt and len(set(self.vocab.evidence.spans(ask, normalize(nxt)))) >= max(2, here + 2):
                short = short.rstrip("。") + "。" + nxt
        head = f"{c.issue}《{c.section}》" if c.section else c.issue
        sources = [Source(c.issue, c.section, "text", sent, c.line, c.file)]
        for other in ranked[1:4]:
            oc = other.hit.chunk
            if (
                other.coverage >= MIN_COVERAGE
                and other.sentence != sent
                and oc.kind == "text"
                and len(sources) < 3
            ):
                sources.append(Source(oc.issue, oc.section, "text", other.sentence, oc.line, oc.file))
        return Answer(
            ctx.question,
            f"据{head}：{short}",
            True,
            "text",
            sources,
            context={"computed": True} if left else {},
        )


LABEL_CUT = re.compile(r"[、，,；;：:。和及与]")
ENUMERATOR = re.compile(
    r"(?:^|(?<=[。；;，,：:！!？?\s]))(?:([一二三四五六七八九十])是|第([一二三四五六七八九十]{1,2})[，,、：:]|[（(]([一二三四五六七八九十]{1,2})[)）])"
)
RANKED_LIST = re.compile(
    r"(前|后)([一二两三四五六七八九十\d]{1,2})(?:名|位)?的?(?:是|为|依次是|依次为|分别是|分别为)[：:]?([^；;。]+)"
)


def item_asked(text: str) -> tuple[int, bool, str] | None:
    """(n, counted from the end, as said) of an item asked by its place: 「第二项」 (2, False), 「倒数第一」
    (1, True), 「最后一名」 (1, True); None when the question names none. 第N of an ordinal counter (期, 批,
    级) names a round or a level, not an item."""
    q = normalize(text)
    last = next((w for w in words("last_item") if w in q), "")
    if last:
        return 1, True, last
    c = "|".join(re.escape(w) for w in words("item_counter"))
    m = re.search(rf"(倒数)?第([一二三四五六七八九十两\d]{{1,3}})({c})?", q)
    if m is None or (not m.group(3) and not m.group(1)):
        return None
    n = small_int(m.group(2))
    return (n, bool(m.group(1)), m.group(0)) if n else None


def enumerated(text: str) -> list[str]:
    """The items of an enumeration (一是…二是…, 第一，…第二，…, （一）…（二）…), in order, from 一 on;
    [] unless the numbers run 1, 2, … without a gap."""
    marks = [
        (m.start(), small_int(m.group(1) or m.group(2) or m.group(3))) for m in ENUMERATOR.finditer(text)
    ]
    start = next((k for k, (_, n) in enumerate(marks) if n == 1), None)
    if start is None:
        return []
    run = [marks[start]]
    for at, n in marks[start + 1 :]:
        if n == run[-1][1] + 1:
            run.append((at, n))
    if len(run) < 2:
        return []
    ends = [at for at, _ in run[1:]] + [len(text)]
    items = [text[a:b].strip("；;，, ") for (a, _), b in zip(run, ends, strict=True)]
    # the last runs to the end of its sentence only
    items[-1] = re.split(r"(?<=[。！？])", items[-1])[0]
    return items


def _counter_of(m: re.Match, sent: str) -> str:
    """The counter a FIGURE match carries, two characters where the sentence prints one (人次, not 人)."""
    two = m.group(2) + sent[m.end() : m.end() + 1]
    return two if two in counters() else m.group(2)


def _years(text: str) -> list[str]:
    """The years a text prints or says (2023年): four digits before 年."""
    return [y for y, _ in _years_at(text)]


def _years_at(text: str) -> list[tuple[str, int]]:
    """Each year a text prints, with where its 年 stands."""
    return [
        (text[i - 4 : i], i)
        for i in positions(text, "年")
        if i >= 4 and text[i - 4 : i].isdigit() and not text[i - 5 : i - 4].isdigit()
    ]


def _denied(text: str, tokens: list[str]) -> frozenset[str]:
    """The question's words it says with a negation before them (通过 of 「没通过的有几个」)."""
    plain = normalize(text)
    return frozenset(t for t in tokens if len(t) >= 2 and any(n + t in plain for n in words("negation")))


def _unnegated(text: str, asked: dict[str, float] | list[str], denied: frozenset[str] = frozenset()) -> str:
    """The text as the question's words are meant: a word the question says plainly is hidden where the
    text denies it (通过 of 「未通过的7个项目」 for 「最后通过了几个项目」); a word it denies (没通过) is hidden
    where the text says it plainly, and stands where the text denies it in any words (未通过)."""
    negations = sorted(words("negation"), key=len, reverse=True)
    neg = "|".join(map(re.escape, negations))
    for t in asked:
        if len(t) < 2 or not chinese(t[0]):
            continue
        if t in denied:
            text = re.sub(f"(?:{neg}){re.escape(t)}", "\x00" * len(t), text)  # (kept, below)
            text = text.replace(t, "□" * len(t)).replace("\x00" * len(t), t)
        else:
            text = re.sub(f"(?:{neg}){re.escape(t)}", lambda m: "□" * len(m.group(0)), text)
    return text


def _negated_act(own: str) -> bool:
    """The question asks about people by what they did not do (没过, 未参加, 不合格): a negation word then
    a verb or its complement."""
    plain = own
    for w in words("not_negation"):  # 有没有, 是不是 ask; 不少, 不到 are amounts
        plain = plain.replace(w, " ")
    return any(
        k >= 0 and chinese(plain[k + len(n) : k + len(n) + 1] or " ")
        for n in words("negation")
        for k in (plain.find(n),)
    )


YEAR_TAIL = " 的那这次届度"  # what may stand between a year and the event it dates (1999年度的, 98年那次)
# 「…有问题的服务器有」 before 几台: the things counted that have something (有问题), before 的 and the thing
QUALIFIED = re.compile(r"(?:有|存在)([\u4e00-\u9fff]{1,5})的([\u4e00-\u9fff]{2,8}?)(?:有|是|共|一共|总共)?$")


def _asked_part(own: str) -> str:
    """「专项资金里热线扩容花多少」: the words after the last 里 (当中, 之中) that stands before the question word —
    the part asked of a whole; the whole question when it names no whole."""
    at = min((own.find(w) for w in words("ask_number") if w in own), default=len(own))
    cut = max((own.rfind(w, 0, at) + len(w) for w in words("part_of") if own.rfind(w, 0, at) > 0), default=0)
    return own[cut:] if own[cut:at].strip() else own


def _clause_of(sent: str, a: int, b: int) -> str:
    """The clause of a figure at sent[a:b]: from the clause mark before it to the next mark after it."""
    start = max((sent.rfind(ch, 0, a) for ch in CLAUSE_ENDS), default=-1)
    return normalize(sent[start + 1 : b] + _first_piece(sent[b:]))


def _first_piece(text: str) -> str:
    """What comes before the first clause or list mark of text: the words right after a figure."""
    return text[: min((text.find(ch) for ch in CLAUSE_ENDS + "、" if ch in text), default=len(text))]


def _last_piece(text: str) -> str:
    """What follows the last clause or list mark (，；：、) of text: the words right before a figure."""
    return text[max(text.rfind(ch) for ch in CLAUSE_ENDS + "、") + 1 :]
