"""The text path's vocabulary, read once from `qa/data/text_words.tsv` (questions), `parse_words.tsv`
(what the parser reads) and `counters.txt`.

Every word list the text path uses lives in those files (one place): code asks for a kind of word
(`words("why_in")`) and never spells the words itself.
"""

from __future__ import annotations

from functools import lru_cache

from qa.lexicon import DATA, read_tsv

FILES = ("text_words.tsv", "parse_words.tsv")


@lru_cache(maxsize=1)
def _table() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name in FILES:
        for row in read_tsv(name):
            if len(row) < 2:
                raise ValueError(f"{name}: a row needs a kind and words, got {row!r}")
            out.setdefault(row[0], []).extend(w for w in row[1].split("|") if w)
    return out


@lru_cache(maxsize=64)
def words(kind: str) -> tuple[str, ...]:
    """The words of one kind, longest first (so 副主任 is tried before 主任); KeyError names the kind."""
    table = _table()
    if kind not in table:
        raise KeyError(f"no word kind {kind!r} in qa/data/text_words.tsv")
    return tuple(sorted(dict.fromkeys(table[kind]), key=len, reverse=True))


@lru_cache(maxsize=1)
def counters() -> tuple[str, ...]:
    """Counters and units a printed figure carries (个, 人次, %, 万元 …), longest first."""
    lines = (DATA / "counters.txt").read_text(encoding="utf-8").splitlines()
    got = [w.strip() for w in lines if w.strip() and not w.startswith("#")]
    return tuple(sorted(dict.fromkeys(got), key=len, reverse=True))


def found(text: str, kind: str) -> list[str]:
    """Words of `kind` that occur in `text`, longest first, without those inside a longer one found."""
    out: list[str] = []
    for w in words(kind):
        if w in text and not any(w in longer for longer in out):
            out.append(w)
    return out


@lru_cache(maxsize=1)
def _confusable_groups() -> tuple[str, ...]:
    lines = (DATA / "confusables.txt").read_text(encoding="utf-8").splitlines()
    return tuple(g.strip() for g in lines if g.strip() and not g.startswith("#"))


@lru_cache(maxsize=8192)
def alike(a: str, b: str) -> bool:
    """Two Chinese characters typed for each other: a reading in common (tones ignored: 连/联, 珍/诊) or
    a look-alike pair of `qa/data/confusables.txt` (己/已). Digits and Latin letters never are."""
    if a == b or not ("\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff"):
        return False
    if any(a in g and b in g for g in _confusable_groups()):
        return True
    from pypinyin import Style, pinyin

    ra = set(pinyin(a, style=Style.NORMAL, heteronym=True)[0])
    rb = set(pinyin(b, style=Style.NORMAL, heteronym=True)[0])
    if ra & rb:
        return True
    # fuzzy only between the readings people mean (已 is yi, not its rare si)
    return _fuzzy(pinyin(a, style=Style.NORMAL)[0][0]) == _fuzzy(pinyin(b, style=Style.NORMAL)[0][0])


def _fuzzy(reading: str) -> str:
    """A reading as input methods' fuzzy pinyin hears it: front and back nasals (pin/ping, zhen/zheng)
    and flat and curled initials (zi/zhi, ci/chi, si/shi) are one — the slips people type (视屏 for 视频)."""
    r = reading
    for curled, flat in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if r.startswith(curled):
            r = flat + r[len(curled) :]
    return r[:-1] if r.endswith(("ing", "eng", "ang")) else r


def positions(text: str, w: str) -> list[int]:
    """Every position where w starts in text (overlapping ones too)."""
    out, at = [], text.find(w)
    while at >= 0:
        out.append(at)
        at = text.find(w, at + 1)
    return out
