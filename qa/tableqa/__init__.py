"""Table questions: a typed plan built from the index's own schema (plan.py), executed by
parameterised queries (execute.py). `TableQA.answer` returns a found answer, a refusal, a question back,
or None when the question is not about the tables."""

from __future__ import annotations

import copy
import re
import threading
from collections import OrderedDict

from qa.lexicon import normalize
from qa.model import Answer
from qa.scope import month_label
from qa.store import Store
from qa.tableqa.entities import Entities
from qa.tableqa.execute import Executor
from qa.tableqa.plan import Op, Plan, Planner, Reading
from qa.units import register

__all__ = ["Op", "Plan", "TableQA"]
DATES = re.compile(r"^[\d\s年月—\-－至到]+")
TURNS_KEPT = 2048  # readings of earlier turns kept: a chat resends its history with every question


class TableQA:
    def __init__(self, store: Store, catalogue=None, words=None):
        self.store = store
        self.tables = {t.key: t for t in store.schema()}
        register([i.unit for t in self.tables.values() for i in t.columns.values() if i.unit])
        self.entities = Entities(store.entity_rows())
        self.calendar = store.calendar()
        tokenizer = getattr(words, "__self__", None)  # the index's jieba Tokenizer, when given its method
        cut = tokenizer.jieba.lcut if tokenizer is not None else None
        prose = store.corpus_text()
        self.planner = Planner(
            list(self.tables.values()),
            self.entities,
            self.calendar,
            (lambda text: cut(text, HMM=False)) if cut else None,
            _pos(tokenizer),
            lambda word: word in prose,
        )
        self.executor = Executor(store, self.tables, self.entities, self.calendar)
        self._turns: OrderedDict[tuple, tuple[Plan | None, list[str]]] = OrderedDict()
        self._lock = threading.Lock()

    def read_history(self, history: list[dict]) -> tuple[Plan | None, list[str]]:
        """The plan of the last user turn (each read as a follow-up of the one before) and the entities
        the last answer named. Every question resends its history, so each earlier turn is read once and
        remembered by what it depends on (its text, the plan before it, the names before it)."""
        prev, named = None, []
        for turn in history:
            key = (turn["role"], turn["content"], repr(prev), tuple(named))
            with self._lock:
                hit = self._turns.get(key)
                if hit is not None:
                    self._turns.move_to_end(key)
            if hit is None:
                hit = self._read_turn(turn, prev, named)
                with self._lock:
                    self._turns[key] = hit
                    while len(self._turns) > TURNS_KEPT:
                        self._turns.popitem(last=False)
            prev, named = copy.deepcopy(hit)  # the planner may build on prev's lists
        return prev, named

    def _read_turn(self, turn: dict, prev: Plan | None, named: list[str]) -> tuple[Plan | None, list[str]]:
        if turn["role"] == "user":
            r = self.planner.read(turn["content"], prev, named)
            return r.plan or (r.clarify[0][1] if r.clarify else prev), named
        return prev, [m.candidates[0][0] for m in self.entities.find(normalize(turn["content"]))]

    def answer(self, question: str, history: list[dict] | None = None) -> Answer | None:
        prev, named = self.read_history(history or [])
        r = self.planner.read(question, prev, named)
        if r.missing_months and (r.plan or r.clarify):
            return self._no_month(question, r.plan or r.clarify[0][1], r.missing_months)
        if r.plan is not None:
            return self.executor.run(r.plan)
        if r.clarify:
            return self._clarify(question, r)
        if r.refusal:
            return Answer(
                question,
                f"简报表格中没有「{r.refusal}」的数据。{self._offer()}",
                False,
                "none",
            )
        return None

    def _no_month(self, question: str, plan: Plan, missing: list[str]) -> Answer:
        t = self.tables[plan.table]
        have = "、".join(month_label(m) for m in t.months) or "无"
        said = "、".join(missing)
        what = DATES.sub("", t.title)
        return Answer(
            question,
            f"已收录的简报中没有{said}的{what}数据。现有数据月份：{have}。",
            False,
            "none",
            context={"plan": plan, "missing_months": list(missing)},
        )

    def _clarify(self, question: str, r: Reading) -> Answer | None:
        """Two readings: answer when they give the same figures, otherwise ask which one was meant."""
        answers = [self.executor.run(p) for _, p in r.clarify]
        found = [a for a in answers if a is not None and a.found]
        figures = {tuple(re.findall(r"\d+(?:\.\d+)?", a.text.split("（来源")[0])) for a in found}
        if found and len(figures) == 1 and len(found) == len(answers):
            return found[0]
        choices = "，还是".join(f"「{d}」" for d, _ in r.clarify)
        return Answer(
            question,
            f"您问的是{choices}？请说明一下，我再查。",
            False,
            "none",
            context={"plan": r.clarify[0][1], "choices": [d for d, _ in r.clarify]},
        )

    def _offer(self) -> str:
        """What the tables can be asked about, briefly and without figures (a refusal quotes no numbers)."""
        titles = [DATES.sub("", t.title) for t in self.tables.values() if t.source != "paragraph"]
        plain = [x for x in dict.fromkeys(titles) if not any(ch.isdigit() for ch in x)][:3]
        return f"可以问各统计表中的数据，例如：{'、'.join(plain)}。" if plain else "可以问各统计表中的数据。"


def _pos(tokenizer):
    """word → (part-of-speech tag, frequency) from jieba's dictionary, for judging unexplained words."""
    import jieba
    import jieba.posseg

    tags = jieba.posseg.dt.word_tag_tab
    freq = tokenizer.jieba.FREQ if tokenizer is not None else jieba.dt.FREQ
    if tokenizer is None:
        jieba.dt.initialize()

    def pos(word: str) -> tuple[str, int]:
        return tags.get(word, ""), freq.get(word, 0)

    return pos
