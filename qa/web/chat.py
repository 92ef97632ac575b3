"""The Gradio chat: a Chinese interface over the engine, with sources folded under each answer.

Built from `gr.Blocks` rather than `gr.ChatInterface` because ChatInterface puts the user's raw text
into the chat as markdown; here every string from a user or a bulletin is escaped before it becomes
markdown (`<img src=x onerror=…>` shows as text), and unescaped again when it goes back as history.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import closing
from typing import TYPE_CHECKING, Any

import gradio as gr  # `qa/__init__` (imported first, as our parent) has set the offline environment

from qa.errors import BadQuestion, QAError
from qa.inputs import SURROGATE, check_question, scrub
from qa.model import Answer
from qa.web.charts import NARROW, WIDE, data_uri
from qa.web.guard import MAX_BODY
from qa.web.tables import Links, links_for, open_store

if TYPE_CHECKING:
    from qa.web.app import Service

TITLE = "简报问答"
EXAMPLES = [
    "江苏省人民医院门急诊人次是多少？",
    "哪家医院的门急诊收入最高？",
    "实时数据上传天数少于10天的医院有哪些？",
    "CHITEC大会是谁主办的？",
]
log = logging.getLogger("qa.web")
SOURCES = "来源"  # title of the folded sources message; such messages are not history
CHART_ALT = "图表："  # a chart is an image whose alt text starts so
DOWNLOADS = "**下载数据**："  # the line of download links
NOT_FOUND = "⚠ **未找到**："  # no emoji variant: renders without an emoji font
MAX_TABLE_ROWS = 30
QUEUE_SIZE = 64  # questions waiting at once; beyond that Gradio says the queue is full
KEEP_BYTES = MAX_BODY * 3 // 4  # the chat is trimmed below this so that its next request fits
FONTS = [
    "PingFang SC",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "system-ui",
    "sans-serif",
]
CSS = """
.qa-desc p { color: var(--body-text-color-subdued); margin: 0; }
#qa-chat .message-content img[alt^="图表"] {
  width: auto !important; max-width: 100% !important; max-height: none !important; height: auto !important;
  border-radius: 0 !important; margin: 4px 0 !important; }
"""
# The widget's iframe is small: less padding, smaller print, and the chat takes what is left.
CSS_COMPACT = (
    CSS
    + """
