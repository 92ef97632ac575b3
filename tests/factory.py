"""Deterministic generator of realistic 南京卫生信息化简报 text exports plus gold questions.

Pure stdlib, no project imports.  Main API:

    make_bulletin(year, number, running, seed, *, layout="tab", split_at=(21, 19),
                  extra_column=False, omit_sections=(), repeat_header=True) -> Issue
    write_corpus(dirpath, n, start=(2024, 1)) -> list[Path]
    questions(issue, prefix) -> list[dict]           (dev_questions.jsonl format)
    running_for(year, month) -> int                  (161 == 2025-07, one issue a month)
    build_fixtures(tests_dir)                        (rewrites tests/fixtures + tests/eval/generated.jsonl)

Conventions copied from the real export (corpus/2025-07_第161期.txt):
  * the file starts with two empty lines and ends without a trailing newline;
  * every text line is followed by an empty line; table rows are consecutive lines;
  * issue ``number`` == publication month, the statistics are for the previous month;
  * decimals are printed with trailing zeros stripped (543099.4), never as integers;
  * the 12320 table's 合计 row has its label in the 序号 column and an empty 单位 cell;
  * the hospital table's first part prints 收入（千元） (full-width brackets), the
    continuation and the district table print 收入(千元);
  * 12320 在线预约 合计 == 健康南京 + 南京卫生 12320 微信 + 南京卫生 12320 网,
    快速预约 合计 == 12320 快速预约, 第三方 合计 == 我的南京客户端 (online table);
  * hotline: 咨询电话 == 咨询类+医疗投诉+电话预约+人工服务+心理危机干预+自助语音问答,
    自接工单 == 医疗投诉.

omit_sections accepts "简讯", "article1", "article2", "article3" (articles counted in
printed order before omission).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import json
import random
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

__all__ = [
    "Issue",
    "make_bulletin",
    "write_corpus",
    "questions",
    "running_for",
    "build_fixtures",
    "FIXTURES",
]

# ---------------------------------------------------------------------------------------------
# constants

TITLE = "南京卫生信息化简报"
PUBLISHER = "南京市卫生信息中心"
DISTRICTS = [
    "江宁区",
    "高淳区",
    "溧水区",
    "鼓楼区",
    "江北新区",
    "栖霞区",
    "雨花台区",
    "玄武区",
    "建邺区",
    "六合区",
    "浦口区",
    "秦淮区",
]

# (data-table name or None, appointment-table name or None, tier, kind)
#   tier 1 = large, 2 = medium, 3 = small;  kind: core / real / new
_POOL = [
    ("江苏省人民医院", "江苏省人民医院", 1, "core"),
    ("南京鼓楼医院", "南京鼓楼医院（含分院）", 1, "core"),
    ("东南大学附属中大医院", "东南大学附属中大医院", 1, "core"),
    ("江苏省中医院", "江苏省中医院", 1, "core"),
    ("南京市第一医院", "南京市第一医院", 1, "core"),
    ("南京市儿童医院", "南京市儿童医院", 1, "core"),
    ("东部战区总医院", None, 1, "core"),
    ("南京市中医院", "南京市中医院", 2, "core"),
    ("南京市妇幼保健院", "南京市妇幼保健院（含分院）", 2, "core"),
    ("南京市第二医院", "南京市第二医院", 2, "real"),
    ("南京医科大学第二附属医院", "南京医科大学第二附属医院", 2, "real"),
    ("南京市江宁医院", None, 2, "real"),
    ("南京明基医院", "南京明基医院", 2, "real"),
    ("南京市高淳人民医院", "南京市高淳人民医院", 2, "real"),
    ("南京医科大学第四附属医院", "南京医科大学第四附属医院(京新)", 2, "real"),
    ("江苏省中西医结合医院", "江苏省中西医结合医院", 2, "real"),
    ("南京脑科医院", None, 2, "real"),
    ("江苏省肿瘤医院", "江苏省肿瘤医院", 2, "real"),
    ("南京同仁医院", "南京同仁医院", 2, "real"),
    ("南京市六合区人民医院", "南京市六合区人民医院", 3, "real"),
    ("中国医学科学院皮肤病研究所", "中国医学科学院皮肤病研究所", 2, "real"),
    ("江苏省第二中医院", "江苏省第二中医院", 3, "real"),
    ("江苏省省级机关医院", "江苏省省级机关医院", 3, "real"),
    ("南京江北医院", "南京江北医院", 3, "real"),
    ("南京市中西医结合医院", "南京市中西医结合医院", 3, "real"),
    ("南京市口腔医院", "南京市口腔医院", 3, "real"),
    ("南京市溧水区人民医院", None, 3, "real"),
    ("南京医科大学附属逸夫医院", "南京医科大学附属逸夫医院", 3, "real"),
    ("南京市浦口区中医院", None, 3, "real"),
    ("泰康仙林鼓楼医院", "泰康仙林鼓楼医院", 3, "real"),
    ("南京市江宁中医院", None, 3, "real"),
    ("南京市溧水区中医院", "南京市溧水区中医院", 3, "real"),
    ("南京市中心医院", "南京市中心医院", 3, "real"),
    ("江苏省口腔医院", "江苏省口腔医院", 3, "real"),
    ("南京市胸科医院", None, 3, "real"),
    ("南京市浦口人民医院", "南京市浦口人民医院", 3, "real"),
    ("南京医科大学附属眼科医院", "南京医科大学附属眼科医院", 3, "real"),
    ("东部战区空军医院", "东部战区空军医院", 3, "real"),
    ("南京一民医院", None, 3, "real"),
    (None, "南京雨花口腔医院", 3, "real"),
    (None, "南京市高淳中医院", 3, "real"),
    (None, "南京市栖霞区医院", 3, "real"),
    (None, "南京市职业病防治院", 3, "real"),
    (None, "南京梅山医院", 3, "real"),
    (None, "南京市雨花医院", 3, "real"),
    (None, "南京医科大学友谊整形外科医院", 3, "real"),
    # names that do not occur in the real bulletin's tables
    ("南京市第三医院", "南京市第三医院", 2, "new"),
    ("江苏省老年病医院", "江苏省老年病医院", 2, "new"),
    ("南京市秦淮医院", "南京市秦淮医院", 3, "new"),
    ("南京市溧水区妇幼保健院", None, 3, "new"),
    ("南京市建邺医院", "南京市建邺医院", 3, "new"),
    ("南京市玄武医院", "南京市玄武医院", 3, "new"),
    ("南京市六合区中医院", "南京市六合区中医院", 3, "new"),
    ("南京市栖霞区中医院", None, 3, "new"),
    ("南京市高淳区妇幼保健院", None, 3, "new"),
    ("江苏省妇幼保健院", "江苏省妇幼保健院", 2, "new"),
    ("南京市江北新区中医院", None, 3, "new"),
    ("南京市雨花台区中医院", "南京市雨花台区中医院", 3, "new"),
    ("南京市康复医院", None, 3, "new"),
]

# how staff call hospitals (first entry = preferred spoken form)
ALIASES = {
    "江苏省人民医院": ["省人医", "江苏省人民医院", "省人民医院"],
    "南京鼓楼医院": ["鼓楼医院", "南京鼓楼医院"],
    "东南大学附属中大医院": ["中大医院", "东南大学附属中大医院"],
    "南京市第一医院": ["市一医院", "南京市第一医院"],
    "江苏省中医院": ["省中医院", "江苏省中医院"],
    "南京市中医院": ["市中医院", "南京市中医院"],
    "南京市儿童医院": ["市儿童医院", "南京市儿童医院"],
    "江苏省肿瘤医院": ["省肿瘤医院", "江苏省肿瘤医院"],
    "江苏省口腔医院": ["省口腔医院", "江苏省口腔医院"],
    "南京市第二医院": ["市二医院", "南京市第二医院"],
    "南京脑科医院": ["脑科医院", "南京脑科医院"],
    "南京市妇幼保健院": ["市妇幼", "南京市妇幼保健院"],
}

TRAD = str.maketrans(
    {
        "苏": "蘇",
        "医": "醫",
        "楼": "樓",
        "东": "東",
        "学": "學",
        "属": "屬",
        "门": "門",
        "诊": "診",
        "数": "數",
        "据": "據",
        "区": "區",
        "预": "預",
        "约": "約",
        "总": "總",
        "计": "計",
        "号": "號",
        "宁": "寧",
        "儿": "兒",
        "妇": "婦",
        "肿": "腫",
        "脑": "腦",
        "实": "實",
        "时": "時",
        "传": "傳",
        "网": "網",
        "线": "線",
        "热": "熱",
        "这": "這",
        "么": "麼",
        "个": "個",
        "几": "幾",
        "华": "華",
        "们": "們",
        "哪": "哪",
        "药": "藥",
        "龙": "龍",
        "县": "縣",
        "开": "開",
        "问": "問",
        "间": "間",
        "术": "術",
        "务": "務",
    }
)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
CN_NUM = "零一二三四五六七八九十"

SURNAMES = list(
    "王李张刘杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕蒋蔡丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊陆郝孔崔"
)
GIVEN = [
    "建国",
    "海涛",
    "晓东",
    "丽华",
    "文杰",
    "志强",
    "静",
    "敏",
    "磊",
    "雪梅",
    "国平",
    "立新",
    "红霞",
    "卫东",
    "俊",
    "宏伟",
    "小燕",
    "明",
    "蕾",
    "慧",
    "一鸣",
    "思远",
    "晨",
    "佳",
    "永军",
    "春华",
    "秋萍",
    "天宇",
    "玉兰",
    "卫平",
    "志远",
    "亚楠",
    "伟",
    "琳",
    "昊",
    "浩然",
    "若溪",
    "学军",
    "庆林",
    "素梅",
    "金龙",
    "德华",
    "凤英",
    "宇航",
    "子涵",
    "新民",
    "恒",
    "露",
]
_REAL_PEOPLE = {
    "金小桃",
    "刘萍",
    "赵麟",
    "周勇",
    "李坚高",
    "舒婷",
    "顾东风",
    "高体健",
    "李凤芝",
    "武朋娜",
    "刘强",
    "胡天新",
    "吴斌",
    "秦静",
    "陈颖",
}
EDITORS = ["陈颖", "张琳", "吴昊", "陈颖"]
CITIES = ["马鞍山", "滁州", "扬州", "镇江", "淮安", "芜湖", "宣城"]


# ---------------------------------------------------------------------------------------------
# helpers


def running_for(year: int, month: int) -> int:
    """Running number of the issue published in year-month (2025-07 is 总第161期)."""
    return 161 + (year - 2025) * 12 + (month - 7)


def _prev_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _dec(cents: int) -> str:
    """Print an amount given in hundredths the way the bulletin does (trailing zeros stripped)."""
    neg = cents < 0
    cents = abs(cents)
    s = f"{cents // 100}.{cents % 100:02d}".rstrip("0").rstrip(".")
    return ("-" if neg else "") + s


def _dec_alts(cents: int) -> list[str]:
    a = _dec(cents)
    b = f"{cents // 100}.{cents % 100:02d}"
    return [a] if a == b else [a, b]


def num(raw: str) -> Decimal | None:
    """Parse a printed cell ("12/12" -> 12, "/" -> None)."""
    raw = raw.strip()
    if raw in ("", "/"):
        return None
    if "/" in raw:
        raw = raw.split("/")[0]
    return Decimal(raw.replace(",", ""))


def _cents(raw: str) -> int:
    return int((Decimal(raw) * 100).to_integral_value())


def _dw(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def _is_num(s: str) -> bool:
    return bool(s) and all(ch.isdigit() or ch in "./" for ch in s)


def _cn_count(n: int) -> str:
    if n <= 10:
        return CN_NUM[n]
    if n < 20:
        return "十" + (CN_NUM[n % 10] if n % 10 else "")
    if n < 100:
        return CN_NUM[n // 10] + "十" + (CN_NUM[n % 10] if n % 10 else "")
    return str(n)


def _count_alts(n: int, unit: str = "家") -> list[str]:
    return [f"{n}{unit}", f"{n} {unit}", f"{_cn_count(n)}{unit}"]


class _Names:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self) -> str:
        while True:
            n = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
            if n not in self.used and n not in _REAL_PEOPLE:
                self.used.add(n)
                return n


def _distinct(rng: random.Random, values: list[int], lo: int = 1) -> list[int]:
    seen: set[int] = set()
    out = []
    for v in values:
        while v in seen:
            v += rng.choice([-3, -2, -1, 1, 2, 3])
            v = max(v, lo)
        seen.add(v)
        out.append(v)
    return out


def _cents_nonround(rng: random.Random, c: int) -> int:
    if c % 100 == 0:
        c += rng.randint(1, 99)
    return c


# ---------------------------------------------------------------------------------------------
# the issue


@dataclass
class Issue:
    text: str
    facts: dict = field(default_factory=dict)

    @property
    def filename(self) -> str:
        f = self.facts
        return f"{f['published'][:7]}_第{f['running']}期.txt"


def _render_table(rows: list[list[str]], layout: str, group_rows: tuple[int, ...] = ()) -> list[str]:
    """rows -> lines. tab: cells joined by tabs. spaces: pdftotext -layout style."""
    if layout == "tab":
        return ["\t".join(r) for r in rows]
    ncol = max(len(r) for r in rows)
    width = [0] * ncol
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            if i in group_rows and j + 1 < len(r) and not r[j + 1]:
                continue  # a group label spans the empty cell after it
            width[j] = max(width[j], _dw(c))
    gap = 3
    pos = []
    p = 0
    for w in width:
        pos.append(p)
        p += w + gap
    lines = []
    for i, r in enumerate(rows):
        line = ""
        cur = 0
        for j, c in enumerate(r):
            if not c:
                continue
            start = pos[j]
            if _is_num(c) and i not in group_rows:
                start = pos[j] + width[j] - _dw(c)  # numbers right-aligned in their column
            if line and start < cur + 2:
                start = cur + 2
            line += " " * (start - cur) + c
            cur = start + _dw(c)
        lines.append(line.rstrip())
    return lines


def _split_paragraph(p: str) -> list[str]:
    """A paragraph broken by a page break at the marker ¦ (no punctuation before it)."""
    if "¦" not in p:
        return [p]
    a, b = p.split("¦", 1)
    assert a and unicodedata.category(a[-1]) == "Lo", a[-5:]
    return [a, b]


def make_bulletin(
    year: int,
    number: int,
    running: int,
    seed: int,
    *,
    layout: str = "tab",
    split_at: tuple[int, int] = (21, 19),
    extra_column: bool = False,
    omit_sections: tuple[str, ...] = (),
    repeat_header: bool = True,
    n_articles: int | None = None,
) -> Issue:
    if layout not in ("tab", "spaces"):
        raise ValueError(f"layout must be 'tab' or 'spaces', not {layout!r}")
    rng = random.Random(f"bulletin-{year}-{number}-{running}-{seed}")
    names = _Names(rng)
    dy, dm = _prev_month(year, number)
    ndays = calendar.monthrange(dy, dm)[1]
    # publication date: a weekday between the 20th and the 28th
    days = [d for d in range(20, 29) if _dt.date(year, number, d).weekday() < 5]
    pub_day = rng.choice(days)
    months_from_ref = (dy - 2025) * 12 + (dm - 6)

    # ---- hospital selection
    core = [p for p in _POOL if p[3] == "core"]
    real = [p for p in _POOL if p[3] == "real"]
    new = [p for p in _POOL if p[3] == "new"]
    n_new = rng.randint(4, 7)
    chosen_new = rng.sample(new, n_new)
    real_data = [p for p in real if p[0]]
    real_appt_only = [p for p in real if not p[0]]
    target = rng.randint(34, 40)
    n_real = max(0, min(len(real_data), target - len(core) - n_new))
    chosen_real = rng.sample(real_data, n_real)
    chosen_appt_only = rng.sample(real_appt_only, rng.randint(4, 7))
    selected = core + chosen_real + chosen_new + chosen_appt_only
    data_hosp = [p for p in selected if p[0]]
    appt_hosp = []
    for p in selected:
        if not p[1]:
            continue
        if p[0] == "江苏省中医院" and rng.random() < 0.6:
            continue
        if p[3] != "core" and p[0] and rng.random() < 0.1:
            continue
        appt_hosp.append(p)

    # ---- hospital data table
    hosp_rows = _gen_hosp_rows(rng, data_hosp, ndays, extra_column)
    hosp_rows.sort(key=lambda r: -r["upload"])
    # ---- district table
    dist_rows = _gen_district_rows(rng, ndays)
    # ---- appointments
    appt_rows = _gen_appt_rows(rng, appt_hosp)
    appt_rows.sort(key=lambda r: -r["total"])
    tot = {k: sum(r[k] for r in appt_rows) for k in ("online", "quick", "clinic", "third", "total")}
    # online channels: 12320 在线预约 = 健康南京 + 微信 + 网
    web = rng.randint(150, 420)
    wx = int((tot["online"] - web) * rng.uniform(0.38, 0.47))
    while True:
        app = tot["online"] - web - wx
        channels = [
            ("健康南京", app),
            ("南京卫生 12320 微信", wx),
            ("我的南京客户端", tot["third"]),
            ("12320 快速预约", tot["quick"]),
            ("南京卫生 12320 网", web),
        ]
        if len({v for _, v in channels}) == len(channels):
            break
        wx += 1  # keep 健康南京 + 微信 + 网 == 12320 在线预约 合计 exact, just avoid ties
    channels.sort(key=lambda c: -c[1])
    online_total = sum(v for _, v in channels)

    # ---- hotline
    hl = _gen_hotline(rng)
    cum_appt = 37624706 + months_from_ref * 95000 + rng.randint(0, 900) * (1 if months_from_ref else 0)
    cum_data_c = 31928 + months_from_ref * 360 + (rng.randint(1, 30) if months_from_ref else 0)
    if cum_data_c % 10 == 0:
        cum_data_c += 1
    cum_data = _dec(cum_data_c)

    # ---- news
    ctx = {
        "year": year,
        "month": number,
        "pub_day": pub_day,
        "dy": dy,
        "dm": dm,
        "hospitals": [p[0] for p in data_hosp],
        "names": names,
        "running": running,
    }
    n_art = n_articles or rng.choice([2, 3, 3])
    tmpl = rng.sample(_ARTICLES, n_art)
    articles = [t(rng, ctx) for t in tmpl]
    keep = [a for i, a in enumerate(articles) if f"article{i + 1}" not in omit_sections]
    briefs = [] if "简讯" in omit_sections else [b(rng, ctx) for b in rng.sample(_BRIEFS, rng.choice([2, 3]))]
    editor = rng.choice(EDITORS)
    copies = rng.randrange(200, 262, 2)

    # =========================== text
    dtag = f"{dy} 年 {dm} 月"
    out: list[str] = [
        TITLE,
        f"{year}年第{number}期（总第{running}期）",
        f"{PUBLISHER} 编印",
        f"{year}年{number}月{pub_day}日",
    ]
    broken = False
    for a in keep:
        out.append(a["headline"])
        for para in a["paragraphs"]:
            if "¦" in para and not broken:
                out.extend(_split_paragraph(para))
                broken = True
            else:
                out.append(para.replace("¦", ""))
    out.append("统计数据")
    out.append(f"南京 12320 卫生热线 {dtag}数据统计")
    out.append(
        f"{dtag}，南京 12320 卫生热线共受理咨询电话 {hl['咨询电话']} 个，其中咨询类 {hl['咨询类']} 个、"
        f"医疗投诉 {hl['医疗投诉']} 个、电话预约 {hl['电话预约']} 个、人工服务 {hl['人工服务']} 通、"
        f"心理危机干预 {hl['心理危机干预']} 通、自助语音问答 {hl['自助语音问答']} 个，"
        f"受理市 12345 工单 {hl['市12345工单']} 件，省 12345 工单 {hl['省12345工单']} 件，"
        f"自接工单 {hl['自接工单']} 件。"
    )

    # table 1
    t1_title = f"{dtag} 12320 预约挂号服务统计"
    t1_head = ["序号", "单位", "12320 在线预约", "快速预约", "诊间预约", "第三方", "小计"]
    t1_body = [
        [
            str(i + 1),
            r["name"],
            str(r["online"]),
            str(r["quick"]),
            str(r["clinic"]),
            str(r["third"]),
            str(r["total"]),
        ]
        for i, r in enumerate(appt_rows)
    ]
    t1_total = [
        "合计",
        "",
        str(tot["online"]),
        str(tot["quick"]),
        str(tot["clinic"]),
        str(tot["third"]),
        str(tot["total"]),
    ]
    out.append(t1_title)
    k1 = split_at[0]
    part_a = [t1_head] + t1_body[:k1]
    part_b = t1_body[k1:] + [t1_total]
    if k1 >= len(t1_body):
        out.append("\n".join(_render_table([t1_head] + t1_body + [t1_total], layout)))
    else:
        rows_all = part_a + ([t1_head] if repeat_header else []) + part_b
        lines = _render_table(rows_all, layout)
        out.append("\n".join(lines[: len(part_a)]))
        out.append("\n".join(lines[len(part_a) :]))
    note1 = f"(截止 {dtag}，总预约挂号量为 {cum_appt} 次)"
    out.append(note1)

    # table 2
    t2_title = f"{dtag}线上预约情况统计"
    note2 = "(不包含 12320 电话预约、医院诊间预约、医院自有途径预约)"
    c = channels
    t2_rows = [
        ["序号", "名称", "预约数量", "序号", "名称", "预约数量", "", ""],
        ["1", c[0][0], str(c[0][1]), "4", c[3][0], str(c[3][1]), "", ""],
        ["2", c[1][0], str(c[1][1]), "5", c[4][0], str(c[4][1]), "", ""],
        ["3", c[2][0], str(c[2][1]), f"合计： {online_total}", "", "", "", ""],
    ]
    out.extend([t2_title, note2, "\n".join(_render_table(t2_rows, layout))])

    # table 3
    ctag = f"{dy}年{dm}月"
    t3_title = f"{ctag}南京市卫生信息平台数据采集情况（区）"
    head_a = [
        "接入单位",
        "定时数据上传量",
        "实时数据上传天数",
        "实时数据表单上传情况",
        "门急诊信息",
        "",
        "出院信息",
        "",
    ]
    head_b = ["", "", "", "", "人次", "收入(千元)", "人次", "住院收入(千元)"]
    t3_body = [
        [r["name"], r["upload"], r["days"], r["forms"], r["opd"], r["opd_inc"], r["dis"], r["dis_inc"]]
        for r in dist_rows
    ]
    out.extend([t3_title, "\n".join(_render_table([head_a, head_b] + t3_body, layout, group_rows=(0,)))])

    # table 4
    t4_title = f"{ctag}南京市卫生信息平台数据采集情况（医院）"

    def head4(fullwidth: bool) -> list[list[str]]:
        ha = list(head_a)
        hb = [
            "",
            "",
            "",
            "",
            "人次",
            "收入（千元）" if fullwidth else "收入(千元)",
            "人次",
            "住院收入（千元）" if fullwidth else "住院收入(千元)",
        ]
        if extra_column:
            ha.insert(4, "互联网医院诊疗人次")
            hb.insert(4, "")
        return [ha, hb]

    def row4(r):
        cells = [
            r["name"],
            str(r["upload"]),
            str(r["days"]),
            r["forms"],
            str(r["opd"]),
            _dec(r["opd_inc"]),
            str(r["dis"]),
            _dec(r["dis_inc"]),
        ]
        if extra_column:
            cells.insert(4, str(r["net"]))
        return cells

    t4_body = [row4(r) for r in hosp_rows]
    k4 = split_at[1]
    out.append(t4_title)
    if k4 >= len(t4_body):
        out.append("\n".join(_render_table(head4(True) + t4_body, layout, group_rows=(0,))))
    else:
        a_rows = head4(True) + t4_body[:k4]
        b_rows = (head4(False) if repeat_header else []) + t4_body[k4:]
        # one column grid over both parts, as pdftotext does per page (close enough)
        la = _render_table(a_rows, layout, group_rows=(0,))
        lb = _render_table(b_rows, layout, group_rows=(0,) if repeat_header else ())
        out.append("\n".join(la))
        out.append("\n".join(lb))
    note4 = f"(截止 {dtag}, 区及医院累计校验入库数据 {cum_data} 亿条)"
    out.append(note4)

    if briefs:
        out.append("简讯")
        out.append("\n".join("- " + b["text"] for b in briefs))
    out += [
        PUBLISHER,
        "地址：南京市紫竹林3号",
        "邮编：210003",
        "电话：025-83626620",
        "传真：025-83626621",
        "E-mail：njwsxx@163.com",
        "网址：www.nj12320.org",
        f"责任编辑：{editor}\n\n",
        "健康南京 APP\n\n",
        "南京卫生 12320 微信",
        f"本期共印 {copies} 份",
    ]
    text = "\n\n" + "\n\n".join(out)

    # =========================== facts
    hosp_cols = ["定时数据上传量", "实时数据上传天数", "实时数据表单上传情况"]
    if extra_column:
        hosp_cols.append("互联网医院诊疗人次")
    grp = ["门急诊信息/人次", "门急诊信息/收入(千元)", "出院信息/人次", "出院信息/住院收入(千元)"]
    units = {
        "定时数据上传量": "条",
        "实时数据上传天数": "天",
        "实时数据表单上传情况": "",
        "互联网医院诊疗人次": "人次",
        "门急诊信息/人次": "人次",
        "门急诊信息/收入(千元)": "千元",
        "出院信息/人次": "人次",
        "出院信息/住院收入(千元)": "千元",
    }

    def rowdict(cols, cells):
        return dict(zip(cols, cells, strict=True))

    def col_sum(rows, col):
        vals = [r[col] for r in rows.values() if r[col] != "/"]
        if col.endswith("(千元)"):
            return _dec(sum(_cents(v) for v in vals))
        if col == "实时数据表单上传情况":
            return None
        return str(sum(int(v) for v in vals))

    appt_cols = ["12320 在线预约", "快速预约", "诊间预约", "第三方", "小计"]
    t1_rows = {r[1]: rowdict(["序号"] + appt_cols, [r[0]] + r[2:]) for r in t1_body}
    t3_rows = {r[0]: rowdict(hosp_cols[:3] + grp, [str(x) for x in r[1:]]) for r in t3_body}
    t4_rows = {r[0]: rowdict(hosp_cols + grp, r[1:]) for r in t4_body}
    tables = {
        "appointments": {
            "title": t1_title,
            "columns": ["序号", "单位"] + appt_cols,
            "units": dict.fromkeys(appt_cols, "次"),
            "rows": t1_rows,
            "order": list(t1_rows),
            "totals": rowdict(appt_cols, t1_total[2:]),
            "totals_printed": True,
            "notes": [note1],
            "split_at": min(k1, len(t1_body)),
        },
        "online": {
            "title": t2_title,
            "columns": ["序号", "名称", "预约数量"],
            "units": {"预约数量": "次"},
            "rows": {name: {"序号": str(i + 1), "预约数量": str(v)} for i, (name, v) in enumerate(channels)},
            "order": [n for n, _ in channels],
            "totals": {"预约数量": str(online_total)},
            "totals_printed": True,
            "notes": [note2],
        },
        "districts": {
            "title": t3_title,
            "columns": ["接入单位"] + hosp_cols[:3] + grp,
            "units": units,
            "rows": t3_rows,
            "order": list(t3_rows),
            "totals_printed": False,
            "notes": [],
        },
        "hospitals": {
            "title": t4_title,
            "columns": ["接入单位"] + hosp_cols + grp,
            "units": units,
            "rows": t4_rows,
            "order": list(t4_rows),
            "totals_printed": False,
            "notes": [note4],
            "split_at": min(k4, len(t4_body)),
        },
    }
    for key in ("districts", "hospitals"):
        t = tables[key]
        t["totals"] = {c: s for c in t["columns"][1:] if (s := col_sum(t["rows"], c)) is not None}
    facts = {
        "title": TITLE,
        "year": year,
        "number": number,
        "running": running,
        "seed": seed,
        "issue": f"{year}年第{number}期",
        "published": f"{year}-{number:02d}-{pub_day:02d}",
        "data_month": f"{dy}-{dm:02d}",
        "layout": layout,
        "extra_column": extra_column,
        "repeat_header": repeat_header,
        "omit_sections": list(omit_sections),
        "tables": tables,
        "hotline": {k: str(v) for k, v in hl.items()},
        "cumulative_appointments": str(cum_appt),
        "cumulative_records_yi": cum_data,
        "news": [
            {
                "headline": a["headline"],
                "paragraphs": [p.replace("¦", "") for p in a["paragraphs"]],
                "facts": a["facts"],
                "qa": a["qa"],
            }
            for a in keep
        ],
        "briefs": briefs,
        "editor": editor,
        "copies": str(copies),
        "absent_hospitals": [p[0] or p[1] for p in _POOL if p not in selected],
    }
    return Issue(text=text, facts=facts)


def _gen_hosp_rows(rng, hosp, ndays, extra):
    rows = []
    for name, _, tier, _kind in hosp:
        if tier == 1:
            opd = rng.randint(170000, 690000)
            dis = rng.randint(6000, 19500)
        elif tier == 2:
            opd = rng.randint(45000, 240000)
            dis = rng.randint(900, 7200)
        else:
            opd = rng.randint(5000, 150000)
            dis = rng.randint(20, 3300)
        rows.append({"name": name, "tier": tier, "opd": opd, "dis": dis})
    for key in ("opd", "dis"):
        vals = _distinct(rng, [r[key] for r in rows])
        for r, v in zip(rows, vals, strict=True):
            r[key] = v
    for r in rows:
        r["opd_inc"] = _cents_nonround(rng, int(r["opd"] * rng.uniform(0.12, 0.85) * 100))
        r["dis_inc"] = _cents_nonround(rng, int(r["dis"] * rng.uniform(7.5, 31.0) * 100))
        r["upload"] = int(r["opd"] * rng.uniform(12, 75) + r["dis"] * rng.uniform(50, 300))
        x = rng.random()
        if x < 0.55:
            days = ndays
        elif x < 0.82:
            days = rng.randint(ndays - 9, ndays - 1)
        elif x < 0.94:
            days = rng.randint(1, ndays - 10)
        else:
            days = 0
        r["days"] = days
        if days == 0:
            forms = 0
        elif days == ndays:
            forms = 12 if rng.random() < 0.8 else 11
        else:
            forms = max(1, min(12, round(days * 12 / ndays - rng.uniform(0, 2.5))))
        r["forms"] = f"{forms}/12"
        if extra:
            r["net"] = (
                0
                if (r["tier"] == 3 and rng.random() < 0.3)
                else rng.randint(40, 26000 if r["tier"] == 1 else 6000)
            )
    for key in ("opd_inc", "dis_inc", "upload"):
        vals = _distinct(rng, [r[key] for r in rows])
        for r, v in zip(rows, vals, strict=True):
            r[key] = v
    if extra:
        nz = [r for r in rows if r["net"]]
        vals = _distinct(rng, [r["net"] for r in nz])
        for r, v in zip(nz, vals, strict=True):
            r["net"] = v
    return rows


def _gen_district_rows(rng, ndays):
    dists = list(DISTRICTS)
    zero = rng.choice(dists)
    rows = []
    for d in dists:
        if d == zero:
            continue
        opd = rng.randint(80000, 430000)
        dis = rng.randint(60, 5600)
        rows.append({"name": d, "opd": opd, "dis": dis})
    for key in ("opd", "dis"):
        vals = _distinct(rng, [r[key] for r in rows])
        for r, v in zip(rows, vals, strict=True):
            r[key] = v
    for r in rows:
        r["upload"] = int(r["opd"] * rng.uniform(10, 30))
        r["opd_inc_c"] = _cents_nonround(rng, int(r["opd"] * rng.uniform(0.07, 0.36) * 100))
        r["dis_inc_c"] = _cents_nonround(rng, int(r["dis"] * rng.uniform(4.5, 12) * 100))
        x = rng.random()
        days = (
            ndays
            if x < 0.4
            else rng.randint(ndays - 10, ndays - 1)
            if x < 0.8
            else rng.randint(10, ndays - 11)
        )
        r["days"] = days
        forms = 12 if days == ndays else max(1, min(12, round(days * 12 / ndays - rng.uniform(0, 2))))
        r["forms"] = f"{forms}/12"
    for key in ("upload", "opd_inc_c", "dis_inc_c"):
        vals = _distinct(rng, [r[key] for r in rows])
        for r, v in zip(rows, vals, strict=True):
            r[key] = v
    rows.sort(key=lambda r: -r["upload"])
    out = [
        {
            "name": r["name"],
            "upload": str(r["upload"]),
            "days": str(r["days"]),
            "forms": r["forms"],
            "opd": str(r["opd"]),
            "opd_inc": _dec(r["opd_inc_c"]),
            "dis": str(r["dis"]),
            "dis_inc": _dec(r["dis_inc_c"]),
        }
        for r in rows
    ]
    out.append(
        {
            "name": zero,
            "upload": "0",
            "days": "0",
            "forms": "0/12",
            "opd": "0",
            "opd_inc": "/",
            "dis": "0",
            "dis_inc": "/",
        }
    )
    return out


def _gen_appt_rows(rng, hosp):
    rows = []
    for name, appt, tier, _ in hosp:
        if name == "南京鼓楼医院":
            online = rng.randint(4800, 7400)
            quick = rng.randint(900, 1700)
            clinic = rng.randint(58000, 82000)
            third = rng.randint(1500, 2600)
        else:
            base = {1: (150, 1100), 2: (20, 800), 3: (1, 420)}[tier]
            online = int(rng.uniform(*base) * rng.uniform(0.3, 1.0)) + 1
            quick = int(online * rng.uniform(0, 0.22)) if rng.random() < 0.75 else 0
            clinic = rng.randint(300, 2500) if (tier <= 2 and rng.random() < 0.04) else 0
            third = int(online * rng.uniform(0.1, 1.3)) if rng.random() < 0.6 else 0
        rows.append({"name": appt, "online": online, "quick": quick, "clinic": clinic, "third": third})
    seen: set[int] = set()
    for r in rows:
        r["total"] = r["online"] + r["quick"] + r["clinic"] + r["third"]
        while r["total"] in seen:
            r["online"] += 1
            r["total"] += 1
        seen.add(r["total"])
    return rows


def _gen_hotline(rng):
    while True:
        hl = {
            "咨询类": rng.randint(6000, 9600),
            "医疗投诉": rng.randint(900, 1800),
            "电话预约": rng.randint(7000, 11000),
            "人工服务": rng.randint(5500, 8600),
            "心理危机干预": rng.randint(150, 420),
            "自助语音问答": rng.randint(300, 720),
        }
        total = sum(hl.values())
        hl = {
            "咨询电话": total,
            **hl,
            "市12345工单": rng.randint(2000, 3600),
            "省12345工单": rng.randint(700, 1450),
        }
        hl["自接工单"] = hl["医疗投诉"]
        vals = [v for k, v in hl.items() if k != "自接工单"]
        if len(set(vals)) == len(vals):
            return hl


# ---------------------------------------------------------------------------------------------
# news articles: each returns headline, paragraphs (one long paragraph carries the page-break
# marker ¦ between two CJK characters), facts, and qa [(question body, expect groups)]


def _day(rng, ctx, lo=3):
    return rng.randint(lo, max(lo + 1, ctx["pub_day"] - 4))


def _hosp_alts(name: str) -> list[str]:
    return [name] + [a for a in ALIASES.get(name, []) if a != name]


def _art_training(rng, ctx):
    Y, m = ctx["year"], ctx["month"]
    d = _day(rng, ctx)
    venue = rng.choice(
        [
            "南京医科大学江宁校区",
            "市卫生信息中心学术报告厅",
            "南京国际会议大酒店",
            "紫金山庄会议中心",
            "江苏省人民医院学术报告厅",
        ]
    )
    n_hosp = rng.randint(38, 66)
    n_people = rng.randrange(150, 330, 10)
    official = ctx["names"]()
    expert = ctx["names"]()
    cio = ctx["names"]()
    n_sp = rng.randint(5, 9)
    big = [h for h in ctx["hospitals"] if h in ALIASES]
    h1, h2 = rng.sample(big, 2)
    k = rng.randint(3, 8)
    slogan = rng.choice(
        ["以评促建、以评促用、评建结合", "统筹规划、分步实施、示范引领", "应用为王、数据赋能、安全可控"]
    )
    paras = [
        f"{m}月{d}日至{d + 1}日，南京市卫生健康委在{venue}举办{Y}年全市智慧医院建设专题培训班。全市{n_hosp}家二级以上"
        f"医疗机构分管信息化工作的院领导、信息部门负责人及业务骨干共{n_people}余人参加培训。市卫生健康委副主任{official}"
        f"出席开班式并讲话，要求各单位对标国家评价标准，持续提升智慧服务、智慧医疗和智慧管理水平。",
        f"培训邀请了国家卫生健康委医院管理研究所研究员{expert}、{h1}信息处处长{cio}等{n_sp}位专家授课，围绕电子病历系统"
        f"功能应用水平分级评价、医院智慧服务分级评估、智慧管理分级评估以及医疗健康数据安全治理等内容进行了系统讲解，"
        f"并结合多家医院的建设实践，分享了临床决策支持、闭环管理、患者全息视图和互联网诊疗等应用场景的建设经验。培训"
        f"期间还组织学员赴{h2}现场观摩了智慧病房和一站式服务中心的运行情况，学员们普遍反映培训内容针对性强、实操性好，"
        f"对下一步推进医院信息化建设具有很强的指导¦意义。",
        f"下一步，市卫生健康委将按照“{slogan}”的工作思路，指导各医院补齐短板，力争到{Y}年底全市新增{k}家医院通过电子病历"
        f"系统功能应用水平分级评价五级及以上评价。",
    ]
    facts = {
        "topic": "智慧医院建设专题培训班",
        "date": f"{m}月{d}日至{d + 1}日",
        "venue": venue,
        "hospitals": n_hosp,
        "people": n_people,
        "official": official,
        "experts": n_sp,
        "expert": expert,
        "cio": cio,
        "cio_hospital": h1,
        "visit": h2,
        "target_new": k,
    }
    qa = [
        ("智慧医院建设专题培训班在哪里举办？", [[venue]]),
        ("智慧医院培训班有多少人参加？", [[str(n_people)]]),
        ("智慧医院培训一共请了几位专家授课？", [_count_alts(n_sp, "位")]),
        ("谁出席了智慧医院培训班开班式并讲话？", [[official]]),
        ("智慧医院培训期间学员去哪家医院现场观摩了？", [_hosp_alts(h2)]),
        ("市卫健委力争年底新增几家医院通过电子病历五级及以上评价？", [_count_alts(k)]),
        (f"参加智慧医院培训的{h1}信息处处长叫什么？", [[cio]]),
    ]
    return {"headline": f"我市举办{Y}年智慧医院建设专题培训班", "paragraphs": paras, "facts": facts, "qa": qa}


def _art_security(rng, ctx):
    Y, m = ctx["year"], ctx["month"]
    d1 = _day(rng, ctx)
    d2 = min(d1 + rng.randint(5, 12), ctx["pub_day"] - 1)
    n_exp = rng.randint(12, 30)
    n_grp = rng.randint(3, 6)
    n_inst = rng.randint(45, 96)
    n_sys = rng.randint(120, 260)
    n_iss = rng.randint(140, 380)
    n_high = rng.randint(9, 35)
    n_fix = rng.randint(int(n_iss * 0.6), n_iss - 5)
    leader = ctx["names"]()
    method = rng.choice(["资料审查+现场核查+技术检测", "远程扫描+现场检查", "单位自查+专家抽查+技术检测"])
    paras = [
        f"为切实筑牢卫生健康行业网络与数据安全防线，{m}月{d1}日至{d2}日，市卫生健康委组织{n_exp}名网络安全专家组成"
        f"{n_grp}个检查组，对全市{n_inst}家医疗卫生机构开展了{Y}年度网络与数据安全专项检查。",
        f"本次检查采取“{method}”相结合的方式，重点检查了网络安全责任制落实、等级保护测评与整改、重要数据和个人信息保护、"
        f"第三方运维人员管理、应急预案与演练等情况。检查组对{n_sys}个重要信息系统开展了漏洞扫描和渗透测试，共发现各类"
        f"安全问题{n_iss}项，其中高危问题{n_high}项，已当场向被检查单位反馈并督促限期整改。截至{m}月{d2 + 1}日，已完成"
        f"整改{n_fix}项，其余问题均已制定整改计划，明确责任人和完成时限，市卫生健康委将组织专家进行复查复¦核。",
        f"检查组组长、市卫生信息中心网络安全科科长{leader}表示，数据安全是医疗卫生信息化的生命线，各单位要压实主体责任，"
        f"常态化开展风险排查，坚决防范数据泄露和勒索病毒攻击等安全事件。",
    ]
    facts = {
        "topic": "网络与数据安全专项检查",
        "experts": n_exp,
        "groups": n_grp,
        "institutions": n_inst,
        "systems": n_sys,
        "issues": n_iss,
        "high": n_high,
        "fixed": n_fix,
        "leader": leader,
    }
    qa = [
        ("网络与数据安全专项检查覆盖了多少家医疗卫生机构？", [_count_alts(n_inst)]),
        ("数据安全检查一共发现了多少项安全问题？", [[str(n_iss)]]),
        ("数据安全专项检查发现的高危问题有几项？", [[str(n_high)]]),
        ("数据安全检查发现的问题已经整改了多少项？", [[str(n_fix)]]),
        ("网络安全检查组组长是谁？", [[leader]]),
        ("安全检查组织了几个检查组？", [_count_alts(n_grp, "个")]),
        ("数据安全检查对多少个重要信息系统做了渗透测试？", [[str(n_sys)]]),
    ]
    return {
        "headline": f"市卫生健康委开展{Y}年度网络与数据安全专项检查",
        "paragraphs": paras,
        "facts": facts,
        "qa": qa,
    }


def _art_healthcard(rng, ctx):
    m = ctx["month"]
    district = rng.choice([d for d in DISTRICTS if d not in ("秦淮区",)])
    n_inst = rng.randint(18, 64)
    cards = f"{rng.randint(610, 799)}.{rng.randint(1, 9)}"
    use = f"{rng.randint(120, 260)}.{rng.randint(1, 9)}"
    n_hosp = rng.randint(52, 78)
    dd = _day(rng, ctx)
    person = ctx["names"]()
    paras = [
        f"近日，{district}全部{n_inst}家公立医疗机构完成电子健康卡受理环境改造，居民凭电子健康卡即可在区内各级医疗机构"
        f"完成挂号、就诊、缴费、取药和检查报告查询等全流程服务，{district}成为全市首个实现电子健康卡区域内全覆盖的区。",
        f"{m}月{dd}日，市卫生健康委在{district}召开电子健康卡应用推进现场会。会上通报，截至{m}月{dd}日，全市电子健康卡累计"
        f"发放{cards}万张，月均用卡{use}万人次，{n_hosp}家二级以上医院实现电子健康卡与医保电子凭证“一码通用”，患者在"
        f"医院内不再需要反复出示不同的卡证。{district}卫生健康委副主任{person}介绍了区内以基层医疗机构为重点、分批推进"
        f"受理终端改造和自助设备升级的做法，并对下一步推动电子健康卡在家庭医生签约和慢病随访等场景中的应用作了交¦流。",
    ]
    facts = {
        "topic": "电子健康卡",
        "district": district,
        "institutions": n_inst,
        "cards_wan": cards,
        "use_wan": use,
        "hospitals": n_hosp,
        "person": person,
    }
    qa = [
        ("哪个区率先实现电子健康卡区域内全覆盖？", [[district]]),
        ("全市电子健康卡累计发放了多少万张？", [[cards]]),
        (f"{district}有多少家公立医疗机构完成了电子健康卡受理改造？", [_count_alts(n_inst)]),
        ("有多少家二级以上医院实现了电子健康卡与医保电子凭证一码通用？", [_count_alts(n_hosp)]),
        ("电子健康卡月均用卡多少万人次？", [[use]]),
    ]
    return {
        "headline": f"{district}率先实现电子健康卡区域内全覆盖",
        "paragraphs": paras,
        "facts": facts,
        "qa": qa,
    }


def _art_mutual(rng, ctx):
    m = ctx["month"]
    d = _day(rng, ctx)
    n_hosp = rng.randint(90, 180)
    n_items = rng.randint(160, 320)
    times = rng.randint(210, 690)
    saving = rng.randint(8000, 26000)
    h = rng.choice([x for x in ctx["hospitals"] if x in ALIASES])
    rate = f"{rng.randint(80, 97)}.{rng.randint(1, 9)}"
    official = ctx["names"]()
    paras = [
        f"{m}月{d}日，市卫生健康委召开全市医学检查检验结果互认工作推进会。会议通报，自互认平台上线以来，全市已有{n_hosp}家"
        f"医疗机构接入平台，互认项目扩大至{n_items}项，累计互认{times}万项次，为患者节约医疗费用约{saving}万元。",
        f"{h}作为首批试点单位，在医生工作站嵌入互认提醒功能，医生开具检查检验申请时，系统自动提示患者近期在其他医院的"
        f"同类结果，互认率达到{rate}%。会议要求各单位进一步完善影像资料和检验结果的共享调阅机制，加强质量控制，推动"
        f"互认结果在南京都市圈范围内逐步扩展，切实减轻群众看病就医负担。市卫生健康委医政医管处处长{official}对下一步"
        f"工作进行了部¦署。",
    ]
    facts = {
        "topic": "检查检验结果互认",
        "hospitals": n_hosp,
        "items": n_items,
        "times_wan": times,
        "saving_wan": saving,
        "pilot": h,
        "rate": rate,
        "official": official,
    }
    qa = [
        ("检查检验结果互认平台已经接入多少家医疗机构？", [_count_alts(n_hosp)]),
        ("检查检验互认项目扩大到多少项？", [[str(n_items)]]),
        ("检查检验结果互认为患者节约了多少医疗费用？", [[str(saving)]]),
        ("哪家医院是检查检验结果互认的首批试点单位？", [_hosp_alts(h)]),
        ("检查检验互认试点医院的互认率是多少？", [[rate]]),
    ]
    return {"headline": "我市检查检验结果互认工作取得新进展", "paragraphs": paras, "facts": facts, "qa": qa}


def _art_ai(rng, ctx):
    m = ctx["month"]
    d = _day(rng, ctx)
    h = rng.choice([x for x in ctx["hospitals"] if x in ALIASES])
    depts_all = [
        "儿科",
        "消化内科",
        "呼吸内科",
        "皮肤科",
        "内分泌科",
        "心血管内科",
        "神经内科",
        "眼科",
        "耳鼻咽喉科",
    ]
    n_dept = rng.randint(6, 12)
    depts = rng.sample(depts_all, 3)
    n_pat = rng.randint(2100, 9800)
    mins = rng.randint(2, 5)
    director = ctx["names"]()
    paras = [
        f"{m}月{d}日，{h}在“健康南京”APP和医院微信公众号同步上线AI智能预问诊服务，首批覆盖{'、'.join(depts)}等{n_dept}个"
        f"临床科室。患者完成预约挂号后，可在候诊前通过手机与智能助手进行问答，系统自动生成结构化预问诊报告并推送至医生"
        f"工作站。",
        f"据介绍，上线首周累计服务患者{n_pat}人次，医生平均问诊时间缩短约{mins}分钟。该院信息处负责人{director}表示，预问诊"
        f"模型部署在医院内网，患者数据不出院，所有问诊记录均按照病历管理要求留存，下一步将在总结试点经验的基础上把服务"
        f"扩展到全院门诊，并探索与检查预约、智能导诊等功能的联动，为患者提供更加便捷高效的就医体¦验。",
    ]
    facts = {
        "topic": "AI智能预问诊",
        "hospital": h,
        "departments": n_dept,
        "patients": n_pat,
        "minutes": mins,
        "director": director,
    }
    qa = [
        ("哪家医院上线了AI智能预问诊服务？", [_hosp_alts(h)]),
        ("AI预问诊首批覆盖几个临床科室？", [_count_alts(n_dept, "个")]),
        ("AI预问诊上线首周服务了多少人次？", [[str(n_pat)]]),
        ("用了AI预问诊以后医生平均问诊时间缩短了多少？", [[f"{mins}分钟", f"{mins} 分钟"]]),
    ]
    return {"headline": f"{h}上线AI智能预问诊服务", "paragraphs": paras, "facts": facts, "qa": qa}


def _art_metro(rng, ctx):
    m = ctx["month"]
    d = _day(rng, ctx)
    city = rng.choice(CITIES)
    n_new = rng.randint(3, 9)
    n_total = rng.randint(160, 240)
    n_cities = rng.choice([7, 8, 9])
    n_src = rng.randint(12, 48)
    person = ctx["names"]()
    paras = [
        f"{m}月{d}日，{city}市{n_new}家二级以上医院正式接入南京都市圈预约挂号平台，南京市民可通过“健康南京”APP直接预约"
        f"{city}相关医院号源，{city}居民也可通过当地健康服务平台预约南京各大医院的专家号。",
        f"南京市卫生信息中心主任{person}介绍，南京都市圈预约挂号平台目前已汇聚{n_cities}个城市{n_total}家医院的号源，每日"
        f"开放号源约{n_src}万个，平台统一了号源管理、实名认证和支付结算规则，实现了都市圈内“一个平台、一次注册、处处可约”，"
        f"下一步还将推动检查检验结果互认、远程会诊和双向转诊等业务在都市圈内协同开展，让群众就近享受优质医疗¦资源。",
    ]
    facts = {
        "topic": "南京都市圈预约挂号平台",
        "city": city,
        "new_hospitals": n_new,
        "total_hospitals": n_total,
        "cities": n_cities,
        "daily_wan": n_src,
        "person": person,
    }
    qa = [
        ("哪个城市的医院新接入了南京都市圈预约挂号平台？", [[city]]),
        (f"{city}有几家医院接入都市圈预约挂号平台？", [_count_alts(n_new)]),
        ("都市圈预约挂号平台一共汇聚了多少家医院的号源？", [_count_alts(n_total)]),
        ("都市圈预约挂号平台每天开放多少号源？", [[f"{n_src}万", f"{n_src} 万"]]),
    ]
    return {
        "headline": f"南京都市圈预约挂号平台新增{city}医院号源",
        "paragraphs": paras,
        "facts": facts,
        "qa": qa,
    }


_ARTICLES = [_art_training, _art_security, _art_healthcard, _art_mutual, _art_ai, _art_metro]


def _brief_visit(rng, ctx):
    m, d = ctx["month"], _day(rng, ctx)
    org = rng.choice(["上海市卫生健康信息中心", "杭州市卫生健康委", "合肥市卫生健康委", "苏州市卫生健康委"])
    person = ctx["names"]()
    topic = rng.choice(["全民健康信息平台建设", "互联网医院监管", "医疗健康数据共享"])
    return {
        "text": f"{m}月{d}日，{org}副主任{person}一行到南京市卫生信息中心调研{topic}工作，双方就数据标准、平台运维和"
        f"安全管理等方面进行了深入交流。",
        "facts": {"org": org, "person": person, "topic": topic},
        "qa": [(f"{org}来调研的是什么工作？", [[topic]]), (f"{org}带队调研的副主任是谁？", [[person]])],
    }


def _brief_drill(rng, ctx):
    m, d = ctx["month"], _day(rng, ctx)
    n = rng.randint(14, 40)
    scen = rng.choice(["勒索病毒攻击", "核心数据库宕机", "网站页面篡改", "数据泄露"])
    return {
        "text": f"{m}月{d}日，南京市卫生信息中心组织开展{ctx['year']}年网络安全应急演练，模拟{scen}场景，全市{n}家"
        f"医疗卫生单位参加，检验了应急响应和协同处置能力。",
        "facts": {"scenario": scen, "units": n},
        "qa": [
            ("网络安全应急演练模拟的是什么场景？", [[scen]]),
            ("有多少家单位参加了网络安全应急演练？", [_count_alts(n)]),
        ],
    }


def _brief_app(rng, ctx):
    feat = rng.choice(["就医提醒", "家庭成员健康档案", "电子陪护证", "检查报告解读"])
    days = rng.randint(10, 25)
    uses = rng.randint(12000, 98000)
    return {
        "text": f"近日，“健康南京”APP新增{feat}功能，上线{days}天累计使用{uses}人次，市民可在“我的”页面中开通使用。",
        "facts": {"feature": feat, "days": days, "uses": uses},
        "qa": [
            ("健康南京APP最近新增了什么功能？", [[feat]]),
            (f"健康南京APP的{feat}功能累计使用了多少人次？", [[str(uses)]]),
        ],
    }


def _brief_net(rng, ctx):
    h = rng.choice(ctx["hospitals"])
    n = rng.randint(6, 18)
    return {
        "text": f"近日，{h}完成互联网医院二期建设，新增在线复诊续方、药品配送到家等{n}项线上服务，"
        f"已接入全市统一支付结算平台。",
        "facts": {"hospital": h, "services": n},
        "qa": [
            ("哪家医院完成了互联网医院二期建设？", [_hosp_alts(h)]),
            (f"{h}互联网医院二期新增了几项线上服务？", [_count_alts(n, "项")]),
        ],
    }


_BRIEFS = [_brief_visit, _brief_drill, _brief_app, _brief_net]


# ---------------------------------------------------------------------------------------------
# corpus


def write_corpus(dirpath, n: int, start=(2024, 1), **kw) -> list[Path]:
    d = Path(dirpath)
    d.mkdir(parents=True, exist_ok=True)
    y, m = start
    paths = []
    for _ in range(n):
        run = running_for(y, m)
        iss = make_bulletin(y, m, run, seed=run, **kw)
        p = d / iss.filename
        p.write_text(iss.text, encoding="utf-8")
        paths.append(p)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return paths


# ---------------------------------------------------------------------------------------------
# questions

HCOL = {  # column -> spoken variants
    "门急诊信息/人次": ["门急诊人次", "门诊量", "门急诊人数", "门急症人次"],
    "门急诊信息/收入(千元)": ["门急诊收入", "门诊收入"],
    "出院信息/人次": ["出院人次", "出院人数", "出院人此"],
    "出院信息/住院收入(千元)": ["住院收入", "住院收人"],
    "定时数据上传量": ["定时数据上传量", "上传量", "定时上传数据量"],
    "实时数据上传天数": ["实时数据上传天数", "实时上传天数"],
    "实时数据表单上传情况": ["实时数据表单上传情况", "表单上传情况"],
    "互联网医院诊疗人次": ["互联网医院诊疗人次", "互联网诊疗人次"],
}
ACOL = {
    "12320 在线预约": ["12320在线预约", "12320在线预约量", "12320 在线预约"],
    "快速预约": ["快速预约", "快速预约量"],
    "诊间预约": ["诊间预约"],
    "第三方": ["第三方预约", "第三方"],
    "小计": ["预约挂号小计", "预约量", "预约挂号总量"],
}
SHORTCOL = {
    "门急诊信息/人次": "门急诊人次",
    "门急诊信息/收入(千元)": "门急诊收入",
    "出院信息/人次": "出院人次",
    "出院信息/住院收入(千元)": "住院收入",
    "定时数据上传量": "定时数据上传量",
    "实时数据上传天数": "实时数据上传天数",
    "实时数据表单上传情况": "实时数据表单上传情况",
    "互联网医院诊疗人次": "互联网医院诊疗人次",
}


def _unit(col):
    return "千元" if col.endswith("(千元)") else ""


def questions(issue: Issue, prefix: str, *, short_month: bool = True) -> list[dict]:
    """Gold questions computed from issue.facts. Every question names the data month or the issue."""
    f = issue.facts
    rng = random.Random(f"questions-{prefix}-{f['running']}-{f['seed']}")
    Y, M = (int(x) for x in f["data_month"].split("-"))
    run = f["running"]
    T = f["tables"]
    H, D, A, ON = T["hospitals"], T["districts"], T["appointments"], T["online"]
    hrows, drows, arows = H["rows"], D["rows"], A["rows"]
    out: list[dict] = []
    counters: dict[str, int] = {}

    def add(cat, q, expect=None, forbid=None, history=None, found=True):
        letter = {"lookup": "L", "aggregate": "A", "text": "T", "none": "N", "followup": "M"}[cat]
        counters[letter] = counters.get(letter, 0) + 1
        d = {"id": f"{prefix}-{letter}{counters[letter]:02d}", "cat": cat, "q": q}
        if history:
            d["history"] = history
        if found:
            d["expect"] = expect
        else:
            d["found"] = False
        if forbid:
            d["forbid"] = forbid
        out.append(d)

    def mref(kind=None):
        """A way to name the data month."""
        kind = kind or rng.choices(["full", "short", "issue", "fw"], [6, 2 if short_month else 0, 1, 1])[0]
        if kind == "full":
            return f"{Y}年{M}月"
        if kind == "short":
            return rng.choice([f"{M}月份", f"{M}月"])
        if kind == "issue":
            return f"第{run}期简报里"
        return f"{Y}年{M}月".translate(FULLWIDTH)

    def ans_month():
        return f"{Y}年{M}月"

    def hname(name, trad=False):
        alts = ALIASES.get(name)
        s = rng.choice(alts) if alts and rng.random() < 0.75 else name
        if trad:
            s = s.translate(TRAD)
        return s

    def halts(name):
        return _hosp_alts(name)

    def sortd(rows, col, reverse=True, skip_none=True):
        items = [(k, num(v[col])) for k, v in rows.items()]
        items = [(k, v) for k, v in items if v is not None or not skip_none]
        return sorted(items, key=lambda kv: kv[1], reverse=reverse)

    hosp_names = list(hrows)

    # ------------------------------------------------------------------ lookup
    famous = [h for h in hosp_names if h in ALIASES]
    others = [h for h in hosp_names if h not in ALIASES]
    picks = rng.sample(famous, min(6, len(famous))) + rng.sample(others, min(4, len(others)))
    cols_cycle = [
        "门急诊信息/人次",
        "出院信息/住院收入(千元)",
        "门急诊信息/收入(千元)",
        "出院信息/人次",
        "定时数据上传量",
        "实时数据上传天数",
        "实时数据表单上传情况",
    ]
    for i, h in enumerate(picks):
        col = cols_cycle[i % len(cols_cycle)]
        trad = i == 1
        spoken = rng.choice(HCOL[col])
        ref, nm = mref(), hname(h, trad)
        forms = [f"{ref}{nm}{spoken}是多少？", f"{ref}{nm}的{spoken}多少"]
        if not ref.startswith("第"):
            forms.append(f"{nm}{ref}的{spoken}")
        q = rng.choice(forms)
        if trad:
            q = q.translate(TRAD)
        add("lookup", q, [[hrows[h][col]]])
    if f["extra_column"]:
        h = rng.choice(famous)
        add(
            "lookup",
            f"{mref('full')}{hname(h)}互联网医院诊疗人次是多少？",
            [[hrows[h]["互联网医院诊疗人次"]]],
        )
    dnames = [d for d in drows if drows[d]["门急诊信息/收入(千元)"] != "/"]
    for i, dname in enumerate(rng.sample(dnames, 4)):
        col = ["门急诊信息/人次", "出院信息/住院收入(千元)", "实时数据上传天数", "定时数据上传量"][i]
        add("lookup", f"{mref()}{dname}{rng.choice(HCOL[col])}", [[drows[dname][col]]])
    appt_names = list(arows)
    for i, an in enumerate(rng.sample(appt_names[:12], 3) + rng.sample(appt_names[12:], 2)):
        col = ["小计", "12320 在线预约", "第三方", "快速预约", "小计"][i]
        if arows[an][col] == "0":
            col = "小计"
        short = an.replace("（含分院）", "")
        nm = hname(short) if short in ALIASES else an
        add("lookup", f"{mref()}{nm}{rng.choice(ACOL[col])}是多少", [[arows[an][col]]])
    col = rng.choice(["第三方", "快速预约", "12320 在线预约"])
    add("lookup", f"{mref('full')}{rng.choice(ACOL[col])}合计", [[A["totals"][col]]])
    ch = rng.choice(ON["order"])
    add("lookup", f"{mref()}{ch.replace(' ', '')}预约数量", [[ON["rows"][ch]["预约数量"]]])
    add("lookup", f"{mref('full')}线上预约合计多少？", [[ON["totals"]["预约数量"]]])

    # ------------------------------------------------------------------ aggregate
    for col, word in [
        ("门急诊信息/收入(千元)", "最高"),
        ("出院信息/人次", "最少"),
        ("门急诊信息/人次", "最多"),
    ]:
        s = sortd(hrows, col, reverse=(word != "最少"))
        best, val = s[0]
        add(
            "aggregate",
            f"{mref()}哪家医院的{rng.choice(HCOL[col][:2])}{word}？",
            [halts(best), [hrows[best][col]]],
        )
    s = sortd(hrows, "定时数据上传量")
    add(
        "aggregate",
        f"{mref()}定时数据上传量排第二的医院是哪家？",
        [halts(s[1][0]), [hrows[s[1][0]]["定时数据上传量"]]],
        forbid=[s[0][0]] if s[0][0] not in "".join(halts(s[1][0])) else None,
    )
    # top 3 appointment
    top = A["order"][:4]
    add(
        "aggregate",
        f"{mref()}预约量排名前三的医院",
        [[t.replace("（含分院）", "")] for t in top[:3]],
        forbid=[top[3].replace("（含分院）", "")] if all(top[3] not in t for t in top[:3]) else None,
    )
    # district max / min
    s = sortd(drows, "定时数据上传量")
    add(
        "aggregate",
        f"{mref()}定时数据上传量最多的区是哪个？",
        [[s[0][0]], [drows[s[0][0]]["定时数据上传量"]]],
    )
    zero = [d for d in drows if drows[d]["门急诊信息/收入(千元)"] == "/"][0]
    s = sorted(((d, int(drows[d]["出院信息/人次"])) for d in dnames), key=lambda kv: kv[1])
    add("aggregate", f"{mref()}出院人次最少的区是哪个（不算{zero}）？", [[s[0][0]], [str(s[0][1])]])
    # filter: days < threshold (3..7 members, nobody at the threshold)
    days = {h: int(hrows[h]["实时数据上传天数"]) for h in hosp_names}
    for thr in range(8, 29):
        low = [h for h in hosp_names if days[h] < thr]
        if 3 <= len(low) <= 7 and thr not in days.values():
            high = [h for h in hosp_names if days[h] > thr]
            fb = [h for h in high if all(h not in x for x in low)][:1]
            add(
                "aggregate",
                f"{mref()}实时数据上传天数少于{thr}天的医院有哪些？",
                [[h] for h in low],
                forbid=fb or None,
            )
            break
    # filter: 门急诊人次 over X万 (3..6 members, 2% margin)
    vals = sorted((int(hrows[h]["门急诊信息/人次"]), h) for h in hosp_names)
    for X in range(70, 2, -1):
        th = X * 10000
        above = [h for v, h in vals if v > th]
        if 3 <= len(above) <= 6 and all(abs(v - th) > th * 0.02 for v, _ in vals):
            add("aggregate", f"{mref()}门急诊人次超过{X}万的医院有哪些？", [[h] for h in above])
            break
    # differences between two hospitals
    for col in ("门急诊信息/人次", "出院信息/住院收入(千元)"):
        a, b = rng.sample(famous, 2)
        va, vb = hrows[a][col], hrows[b][col]
        if col.endswith("(千元)"):
            diff = _cents(va) - _cents(vb)
            exp = _dec_alts(abs(diff))
        else:
            diff = int(va) - int(vb)
            exp = [str(abs(diff))]
        word = "多" if diff > 0 else "少"
        add("aggregate", f"{mref()}{hname(a)}比{hname(b)}{SHORTCOL[col]}{word}多少？", [exp])
    # sums over districts
    for col in ("出院信息/人次", "门急诊信息/收入(千元)"):
        tot = D["totals"][col]
        exp = _dec_alts(_cents(tot)) if col.endswith("(千元)") else [tot]
        add("aggregate", f"{mref()}各区{SHORTCOL[col]}一共多少", [exp])
    # count 12/12
    n12 = sum(1 for d in drows.values() if d["实时数据表单上传情况"] == "12/12")
    add("aggregate", f"{mref()}实时数据表单上传情况是12/12的区有几个？", [_count_alts(n12, "个")])
    n0 = [a for a in appt_names if arows[a]["第三方"] == "0"]
    add("aggregate", f"{mref()}有几家医院的第三方预约为0？", [_count_alts(len(n0))])
    # average of two districts (integer result)
    for _ in range(50):
        a, b = rng.sample(dnames, 2)
        sa, sb = int(drows[a]["门急诊信息/人次"]), int(drows[b]["门急诊信息/人次"])
        if (sa + sb) % 2 == 0:
            add("aggregate", f"{mref()}{a}和{b}的门急诊人次平均是多少？", [[str((sa + sb) // 2)]])
            break
    if f["extra_column"]:
        s = sortd(hrows, "互联网医院诊疗人次")
        add(
            "aggregate",
            f"{mref('full')}互联网医院诊疗人次最多的是哪家医院？",
            [halts(s[0][0]), [hrows[s[0][0]]["互联网医院诊疗人次"]]],
        )

    # ------------------------------------------------------------------ text
    hl = f["hotline"]
    items = [
        ("咨询电话", "12320卫生热线一共受理了多少个咨询电话？"),
        ("人工服务", "12320热线人工服务多少通？"),
        ("市12345工单", "12320热线受理了多少件市12345工单？"),
        ("心理危机干预", "12320心理危机干预有多少通？"),
        ("电话预约", "12320热线电话预约多少个？"),
        ("省12345工单", "12320受理省12345工单多少件"),
    ]
    for k, q in rng.sample(items, 3):
        add("text", f"{mref()}{q}", [[hl[k]]])
    add("text", f"截至{Y}年{M}月，总预约挂号量是多少？", [[f["cumulative_appointments"]]])
    add("text", f"截止{Y}年{M}月区及医院累计校验入库数据多少亿条？", [[f["cumulative_records_yi"]]])
    iref = rng.choice([f"第{run}期简报", f"{f['year']}年第{f['number']}期简报"])
    add(
        "text",
        f"{iref}是哪天印发的？",
        [[f"{f['year']}年{f['number']}月{int(f['published'][8:])}日", f["published"]]],
    )
    add("text", f"{iref}本期共印多少份？", [[f["copies"]]])
    add("text", f"{iref}的责任编辑是谁？", [[f["editor"]]])
    news_qa = [(q, e) for a in f["news"] for q, e in a["qa"]] + [
        (q, e) for b in f["briefs"] for q, e in b["qa"]
    ]
    for q, e in rng.sample(news_qa, min(len(news_qa), 7)):
        ref = rng.choice(
            [
                f"第{run}期简报里，",
                f"{f['year']}年第{f['number']}期简报中，",
                f"{f['year']}年{f['number']}月出的那期简报里，",
            ]
        )
        add("text", ref + q, e)

    # ------------------------------------------------------------------ none
    absent = [h for h in f["absent_hospitals"] if h not in "".join(hosp_names + appt_names)]
    h = rng.choice(absent)
    add("none", f"{mref('full')}{h}的门急诊人次是多少？", found=False)
    h2 = rng.choice([x for x in absent if x != h])
    add("none", f"{mref()}{h2}预约挂号小计多少", found=False)
    ym = rng.choice(["2023年1月", "2023年5月", "2022年11月", "2023年8月"])
    add(
        "none",
        f"{ym}{hname(rng.choice(famous))}的{rng.choice(['门急诊人次', '预约量', '出院人次'])}是多少？",
        found=False,
    )
    metric = rng.choice(["床位数", "平均住院日", "医生人数", "药占比", "手术台次"])
    add("none", f"{mref()}{hname(rng.choice(famous))}的{metric}是多少？", found=False)
    if not f["extra_column"]:
        add("none", f"{mref('full')}{hname(rng.choice(famous))}互联网医院诊疗人次是多少？", found=False)
    add(
        "none",
        rng.choice(
            ["给我讲个笑话吧", "今天南京天气怎么样？", "帮我写一首关于秋天的诗", "推荐几家南京好吃的餐馆"]
        ),
        found=False,
    )

    # ------------------------------------------------------------------ followup
    def fu(first_q, first_a, q, expect):
        add(
            "followup",
            q,
            expect,
            history=[{"role": "user", "content": first_q}, {"role": "assistant", "content": first_a}],
        )

    h = rng.choice(famous)
    fu(
        f"{ans_month()}{hname(h)}门急诊人次是多少",
        f"{ans_month()}，{h}门急诊人次为{hrows[h]['门急诊信息/人次']}。",
        rng.choice(["那住院收入呢？", "住院收入呢？"]),
        [[hrows[h]["出院信息/住院收入(千元)"]]],
    )
    h = rng.choice([x for x in famous if x != h])
    fu(
        f"{mref()}{hname(h)}出院人次",
        f"{ans_month()}，{h}出院人次为{hrows[h]['出院信息/人次']}。",
        "门急诊收入呢？",
        [[hrows[h]["门急诊信息/收入(千元)"]]],
    )
    a, b = rng.sample(dnames, 2)
    col = rng.choice(["门急诊信息/收入(千元)", "门急诊信息/人次", "出院信息/人次"])
    fu(
        f"{mref()}{a}{SHORTCOL[col]}多少",
        f"{ans_month()}，{a}{SHORTCOL[col]}{drows[a][col]}{_unit(col)}。",
        f"{b}呢？",
        [[drows[b][col]]],
    )
    gl = A["order"][0]
    fu(
        f"{mref()}{gl.replace('（含分院）', '')}预约挂号小计是多少？",
        f"{ans_month()}，{gl}预约挂号小计为{arows[gl]['小计']}。",
        "其中诊间预约多少？",
        [[arows[gl]["诊间预约"]]],
    )
    an = rng.choice([a for a in appt_names[1:] if arows[a]["第三方"] != "0"][:8])
    fu(
        f"{mref()}{an}的12320在线预约是多少",
        f"{ans_month()}，{an}12320在线预约为{arows[an]['12320 在线预约']}。",
        "第三方呢？",
        [[arows[an]["第三方"]]],
    )
    s = sortd(hrows, "门急诊信息/人次")
    fu(
        f"{mref()}门急诊人次最高的医院是哪家？",
        f"{ans_month()}门急诊人次最高的是{s[0][0]}，为{hrows[s[0][0]]['门急诊信息/人次']}人次。",
        "第二名呢？",
        [halts(s[1][0]), [hrows[s[1][0]]["门急诊信息/人次"]]],
    )
    h1, h2 = rng.sample(famous, 2)
    fu(
        f"{mref()}{hname(h1)}定时数据上传量",
        f"{ans_month()}，{h1}定时数据上传量为{hrows[h1]['定时数据上传量']}。",
        f"{hname(h2)}呢？",
        [[hrows[h2]["定时数据上传量"]]],
    )
    fu(
        f"{mref()}{hname(h2)}门急诊人次",
        f"{ans_month()}，{h2}门急诊人次为{hrows[h2]['门急诊信息/人次']}。",
        "它的实时数据上传天数呢？",
        [[hrows[h2]["实时数据上传天数"]]],
    )
    return out


# ---------------------------------------------------------------------------------------------
# fixtures

FIXTURES = [  # (pub year, pub month, options)
    (2025, 8, {"repeat_header": False, "omit_sections": ("简讯",)}),
    (2025, 9, {"split_at": (15, 25)}),
    (2025, 10, {"layout": "spaces", "extra_column": True}),
]


def fixture_issues() -> list[Issue]:
    out = []
    for y, m, kw in FIXTURES:
        run = running_for(y, m)
        out.append(make_bulletin(y, m, run, seed=run, **kw))
    return out


def cross_questions(issues: list[Issue], prefix: str = "gx") -> list[dict]:
    """Questions that span consecutive fixture issues (month-over-month)."""
    out = []
    by_month = {i.facts["data_month"]: i for i in issues}
    months = sorted(by_month)
    for k0, (a, b) in enumerate(zip(months, months[1:], strict=False)):
        k = k0
        ha = by_month[a].facts["tables"]["hospitals"]["rows"]
        hb = by_month[b].facts["tables"]["hospitals"]["rows"]
        common = [h for h in ALIASES if h in ha and h in hb]
        ya, ma = (int(x) for x in a.split("-"))
        yb, mb = (int(x) for x in b.split("-"))
        h = common[k % len(common)]
        va, vb = int(ha[h]["门急诊信息/人次"]), int(hb[h]["门急诊信息/人次"])
        k += 1
        word = "增加" if vb > va else "减少"
        out.append(
            {
                "id": f"{prefix}-A{k:02d}",
                "cat": "aggregate",
                "q": f"{ALIASES[h][0]}{yb}年{mb}月的门急诊人次比{ma}月{word}了多少？",
                "expect": [[str(abs(vb - va))]],
            }
        )
        h2 = common[(k + 3) % len(common)]
        out.append(
            {
                "id": f"{prefix}-M{k:02d}",
                "cat": "followup",
                "q": f"那{ma}月份呢？",
                "history": [
                    {"role": "user", "content": f"{yb}年{mb}月{ALIASES[h2][0]}出院人次是多少？"},
                    {
                        "role": "assistant",
                        "content": f"{yb}年{mb}月，{h2}出院人次为{hb[h2]['出院信息/人次']}。",
                    },
                ],
                "expect": [[ha[h2]["出院信息/人次"]]],
            }
        )
        da = by_month[a].facts["hotline"]["人工服务"]
        db = by_month[b].facts["hotline"]["人工服务"]
        out.append(
            {
                "id": f"{prefix}-T{k:02d}",
                "cat": "text",
                "q": f"{ya}年{ma}月和{mb}月12320热线人工服务分别是多少通？",
                "expect": [[da], [db]],
            }
        )
    return out


# hand-written questions about the fixture news (checked against the fixture text by the tests)
# If the generator changes, the fixture news change too: test_factory checks these against the texts.
def _h(i, cat, q, expect=None, history=None, found=True):
    d = {"id": f"gh-{cat[0].upper() if cat != 'followup' else 'M'}{i:02d}", "cat": cat, "q": q}
    if history:
        d["history"] = [{"role": "user", "content": history[0]}, {"role": "assistant", "content": history[1]}]
    if found:
        d["expect"] = expect
    else:
        d["found"] = False
    return d


HANDWRITTEN: list[dict] = [
    _h(1, "text", "第162期简报说芜湖接入都市圈平台以后，平台一共覆盖几个城市？", [["7个", "7 个", "七个"]]),
    _h(2, "text", "第163期里省人医的AI预问诊首周服务了多少患者？", [["3137"]]),
    _h(3, "text", "第164期简报中网络安全专项检查是哪几天进行的？", [["10月9日"], ["18日"]]),
    _h(4, "text", "第162期简报，智慧医院培训班是哪天开的？", [["8月11日"]]),
    _h(5, "text", "第164期简报里检查检验结果互认累计互认了多少项次？", [["527万", "527 万"]]),
    _h(6, "text", "第163期简讯提到健康南京APP新增的就医提醒功能上线多少天了？", [["25天", "25 天"]]),
    _h(7, "text", "第164期简报，杭州市卫健委来调研时带队的是谁？", [["郑一鸣"]]),
    _h(
        8,
        "text",
        "第164期简报中检查检验结果互认的试点医院是哪家，互认率多少？",
        [["江苏省人民医院", "省人医"], ["81.5"]],
    ),
    _h(
        9,
        "text",
        "2025年第10期简报里参加智慧医院培训的有多少人，请了几位专家？",
        [["260"], ["7位", "7 位", "七位"]],
    ),
    _h(10, "text", "第162期简报里，第一篇文章讲的是什么？", [["检查检验结果互认"]]),
    _h(
        1,
        "followup",
        "整改了多少项？",
        [["227"]],
        history=(
            "第163期简报里数据安全检查发现了多少问题？",
            "第163期（2025年第9期）简报显示，专项检查共发现各类安全问题300项，其中高危问题11项。",
        ),
    ),
    _h(
        2,
        "followup",
        "有多少家医疗机构参加？",
        [["39家", "39 家", "三十九家"]],
        history=(
            "第162期简报里智慧医院培训班在哪里举办？",
            "第162期简报：培训班在江苏省人民医院学术报告厅举办。",
        ),
    ),
    _h(
        3,
        "followup",
        "那第162期呢？",
        [["158家", "158 家"]],
        history=(
            "第164期简报里检查检验结果互认平台接入了多少家医疗机构？",
            "第164期简报：全市已有157家医疗机构接入互认平台。",
        ),
    ),
    _h(1, "none", "第163期简报里AI预问诊服务收费多少钱？", found=False),
    _h(2, "none", "第162期简报的简讯里都说了什么？", found=False),
    _h(3, "none", "第164期简报里网络安全检查罚款了多少家单位？", found=False),
]


def build_fixtures(tests_dir) -> tuple[list[Path], Path]:
    tests_dir = Path(tests_dir)
    bdir = tests_dir / "fixtures" / "bulletins"
    bdir.mkdir(parents=True, exist_ok=True)
    issues = fixture_issues()
    paths = []
    qs: list[dict] = []
    for iss in issues:
        p = bdir / iss.filename
        p.write_text(iss.text, encoding="utf-8")
        paths.append(p)
        qs += questions(iss, f"g{iss.facts['running']}")
    qs += cross_questions(issues)
    qs += HANDWRITTEN
    qpath = tests_dir / "eval" / "generated.jsonl"
    qpath.parent.mkdir(parents=True, exist_ok=True)
    qpath.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in qs), encoding="utf-8")
    return paths, qpath


if __name__ == "__main__":
    ps, qp = build_fixtures(Path(__file__).resolve().parent)
    for p in ps:
        print(p)
    print(qp, sum(1 for _ in qp.open(encoding="utf-8")))
