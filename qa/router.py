"""The engine: one question, read in its context, offered to an ordered list of answerers; the first
that answers (or refuses with reason) wins.

Order: requests that are not questions, a scope the index lacks, what an issue prints around its news
(contents, 编者按 — not the 编者 of the masthead —, 下期预告, bylines), masthead and contact fields,
overviews, the tables, names no bulletin mentions, the news. A refusal of something only a 下期预告 announces says so. Each answerer is `try_answer(context) -> Answer | None`;
the text path last always answers or refuses. A table refusal (a hospital, metric or month the tables
lack) is final: the news would only offer a near miss.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from qa import arith, context
from qa.asks import asked
from qa.config import Settings
from qa.errors import AnswerTimeout
from qa.guards import Guards
from qa.index import Index
from qa.inputs import clean, clean_history, split_questions, strip_markup
from qa.lexicon import normalize
from qa.masthead import Mastheads
from qa.matter import Matter
from qa.model import Answer, months_between
from qa.overview import Overviews
from qa.scope import Kind
from qa.tableqa import TableQA
from qa.textqa import REASONS, TextQA
from qa.vocab import Vocab, text_synonyms
from qa.words import found, words

Answerer = Callable[[context.Context], Answer | None]
# what no figure answers: why (「为啥是斜杠」), how it is computed or handled (「咋算的」「咋处理」), what a word
# covers (「危机干预都包括啥」) — the news and the tables' notes say it
NO_FIGURE = {*REASONS, "formula", "act"}


class Engine:
    """The loaded index plus its answerers; one per index generation."""

    def __init__(self, index: Index, settings: Settings):
        self.index = index
        self.settings = settings
        self.calendar = index.store.calendar()
        self.months = self.calendar.data_months
        self.vocab = Vocab(index)
        self.things = context.numbered_things(self.vocab.corpus_text)  # 第二期…培训班: editions of things
        self.tables = TableQA(index.store, index.catalogue, index.tokenizer.words)
        self.guards = Guards(self.vocab, self.calendar)
        self.mastheads = Mastheads(index, self.vocab, self.calendar)
        docs = list(index.store.bulletin_docs().values())  # the parsed bulletins, read once
        self.editions = {b.issue: b.edition for b in docs if b.edition}  # 2010年第4期 → 专刊
        self.overviews = Overviews(docs, self.vocab, self.calendar, self.guards.help(), self.guards.have())
        self.text = TextQA(index, docs, self.vocab, self.calendar, self.guards)
        self.matter = Matter(docs, self.vocab, self.calendar, self.guards)
        self.answerers: list[Answerer] = [
            self.guards.task,
            self._scope,
            self.matter.try_answer,
            self.mastheads.try_answer,
            self.overviews.try_answer,
            self._table,
            self.guards.foreign,
            self.text.try_answer,
        ]

    def preload(self) -> None:
        """Load what only text questions need (the embedding model, Chroma, part of speech) ahead of the
        first one."""
        self.index.vectors.embeddings.model  # noqa: B018  (loads the model once per process)
        self.vocab.persons  # noqa: B018

    def ask(self, question: str, history: list | None = None, deadline: float | None = None) -> Answer:
        """The answer; `deadline` (time.monotonic()) bounds the work: past it, between two steps,
        AnswerTimeout is raised (a server must not let one question hold everybody's turn)."""
        q = clean(question, self.settings.max_question_chars)
        hist = clean_history(history, self.settings.max_history)
        text_q = strip_markup(q)
        parts = split_questions(text_q, self._names_something, self._asks_kind)
        if len(parts) >= 2:
            return self._ask_parts(q, parts, hist, deadline)
        ans = self._ask_one(text_q, hist, deadline)
        ans.question = q
        return ans

    def _in_time(self, deadline: float | None) -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise AnswerTimeout(
                f"the answer took longer than {self.settings.answer_timeout:g} s (QA_ANSWER_TIMEOUT); "
                "ask a shorter or simpler question, or try again",
                retry_after=5,
            )

    def _ask_parts(self, q: str, parts: list[str], hist: list[dict], deadline: float | None = None) -> Answer:
        """「在哪家医院上线的？目前已经在多少家机构运行？」: each question in turn, each one reading the one
        before it as a follow-up (so 「住院收入多少」 after 「省人医门诊量多少」 means 省人医)."""
        answers: list[Answer] = []
        for part in parts:
            a = self._ask_one(part, hist, deadline)
            answers.append(a)
            hist = [*hist, {"role": "user", "content": part}, {"role": "assistant", "content": a.text}]
        found = [a for a in answers if a.found]
        if not found:
            return Answer(q, answers[0].text, False, "none")
        text = "\n".join(dict.fromkeys(a.text for a in answers))  # one passage answering both: once
        sources = [s for a in found for s in a.sources]
        return Answer(q, text, True, found[0].route, sources, table=found[0].table)

    def _ask_one(
        self, text_q: str, hist: list[dict], deadline: float | None = None, parted: bool = False
    ) -> Answer:
        text = self.vocab.correct(normalize(text_q))  # 互连网医院 is 互联网医院
        edition = self._edition_said(text)
        ctx = context.read(
            self.calendar,
            text_q,
            text.replace(edition, "") if edition else text,
            hist,
            self._elliptical,
            self._printed_as_words,
            self.things,
        )
        narrowed = self._of_edition(ctx, edition) if edition else ctx
        if isinstance(narrowed, Answer):
            narrowed.question = text_q
            return narrowed
        ans = None
        for answerer in self.answerers:
            self._in_time(deadline)
            ans = answerer(narrowed)
            if ans is not None:
                break
        assert ans is not None  # the text path always answers or refuses
        if not ans.found and not narrowed.missing:
            # 「智慧医院建设现场会在哪开的」 when only a 下期预告 names it: announced, not yet reported
            ans = self.matter.announced(narrowed) or ans
        if ans.route in ("text", "none") and not ans.context.get("computed") and not parted:
            # 「市里培训班和溧水县培训班加起来培训了多少人」: one figure of each thing, asked apart, computed
            ans = self._two_figures(text, hist, deadline) or ans
        ans.question = text_q
        return ans

    def _two_figures(self, text: str, hist: list[dict], deadline: float | None) -> Answer | None:
        """The sum or difference of two things' figures, each asked as a question of its own and given as
        exactly one figure in the unit asked (see qa/arith.py); None otherwise."""
        w = arith.within(text, self.vocab.tokenizer.words)
        if w is not None and w.op in ("except", "not"):
            return self._one_passage(w, hist, deadline)
        sp = arith.split(text)
        apart = self._apart(sp, hist, deadline) if sp is not None else None
        return apart or (self._one_passage(w, hist, deadline) if w is not None else None)

    def _apart(self, sp: arith.Split, hist: list[dict], deadline: float | None) -> Answer | None:
        """Each thing's figure asked as a question of its own, the two combined; None unless each gives one."""
        parts = [self._ask_one(q, hist, deadline, parted=True) for q in (sp.first, sp.second)]
        figs = [
            arith.figure(a.text, sp.counter, q) if a.found else None
            for a, q in zip(parts, (sp.first, sp.second), strict=True)
        ]
        if figs[0] is None or figs[1] is None:
            return None
        told = arith.combine(sp.op, figs[0], figs[1])
        if told is None:
            return None
        text = told + "\n" + "\n".join(a.text for a in parts)
        sources = [s for a in parts for s in a.sources]
        return Answer("", text, True, "text", sources, context={"computed": True})  # (question set by caller)

    def _one_passage(self, w: arith.Within, hist: list[dict], deadline: float | None) -> Answer | None:
        """The figures of the passage that answers a plainer question (see arith.within), computed with the
        arithmetic shown and the sentences quoted; None unless each figure is found exactly once."""
        a = self._ask_one(w.probe, hist, deadline, parted=True)
        if not a.found or not a.sources or a.route != "text":
            return None
        best = a.sources[0]
        used = [best]
        if w.op == "change":
            told = self.text.text_change(w.probe, best.text)
        elif w.op == "sum":
            told = arith.sum_within(w.things, best.text, w.counter)
        elif w.op == "except":
            told = arith.except_within(*w.things, best.text, w.counter)
        else:
            told, used = self._not_did(w, a, hist, deadline)
        if not told:
            return None
        quoted = "\n".join(
            f"据{s.issue}《{s.title}》：{s.text}" if s.title else f"据{s.issue}：{s.text}" for s in used
        )
        return Answer("", told + "\n" + quoted, True, "text", used, context={"computed": True})

    def _not_did(
        self, w: arith.Within, did_ans: Answer, hist: list[dict], deadline: float | None
    ) -> tuple[str | None, list]:
        """「多少人没通过」: those who took part less those who did, both printed in one article (the one whose
        sentence prints those who did); (None, []) unless each is printed exactly once."""
        verb, neg = w.things
        best = did_ans.sources[0]
        did = arith.did_in(best.text, arith.alike(verb, text_synonyms()), w.counter)
        if did is None:
            return None, []
        whole_ans = self._ask_one(w.whole_probe, hist, deadline, parted=True)
        same = [
            s
            for s in [*whole_ans.sources, *did_ans.sources]
            if (s.issue, s.title) == (best.issue, best.title) and s.text != best.text
        ]
        wholes = {}
        for s in same:
            got = arith.attended_in(s.text, w.counter)
            if got is not None:
                wholes.setdefault(got.value, (got, s))
        if len(wholes) != 1:
            return None, []
        whole, source = next(iter(wholes.values()))
        return arith.not_within(verb, neg, did, whole), [source, best]

    def _edition_said(self, text: str) -> str:
        """A kind of issue the question names (「2010年专刊」): a scope when some issue's masthead prints
        it, or when no bulletin prints the word at all; otherwise it is what the news speaks of."""
        said = next((w for w in words("edition") if w in text), "")
        if said and (said in self.editions.values() or said not in self.vocab.corpus_text):
            return said
        return ""

    def _of_edition(self, ctx: context.Context, edition: str) -> context.Context | Answer:
        """The question narrowed to the issues of that kind among those its scope names, or a refusal
        when there is none (「2012年专刊」 is not the 2012 issue). The tables read the question without the
        word only when it narrows nothing (they know no kinds of issue)."""
        base = ctx.issues or tuple(b.issue for b in reversed(self.calendar.bulletins))
        chosen = tuple(i for i in base if self.editions.get(i) == edition)
        if not chosen:
            said = "".join(m.said for m in ctx.scope.mentions)
            return Answer(
                ctx.question, f"已收录的简报中没有{said}{edition}。{self.guards.have()}", False, "none"
            )
        question = ctx.question if len(chosen) < len(base) else ctx.question.replace(edition, "")
        return replace(ctx, issues=chosen, question=question)

    def _table(self, ctx: context.Context) -> Answer | None:
        """The tables' answer, or their refusal: a question they take (a metric, a hospital) and cannot
        answer is not handed to the news, where it would meet a near miss. Why a figure changed
        (「3月来电为啥比2月多」) is a cause the text gives, never a figure; nor are a formula, what is done about
        something, or what a word covers (`NO_FIGURE`)."""
        if asked(ctx.own).kind in NO_FIGURE or found(ctx.own, "ask_define"):
            return None
        if ctx.followup and self._elliptical(ctx.own) and self._news_before(ctx.history):
            # 「省人医呢」 after 「16年简讯里中大医院干了啥」: the question before was the news's, and so is this
            return None
        ans = self._tables(ctx)
        named_issue = any(m.kind in (Kind.ISSUE, Kind.PUBLISHED) for m in ctx.scope.mentions)
        if ans is not None and not ans.found and ans.context.get("missing_months") and named_issue:
            # 「2022年6月那期…12320微信关注人数」: the issue named (那期, 第N期, 出版) exists, its tables hold no
            # such figure — its news may print it; the tables' refusal stands when the news does not, and
            # for a month said (「10月问诊量」) the tables' months are the scope
            news = self.guards.foreign(ctx) or self.text.try_answer(ctx)
            if news.found:
                return news
        return ans

    def _news_before(self, history: list[dict]) -> bool:
        """The last question asked, read in its own context (the turns before it), is none the tables
        take: no plan, no refusal, no question back."""
        users = [i for i, turn in enumerate(history) if turn["role"] == "user"]
        if not users:
            return False
        last = users[-1]
        return self.tables.answer(history[last]["content"], history[:last]) is None

    def _tables(self, ctx: context.Context) -> Answer | None:
        """The tables' answer to the question as typed; when they cannot read it, to the question with
        slips of the bulletins' words corrected (视屏会议 → 视频会议) — never in place of a reading they
        have (基药 is no slip of 及药)."""
        ans = self.tables.answer(ctx.question, ctx.history)
        if ans is not None and ans.found:
            return ans
        fixed = self.vocab.correct(normalize(ctx.question))
        if fixed == normalize(ctx.question):
            return ans
        again = self.tables.answer(fixed, ctx.history)
        return again if again is not None and again.found else ans

    def _scope(self, ctx: context.Context) -> Answer | None:
        """A scope the index lacks is refused saying what exists; a table question gets the tables' own
        refusal (it names the months they have). Nothing is answered from another year or issue."""
        if not ctx.missing:
            return None
        table = self._tables(ctx)
        if table is not None and not table.found:
            return table
        told = self._told_of(ctx) if table is None else None
        if told is not None:
            news = self.text.try_answer(told)
            if news.found:
                return news
        return self.guards.scope(ctx)

    def _told_of(self, ctx: context.Context) -> context.Context | None:
        """「9月份那件大事讲的什么」「28年十件大事里4月份是哪件事」「3月份第一次停机是啥时候」: a month no table
        reports, asked of the news, is the month an item tells of (「九、9月，…」「3月6日22:00」) — read in the
        issues the question names; else, with its year said, those out from two months before it to the next
        year's first quarter (a year's review comes out in January); else those within a year either side.
        The answering passage must print that month (the text path's month guard). None when an issue, or a
        year with no month, is what is missing."""
        miss = [m for m in ctx.scope.mentions if m.missing]
        months = [m for m in miss if m.kind is Kind.MONTH and len(m.span) == 1]
        if len(months) != 1:
            return None
        m = months[0]
        month = m.span[0]
        years = [x for x in miss if x is not m]
        if any(x.kind is not Kind.YEAR or not x.said.rstrip("年").endswith(month[2:4]) for x in years):
            return None  # (「2027年5月」 is one mention; 「28年…4月份」 two, of one year)
        named = tuple(i for x in ctx.scope.mentions if not x.missing for i in x.issues)
        # (a year said is that year's: 「2021年6月…会议」 is never told of by an issue of mid-2022)
        year_said = "年" in m.said or any(x.kind is Kind.YEAR for x in ctx.scope.mentions)
        last = 12 - int(month[5:7]) + 3
        near = tuple(
            b.issue
            for b in reversed(self.calendar.bulletins)
            if b.published
            and (
                -2 <= months_between(month, b.published[:7]) <= last
                if year_said
                else abs(months_between(month, b.published[:7])) <= 12
            )
        )
        issues = tuple(i for i in near if not named or i in named) or named
        if not issues:
            return None
        mentions = tuple(replace(x, issues=issues) if x in miss else x for x in ctx.scope.mentions)
        # (the month and the year said go back into the words the passage is looked for by: 「五、5月，…」)
        rest = ctx.scope.rest
        for x in miss:
            said = x.said if x is not m else f"{int(month[5:7])}月".ljust(x.end - x.start)[: x.end - x.start]
            rest = rest[: x.start] + said + rest[x.end :]
        scope = replace(ctx.scope, mentions=mentions, rest=rest)
        return replace(ctx, scope=scope, issues=issues, months=(month,))

    # -- how much a piece of a question says -------------------------------------------------------
    def _printed_as_words(self, said: str) -> bool:
        """The bulletins print this year or month as words of their own (「2023年度…测评结果」), not only as
        the end of a range (「三年行动计划(2010-2012年)」, which says nothing happened in 2012)."""
        return context.printed_as_words(self.vocab.corpus_text, said)

    def _elliptical(self, rest: str) -> bool:
        """「那第4期呢？」「满意率呢」「其中投诉的有多少」: at most one word of its own; or 「他…」, who the
        previous question was about."""
        own = [t for t in self.vocab.content(rest) if self.vocab.weight(t)]
        return len(own) <= 1 or any(p in rest for p in words("pronoun"))

    @staticmethod
    def _asks_kind(piece: str) -> str:
        """The kind of thing a piece asks, a reason of either kind alike (为啥…，目的是啥 is one question)."""
        k = asked(normalize(piece)).kind
        return "why" if k in REASONS else k

    def _names_something(self, piece: str) -> bool:
        """A piece of a message with a word of its own beyond what it asks (「是多少」「目的是啥」 name nothing)."""
        return bool(self.vocab.content(normalize(piece)))
