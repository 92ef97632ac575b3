"""What a question asks for, and where a sentence holds it.

The kind of answer (who, where, when, how many of what, how much money, why, which ones, what was
said, a phone number, an opinion, a plan) is read from the question's words (`qa/data/text_words.tsv`). A sentence
answers only if it holds that kind of thing — a person with a title or a name (jieba part of speech), a
place, a date, a number with the counter asked, a cause or purpose clause (由于, 旨在, 为了, 「为」+ verb),
an enumeration — and `Evidence.spans` says where, so that trimming never cuts the part asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qa.units import unit
from qa.words import counters, found, positions, words

# The counters a question's 「几/多少 + counter」 accepts in a sentence: people are counted in 人, 名, 位.
SAME_COUNTER = {"人": "人名位", "名": "人名位", "位": "人名位", "个": "个家项名位人所台种类条件次场篇例户"}
CN_DIGITS = "一二两三四五六七八九十百千万"
KINDS = (
    "phone",
    "opinion",
    "said",
    "formula",  # 「完成率是咋算的」: how a figure is computed (接通率=接通量/来电总量×100%)
    "purpose",
    "why",
    "result",
    "day",
    "when",
    "future",
    "money",
    "org",
    "who",
    "where",
    "act",  # 「打算干啥」 asks a plan, 「在哪干了啥」 a place: what someone did is asked when nothing else is
    "list",
    "share",  # 「占了多大比例」: a percentage the sentence prints
    "number",
)
NAME_FREQ = 100  # two characters after a title that jieba knows this well are a word (表示), not a name
FUNCTION_FLAGS = ("c", "p", "u", "d", "r", "f", "m", "q", "y", "e")
NAME_PARTS = ("n", "x", "a", "b", "j", "e")  # what a name may be made of (区, 人民, 医院 …)
NAMED = 5  # an organisation written this long names one (市儿童医院), a shorter one a kind (三级医院)
CLAUSE_ENDS = "，；：,;:"


@lru_cache(maxsize=1)
def number_re() -> re.Pattern:
    """A figure: digits (with 万/亿, 余/多 and an optional counter) or Chinese numerals with a counter."""
    c = "|".join(re.escape(u) for u in counters())
    return re.compile(
        rf"(\d+(?:[.,]\d+)*\s*(?:万|亿)?\s*(?:余|多)?\s*({c})?|[{CN_DIGITS}]+\s*(?:余|多)?\s*(?:万|亿)?\s*({c}))"
    )


COUNT_NOUN = re.compile(r"[\u4e00-\u9fff]数(?:是|为|有)?(?:多少|几)")  # 医院数多少: a count asked
DATE_UNITS = ("年", "月", "日", "号", "时", "点", "期", "届")
# a date: a month, with its day when printed (the day groups tell 「哪天」 answers from 「几月」 ones)
# a date (8月, 8月16日, 2025-08-16) or a time of day (14时, 14点, 8:00)
WHEN = re.compile(
    r"\d{1,2}\s*月(?:\s*(\d{1,2})\s*[日号])?|\d{4}-\d{2}-(\d{2})|\d{1,2}\s*[时点]|\d{1,2}:\d{2}"
)
# a document's number: issuer, year in brackets of any shape, number (宁卫医〔2023〕21号, 苏卫发[2012]5号)
DOC_NO = re.compile(
    r"([\u4e00-\u9fff]{1,10})\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*第?\s*(\d{1,4})\s*号"
)
RANGE_MARKS = "-—–~至到"  # between the two ends of a range (1-8月, 19日至21日)
RATE_ASKED = re.compile(
    r"[\u4e00-\u9fff]率[^，,。？?！!\d]{0,6}?(?:多少|几)"
)  # 签约率是多少, 覆盖率有多少, 建档率实际达到多少
QUOTED = re.compile(r"[:：]\s*[“\"「]")  # words quoted after a colon: what someone said or wrote
QUOTED_NAME = re.compile(r"[“「][^”」“「，。；]{2,30}[”」]")  # a name in quotes (“移动护理信息系统”)
PHONE = re.compile(r"\d{3,4}-\d{7,8}|1\d{10}")


@dataclass(frozen=True)
class Ask:
    kind: str = ""  # one of KINDS, or "" when the question asks for nothing checkable
    counter: str = ""  # 「几家」 → 家: the counter a count must carry
    roles: tuple[str, ...] = ()  # titles the question names (主任, 科长): the person must hold that one
    many: bool = False  # 「哪两家」「哪几个区」: the named things, several of them (an enumeration)


def asked(q: str) -> Ask:
    """The kind of answer a (normalised) question asks for."""
    roles = tuple(dict.fromkeys(titles(q)))
    counted = _which_many(q)
    if counted:
        # 「在哪两家医院」 asks which two, not where; 「哪几位」 which people
        return Ask("who" if counted in SAME_COUNTER["人"] else "list", counted, roles, True)
    said_counter = counter_asked(q)
    # 「几家医院门诊收费子系统上线了」: a counter asked that counts no money (家) makes 收费 name the system, as
    # does a length of time asked (「收费系统用了以后排队要多久」: minutes, or a span of dates, not money) and a
    # number of things (「收费子系统上线的医院数多少」)
    counts_no_money = bool(found(q, "ask_duration") or COUNT_NOUN.search(q)) or (
        bool(said_counter) and (u := unit(said_counter)) is not None and u.dim != "money"
    )
    for kind in KINDS[:-1]:
        if kind == "future" and said_counter and set(found(q, "ask_future")) <= set(words("intent")):
            continue  # 「打算接入多少家」: the figure of the plan is asked, counted in 家
        if kind == "future" and q.rstrip("？?。 ").endswith("的") and "是" in q:
            continue  # 「上海是咋推广医院信息系统的」: 是…的 asks what was done, no plan
        if kind == "money" and (counts_no_money or not found(q, "ask_number")):
            continue  # (「收费上微机后排队时间有啥变化」 asks no figure: 收费 names the system)
        if _asks(q, kind):
            if kind == "future" and said_counter:
                # 「明年要扩到多少项」: the plan's figure, counted in 项 — a plan without it is no answer
                return Ask(kind, said_counter, roles)
            # 「去了哪些地方」「哪些人作了报告」: several places or people, at best in one sentence
            return Ask(kind, "", roles, kind in ("who", "org", "where") and bool(found(q, "plural")))
    # 「科长叫啥」「哪个处长」 ask for the person holding the title; 「这个功能叫什么」 asks for a name
    if roles and (found(q, "ask_name") or any(w + r in q for w in words("which") for r in roles)):
        return Ask("who", "", roles)
    if any(q[: q.find(n)].endswith(words("person_word")) for n in found(q, "ask_name")):
        return Ask("who", "", roles, bool(found(q, "plural")))  # 「没考过的那些人叫啥名字」: people named
    if said_counter:
        return Ask("count", said_counter, roles)
    if RATE_ASKED.search(q):
        return Ask("share", "", roles)  # 「签约率是多少」: a rate is a percentage the sentence prints
    if found(q, "ask_number"):
        return Ask("number", "", roles)
    tail = q.rstrip("？?。！! ")
    ends = next((c for c in counters() if len(c) >= 2 and tail.endswith(c)), "")
    if ends and unit(ends) is not None:
        return Ask("count", ends, roles)  # 「5月各区上转患者人次」: a figure asked by its counter alone
    return Ask("", "", roles)


def _asks(q: str, kind: str) -> bool:
    """Whether the question says a word asking this kind, not as part of another kind's word around it or
    as the start of a two-character one running on past it: 在哪 of 「存在哪些问题」 is 哪些 (which ones), of
    「主要表现在哪」 表现在哪 (in what), not where. Only a two-character word begun inside counts so (哪些 is a
    word; 提了啥 of 「提了啥要求」 stays said: the list word 啥要求 is a phrase)."""
    others = [(o, positions(q, o)) for o in _other_ask_words(kind) if o in q]
    for w in found(q, "ask_" + kind):
        for a in positions(q, w):
            b = a + len(w)
            if not any(
                (a < c < b < c + len(o) and len(o) == 2) or (c <= a and b <= c + len(o) and len(o) > len(w))
                for o, at in others
                for c in at
            ):
                return True
    return False


@lru_cache(maxsize=len(KINDS))
def _other_ask_words(kind: str) -> tuple[str, ...]:
    return tuple(o for other in KINDS if other != kind for o in words("ask_" + other))


def focus_after(q: str, words_of) -> str:
    """The word a question word asks about: 「提了啥要求」→ 要求, 「哪几个方面」→ 方面, 「为了解决啥问题」→ 问题.
    `words_of` splits text into words (jieba)."""
    for mark in ("什么", "啥", "哪些", "哪几个", "哪几", "哪个", "哪家", "哪", "几个", "多少"):
        at = q.find(mark)
        if at >= 0:
            after = words_of(q[at + len(mark) :])
            return after[0] if after else ""
    return ""


def acted_on(q: str, focus: str) -> str:
    """「发现的问题」 of 「发现了啥问题」: the verb before the question word joined to the thing asked by 的 — as a
    sentence refers back to things it does not state; "" when the question has no such verb."""
    if not focus:
        return ""
    m = re.search(rf"([\u4e00-\u9fff]{{2}})了?些?(?:什么|啥|哪些){re.escape(focus)}", q)
    return f"{m.group(1)}的{focus}" if m else ""


def _which_many(q: str) -> str:
    """「哪两家」「哪几个区」「哪三点」「哪3家」: which things, and how many of them — an enumeration is asked; the
    counter, or "" when the question asks no such thing."""
    at = q.find("哪")
    while at >= 0:
        after = q[at + 1 : at + 3]
        counted = next((c for c in counters() if after[1:].startswith(c)), "")
        if (
            (after[:1] in CN_DIGITS + "几" or after[:1].isdigit())
            and counted
            and counted not in words("time_counter")
        ):
            return counted  # (「哪几天」 asks for days)
        at = q.find("哪", at + 1)
    return ""


def counter_asked(q: str) -> str:
    """The counter said after 多少 or 几 (家, 人次, 万元; 人 of 「几个人」), or "" (「哪几家」 asks which)."""
    for mark in ("多少", "几"):
        at = q.find(mark)
        while at >= 0:
            if q[at - 1 : at] == "哪":  # 「哪几家」 asks which, not how many
                at = q.find(mark, at + 1)
                continue
            after = q[at + len(mark) :]
            got = next((c for c in counters() if after.startswith(c)), "")
            if any(after.startswith(w) for w in words("not_a_counter")):
                got = ""  # 「多少单位」
            if got == "个" and (
                person := next((c for c in SAME_COUNTER["人"] if after[1:].startswith(c)), "")
            ):
                got = person  # 「几个人合格」 counts people: 个 only joins the number to 人
            if got and got not in "%":
                return got
            at = q.find(mark, at + 1)
    return ""


def doc_numbers(text: str) -> list[str]:
    """Document numbers a text names, in one shape (〔〕 brackets, no spaces): a literal key — the
    passage printing that number is the one about that document, whatever else the question says."""
    return [f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" for m in DOC_NO.finditer(text)]


def same_document(a: str, b: str) -> bool:
    """Two numbers of doc_numbers name one document: the same year and number, and one issuer ends
    the other (a question's 「那个宁卫医〔2023〕21号」 is the printed 宁卫医〔2023〕21号: where an issuer's
    abbreviation begins cannot be read, where it ends can)."""
    ma, mb = DOC_NO.fullmatch(a), DOC_NO.fullmatch(b)
    if not ma or not mb or ma.group(2, 3) != mb.group(2, 3):
        return False
    x, y = sorted((ma.group(1), mb.group(1)), key=len)
    return len(x) >= 2 and y.endswith(x)


def titles(text: str) -> list[str]:
    """Titles in text as they stand (副主任 is found as 副主任, never as 主任 too)."""
    out: list[str] = []
    taken = [False] * len(text)
    for role in words("role"):
        at = text.find(role)
        while at >= 0:
            if not any(taken[at : at + len(role)]):
                out.append(role)
                taken[at : at + len(role)] = [True] * len(role)
            at = text.find(role, at + 1)
    return out


def ordinals(text: str) -> dict[tuple[int, str], str]:
    """Things named by a number and an ordinal counter, by value: 「七级」 → {(7, "级"): "七级"}, 「第19届」,
    「第十九届」 alike, 「首批」 as 「第一批」. A level or a round asked about is what is asked, not how many.
    一 after a determiner (「哪一级」「这一期」「下一届」) points at one rather than names it."""
    from qa.scope import small_int

    c = "|".join(re.escape(w) for w in words("ordinal_counter"))
    first = "|".join(re.escape(w) for w in words("first"))
    determiners = tuple(words("determiner"))
    out: dict[tuple[int, str], str] = {}
    for m in re.finditer(rf"(\d+|[{CN_DIGITS}]+|{first})\s*({c})", text):
        n = 1 if m.group(1) in words("first") else small_int(m.group(1))
        if n is not None and not (m.group(1) == "一" and text[: m.start()].endswith(determiners)):
            out.setdefault((n, m.group(2)), m.group(0))
    return out


def holds_title(text: str, role: str) -> bool:
    """Whether text has `role` itself, not a longer title ending in it (主任 is not in 副主任 only)."""
    prefixes = words("other_role_prefix")
    at = text.find(role)
    while at >= 0:
        if not any(text[:at].endswith(p) for p in prefixes if not role.startswith(p)):
            return True
        at = text.find(role, at + 1)
    return False


def clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause, the punctuation that ends it included."""
    out, start = [], 0
    for i, ch in enumerate(sentence):
        if ch in CLAUSE_ENDS:
            out.append((start, i + 1))
            start = i + 1
    if start < len(sentence):
        out.append((start, len(sentence)))
    return out