.gradio-container { padding: 6px 8px !important; }
.gradio-container .main, .gradio-container .wrap { gap: 6px !important; }
.qa-desc p { font-size: 12px; line-height: 1.4; }
#qa-chat .message-row.bot-row { max-width: 100% !important; margin-left: 2px !important; margin-right: 2px !important; }
"""
)

# CommonMark lets ASCII punctuation be backslash-escaped. Escape what acts anywhere (tags, entities,
# links, emphasis, code, table cells) and block markers only at a line start, so that figures such
# as 543099.4 stay clean in the copy button and in screen readers.
MD_INLINE = re.compile(r"([\\`*_~\[\]<>&|])")
MD_BLOCK = re.compile(r"^([ \t]*)([#+=-]|\d{1,9}(?=[.)](?:\s|$)))([.)]?)", re.M)  # heading, list, rule
MD_ESCAPED = re.compile(r"\\([\\`*_~\[\]<>&|#+=.)-])")


def md_escape(text: str) -> str:
    """Text that renders literally in markdown: no tags, links, images, emphasis, lists or tables."""
    text = MD_INLINE.sub(r"\\\1", text)
    return MD_BLOCK.sub(lambda m: m[1] + (m[2] + "\\" + m[3] if m[3] else "\\" + m[2]), text)


def md_unescape(text: str) -> str:
    """Inverse of md_escape: the text as the user typed it or the bulletin printed it."""
    return MD_ESCAPED.sub(r"\1", text)


def theme() -> gr.themes.Base:
    """The default theme with system CJK fonts: nothing downloaded, Chinese never boxes."""
    return gr.themes.Default(font=FONTS, font_mono=["ui-monospace", "monospace"])


# -- answers as chat messages -------------------------------------------------------------------
def render(ans: Answer, links: Links | None = None, chart_width: int = WIDE) -> list[gr.ChatMessage]:
    """The answer (refusals marked), a small table if there is one; then its chart and download links
    (a message of their own: the answer's copy button copies text only, and history skips it); then
    the folded sources."""
    text = md_escape(ans.text)
    if not ans.found:
        text = NOT_FOUND + text
    if ans.table and len(ans.table) > 1:
        text += "\n\n" + md_table(ans.table)
    out = [gr.ChatMessage(role="assistant", content=text)]
    data = data_md(ans, links, chart_width)
    if data:
        out.append(gr.ChatMessage(role="assistant", content=data))
    if ans.sources:
        out.append(
            gr.ChatMessage(
                role="assistant",
                content=sources_md(ans, links),
                metadata={"title": SOURCES, "status": "done"},
            )
        )
    return out


def data_md(ans: Answer, links: Links | None, chart_width: int = WIDE) -> str:
    """The chart as an image drawn here (qa/web/charts.py: offline, no script) and the links to the
    answer's rows as CSV and Excel and to its tables in the table browser."""
    parts = []
    if ans.found and ans.chart:
        try:
            uri = data_uri(ans.chart, chart_width)
            parts.append(f"![{CHART_ALT}{md_escape(ans.chart.get('title') or '')}]({uri})")
        except ValueError:
            log.exception("a chart of another shape than Answer.chart promises")
    if ans.found and links and links.csv:
        many = len(links.tables) > 1  # a series over several issues: each issue's table by its issue
        tables = " ".join(
            f"[{md_escape(issue) if many else '《' + md_escape(title) + '》'}]({url})"
            for issue, title, url in links.tables[:12]
        )
        parts.append(f"{DOWNLOADS}[CSV]({links.csv}) · [Excel]({links.xlsx}) · 表格：{tables}")
    return "\n\n".join(parts)


def is_data(text: str) -> bool:
    """A chart or download message: shown, never history."""
    return text.startswith("![" + CHART_ALT) or text.startswith(DOWNLOADS)


def md_table(rows: list[list[str]]) -> str:
    def line(cells: list[Any]) -> str:
        return "| " + " | ".join(md_escape(str(c)).replace("\n", " ") for c in cells) + " |"

    head, body = rows[0], rows[1 : 1 + MAX_TABLE_ROWS]
    out = [line(head), "|" + "---|" * len(head), *(line(r) for r in body)]
    if len(rows) - 1 > MAX_TABLE_ROWS:
        out.append(f"\n（共 {len(rows) - 1} 行，只显示前 {MAX_TABLE_ROWS} 行）")
    return "\n".join(out)


def sources_md(ans: Answer, links: Links | None = None) -> str:
    """issue · 表格/文章《title》 · line (a table's: linked to its row in the table browser), then the
    quoted row or sentence."""
    items = []
    for i, s in enumerate(ans.sources):
        kind = "表格" if s.kind == "table" else "文章"
        url = links.sources[i] if links and i < len(links.sources) else None
        where = f"[第{s.line}行]({url})" if url else f"第{s.line}行"
        items.append(
            f"**{md_escape(s.issue)}** · {kind}《{md_escape(s.title)}》 · {where}\n\n> {md_escape(s.text)}"
        )
    return "\n\n".join(items)


# -- conversation ↔ engine history ---------------------------------------------------------------
def text_of(message: Any) -> str:
    """Content as text whether it is a string, Gradio's list of blocks, or a ChatMessage; anything else
    a client sends (null, numbers) counts as no text."""
    if isinstance(message, gr.ChatMessage):
        content = message.content
    elif isinstance(message, dict):
        content = message.get("content", "")
    else:
        return ""
    if isinstance(content, list):
        parts = [b if isinstance(b, str) else b.get("text") if isinstance(b, dict) else "" for b in content]
        return " ".join(p for p in parts if isinstance(p, str))
    return content if isinstance(content, str) else ""


def metadata_of(message: Any) -> dict:
    if isinstance(message, gr.ChatMessage):
        meta = message.metadata
    else:
        meta = message.get("metadata") if isinstance(message, dict) else None
    return meta if isinstance(meta, dict) else {}


def role_of(message: Any) -> str:
    if isinstance(message, gr.ChatMessage):
        return message.role
    return message.get("role", "") if isinstance(message, dict) else ""


def trim(messages: list, keep: int) -> list:
    """The latest exchanges only: at most `keep` messages and KEEP_BYTES of JSON, starting at a question.
    The chat sends the whole conversation with every question, and the server refuses requests over
    its body and history limits, so the conversation shown must stay under them."""

    def size(ms: list) -> int:
        return len(
            json.dumps([m if isinstance(m, dict) else str(m) for m in ms], ensure_ascii=False).encode()
        )

    out = list(messages)
    while out and (len(out) > keep or size(out) > KEEP_BYTES):
        out = out[1:]
        while out and role_of(out[0]) != "user":
            out = out[1:]
    return out


def to_history(messages: list, limit: int) -> list[dict[str, str]]:
    """The last `limit` turns as the engine wants them: plain text, no 来源 or status messages."""
    turns = []
    for m in messages:
        if metadata_of(m).get("title") or role_of(m) not in ("user", "assistant"):
            continue
        if role_of(m) == "assistant" and is_data(text_of(m)):
            continue
        text = md_unescape(text_of(m))
        if text.startswith(md_unescape(NOT_FOUND)):
            text = text[len(md_unescape(NOT_FOUND)) :]
        turns.append({"role": role_of(m), "content": text})
    return turns[-limit:] if limit else []


# -- the interface ------------------------------------------------------------------------------
def build_chat(service: Service, compact: bool = False) -> gr.Blocks:
    """The chat page; `compact` is the widget's view (no heading, fills a small iframe)."""
    settings = service.settings

    keep = 3 * settings.max_history  # messages shown: question, answer and sources per exchange

    def answer_links(ans: Answer) -> Links | None:
        """Downloads and table-browser links; an answer is never lost for want of them."""
        if not ans.data:
            return None
        try:
            with closing(open_store(settings)) as store:
                return links_for(store, ans)
        except Exception:
            log.exception("links for a table answer failed")
            return None

    def add_question(message: str, messages: list) -> tuple[Any, list]:
        q = (message or "").strip() if isinstance(message, str) else ""
        if not q:
            return gr.skip(), gr.skip()
        messages = scrub(list(messages or []))
        if SURROGATE.search(q):  # not text: shown (scrubbed) with the refusal, never sent on
            try:
                check_question(q)
                refusal = ""
            except BadQuestion as e:
                refusal = "⚠ **问题无法处理**：" + md_escape(str(e))
            return "", [
                *messages,
                {"role": "user", "content": md_escape(scrub(q))},
                {"role": "assistant", "content": refusal},
            ]
        return "", [*messages, {"role": "user", "content": md_escape(q)}]

    def pick_example(messages: list, evt: gr.SelectData) -> list:
        value = evt.value if isinstance(evt.value, dict) else {"text": str(evt.value)}
        text = value.get("text", "")
        text = scrub(text) if isinstance(text, str) else ""
        return [*scrub(list(messages or [])), {"role": "user", "content": md_escape(text)}]

    def respond(messages: list) -> Iterator[list]:
        messages = trim(scrub(list(messages or [])), keep)
        if not messages or role_of(messages[-1]) != "user":
            yield messages
            return
        question = md_unescape(text_of(messages[-1]))
        history = to_history(messages[:-1], settings.max_history)
        if not service.ready:
            service.warm()
            yield [*messages, gr.ChatMessage(role="assistant", content="正在加载索引，首次提问需要几秒钟…")]
        try:
            ans = service.ask(check_question(question), history)
            reply = render(ans, answer_links(ans), NARROW if compact else WIDE)
        except BadQuestion as e:
            reply = [gr.ChatMessage(role="assistant", content="⚠ **问题无法处理**：" + md_escape(str(e)))]
        except Exception as e:  # never a traceback, a path or a raw database message in the chat
            from qa.web.app import failure

            if not isinstance(e, QAError):
                log.exception("answering in the chat failed")
            message = failure(e, settings)[1]
            reply = [gr.ChatMessage(role="assistant", content="⚠ **服务暂不可用**：" + md_escape(message))]
        yield trim([*messages, *reply], keep)

    def describe() -> str:
        try:
            return md_escape(service.describe()) + " 每个回答都附有来源；问不到的会直说「未找到」。"
        except Exception as e:
            from qa.web.app import failure

            return "⚠ 索引不可用：" + md_escape(failure(e, settings)[1])

    with gr.Blocks(title=TITLE, fill_height=True, analytics_enabled=False) as demo:
        if not compact:
            gr.Markdown(
                f"# {TITLE}\n南京卫生信息化简报的问答：统计表里的数字（按原文引用）和新闻、简讯里的事。"
                "[浏览全部表格](/tables)"
            )
        desc = gr.Markdown("正在加载索引…", elem_classes=["qa-desc"])
        chatbot = gr.Chatbot(
            label=TITLE,
            show_label=False,
            height="calc(100vh - 150px)" if compact else 560,
            scale=1,
            examples=[{"text": q} for q in EXAMPLES],
            placeholder=None if compact else "**试试下面的问题**，或直接输入你的问题。",
            sanitize_html=True,
            allow_tags=False,
            latex_delimiters=[],
            buttons=["copy"],
            layout="bubble",
            elem_id="qa-chat",
        )
        with gr.Row(equal_height=True):
            box = gr.Textbox(
                placeholder="输入问题，回车发送"
                if compact
                else "输入问题，按回车发送（可以追问，如：那住院收入呢？）",
                show_label=False,
                max_length=settings.max_question_chars,
                submit_btn="发送",
                scale=6,
                autofocus=not compact,
                elem_id="qa-input",
            )
            if not compact:  # the widget has the chat's own 清空对话 icon; the page gets a button too
                gr.ClearButton([box, chatbot], value="清空对话", scale=1, min_width=90, elem_id="qa-clear")
        if not compact:
            gr.Examples(EXAMPLES, inputs=[box], label="示例问题（点击填入）")

        box.submit(
            add_question,
            [box, chatbot],
            [box, chatbot],
            queue=False,
            api_name="question",
            api_visibility="private",
        ).then(respond, [chatbot], [chatbot], api_name="answer", api_visibility="private")
        chatbot.example_select(
            pick_example, [chatbot], [chatbot], queue=False, api_name="example", api_visibility="private"
        ).then(respond, [chatbot], [chatbot], api_name="example_answer", api_visibility="private")
        demo.load(describe, None, desc, api_name="describe", api_visibility="private")
    demo.queue(max_size=QUEUE_SIZE)
    return demo
