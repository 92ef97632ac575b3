"""Refusals that need no passage: requests that are not questions (翻译, 写一首), a scope the index does
not hold (2011年第3期, 2017年6月), and names no bulletin mentions (上海, 苏州市, 院长)."""

from __future__ import annotations

import re

from qa.context import Context
from qa.lexicon import ORDINAL
from qa.model import Answer
from qa.scope import Calendar, month_label
from qa.units import measures
from qa.vocab import JOINED_GLUE, PLACE_TIME_FUNCTION, Vocab
from qa.words import counters, found, words

PROPER = ("ns", "nr", "nt")  # place, person, organisation
MAX_LISTED = 8


def issue_label(cal: Calendar, issue: str) -> str:
    """2012年第3期（总第45期）."""
    running = next((b.running for b in cal.bulletins if b.issue == issue), None)
    return f"{issue}（总第{running}期）" if running else issue


class Guards:
    """Answerers that only ever refuse; each returns None when its rule does not apply."""

    def __init__(self, vocab: Vocab, calendar: Calendar):
        self.vocab = vocab
        self.cal = calendar

    # -- messages --------------------------------------------------------------------------------------
    def help(self) -> str:
        """What can be asked, from what the index holds."""
        issues = [b.issue for b in self.cal.bulletins]
        if not issues:
            return "索引中还没有简报。"
        span = issues[0] if len(issues) == 1 else f"{issues[0]}至{issues[-1]}"
        return (
            f"可以问已收录的{len(issues)}期简报（{span}）里的新闻、统计数据和刊期信息（出版日期、印数等）。"
        )

    def have(self) -> str:
        """The issues and data months indexed, newest first, for a refusal that says what exists."""
        labels = [issue_label(self.cal, b.issue) for b in reversed(self.cal.bulletins)]
        more = f"等{len(labels)}期" if len(labels) > MAX_LISTED else ""
        text = f"已收录：{'、'.join(labels[:MAX_LISTED])}{more}"
        if self.cal.data_months:
            text += f"；有统计数据的月份：{'、'.join(month_label(m) for m in self.cal.data_months)}"
        return text + "。"

    def refuse(self, ctx: Context, missing: str) -> Answer:
        what = f"关于「{missing}」的内容" if missing else "能回答这个问题的内容"
        return Answer(ctx.question, f"已收录的简报中没有{what}。{self.help()}", False, "none")

    # -- answerers -------------------------------------------------------------------------------------
    def task(self, ctx: Context) -> Answer | None:
        """Translating, writing, summarising: not questions the bulletins answer."""
        if not found(ctx.text, "task"):
            return None
        return Answer(
            ctx.question,
            "已收录的简报中没有可以回答这个请求的内容：我只回答关于简报内容的问题，不做翻译、写作或总结。"
            + self.help(),
            False,
            "none",
        )

    def scope(self, ctx: Context) -> Answer | None:
        """A year, issue, month or publication date that is not indexed: never answered from another."""
        if not ctx.missing:
            return None
        said = "、".join(dict.fromkeys(ctx.missing))
        return Answer(ctx.question, f"已收录的简报中没有{said}。{self.have()}", False, "none")

    def foreign(self, ctx: Context) -> Answer | None:
        """A place, person or organisation named in the question that no bulletin mentions (上海, 苏州市,
        东部战区总医院)."""
        for m in ORDINAL.finditer(ctx.text):
            # 「市三院」 where no bulletin prints a 第三…院: a hospital these issues do not report on
            if m.group(0) not in self.vocab.corpus_text and not re.search(
                f"第{m.group(1)}[^\\s，。、；]{{0,6}}院", self.vocab.corpus_text
            ):
                return self.refuse(ctx, m.group(0))
        tagged = [(p.word, p.flag) for p in self.vocab.pos.lcut(ctx.text)]
        for k, (w, flag) in enumerate(tagged):
            prev = tagged[k - 1][0] if k > 0 else ""
            joined = bool(prev) and (
                (w[-1] in JOINED_GLUE and self.vocab.known(prev + w[:-1]))
                or (len(w) == 2 and len(prev) >= 2 and self.vocab.known(prev + w[0]))
            )
            if joined:
                continue  # 「居民健康|卡有」「健康|卡用」: the 卡 of 健康卡 and what jieba joined to it, no name
            if flag.startswith(PROPER) and len(w) >= 2 and not self.vocab.known(w):
                core = w
                for suffix in words("place_suffix"):
                    core = core.removesuffix(suffix)
                if len(core) >= 2 and core not in self.vocab.corpus_text:
                    return self.refuse(ctx, w)
        body = self._unknown_body(tagged)
        return self.refuse(ctx, body) if body else None

    def _unknown_body(self, tagged: list) -> str:
        """A body named by common words (东部战区总医院: 东部 + 战区 + 总医院) that no bulletin prints, one of
        whose words no bulletin uses either; a kind of body (全市三级医院, 智慧医院) is not such a name."""
        tails = words("body_tail")
        for j, (w, _) in enumerate(tagged):
            if not any(w.endswith(t) for t in tails):
                continue
            i = j
            while i > 0 and len(tagged[i - 1][0]) >= 2 and tagged[i - 1][1].startswith(("n", "f")):
                i -= 1
            run = tagged[i:j]
            if not run or any(x in words("not_a_name") for x, _ in run):
                continue
            name = "".join(x for x, _ in run) + w
            # a noun of the language (战区) no bulletin uses, not a join made on the fly (期省) nor a
            # locative of time (以后)
            # — nor a word jieba cut one character early (检查|后市|卫生局: 后 is a word of place or time, 市卫生局
            # is printed; 矿区 of 「矿区医院」 stays strange though 区医院 is printed)
            strange = [
                x
                for k, (x, f) in enumerate(run)
                if f.startswith("n")
                and self.vocab.thing(x)
                and not self.vocab.known(x)
                and not (
                    self.vocab.flag(x[0]).startswith(PLACE_TIME_FUNCTION)
                    and x[1:] + "".join(y for y, _ in run[k + 1 :]) + w in self.vocab.corpus_text
                )
            ]
            if strange and name not in self.vocab.corpus_text:
                return name
        return ""

    def unknown_term(self, tokens: list[str]) -> str:
        """A term of the domain's dictionary (电子病历, 互联互通: qa/data/userdict.txt) that no indexed
        bulletin prints, or a word of four characters or more (three for a noun) that none prints even in parts (通报批评:
        批评 is printed nowhere): the question is about something these issues do not report, whatever
        passage answers the rest of it (「电子病历系统建设项目计划投资多少」 is not the 人力资源管理系统's,
        「对几家单位进行了通报批评」 not the 45家 checked)."""
        for t in tokens:
            if t in measures():
                continue  # 「多长时间」: what kind of figure is asked, not what about
            # (not a join jieba made up: 说宁家医; of three characters, a noun of a thing — 护士长, 院感科)
            long_word = (len(t) >= 4 or (len(t) == 3 and self.vocab.thing(t))) and self.vocab.in_dictionary(t)
            if (t in self.vocab.domain_terms or long_word) and not self.vocab.known(t):
                return t
        return ""

    def unknown_focus(self, text: str, tokens: list[str]) -> str:
        """The thing asked about (「院长是谁」「多少医生」「床位数是多少」) when no bulletin ever mentions it."""
        marks = words("question_mark")
        for t in tokens:
            if len(t) < 2 or self.vocab.known(t) or not self.vocab.thing(t):
                continue  # known, or not a thing (覆盖 is a verb; 天用 is jieba's join of 天 and 用)
            at = text.find(t)
            if at < 0:
                continue
            after, before = _strip(text[at + len(t) :], "start"), _strip(text[:at], "end")
            if any(after.startswith(m) for m in marks) or any(before.endswith(m) for m in marks):
                return t
        return ""


def _strip(text: str, side: str) -> str:
    """Glue words (了, 的, 是…) and counters (家, 位) off one side of the text around a question word."""
    cut = [*words("focus_glue"), *counters()]
    changed = True
    while changed and text:
        changed = False
        for w in cut:
            if side == "start" and text.startswith(w):
                text, changed = text[len(w) :], True
            elif side == "end" and text.endswith(w):
                text, changed = text[: -len(w)], True
    return text
