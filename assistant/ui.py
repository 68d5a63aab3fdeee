"""The Gradio chat UI: streamed answers with collapsible cited excerpts, on the same `Assistant.ask`
(and so the same conversation store) as the HTTP API.

Each reply shows "理解为：…" when a follow-up was completed from the previous
turn, then the answer (streamed in), then one collapsible panel per citation,
titled with its heading path, the answering figure highlighted inside.
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterator, Sequence

import gradio as gr

from assistant import APP_NAME
from assistant.schemas import AskResponse, Citation
from assistant.service import Assistant
from corpus.facts import Fact
from corpus.indicators import indicator_named
from corpus.profile import dated
from corpus.table_vocabulary import NO_TABLE, TableVocabulary

FOLLOW_UP_HINT = "可以接着追问，例如“总投资呢？”“那去年呢？”“它属于哪项任务？”"
EXAMPLE_COUNT = 4
STREAM_STEP_CHARS = 6
STREAM_STEP_SECONDS = 0.012
CSS = """
.rewrite { color: #6b7280; font-size: 0.9em; margin-bottom: 0.4em; }
.reason { color: #92400e; font-size: 0.9em; margin-bottom: 0.4em; }
.citation { border-left: 3px solid #e5e7eb; padding-left: 0.6em; margin-top: 0.4em; }
.citation summary { cursor: pointer; font-weight: 600; overflow-wrap: anywhere; }
.citation mark { background: #fde68a; }
.citation .meta { color: #6b7280; font-size: 0.85em; }
table.across { border-collapse: collapse; margin: 0.5em 0; font-size: 0.92em; }
table.across th, table.across td { border-bottom: 1px solid #e5e7eb; padding: 0.2em 0.6em; text-align: left; }
.chart { margin: 0.5em 0 0.8em; max-width: 36em; }
.bar-row { display: flex; align-items: center; gap: 0.4em; margin: 2px 0; font-size: 0.85em; }
.bar-label { width: 4.5em; flex: none; text-align: right; }
.bar { display: inline-block; height: 0.9em; background: #60a5fa; border-radius: 2px; }
.bar-value { color: #374151; white-space: nowrap; }
@media (max-width: 640px) {
  .message-row.bot-row { max-width: 100% !important; margin-left: 0 !important; }
  .citation summary { font-size: 0.9em; }
}
"""


def _excerpt_html(citation: Citation) -> str:
    text = citation.text
    if citation.highlight:
        a = max(citation.highlight[0] - citation.start, 0)
        b = min(citation.highlight[1] - citation.start, len(text))
        return f"{html.escape(text[:a])}<mark>{html.escape(text[a:b])}</mark>{html.escape(text[b:])}"
    return html.escape(text)


def _rewrite_html(response: AskResponse) -> str:
    notes = "".join(f'<div class="rewrite">{html.escape(note)}</div>' for note in response.reading_notes())
    why = response.reason_note()
    return notes + (f'<div class="reason">{html.escape(why)}</div>' if why else "")


def _citations_html(response: AskResponse) -> str:
    return "\n".join(
        f'<details class="citation"><summary>[{i}] {html.escape(c.section)}</summary>'
        f'<div class="meta">《{html.escape(c.doc_title)}》 字符 {c.start}–{c.end}</div>'
        f"<p>{_excerpt_html(c)}</p></details>"
        for i, c in enumerate(response.citations, start=1)
    )


def _table_html(response: AskResponse) -> str:
    """A question compared across documents: its rows as a table, and the numeric ones as a bar chart."""
    rows = response.table
    if len(rows) < 2:
        return ""
    numbers = [float(r.value) for r in rows if r.value is not None]
    top = max(numbers, default=0.0) or 1.0
    cells, bars = [], []
    for row in rows:
        printed = html.escape(row.printed) if row.printed else '<span class="meta">未写明</span>'
        cells.append(f"<tr><td>{html.escape(row.place)}</td><td>{printed}</td>"
                     f"<td class=\"meta\">{html.escape(row.section or '')}</td></tr>")
        if row.value is not None:
            width = max(2, round(float(row.value) / top * 100))
            bars.append(f'<div class="bar-row"><span class="bar-label">{html.escape(row.place)}</span>'
                        f'<span class="bar" style="width: {width}%"></span><span class="bar-value">{html.escape(row.printed)}</span></div>')
    table = ('<table class="across"><thead><tr><th>地方</th><th>原文数值</th><th>出处章节</th></tr></thead><tbody>'
             + "".join(cells) + "</tbody></table>")
    chart = f'<div class="chart" role="img" aria-label="各文档数值条形图">{"".join(bars)}</div>' if len(bars) > 1 else ""
    return table + chart


def render_response(response: AskResponse) -> str:
    """The whole chat message: the rewrite (for follow-ups), the answer, a table and chart for an answer across
    documents, one panel per citation."""
    parts = (_rewrite_html(response), html.escape(response.answer), _table_html(response), _citations_html(response))
    return "\n".join(p for p in parts if p)


def stream_response(response: AskResponse) -> Iterator[str]:
    """The chat message as it grows: the rewrite first, the answer a few characters at a time, then the citations."""
    answer = response.answer
    for end in range(STREAM_STEP_CHARS, len(answer), STREAM_STEP_CHARS):
        yield "\n".join(p for p in (_rewrite_html(response), html.escape(answer[:end])) if p)
    yield render_response(response)


def examples_for(documents: list[dict], facts: Sequence[Fact] = (), table: TableVocabulary = NO_TABLE) -> list[str]:
    """Example questions the documents answer: over documents of several places, ones that name their places and
    compare them; else a question on the section table, figures of the reference indicators and a deadline,
    taken from the documents' own facts."""
    places = list(dict.fromkeys(p for d in documents if (p := (d.get("profile") or {}).get("place_short"))))
    if len(places) >= 3:
        kind = (documents[0].get("profile") or {}).get("kind")
        delivered = [f"{places[0]}的{kind}是哪天在什么会议上作的？"] if kind == "政府工作报告" else []
        return [f"{places[0]}今年的经济增长目标是多少？", "哪个省份今年的经济增长目标最高？",
                f"{places[1]}和{places[2]}的城镇新增就业目标分别是多少？", *delivered]
    sections = [f"{table.section_name(1)}领域有多少个{table.whole.printed}？"] if table and table.section_names else []
    figures = sorted((f for f in facts if f.kind == "figure" and f.subject and 4 <= len(f.subject) <= 10),
                     key=lambda f: (f.year is None, indicator_named(f.subject) is None))
    deadlines = [f"什么时候{f.subject}？" for f in facts if f.kind == "deadline" and f.subject and len(f.subject) <= 12]
    asked = [f"{f.year + '年' if f.year else ''}{f.subject}是多少？" for f in figures]
    found = list(dict.fromkeys(sections + asked[: EXAMPLE_COUNT - len(sections) - bool(deadlines)] + deadlines[:1]))
    return found or ["这份文档的主要目标有哪些？"]


def app_title(documents: list[dict]) -> str:
    """The assistant's name, with the place when every document governs the same one (<place>规划问答助手)."""
    places = {(d.get("profile") or {}).get("place_short") for d in documents}
    return f"{places.pop() or ''}{APP_NAME}" if len(places) == 1 else APP_NAME


def documents_table(documents: list[dict]) -> str:
    """The indexed documents as a Markdown table: place, kind, period, date delivered or issued, title."""
    lines = ["| 地方 | 类型 | 时期 | 日期 | 标题 |", "|---|---|---|---|---|"]
    for record in documents:
        profile = record.get("profile") or {}
        cells = (profile.get("place"), profile.get("kind"), profile.get("period"), dated(record), record["title"])
        lines.append("| " + " | ".join(str(c or "—").replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def build_ui(assistant: Assistant) -> gr.Blocks:
    limit = assistant.settings.max_question_chars

    choices = [(f"{d.get('profile', {}).get('place_short') or ''} · {d['title']}".strip(" ·"), d["doc_id"])
               for d in assistant.documents()]

    def respond(message: str, history: list, session_id: str | None, documents: list[str] | None = None):
        question = (message or "").strip()
        if not question:
            yield "", history, session_id
            return
        history = history + [{"role": "user", "content": question}, {"role": "assistant", "content": "…"}]
        yield "", history, session_id
        if len(question) > limit:
            history[-1] = {"role": "assistant", "content": f"问题太长了（{len(question)} 字），请控制在 {limit} 字以内。"}
            yield "", history, session_id
            return
        response = assistant.ask(question, session_id, documents=documents or None)
        for step, partial in enumerate(stream_response(response)):
            if step:
                time.sleep(STREAM_STEP_SECONDS)
            history[-1] = {"role": "assistant", "content": partial}
            yield "", history, response.session_id

    def reset():
        return [], None, ""

    documents = assistant.documents()
    examples = examples_for(documents, assistant.index.facts, assistant.table.vocabulary)
    title = app_title(documents)
    with gr.Blocks(title=title) as demo:
        gr.Markdown(f"## {title}\n就收录的规划和报告提问，答案给出原文数字并附出处摘录（点开查看）；问到各地同一指标时给出对照表和条形图。{FOLLOW_UP_HINT}")
        session = gr.State(None)
        chatbot = gr.Chatbot(label="对话", height="62vh", min_height=320, sanitize_html=True, feedback_options=None)
        with gr.Row(equal_height=True):
            box = gr.Textbox(placeholder=f"例如：{examples[0]}", show_label=False, scale=5, min_width=120,
                             max_lines=3, max_length=limit)
            send = gr.Button("提问", variant="primary", scale=1, min_width=64)
        with gr.Row(equal_height=True):
            chosen = gr.Dropdown(choices, multiselect=True, value=[], label=f"只看这些文档（不选即全部 {len(choices)} 份）",
                                 scale=5, visible=len(choices) > 1)
            new = gr.Button("新对话", size="sm", scale=1)
        with gr.Accordion(f"收录的文档（{len(choices)} 份）", open=False):
            gr.Markdown(documents_table(documents))
        gr.Examples(examples, inputs=box, label="示例问题")
        box.submit(respond, [box, chatbot, session, chosen], [box, chatbot, session])
        send.click(respond, [box, chatbot, session, chosen], [box, chatbot, session])
        new.click(reset, None, [chatbot, session, box])
    return demo
