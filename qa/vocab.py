"""The index's words as the answerers need them: a question's content words, their weight, and how
much of each a passage carries.

Weights come from the corpus (BM25 idf) and jieba's part of speech, not from lists grown per question
set: a word no bulletin contains counts as missing content only if it is a noun (院长, 床位数); an
unknown verb, adverb or pronoun (查到, 以后, 那边) asks nothing the bulletins could lack.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from qa.asks import Evidence, holds_title, number_re
from qa.index import Index
from qa.lexicon import QUOTE_PAIRS, normalize, read_tsv
from qa.words import alike, counters, words

TYPE_WORDS = (
    "ask_purpose",
    "ask_why",
    "ask_when",
    "ask_day",
    "ask_where",
    "ask_who",
    "ask_title",
    "ask_name",
    "ask_said",
    "ask_act",
    "ask_opinion",
)
UNKNOWN_WEIGHT = 0.5  # a noun no bulletin contains weighs half the rarest known word
CONTENT_FLAGS = ("n", "x", "eng", "j", "l", "i", "vn", "nz", "s")  # unknown words of these kinds still count
NOUN_FLAGS = ("n", "vn", "j")
COMMON = 50  # a word jieba's dictionary has at least this often is a word of the language, not a join
PLACE_TIME_FUNCTION = ("t", "f", "r", "d", "p", "c", "u", "y", "e", "o", "q")  # words that name nothing
TYPO_MIN = 3  # a slipped word this long (互连网) is corrected alone; a shorter one with the word beside it


JOINED_GLUE = "是的了有"  # one character jieba may join to the word before it (卡有 of 「健康卡有哪些」)
QUOTES = str.maketrans("", "", "".join(a + b for a, b in QUOTE_PAIRS))


def unquoted(text: str) -> str:
    """Text without quotation marks: a name printed in quotes and the word after it (「"秦淮家医"App」) are
    asked as one word."""
    return text.translate(QUOTES)


def counter_cut(text: str) -> str:
    """「多少人来了」: a comma after the counter that follows a question word, so jieba cannot join the
    counter to the next word (人来) and no sentence is chosen for 「一行4人来我中心」."""
    for w in words("ask_number"):
        at = text.find(w)
        while at >= 0:
            end = at + len(w)
            c = next((c for c in counters() if text.startswith(c, end)), "")
            if c and end + len(c) < len(text) and text[end + len(c)] != "，":
                text = text[: end + len(c)] + "，" + text[end + len(c) :]
            at = text.find(w, end)
    return text


def chinese(t: str) -> bool:
    """All Chinese characters: only such words are slips of a corpus word or bodies before a title."""
    return bool(t) and all("\u4e00" <= ch <= "\u9fff" for ch in t)


@lru_cache(maxsize=1)
def text_synonyms() -> dict[str, list[str]]:
    return {normalize(a): [normalize(x) for x in b.split("|")] for a, b in read_tsv("text_synonyms.tsv")}


class Vocab:
    """Words of one index: jieba with its dictionary, part of speech, idf, the corpus text, aliases."""

    def __init__(self, index: Index):
        self.index = index
        self.tokenizer = index.tokenizer
        self.idf = index.bm25.idf
        self.max_idf = max(self.idf.values()) if self.idf else 1.0
        self.corpus_text = normalize(" ".join(c.text + " " + c.section for c in index.chunks))
        # the same without quotes: 「健康南京APP」 is what 「"健康南京"APP」 prints
        self.bare_text = unquoted(self.corpus_text)
        self.aliases_of: dict[str, list[str]] = {}
        for alias, key in index.catalogue.aliases.items():
            if len(alias) >= 3:
                self.aliases_of.setdefault(key, []).append(alias)
        self._parts_memo: dict[str, list[str]] = {}
        self._flags: dict[str, str] = {}

    @cached_property
    def domain_terms(self) -> set[str]:
        """The domain's terms of qa/data/userdict.txt (电子病历, 互联互通), normalised."""
        return {normalize(row[0].split()[0]) for row in read_tsv("userdict.txt")}

    # -- loaded on first use: table answers never need them ------------------------------------------
    @cached_property
    def pos(self):
        import jieba.posseg

        return jieba.posseg.POSTokenizer(self.tokenizer.jieba)

    @cached_property
    def evidence(self) -> Evidence:
        return Evidence(self.pos, self.tokenizer.jieba.FREQ)

    @cached_property
    def persons(self) -> set[str]:
        """Names the bulletins print after a title (科长马静, 副主任沈立新): their first two characters."""
        return {
            text[end - 2 : end]
            for c in self.index.chunks
            for text in [normalize(c.text)]
            for _, end in self.evidence.titled(text)
        }

    # -- question words ----------------------------------------------------------------------------
    @cached_property
    def _shapes(self) -> dict[tuple[int, str], list[str]]:
        """Corpus words by each one-character gap: (1, 互?网) → [互联网], (0, ?约) → [预约, 节约 …]."""
        out: dict[tuple[int, str], list[str]] = {}
        for w in self.idf:
            if len(w) >= 2 and chinese(w):
                for i in range(len(w)):
                    out.setdefault((i, w[:i] + "?" + w[i + 1 :]), []).append(w)
        return out

    def slips(self, t: str) -> set[str]:
        """Corpus words that t is one character typed for another of (sounds or looks the same)."""
        return {
            w
            for i in range(len(t))
            for w in self._shapes.get((i, t[:i] + "?" + t[i + 1 :]), [])
            if alike(t[i], w[i])
        }

    def correct(self, text: str) -> str:
        """Text with each word the bulletins never print that is a slip of one they do — one character
        typed for another that sounds or looks the same — written as they print it: 互连网 → 互联网 (a
        word of three characters or more, when only one word is that near), 在线服诊 → 在线复诊, 语约挂号 →
        预约挂号 (two characters: only when the word beside it confirms it, as the bulletins print the
        two together). Names are never corrected (李宏 is not 李红: a name no bulletin prints is
        refused, not guessed), nor hospitals and districts of the catalogue. Length is kept, so the
        scope's positions in the text still hold."""
        pairs = self.pos.lcut(text)
        toks, flags = [p.word for p in pairs], [p.flag for p in pairs]
        out = list(toks)
        for i, t in enumerate(toks):
            if (
                len(t) < 2
                or not chinese(t)
                or t in self.corpus_text
                or t in self.index.catalogue.aliases
                or flags[i].startswith(("nr", "ns", "nt", "m", "q"))  # 六个 is a count, never 六合
            ):
                continue
            near = self.slips(t)
            if len(t) < TYPO_MIN:
                before, after = (toks[i - 1] if i else ""), (toks[i + 1] if i + 1 < len(toks) else "")
                near = {
                    w
                    for w in near
                    if (before and before + w in self.corpus_text)
                    or (after and w + after in self.corpus_text)
                }
            if len(near) == 1:
                out[i] = near.pop()
        return "".join(out)

    def content(self, text: str) -> list[str]:
        """The words of a question that say what it is about: no fillers, question words or bare counts."""
        # what kind of answer is asked (原因, 目的, 地点, 截止时间) says nothing of what it is about
        filler = set(words("filler")).union(*(words(k) for k in TYPE_WORDS))
        asking = [w for k in TYPE_WORDS for w in words(k) if w in text]
        marks = words("question_mark")
        out = []
        toks = self.recut(self.titles_whole(self.tokenizer.words(counter_cut(self.rejoined(text)))))
        planned = self.intents(toks)
        toks = [
            t[:-1]
            if (len(t) >= 3 or t.endswith("了"))
            and t[-1] in JOINED_GLUE
            and t not in self.bare_text
            and t[:-1] in self.bare_text
            else t
            for t in toks
        ]  # 「吴浩是什么职务」: the name, not jieba's join of it with 是; 「提了」: 提
        for t in dict.fromkeys(toks):
            if any(t in w for w in asking) or t in planned:
                continue  # 「计划发多少张」: the plan's figure is asked, not a 计划
            count = number_re().fullmatch(t)
            if count and (t.isdigit() or (count.group(2) or count.group(3)) in words("ordinal_counter")):
                count = None  # 4128, 12320, 五级 name something
            if t in filler or any(m in t for m in marks) or count:
                continue  # 三家, 7个 are how much, not what
            out.append(t)
        return out

    def rejoined(self, text: str) -> str:
        """A verb and its object parted by 的 joined again where the bulletins print them as one word: 「谁带的
        队」 is 带队, 「谁讲的话」 讲话 (a word the index holds, the first character a verb; never a guess)."""

        def join(m: re.Match) -> str:
            a, b = m.group(1), m.group(2)
            return a + b if a + b in self.idf and (self.flag(a) or "").startswith("v") else m.group(0)

        return re.sub(r"([\u4e00-\u9fff])的([\u4e00-\u9fff])", join, text)

    def recut(self, toks: list[str]) -> list[str]:
        """Words cut one character late put right (电子健康|卡用 → 电子健康卡|用): where a word the bulletins
        print ends with the next token's first character and the token is no word of theirs nor of the
        language (推进|会上 stays) — a word of theirs, not a stretch of their text (二期|建些 stays: 二期建 is
        only the start of 二期建设)."""
        out = list(toks)
        for k in range(1, len(out)):
            a, b = out[k - 1], out[k]
            if (
                len(b) >= 2
                and len(a) >= 2
                and b not in self.bare_text
                and not self.in_dictionary(b)
                and a + b[0] in self.idf
            ):
                out[k - 1], out[k] = a + b[0], b[1:]
            elif (
                len(a) == 2
                and len(b) >= 2
                and self.thing(a)
                and self.flag(a[0]).startswith(PLACE_TIME_FUNCTION)
                and a not in self.bare_text
                and a[1] + b in self.bare_text
                and self.in_dictionary(b)
            ):
                # 检查|后市|卫生局 → 后|市卫生局: a word of the language (后市) the bulletins never print, its
                # first character a word of place or time (后), its last beginning, with the next word, a name
                # they print (矿区|医院 stays: 矿 is no such word)
                out[k - 1], out[k] = a[0], a[1] + b
        return out

    @staticmethod
    def titles_whole(toks: list[str]) -> list[str]:
        """Words with a title jieba cut in two put back together (副/主任 → 副主任): 副主任 is asked, not 主任."""
        roles = set(words("role"))
        out: list[str] = []
        for t in toks:
            if out and out[-1] + t in roles:
                out[-1] += t
            else:
                out.append(t)
        return out

    @staticmethod
    def phrases(toks: list[str]) -> list[str]:
        """Words with a phrase of text_synonyms.tsv that jieba cut in two put back together (疫情/防控 →
        疫情防控), so that the phrase's synonyms apply."""
        keys = text_synonyms()
        out: list[str] = []
        for t in toks:
            if out and out[-1] + t in keys:
                out[-1] += t
            else:
                out.append(t)
        return out

    @staticmethod
    def asking(t: str) -> bool:
        """A word that says what kind of answer is asked (原因, 目的, 地点, 名字), not what it is about."""
        return any(t in words(k) for k in TYPE_WORDS)

    def flag(self, t: str) -> str:
        """Part of speech of a word on its own; a word jieba only made up by joining two (区去) takes the
        last one's, the head of a Chinese phrase (床位数 → 数: a noun; 区去 → 去: a verb)."""
        if t not in self._flags:
            tagged = self.pos.lcut(t)
            self._flags[t] = tagged[-1].flag if tagged else "x"
        return self._flags[t]

    def intents(self, toks: list[str]) -> set[str]:
        """Intention words before a verb (「计划发」「打算接入」): the figure asked is a plan's."""
        return {t for t, nxt in zip(toks, toks[1:], strict=False) if t in words("intent") and self.verb(nxt)}

    def verb(self, t: str) -> bool:
        """A verb on its own (发, 建设): what an intention word before it plans."""
        return self.flag(t).startswith("v") and not self.flag(t).startswith("vn")

    def naming(self, t: str) -> bool:
        """A word that names something (noun, verb, name, term), not a time or place word (会上, 以后):
        only such a word, the rarest of the question, must be in the answering passage."""
        return not self.flag(t).startswith(PLACE_TIME_FUNCTION)

    def in_dictionary(self, t: str) -> bool:
        """A word of the language's dictionary (通报批评), not one jieba made up by joining characters."""
        return (self.tokenizer.jieba.FREQ.get(t) or 0) > 0

    def thing(self, t: str) -> bool:
        """A noun of the language (院长, 罚款, 床位数 of 床位): jieba tags it so and knows it or its parts as
        words; not a join made on the fly (天用, 新加)."""
        freq = self.tokenizer.jieba.FREQ

        def common(w: str) -> bool:
            return (freq.get(w) or 0) >= COMMON

        return self.flag(t).startswith(NOUN_FLAGS) and (common(t) or any(common(p) for p in self.parts(t)))

    def known(self, t: str) -> bool:
        """The corpus has the word, a synonym of it, or every part of it (标准分 is jieba's join of the
        标准 the bulletins print and 分)."""
        t = t.lower()  # the corpus text is normalised (lower case): 「APP」 is 「app」
        if t in self.bare_text or any(s in self.bare_text for s in text_synonyms().get(t, [])):
            return True
        if len(t) >= 3 and t[-1] in JOINED_GLUE and self.known(t[:-1]):
            return True  # 「吴浩是什么职务」: jieba joined the name and 是
        if len(t) >= 2 and t[0] in counters() and t[1:] in self.bare_text:
            return True  # 「发了多少张卡」: the counter and the thing counted, joined
        parts = self.parts(t)
        return bool(parts) and all(p in self.corpus_text for p in parts)

    def weight(self, t: str) -> float:
        """idf for a corpus word; for a word no bulletin has, half the rarest's if it names something
        (罚款, 院长, 床位数) and nothing if it is a function word (那边, 以后), one character (搞, 接) or a
        verb jieba joined on the fly (查到, 推到, 区去)."""
        if t in self.idf:
            return self.idf[t]
        if self.known(t):
            return self.max_idf * UNKNOWN_WEIGHT
        flag = self.flag(t)
        if len(t) < 2 or flag.startswith(PLACE_TIME_FUNCTION):
            return 0.0
        if (self.tokenizer.jieba.FREQ.get(t) or 0) >= COMMON:
            return self.max_idf * UNKNOWN_WEIGHT
        # not a word of the language: a join jieba made; it names something only if all of it does
        # (床位数 = 床位 + 数), not 跟市 (跟 + 市) or 区去 (区 + 去)
        if all(p.flag.startswith(CONTENT_FLAGS) for p in self.pos.lcut(t)):
            return self.max_idf * UNKNOWN_WEIGHT
        return 0.0

    def parts(self, t: str) -> list[str]:
        """The sub-words of a question word (安全检查 → 安全, 检查), split once per word."""
        if t not in self._parts_memo:
            self._parts_memo[t] = [
                p for p in self.tokenizer.jieba.lcut_for_search(t) if p != t and len(p) >= 2
            ]
        return self._parts_memo[t]

    def tail_left(self, t: str) -> str:
        """The one character a word's longest part leaves at its end (费 of 培训费), or ""."""
        head = max(self.parts(t), key=len, default="")
        return t[len(head) :] if head and t.startswith(head) and len(t) == len(head) + 1 else ""

    def match(self, t: str, ctx: str) -> float:
        """How much of question word t the context carries: whole, via a synonym, or by its parts.
        A title must be that title (主任 is not matched by 副主任)."""
        if t in words("role"):
            return 1.0 if holds_title(ctx, t) else 0.0
        if t in ctx or t in unquoted(ctx):
            return 1.0
        if any(s and s in ctx for s in text_synonyms().get(t, [])):
            return 0.9
        key = self.index.catalogue.aliases.get(t)
        if key is not None:
            # A hospital or district: another alias of the same one, never a part of its name
            # (江苏省人民医院 is not in 「江苏省老年病医院、高淳人民医院」).
            return 1.0 if any(a in ctx for a in self.aliases_of.get(key, [t])) else 0.0
        parts = self.parts(t)
        if parts:
            return 0.7 * sum(p in ctx for p in parts) / len(parts)
        return 0.0

    def coverage(self, tokens: list[str], ctx: str) -> float:
        """The weighted share of the question's words a context carries."""
        weights = {t: self.weight(t) for t in tokens}
        total = sum(weights.values()) or 1.0
        return sum(w * self.match(t, ctx) for t, w in weights.items() if w) / total
