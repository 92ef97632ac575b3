"""An answer's chart (`Answer.chart`) drawn as a small SVG on the server, shown as an image in the chat.

Why our own SVG rather than Gradio's plot components or matplotlib (checked on Gradio 6.31, see README
"Charts"): `gr.LinePlot` draws with Vega, which Gradio bundles (no outside request), but placed in a
chat message it never renders (the chat asks the server for a "lineplot" component bundle that answers
404), and its data would come back to the server as a list in every later request of the chat. A
plot as a picture needs no script, and an SVG inside an `<img>` can neither run code nor fetch
anything, so it is offline by construction. matplotlib would be a large new dependency for a line and
bars. The text uses the CJK fonts the setup installs (fonts-wqy-microhei) or the system's own.

Missing values (「/」, a month not indexed) are gaps — no point, no bar, a 「无数据」 mark — never zeros.
"""

from __future__ import annotations

import base64
import math
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

FONT = "'WenQuanYi Micro Hei','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif"
COLORS = ["#ea580c", "#2563eb", "#16a34a", "#9333ea", "#0891b2", "#ca8a04"]
INK, GRID, MUTED = "#1f2937", "#e5e7eb", "#6b7280"
MONTH = re.compile(r"^(\d{4})年(\d{1,2})月$")
WIDE, NARROW = 640, 300  # the full chat's bubble; a bubble in the widget's 420 px panel


class BadChart(ValueError):
    """A chart dict that does not have the shape of `Answer.chart`."""


def check(chart: dict[str, Any]) -> None:
    """The shape `Answer.chart` promises: kind, x labels and series of numbers or None, equally long."""
    if not isinstance(chart, dict) or chart.get("kind") not in ("line", "bar"):
        raise BadChart("a chart's kind is 'line' or 'bar'")
    x = chart.get("x")
    series = chart.get("series")
    if not isinstance(x, list) or not x or not all(isinstance(v, str) for v in x):
        raise BadChart("a chart's x is a non-empty list of labels")
    if not isinstance(series, list) or not series:
        raise BadChart("a chart has at least one series")
    for s in series:
        values = s.get("values") if isinstance(s, dict) else None
        if not isinstance(values, list) or len(values) != len(x):
            raise BadChart("every series has one value per x label")
        for v in values:
            if v is not None and (
                isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v)
            ):
                raise BadChart("a chart's values are finite numbers or null")


# -- numbers and text --------------------------------------------------------------------------------
def figure(v: float) -> str:
    """A value as the bulletins print figures: 660405, 42.36, no exponent, no trailing zeros."""
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")


def tick_label(v: float, step: float, short: bool = False) -> str:
    """An axis tick with as many decimals as the step needs; `short` writes steps of ten thousand
    and more in 万 (「60万」), for a narrow axis where 600,000 would not fit."""
    if short and step >= 10000:
        text = f"{v / 10000:,.4f}".rstrip("0").rstrip(".")
        return ("0" if text in ("", "-0") else text) + ("万" if v else "")
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    return f"{v:,.{decimals}f}"


def ticks(lo: float, hi: float, n: int = 5) -> tuple[list[float], float]:
    """Round tick values covering [lo, hi] (1, 2, 2.5 or 5 times a power of ten apart), and the step."""
    if hi == lo:
        hi = lo + (abs(lo) or 1)
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw - 1e-12)
    start, end = math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step
    count = round((end - start) / step)
    return [round(start + i * step, 10) for i in range(count + 1)], step


def text_width(s: str, size: float) -> float:
    """Estimated width of text: a CJK character is one em, digits and Latin letters about 0.6 em."""
    return sum(size if ord(c) > 0x2E7F else size * 0.6 for c in s)


def fit(s: str, size: float, width: float) -> str:
    """The text, cut with an ellipsis to fit `width` (chart labels only; the answer has the full names)."""
    if text_width(s, size) <= width:
        return s
    while s and text_width(s + "…", size) > width:
        s = s[:-1]
    return s + "…"


def measure(chart: dict[str, Any]) -> str:
    """What the values count, for the value axis: a bar chart's series is its column (签约率); a line
    chart's title is the entity then the column (江苏省人民医院门急诊人次)."""
    title, name = chart.get("title") or "", chart["series"][0].get("name") or ""
    if chart["kind"] == "bar" and name:
        return name
    if name and title.startswith(name) and len(title) > len(name):
        return title[len(name) :]
    return title or name


def axis_label(chart: dict[str, Any]) -> str:
    unit = chart.get("unit") or ""
    return f"{measure(chart)}（{unit}）" if unit else measure(chart)


def _text(x: float, y: float, s: str, size: float, anchor: str = "start", **attrs: Any) -> str:
    extra = "".join(f" {k.replace('_', '-')}={quoteattr(str(v))}" for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}"{extra}>{escape(s)}</text>'
    )