class Evidence:
    """Finds the asked thing in a sentence; `pos` is a jieba POSTokenizer (with the index's words)."""

    def __init__(self, pos, freq: dict[str, int]):
        self.pos = pos
        self.freq = freq
        self._memo: dict[str, list[tuple[str, str, int]]] = {}

    def tagged(self, s: str) -> list[tuple[str, str, int]]:
        """(word, flag, offset) of a sentence, memoised: a sentence is tagged once per process."""
        if s not in self._memo:
            out, at = [], 0
            for w, flag in self.pos.lcut(s):
                out.append((w, flag, at))
                at += len(w)
            if len(self._memo) > 20000:
                self._memo.clear()
            self._memo[s] = out
        return self._memo[s]

    def name_after(self, s: str, at: int) -> bool:
        """A personal name starts at s[at]: two Chinese characters that are not a common word and do not
        start with a function word (「负责人及业务骨干」: 及 joins, it names no one)."""
        two = s[at : at + 2]
        return (
            len(two) == 2
            and all("\u4e00" <= ch <= "\u9fff" for ch in two)
            and self.freq.get(two, 0) < NAME_FREQ
            and not self.pos.word_tag_tab.get(two[0], "n").startswith(FUNCTION_FLAGS)
        )

    def titled(self, s: str) -> list[tuple[int, int]]:
        """A title followed by a name: 处长李红梅, 副主任沈立新 (the span ends after the name's first two)."""
        out = []
        for role in words("role"):
            at = s.find(role)
            while at >= 0:
                end = at + len(role)
                # (「专家组对…」: 专家组 is a word of the language, 组对 no name after the title 专家)
                if self.name_after(s, end) and not self.freq.get(s[at : end + 1]):
                    out.append((at, end + 2))
                at = s.find(role, end)
        return out

    def persons(self, s: str) -> list[tuple[int, int]]:
        """A titled name, or a word jieba tags as a person's name that starts with a family name (惠民 of
        便民惠民 and 特邀 are tagged names too)."""
        family = words("surname")
        tagged = [
            (o, o + len(w))
            for w, flag, o in self.tagged(s)
            if flag.startswith("nr")
            and w.startswith(family)
            and (2 <= len(w) <= 3 or (len(w) == 4 and w[:2] in family))  # 欧阳明华; not 安全检查
        ]
        return self.titled(s) + tagged

    def organisations(self, s: str) -> list[tuple[int, int]]:
        """An organisation: jieba's nt, or a run of nouns (names of the index's dictionary, tagged x,
        included) ending as organisations do — 健康医疗大数据学会, 中国移动南京分公司, 溧水区人民医院."""
        toks = self.tagged(s)
        tails = words("name_tail")
        out = [(o, o + len(w)) for w, flag, o in toks if flag == "nt"]
        start = None
        for w, flag, o in toks:
            if flag[:1] in NAME_PARTS and w.strip() and w not in CLAUSE_ENDS + "、《》“”\"'()（）":
                start = o if start is None else start
                if o + len(w) - start >= 3 and any(w.endswith(t) for t in tails):
                    out.append((start, o + len(w)))
            else:
                start = None
        return out

    def named_organisations(self, s: str) -> list[tuple[int, int]]:
        """Bodies named as such (溧水区人民医院, 中国移动南京分公司), not kinds of them (三级医院, 市属医院)."""
        out = set()
        for a, b in self.organisations(s):
            name = s[a:b]
            for w in words("not_a_name"):
                name = name.removeprefix(w)
            if len(name) >= NAMED:
                out.add((b - len(name), b))
        # the longest of names inside one another (南京分公司 within 中国移动…南京分公司)
        return sorted(x for x in out if not any(y != x and y[0] <= x[0] and x[1] <= y[1] for y in out))

    def places(self, s: str) -> list[tuple[int, int]]:
        """A place that something happens at or someone goes to: 在/赴/到/走访… followed by a noun in the
        same clause (在郑州, 在三楼会议室, 走访了…邵逸夫医院). A bare place name is no answer to 「在哪」:
        「南京邮电大学的专家」 names where the experts come from."""
        out = []
        toks = self.tagged(s)
        for i, (w, _, o) in enumerate(toks):
            if w in words("place_in"):
                for w2, flag2, o2 in toks[i + 1 : i + 6]:
                    if w2 in CLAUSE_ENDS:
                        break
                    # a noun, or a name of the index's dictionary (南京市第一医院, tagged x)
                    if flag2.startswith("n") or (flag2 == "x" and len(w2) >= 3 and w2.isalnum()):
                        out.append((o, o2 + len(w2)))
                        break
        return out

    def words_in(self, s: str, kind: str) -> list[tuple[int, int]]:
        """Where words of `kind` stand in s as whole words: 计划 is not in 计划生育, 将 is in 将在."""
        toks = self.tagged(s)
        starts = {o for _, _, o in toks}
        ends = {o + len(w) for w, _, o in toks}
        out = []
        for w in words(kind):
            at = s.find(w)
            while at >= 0:
                if at in starts and at + len(w) in ends:
                    out.append((at, at + len(w)))
                at = s.find(w, at + 1)
        return out

    def purposes(self, s: str) -> list[tuple[int, int]]:
        """A purpose: 旨在/为了… anywhere, a clause opened by 为 + a verb (为切实做好…, 为方便…), or one
        saying what a thing is a means of (「…是减少重复检查的重要举措」); 为 + an idiom (为贯彻落实) too."""
        out = self.words_in(s, "purpose_in")
        for a, b in clauses(s):
            body = s[a:b].rstrip("，；：,;:。！？!? ")
            if "是" in body and "的" in body[body.find("是") :] and body.endswith(words("means_in")):
                out.append((a, b))
            toks = self.tagged(s[a:b].lstrip())
            if len(toks) > 1 and toks[0][0] == "为" and toks[1][1][:1] in ("v", "a", "l", "d", "i"):
                out.append((a, b))
        return out

    def figures(self, s: str, want: str = "") -> list[tuple[int, int]]:
        """Figures in s; with `want`, only those counted in it (or an equivalent counter)."""
        ok = SAME_COUNTER.get(want, want)
        out = []
        for m in number_re().finditer(s):
            unit = m.group(2) or m.group(3) or ""
            after = s[m.end() :].lstrip()
            if after[:1] in RANGE_MARKS:  # 「1-8月」「9月19日至21日」: the first end of a range of dates
                rest = after[1:].lstrip()
                digits = len(rest) - len(rest.lstrip("0123456789"))
                after = rest[digits:] if digits else after
            ordinal = s[: m.start()].endswith("第")
            if (ordinal and (not unit or unit in words("occurrence_counter"))) or (
                not unit and after[:1] in DATE_UNITS
            ):
                continue  # 「11月中旬」「2025年」「第3期」「第二次停机」: a date or an ordinal, not a figure
                # (「第3家互联网医院」 answers 「第几家」)
            if not want or (unit and (unit == want or unit in ok)):
                out.append(m.span())
        return out

    def items(self, ask: Ask, s: str, spans: list[tuple[int, int]] | None = None) -> int:
        """How many of the asked things s names: its spans (given, or found), and the items enumerated
        in their clauses (、, or quoted names one after another: “办事指南”“卫生法规”)."""
        spans = self.spans(ask, s) if spans is None else spans
        listed = sum(
            s[a:b].count("、") + s[a:b].count("”“") + s[a:b].count("」「")
            for a, b in clauses(s)
            if any(a <= x < b for x, _ in spans)
        )
        return len(spans) + listed

    def done(self, s: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The spans outside any clause of s that says what will or must happen (将, 计划, 要求)."""
        undone = [(a, b) for a, b in clauses(s) if any(a <= x < b for x, _ in self.words_in(s, "not_done"))]
        # 「他要求…四项工作：一是…达到70%以上」: what a clause of requirements announces is required too
        undone += [(b, len(s)) for a, b in undone if s[a:b].rstrip().endswith((":", "："))]
        return [sp for sp in spans if not any(a <= sp[0] < b for a, b in undone)]

    def spans(self, ask: Ask, s: str) -> list[tuple[int, int]]:
        """Where in sentence s the kind of thing asked for is; [] when s does not hold it."""
        k = ask.kind
        if k == "phone":
            return [m.span() for m in PHONE.finditer(s)]
        if k == "opinion":
            return self.words_in(s, "opinion_in")
        if k == "future":
            got = self.words_in(s, "future_in")
            return got if not ask.counter or self.figures(s, ask.counter) else []
        if k == "said":
            # a speech verb, or what follows a colon in quotes (「…上批示：“…”」): the words said
            return self.words_in(s, "said_in") + [(m.start(), len(s)) for m in QUOTED.finditer(s)]
        if k == "formula":
            # a formula's signs are found anywhere (完成率=完成人次/发起人次), its words as words
            signs = [(a, a + len(w)) for w in words("formula_sign") for a in positions(s, w)]
            return signs + self.words_in(s, "formula_in")
        if k == "purpose":
            return self.purposes(s)
        if k == "why":
            return self.words_in(s, "why_in")
        if k == "money":
            return [sp for sp in self.figures(s) if "元" in s[sp[0] : sp[1]]]
        if k == "day":
            return [m.span() for m in WHEN.finditer(s) if m.group(1) or m.group(2)]
        if k == "when":
            return [m.span() for m in WHEN.finditer(s)] + self.words_in(s, "when_in")
        if k == "who":
            return self.persons(s)
        if k == "org":
            return self.organisations(s)
        if k == "where":
            return self.places(s)
        if k == "count":
            return self.figures(s, ask.counter)
        if k == "share":
            return [
                m.span()
                for m in re.finditer(
                    r"\d+(?:\.\d+)?\s*[%％]|百分之[\d一二三四五六七八九十点]+|[一二三四五六七八九]成", s
                )
            ]
        if k == "number":
            return self.figures(s)
        if k == "list" and ask.counter == "家":
            return self.named_organisations(s)  # 「哪几家」: bodies named, not 三级医院 in general
        if k == "list":
            enumeration = [(i, i + 1) for i, ch in enumerate(s) if ch == "、"]
            enumeration += [m.span() for m in re.finditer("”“|」「", s)]  # “办事指南”“卫生法规”
            quoted = [m.span() for m in QUOTED_NAME.finditer(s)]
            if len(quoted) >= 2 and not re.search("”“|」「", s):  # (names side by side are counted above)
                enumeration += quoted  # “预约挂号平台”获评一等奖，“移动护理信息系统”获评三等奖
            return self.words_in(s, "list_in") + self.words_in(s, "list_and") + enumeration
        if k == "result":
            undone = {a for a, b in clauses(s) for x, _ in self.words_in(s, "not_done") if a <= x < b}
            return [
                sp
                for sp in self.words_in(s, "result_in")
                if not any(a <= sp[0] < b for a, b in clauses(s) if a in undone)
            ]
        return []
