"""One entry point for every front end: route a question to the tables, the text, or an honest refusal.

Text answers are extractive: the sentence (or the clauses of it) that answers, quoted from the
bulletin, with its source. Every number in a text answer is therefore in the cited sentence; table
answers quote cells as printed.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from qa.config import Settings
from qa.errors import BadQuestion
from qa.index import Index, current_dir, open_index, sentences
from qa.lexicon import normalize, read_tsv
from qa.model import Answer, Hit, Source
from qa.parse.text import CONTACT_KEYS
from qa.retrieve import search
from qa.scope import month_label, relative_words
from qa.tableqa import TableQA

CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
TAG = re.compile(r"<[^>]{0,200}>")
QWORD = re.compile(r"(多少|几[个家位项天人次条份名所种]|哪|谁|什么|是否|吗|怎么|如何|为什么)")
PHONE_ASKED = re.compile(r"(电话号码|联系电话|手机号|手机|联系方式|(?<!咨询)电话(?:是)?多少|电话号)")
OPINION_ASKED = re.compile(r"(怎么评价|如何评价|评价如何|什么评价|看法|态度|怎么看)")
OPINION_IN = re.compile(r"(认为|表示|指出|称赞|肯定|评价|满意|好评)")
TASK = re.compile(
    r"(翻译|写一|写首|写个|写篇|写段|作一首|作首|生成|改写|润色|总结一下|概括一下|编一|画一|做个ppt|做一个|帮我写)"
)
WHY_ASKED = re.compile(r"(为什么|为何|什么原因|原因是什么|啥原因)")
WHY_IN = re.compile(r"(因为|由于|为了|旨在|目的|原因|以便|从而|为此)")
FUTURE_ASKED = re.compile(r"(下一届|下届|明年|下次|下一次|将来|未来|今后|下一步|以后)")
FUTURE_IN = re.compile(r"(将|计划|拟|预计|下一步|下一届|下届|明年|今后|未来|力争)")
MONEY_ASKED = re.compile(r"(多少钱|花了多少|花费|费用是多少|费用多少|投资|投入了?多少|收费|金额|多少元|几元)")
ANSWER_KIND_WORD = {
    "phone": "联系电话",
    "opinion": "评价",
    "why": "原因",
    "future": "今后的安排",
    "money": "金额",
    "date": "日期",
    "count": "具体数量",
}
CLAUSE = re.compile(r"(?<=[，；：,;])")
UNIT_ASKED = re.compile(
    r"(?<!哪)(?:多少|几)(个|家|人|项|通|件|份|名|次|位|条|天|所|篇|场|台|种|类|万|亿|元|人次|余)"
)
DATE_ASKED = re.compile(r"(哪天|哪一天|什么时候|何时|几号|日期|几月几日|哪几天)")
DATE_IN = re.compile(r"(\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2})")
QUESTION_WORDS = {
    "谁",
    "哪",
    "哪些",
    "哪个",
    "哪家",
    "什么",
    "多少",
    "几",
    "几家",
    "怎么",
    "如何",
    "是否",
    "吗",
    "呢",
    "请问",
    "是",
    "的",
    "了",
    "在",
    "有",
    "和",
    "与",
    "及",
    "为",
    "中",
    "对",
    "本期",
    "简报",
    "期",
    "那期",
    "这期",
    "一期",
    "一共",
    "几个",
    "哪几",
    "分别",
    "是谁",
    "多少家",
    "多少个",
    "哪里",
    "哪儿",
}
PROPER = ("ns", "nr", "nt")  # place, person, organisation
PLACE_ASKED = re.compile(r"(哪里|在哪|哪儿|何地|地点|什么地方|哪个城市|哪些城市|哪些地方|去了哪|哪些地)")
WHO_ASKED = re.compile(r"(谁|哪些人|哪几位|哪位|哪些领导|名单|人员)")
PLACE_IN = re.compile(
    r"(在[^，。；]{2,24}(举办|召开|举行|开展|进行|成功召开)|赴[^，。；]{2,24}(等地|调研|考察))"
)
CONTACT_ASK = [
    ("address", r"(地址|在哪里办公|办公地点)"),
    ("postcode", r"(邮编|邮政编码)"),
    ("fax", r"(传真号码|传真号|传真)"),
    ("phone", r"(联系电话|电话号码|电话)"),
    ("email", r"(电子邮箱|电子邮件|邮箱|e-?mail)"),
    ("website", r"(网址|网站)"),
    ("chief_editor", r"(主编)"),
    ("editor", r"(责任编辑|编辑)"),
    ("print_run", r"(共印|印了多少|印数|印多少|多少份|几份)"),
]
# Field → the bulletin's own word for it (the inverse of the parser's CONTACT_KEYS).
CONTACT_LABEL = {field: word for word, field in CONTACT_KEYS.items() if not word.isascii()} | {
    "email": "E-mail",
    "print_run": "本期印数",
}
CONTACT_OK = {
    "简报",
    "南京市卫生信息中心",
    "卫生信息中心",
    "信息中心",
    "中心",
    "编印",
    "编辑部",
    "本期",
    "这期",
    "号码",
    "联系",
    "多少",
    "是",
    "谁",
    "什么",
    "哪",
    "几",
    "印",
    "份",
    "南京",
    "卫生",
    "信息化",
}
ORG_TAIL = re.compile(r"(中心|委员会|学会|协会|研究所|研究院|大学|学院|局|厅|委)$")
COUNT_WORD = re.compile(
    r"^([0-9]+[家个位名项人次条份所篇场种类]|[一二两三四五六七八九十几多]+[家个位名项人次条份所篇场种类]?)$"
)
TEXT_STOP = {
    "里",
    "中",
    "上",
    "内",
    "城市",
    "地方",
    "地点",
    "今年",
    "本次",
    "这次",
    "哪些人",
    "人",
    "简报",
    "本期",
    "那期",
    "这期",
    "一期",
    "一共",
    "总共",
    "请问",
    "具体",
    "除了",
    "还有",
    "一起",
    "主要",
    "那个",
    "这个",
    "现在",
    "已经",
    "要",
    "想",
    "能",
    "到底",
    "这届",
    "算",
    "全国",
    "一下",
    "都",
}
MIN_COVERAGE = 0.5
UNKNOWN_WEIGHT = 0.5  # weight of a question word no bulletin contains, relative to the rarest known word
MIN_DENSE = 0.6
HELP = (
    "可以问简报里的统计表（各医院、各区的预约挂号、门急诊人次与收入、出院人次与住院收入、数据上传情况，"
    "线上预约渠道）和各期新闻、简讯、12320 热线数据。"
)


def answer_kind(asked: str) -> tuple[str, str] | None:
    """What sort of answer the question wants, when a sentence can be checked for it."""
    if PHONE_ASKED.search(asked):
        return ("phone", "")
    if OPINION_ASKED.search(asked):
        return ("opinion", "")
    if WHY_ASKED.search(asked):
        return ("why", "")
    if FUTURE_ASKED.search(asked):
        return ("future", "")
    if MONEY_ASKED.search(asked):
        return ("money", "")
    if DATE_ASKED.search(asked):
        return ("date", "")
    unit = UNIT_ASKED.search(asked)
    if unit and unit.group(1) not in ("万", "亿", "余"):
        return ("count", unit.group(1))
    return None


def fits(kind: tuple[str, str], sentence: str) -> bool:
    s = unicodedata.normalize("NFKC", sentence)
    what, unit = kind
    if what == "why":
        return WHY_IN.search(s) is not None
    if what == "phone":
        return re.search(r"\d{3,4}-\d{7,8}|1\d{10}", s) is not None
    if what == "opinion":
        return OPINION_IN.search(s) is not None
    if what == "future":
        return FUTURE_IN.search(s) is not None
    if what == "money":
        return re.search(r"[\d一二两三四五六七八九十百千万亿]+(\.\d+)?\s*(万|亿)?元", s) is not None
    if what == "date":
        return DATE_IN.search(s) is not None
    return (
        re.search(rf"[\d.一二两三四五六七八九十百千万]+\s*(万|亿)?\s*(余|多)?\s*{re.escape(unit)}", s)
        is not None
    )


def split_questions(q: str) -> list[str]:
    """Several questions in one message, split at 「？，；」 where each piece asks something; pieces that
    ask nothing (「2025年第10期简报里，」) go with the question next to them."""
    pieces = [p for p in re.split(r"[？?，,；;]", q) if p.strip()]
    out: list[str] = []
    carry = ""
    for p in pieces:
        if QWORD.search(p):
            out.append(carry + p)
            carry = ""
        else:
            carry += p + "，"
    if carry and out:
        out[-1] += "，" + carry.rstrip("，")
    return out if len(out) >= 2 else [q]


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
        out.append({"role": turn["role"], "content": CTRL.sub(" ", content)[:2000]})
    return out


@lru_cache(maxsize=1)
def text_synonyms() -> dict[str, list[str]]:
    return {normalize(a): [normalize(x) for x in b.split("|")] for a, b in read_tsv("text_synonyms.tsv")}


@dataclass
class TextScope:
    months: list[str]
    missing_months: list[str]


@dataclass
class Scored:
    sentence: str
    hit: Hit
    coverage: float
    score: float
    required: bool  # the question's rarest known word is in it


class Engine:
    """The loaded index plus the table and text answerers; one per index generation."""

    def __init__(self, index: Index, settings: Settings):
        self.index = index
        self.settings = settings
        self.tables = TableQA(index.store, index.catalogue, index.tokenizer.words)
        self.idf = index.bm25.idf
        self.max_idf = max(self.idf.values()) if self.idf else 1.0
        self.corpus_text = normalize(" ".join(c.text + " " + c.section for c in index.chunks))
        self.months = sorted({c.data_month for c in index.chunks if c.data_month})
        self.latest = self.months[-1] if self.months else ""
        self._pos = None
        self._parts_memo: dict[str, list[str]] = {}
        self.aliases_of: dict[str, list[str]] = {}
        for alias, key in index.catalogue.aliases.items():
            if len(alias) >= 3:
                self.aliases_of.setdefault(key, []).append(alias)
        # Chunks cut from one paragraph share its line: the paragraph is the context of each sentence.
        self.paragraphs: dict[tuple, str] = {}
        for c in index.chunks:
            k = self._para_key(c)
            self.paragraphs[k] = self.paragraphs.get(k, normalize(c.section)) + " " + normalize(c.text)

    @staticmethod
    def _para_key(c) -> tuple:
        return (c.issue, c.section, c.line, c.kind)

    def preload(self) -> None:
        """Load what only text questions need (the embedding model, Chroma) ahead of the first one."""
        self.index.vectors.embeddings.model  # noqa: B018  (loads the model once per process)

    def ask(self, question: str, history: list | None = None) -> Answer:
        q = clean(question, self.settings.max_question_chars)
        hist = clean_history(history, self.settings.max_history)
        text_q = TAG.sub(" ", q)
        if TASK.search(normalize(text_q)):
            # Translating, writing, summarising: not questions the bulletins answer.
            return Answer(
                q,
                f"已收录的简报中没有可以回答这个请求的内容：我只回答关于简报内容的问题，不做翻译、写作或总结。{HELP}",
                False,
                "none",
            )
        parts = split_questions(text_q)
        if len(parts) >= 2:
            return self._ask_parts(q, parts, hist)
        ans = self._ask_one(text_q, hist)
        ans.question = q
        return ans

    def _ask_parts(self, q: str, parts: list[str], hist: list[dict]) -> Answer:
        """「在哪家医院上线的？目前已经在多少家机构运行？」: each question in turn, each one reading the one
        before it as a follow-up (so 「住院收入多少」 after 「省人医门诊量多少」 means 省人医)."""
        answers = []
        for part in parts:
            a = self._ask_one(part, hist)
            answers.append(a)
            hist = [*hist, {"role": "user", "content": part}, {"role": "assistant", "content": a.text}]
        found = [a for a in answers if a.found]
        if not found:
            return Answer(q, answers[0].text, False, "none")
        text = "\n".join(a.text for a in answers)
        sources = [s for a in found for s in a.sources]
        return Answer(q, text, True, found[0].route, sources, table=found[0].table)

    def _ask_one(self, text_q: str, hist: list[dict]) -> Answer:
        q = text_q
        ans = self.tables.answer(text_q, hist)
        if ans is not None and ans.found:
            ans.question = q
            return ans
        foreign = self.foreign_names(text_q)
        if foreign:
            return self.refuse(q, foreign)
        contact = self.contact_answer(text_q)
        if contact is not None:
            contact.question = q
            return contact
        if ans is not None:  # a table refusal (month or name not indexed)
            ans.question = q
            return ans
        ans = self.text_answer(text_q, hist)
        ans.question = q
        return ans

    # -- the contact block, read as fields ---------------------------------------------------------
    def contact_answer(self, q: str) -> Answer | None:
        """「简报的电话是多少」「责任编辑是谁」「本期印了多少份」: the parsed contact fields, when the question asks
        for one and names nothing else (no hospital: 「江苏省人民医院在哪」 is not the centre's address)."""
        nq = normalize(q)
        fields = [f for f, pat in CONTACT_ASK if re.search(pat, nq)]
        if not fields or self.index.catalogue.find(nq):
            return None
        rest = nq
        for _, pat in CONTACT_ASK:
            rest = re.sub(pat, " ", rest)
        scope, rest = self._scope(rest)
        if any(t not in CONTACT_OK for t in self._tokens(rest)):
            return None
        bulletins = self.index.store.bulletins()
        if scope.months:
            bulletins = [b for b in bulletins if b.data_month in scope.months]
        if not bulletins:
            return None
        b = bulletins[-1]
        contact = self.index.store.contact(b.issue)
        if any(f not in contact for f in fields):
            return None
        said = "，".join(
            f"{CONTACT_LABEL[f]}为 {contact[f]}" + (" 份" if f == "print_run" else "") for f in fields
        )
        block = next(
            (
                c
                for c in self.index.chunks
                if c.issue == b.issue and contact[fields[0]] in c.text and c.kind == "text"
            ),
            None,
        )
        sources = (
            [Source(b.issue, block.section, "text", block.text, block.line, block.file)] if block else []
        )
        return Answer(q, f"据{b.issue}：{said}。", True, "text", sources)

    # -- what the corpus cannot know ------------------------------------------------------------
    def foreign_names(self, q: str) -> str:
        """A place, person or organisation named in the question that no bulletin mentions (上海, 苏州市)."""
        if self._pos is None:
            import jieba.posseg

            self._pos = jieba.posseg.POSTokenizer(self.index.tokenizer.jieba)
        for w, flag in self._pos.lcut(normalize(q)):
            if (
                flag.startswith(PROPER)
                and len(w) >= 2
                and w not in self.corpus_text
                and not any(s in self.corpus_text for s in text_synonyms().get(w, []))
            ):
                core = re.sub(r"(市|省|区|县)$", "", w)
                if len(core) >= 2 and core not in self.corpus_text:
                    return w
        return ""

    # -- text path --------------------------------------------------------------------------------
    def _tokens(self, text: str) -> list[str]:
        return [
            t
            for t in dict.fromkeys(self.index.tokenizer.words(text))
            if t not in QUESTION_WORDS and t not in TEXT_STOP and not COUNT_WORD.match(t)
        ]

    def _scope(self, q: str) -> tuple[TextScope, str]:
        """Months (or issues) the question names, and the question without them."""
        # Only months, issues and years said outright scope a text question (「今年」「本期」 do not).
        text = normalize(q)
        scope = self.tables.calendar.read(text)
        said = [m for m in scope.mentions if m.said not in {w for w, _, _ in relative_words()}]
        rest = list(text)
        for m in said:
            rest[m.start : m.end] = " " * (m.end - m.start)
        months = list(dict.fromkeys(x for m in said for x in m.months))
        missing = [m.asked or m.said for m in said if m.missing or (m.kind.value == "month" and not m.months)]
        return TextScope(months, missing), "".join(rest)

    def _weight(self, t: str) -> float:
        return self.idf.get(t, self.max_idf * UNKNOWN_WEIGHT)

    def _parts(self, t: str) -> list[str]:
        """The sub-words of a question word (安全检查 → 安全, 检查), split once per word."""
        if t not in self._parts_memo:
            self._parts_memo[t] = [
                p for p in self.index.tokenizer.jieba.lcut_for_search(t) if p != t and len(p) >= 2
            ]
        return self._parts_memo[t]

    def _match(self, t: str, ctx: str) -> float:
        """How much of question word t the context carries: whole, via a synonym, or by its parts."""
        if t in ctx:
            return 1.0
        if any(s and s in ctx for s in text_synonyms().get(t, [])):
            return 0.9
        key = self.index.catalogue.aliases.get(t)
        if key is not None:
            # A hospital or district: another alias of the same one, never a part of its name
            # (江苏省人民医院 is not in 「江苏省老年病医院、高淳人民医院」).
            return 1.0 if any(a in ctx for a in self.aliases_of[key]) else 0.0
        parts = self._parts(t)
        if parts:
            return 0.7 * sum(p in ctx for p in parts) / len(parts)
        return 0.0

    def _score(
        self,
        q_tokens: list[str],
        hits: list[Hit],
        wants_unit: str,
        wants_date: bool,
        wants_place: bool = False,
    ) -> list[Scored]:
        weights = {t: self._weight(t) for t in q_tokens}
        total = sum(weights.values()) or 1.0
        known = [t for t in q_tokens if t in self.idf and len(t) >= 2]
        rarest = max(known, key=lambda t: self.idf[t]) if known else None
        out = []
        for rank, h in enumerate(hits):
            whole = self.paragraphs.get(self._para_key(h.chunk), "")
            cov_chunk = sum(w * self._match(t, whole) for t, w in weights.items()) / total
            required = rarest is None or self._match(rarest, whole) > 0.6
            for sent in sentences(h.chunk.text) or [h.chunk.text]:
                ctx = normalize(sent + " " + h.chunk.section)
                cov_sent = sum(w * self._match(t, ctx) for t, w in weights.items()) / total
                # The sentence must carry the answer; its paragraph may carry the context (「上半年，…」).
                cov = max(cov_sent, 0.9 * cov_chunk)
                bonus = 0.0
                if wants_unit and re.search(rf"\d\s*{re.escape(wants_unit)}", sent):
                    bonus += 0.15
                if wants_date and DATE_IN.search(sent):
                    bonus += 0.15
                if wants_place and PLACE_IN.search(sent):
                    bonus += 0.15
                if h.chunk.data_month == self.latest:
                    bonus += 0.02
                score = cov_sent + 0.3 * cov_chunk + 0.5 * (h.dense or 0) + bonus - 0.01 * rank
                out.append(Scored(sent, h, cov, score, required))
        return sorted(out, key=lambda s: -s.score)

    def _best(self, rest: str, month: str | None) -> tuple[Scored | None, list[Scored], list[str]]:
        q_tokens = self._tokens(rest)
        if not any(
            (t in self.idf and len(t) >= (3 if t.isdigit() else 2))
            or any(s in self.corpus_text for s in text_synonyms().get(t, []))
            for t in q_tokens
        ):
            return None, [], q_tokens  # nothing the bulletins know of (「alert(1)」): nothing to find
        hits = search(self.index, rest, k=12, month=month, kind="text")
        asked = normalize(rest)  # includes the previous question in a follow-up such as 「那7月呢？」
        unit = UNIT_ASKED.search(asked)
        ranked = self._score(
            q_tokens,
            hits,
            unit.group(1) if unit else "",
            bool(DATE_ASKED.search(asked)),
            bool(PLACE_ASKED.search(asked)),
        )
        return (ranked[0] if ranked else None), ranked, q_tokens

    def text_answer(self, q: str, history: list[dict]) -> Answer:
        scope, rest = self._scope(q)
        prev = next((t["content"] for t in reversed(history) if t["role"] == "user"), None)
        if prev and not scope.months and not scope.missing_months:
            prev_scope, _ = self._scope(prev)
            scope.months = prev_scope.months  # a follow-up stays in the issue being discussed
        if scope.missing_months and not scope.months:
            said = "、".join(scope.missing_months)
            have = "、".join(month_label(m) for m in self.months)
            # A date inside the news (「7月17日」) is not a data month: only refuse when no sentence has it.
            if not any(
                re.sub(r"^\d{4}-0?", "", m) + "月" in self.corpus_text
                for m in scope.missing_months
                if re.match(r"\d{4}-\d{2}$", m)
            ):
                return Answer(
                    q, f"已收录的简报中没有{said}的数据。现有数据月份：{have}。{HELP}", False, "none"
                )
        must_say = ""
        if scope.missing_months and not scope.months:
            must_say = next(
                (f"{int(m[5:])}月" for m in scope.missing_months if re.match(r"\d{4}-\d{2}$", m)), ""
            )
        months = scope.months or [None]
        if prev and len(self._tokens(rest)) <= 1:
            # 「那第162期呢？」「五级呢？」: the previous question, read with what this one changes.
            _, prev_rest = self._scope(prev)
            rest = prev_rest + " " + rest
        answers = []
        for month in dict.fromkeys(months):
            best, ranked, q_tokens = self._best(rest, month)
            if prev and (best is None or best.coverage < MIN_COVERAGE) and len(q) <= 24:
                _, prev_rest = self._scope(prev)
                best, ranked, q_tokens = self._best(prev_rest + " " + rest, month)
            if (
                best is None
                or best.coverage < MIN_COVERAGE
                or not best.required
                or (best.hit.dense or 0) < MIN_DENSE
            ):
                return self.refuse(q, self._missing_words(q_tokens, best))
            kind = answer_kind(normalize(rest))
            if kind:
                # A sentence that cannot hold the kind of answer asked for (a number of 家, a date, an amount
                # of money, a reason, a plan) is a near miss: take the next candidate that can, or refuse.
                fitting = [
                    s
                    for s in ranked[:6]
                    if s.coverage >= MIN_COVERAGE and s.required and fits(kind, s.sentence)
                ]
                if not fitting:
                    return self.refuse(q, ANSWER_KIND_WORD[kind[0]])
                best = fitting[0]
            if must_say and must_say not in normalize(best.sentence + best.hit.chunk.section):
                have = "、".join(month_label(m) for m in self.months)
                return Answer(
                    q, f"已收录的简报中没有{must_say}的相关数据。现有数据月份：{have}。", False, "none"
                )
            unknown = (
                self.unknown_focus(q, q_tokens)
                or self.unmatched_name(rest, best)
                or self.other_entity(rest, best)
            )
            if unknown:
                return self.refuse(q, unknown)
            answers.append(self.extract(q_tokens, best, ranked, normalize(rest)))
        if len(answers) == 1:
            return answers[0]
        return Answer(
            q, "\n".join(a.text for a in answers), True, "text", [s for a in answers for s in a.sources]
        )

    def unknown_focus(self, q: str, q_tokens: list[str]) -> str:
        """The thing asked about (「院长是谁」「多少医生」「床位数是多少」) when no bulletin ever mentions it."""
        nq = normalize(q)
        for t in q_tokens:
            if (
                len(t) < 2
                or t in self.corpus_text
                or any(s in self.corpus_text for s in text_synonyms().get(t, []))
            ):
                continue
            e = re.escape(t)
            if re.search(e + r"(是谁|是多少|有多少|多少钱|几点|是几)", nq) or re.search(
                r"(多少|几位|哪家|哪个)" + e, nq
            ):
                return t
        return ""

    def other_entity(self, rest: str, best: Scored) -> str:
        """A hospital or district the question names that the answering paragraph never mentions
        (「鼓楼医院AI预问诊哪天上线」 answered from an article about 省人医 is a near miss)."""
        context = self.paragraphs.get(self._para_key(best.hit.chunk), "")
        for _, _, key in self.index.catalogue.find(normalize(rest)):
            if not any(a in context for a in self.aliases_of.get(key, [key])):
                return self.index.catalogue.entities[key].name
        return ""

    def unmatched_name(self, rest: str, best: Scored) -> str:
        """A name the bulletins print (南京市卫生信息中心) that the answering paragraph does not contain:
        a passage about another body (国家卫生健康委统计信息中心) is a near miss, not an answer."""
        words = self.index.tokenizer.words(rest)
        context = self.paragraphs.get(self._para_key(best.hit.chunk), "")
        for i in range(len(words)):
            for j in range(min(len(words), i + 5), i + 1, -1):
                phrase = "".join(words[i:j])
                if len(phrase) >= 6 and ORG_TAIL.search(phrase) and phrase in self.corpus_text:
                    if phrase not in context:
                        return phrase
                    break
        return ""

    def _missing_words(self, q_tokens: list[str], best: Scored | None) -> str:
        if best is None:
            return "、".join(t for t in q_tokens[:3] if len(t) >= 2)
        ctx = normalize(best.sentence + best.hit.chunk.section)
        miss = [t for t in q_tokens if self._match(t, ctx) < 0.6 and len(t) >= 2]
        return "、".join(miss[:3])

    def extract(self, q_tokens: list[str], best: Scored, ranked: list[Scored], asked: str = "") -> Answer:
        """The answering sentence, trimmed to the clauses that carry the question's words when long."""
        sent = best.sentence
        short = sent
        clauses = [c for c in CLAUSE.split(sent) if c]
        if len(clauses) > 1 and len(sent) > 60 and not WHO_ASKED.search(asked):
            weights = {t: self._weight(t) for t in q_tokens}

            def cover(text: str) -> float:
                ctx = normalize(text)
                return sum(
                    w
                    for t, w in weights.items()
                    if t in ctx or any(s and s in ctx for s in text_synonyms().get(t, []))
                )

            full = cover(sent)
            best_span = (0, len(clauses) - 1)
            for i in range(len(clauses)):
                for j in range(i, len(clauses)):
                    span = "".join(clauses[i : j + 1])
                    if cover(span) >= full - 1e-9 and len(span) < len(
                        "".join(clauses[best_span[0] : best_span[1] + 1])
                    ):
                        best_span = (i, j)
            short = "".join(clauses[best_span[0] : best_span[1] + 1]).rstrip("，；,;：:")
            if not short.endswith(("。", "！", "？")):
                short += "。"
        c = best.hit.chunk
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
        return Answer(best.sentence, f"据{head}：{short}", True, "text", sources)

    def refuse(self, q: str, missing: str) -> Answer:
        what = f"关于「{missing}」的内容" if missing else "能回答这个问题的内容"
        return Answer(q, f"已收录的简报中没有{what}。{HELP}", False, "none")


_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def engine(settings: Settings | None = None) -> Engine:
    """The engine for the live index of these settings, loaded once per process and generation."""
    settings = settings or Settings.from_env()
    # Keyed by the limits too: two apps with other limits on one index each get theirs.
    key = f"{settings.index_dir}:{current_dir(settings)}:{settings.max_question_chars}:{settings.max_history}"
    with _lock:
        if key not in _engines:
            _engines[key] = Engine(open_index(settings), settings)
        return _engines[key]


def ask(question: str, history: list | None = None, settings: Settings | None = None) -> Answer:
    """Answer one question with optional chat history ([{role, content}])."""
    return engine(settings).ask(question, history or [])