def _frame(width: float, height: float, chart: dict[str, Any], body: list[str]) -> str:
    title = chart.get("title") or ""
    label = f"{title}（{chart.get('unit')}）" if chart.get("unit") else title
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label={quoteattr(label)} '
        f'font-family="{FONT}" fill="{INK}">'
        f"<title>{escape(label)}</title>"
        f'<rect width="100%" height="100%" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )


def _legend(chart: dict[str, Any], x: float, y: float, size: float) -> list[str]:
    out = []
    for i, s in enumerate(chart["series"]):
        color = COLORS[i % len(COLORS)]
        out.append(
            f'<rect x="{x:.1f}" y="{y - size + 2:.1f}" width="{size:g}" height="{size - 2:g}" fill="{color}"/>'
        )
        name = s.get("name") or ""
        out.append(_text(x + size + 4, y, name, size))
        x += size + 12 + text_width(name, size)
    return out


# -- line: months on the x axis, the unit on the y axis ---------------------------------------------------
def month_ticks(labels: list[str]) -> list[tuple[str, str]]:
    """(month, year) for each x label: 「7月」 under every point, the year under the first point and
    wherever the year changes; labels that are not months are kept whole."""
    out, year = [], None
    for s in labels:
        m = MONTH.match(s)
        if not m:
            out.append((s, ""))
            continue
        out.append((f"{int(m[2])}月", f"{m[1]}年" if m[1] != year else ""))
        year = m[1]
    return out


def line_svg(chart: dict[str, Any], width: int = WIDE) -> str:
    size = 12 if width < 480 else 13
    n = len(chart["x"])
    series = chart["series"]
    values = [v for s in series for v in s["values"] if v is not None]
    lo, hi = min([0.0, *values]), max([0.0, *values])
    tv, step = ticks(lo, hi)
    ylabels = [tick_label(t, step) for t in tv]
    left = 10 + size + 8 + max(text_width(s, size - 1) for s in ylabels) + 6
    right, top = 16, 42 + (size + 8 if len(series) > 1 else 0)
    plot_w = width - left - right
    slot = plot_w / n
    months = month_ticks(chart["x"])
    widest = max(text_width(m, size - 1) for m, _ in months)
    rotate = 0 if widest + 4 <= slot else 45 if slot >= size * 1.5 else 90
    longest = max(text_width(m + y, size - 1) for m, y in months)
    bottom = longest * (0.72 if rotate == 45 else 1) + 16 if rotate else 2 * size + 14
    height = max(200, round(width * 0.5))
    plot_h = height - top - bottom
    y0, y1 = tv[0], tv[-1]

    def X(i: int) -> float:  # noqa: N802
        return left + slot * (i + 0.5)

    def Y(v: float) -> float:  # noqa: N802
        return top + plot_h * (1 - (v - y0) / (y1 - y0))

    body = [_text(10, 19, fit(chart.get("title") or "", size + 2, width - 20), size + 2, font_weight="bold")]
    if len(series) > 1:
        body += _legend(chart, left, 19 + size + 8, size - 1)
    for i in range(n):  # a month no series has a figure for: a gap, shaded and said so, never a zero
        if all(s["values"][i] is None for s in series):
            body.append(
                f'<rect x="{X(i) - slot / 2:.1f}" y="{top:.1f}" width="{slot:.1f}" height="{plot_h:.1f}" '
                f'fill="#f3f4f6"><title>无数据</title></rect>'
            )
            if text_width("无数据", size - 2) + 2 <= slot:
                body.append(_text(X(i), top + plot_h / 2, "无数据", size - 2, "middle", fill=MUTED))
    for t, s in zip(tv, ylabels, strict=True):
        color = MUTED if t == 0 else GRID
        body.append(
            f'<line x1="{left:.1f}" x2="{width - right:.1f}" y1="{Y(t):.1f}" y2="{Y(t):.1f}" stroke="{color}"/>'
        )
        body.append(_text(left - 6, Y(t) + 4, s, size - 1, "end", fill=MUTED))
    cy = top + plot_h / 2
    body.append(_text(14, cy, axis_label(chart), size, "middle", transform=f"rotate(-90 14 {cy:.1f})"))
    for i, (m, y) in enumerate(months):
        base = top + plot_h + size + 4
        if rotate:
            x, b = (X(i), base) if rotate == 45 else (X(i) + (size - 1) / 2 - 1, top + plot_h + 6)
            body.append(_text(x, b, y + m, size - 1, "end", transform=f"rotate(-{rotate} {x:.1f} {b:.1f})"))
        else:
            body.append(_text(X(i), base, m, size - 1, "middle"))
            if y:
                body.append(_text(X(i), base + size + 2, y, size - 1, "middle", fill=MUTED))
    # Each point's figure above it; where a slot is too narrow, every other one below its point.
    widest_value = max((text_width(figure(v), 1) for v in series[0]["values"] if v is not None), default=0)
    value_size = next((f for f in (size - 1, size - 2) if widest_value * f + 4 <= slot), 0)
    stagger = not value_size and widest_value * (size - 2) + 8 <= 2 * slot
    value_size = value_size or (size - 2 if stagger else 0)
    show_values = len(series) == 1 and value_size > 0
    for si, s in enumerate(series):
        color = COLORS[si % len(COLORS)]
        run: list[str] = []
        runs: list[list[str]] = []
        for i, v in enumerate(s["values"]):
            if v is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{X(i):.1f},{Y(v):.1f}")
        if run:
            runs.append(run)
        for r in runs:
            if len(r) > 1:
                body.append(
                    f'<polyline points="{" ".join(r)}" fill="none" stroke="{color}" stroke-width="2.5"/>'
                )
        for i, v in enumerate(s["values"]):
            if v is None:
                continue
            body.append(f'<circle cx="{X(i):.1f}" cy="{Y(v):.1f}" r="3.5" fill="{color}"/>')
            if show_values:
                below = stagger and i % 2 == 1
                body.append(
                    _text(X(i), Y(v) + (value_size + 6 if below else -8), figure(v), value_size, "middle")
                )
    return _frame(width, height, chart, body)


# -- bar: one row per entity, the unit under the value axis ---------------------------------------------
def bar_svg(chart: dict[str, Any], width: int = WIDE) -> str:
    size = 12 if width < 480 else 13
    names, series = chart["x"], chart["series"]
    k = len(series)
    bar = 14 if k == 1 else 9
    row = bar * k + 8
    values = [v for s in series for v in s["values"] if v is not None]
    lo, hi = min([0.0, *values]), max([0.0, *values])
    label_w = min(max(text_width(s, size) for s in names), width * 0.36)
    longest = max((text_width(figure(v), size - 1) for v in values), default=0)
    left, right = 10 + label_w + 8 + (longest + 4 if lo < 0 else 0), 12 + longest
    top = 34 + (size + 8 if k > 1 else 0)
    plot_w = width - left - right
    # As many ticks as fit side by side under the bars: printed in full if they can, else in 万.
    for short, n in [(False, n) for n in (5, 4, 3)] + [(True, n) for n in (5, 4, 3, 2, 1)]:
        tv, step = ticks(lo, hi, n)
        xlabels = [tick_label(t, step, short) for t in tv]
        if plot_w / max(1, len(tv) - 1) >= max(text_width(x, size - 1) for x in xlabels) + 8:
            break
    height = top + row * len(names) + 2 * size + 26
    x0, x1 = tv[0], tv[-1]

    def X(v: float) -> float:  # noqa: N802
        return left + plot_w * (v - x0) / (x1 - x0)

    body = [_text(10, 19, fit(chart.get("title") or "", size + 2, width - 20), size + 2, font_weight="bold")]
    if k > 1:
        body += _legend(chart, left, 19 + size + 8, size - 1)
    bottom = top + row * len(names)
    for t, s in zip(tv, xlabels, strict=True):
        color = MUTED if t == 0 else GRID
        body.append(
            f'<line x1="{X(t):.1f}" x2="{X(t):.1f}" y1="{top:.1f}" y2="{bottom:.1f}" stroke="{color}"/>'
        )
        body.append(_text(X(t), bottom + size + 4, s, size - 1, "middle", fill=MUTED))
    body.append(_text(left + plot_w / 2, bottom + 2 * size + 14, axis_label(chart), size, "middle"))
    for i, name in enumerate(names):
        y = top + row * i + 4
        body.append(_text(10 + label_w, y + row / 2 + size / 2 - 4, fit(name, size, label_w), size, "end"))
        if all(s["values"][i] is None for s in series):
            body.append(_text(X(0) + 4, y + bar * k / 2 + size / 2 - 2, "无数据", size - 1, fill=MUTED))
            continue
        for si, s in enumerate(series):
            v = s["values"][i]
            if v is None:
                continue
            a, b = sorted((X(0), X(v)))
            by = y + si * bar
            color = COLORS[si % len(COLORS)]
            body.append(
                f'<rect x="{a:.1f}" y="{by:.1f}" width="{max(b - a, 0.5):.1f}" height="{bar - 1}" fill="{color}"/>'
            )
            tx, anchor = (b + 4, "start") if v >= 0 else (a - 4, "end")
            body.append(_text(tx, by + bar - 3, figure(v), size - 1, anchor))
    return _frame(width, height, chart, body)


def svg(chart: dict[str, Any], width: int = WIDE) -> str:
    """The chart as a standalone SVG document (raises BadChart for a dict of another shape)."""
    check(chart)
    return line_svg(chart, width) if chart["kind"] == "line" else bar_svg(chart, width)


def data_uri(chart: dict[str, Any], width: int = WIDE) -> str:
    """The chart as a `data:` URI for an `<img>`: no request to any server, not even ours."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(chart, width).encode("utf-8")).decode("ascii")
