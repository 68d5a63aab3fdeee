"""The Gradio chat UI: answers with collapsible cited excerpts, using the same `Assistant.ask`."""

from __future__ import annotations

import html

import gradio as gr

from assistant.schemas import AskResponse, Citation
from assistant.service import Assistant

EXAMPLES = [
    "2025年新能源汽车保有量目标是多少？",
    "科技创新领域有多少个重点项目？",
    "什么时候制定碳达峰工作方案？",
    "2021年济南要开工建设哪些轨道交通线路？",
]
CSS = """
.citation summary { cursor: pointer; font-weight: 600; }
.citation mark { background: #fde68a; }
.citation .meta { color: #6b7280; font-size: 0.85em; }
"""


def _excerpt_html(citation: Citation) -> str:
    text = citation.text
    if citation.highlight:
        a = max(citation.highlight[0] - citation.start, 0)
        b = min(citation.highlight[1] - citation.start, len(text))
        return f"{html.escape(text[:a])}<mark>{html.escape(text[a:b])}</mark>{html.escape(text[b:])}"
    return html.escape(text)


def render_response(response: AskResponse) -> str:
    """The chat message: the answer, then one collapsible panel per cited excerpt."""
    parts = [html.escape(response.answer)]
    for i, citation in enumerate(response.citations, start=1):
        parts.append(
            f'<details class="citation"><summary>[{i}] {html.escape(citation.section)}</summary>'
            f'<div class="meta">《{html.escape(citation.doc_title)}》 字符 {citation.start}–{citation.end}</div>'
            f"<p>{_excerpt_html(citation)}</p></details>"
        )
    return "\n".join(parts)


def build_ui(assistant: Assistant) -> gr.Blocks:
    def respond(message: str, history: list, session_id: str | None):
        question = (message or "").strip()
        if not question:
            return "", history, session_id
        if len(question) > assistant.settings.max_question_chars:
            reply = f"问题太长了（{len(question)} 字），请控制在 {assistant.settings.max_question_chars} 字以内。"
        else:
            response = assistant.ask(question, session_id)
            session_id = response.session_id
            reply = render_response(response)
        history = history + [{"role": "user", "content": question}, {"role": "assistant", "content": reply}]
        return "", history, session_id

    def reset():
        return [], None, ""

    with gr.Blocks(title="济南规划问答助手") as demo:
        gr.Markdown("## 济南规划问答助手\n就济南经济规划文件提问，答案给出原文数字并附出处摘录（点开查看）。")
        session = gr.State(None)
        chatbot = gr.Chatbot(label="对话", height=460, sanitize_html=True, feedback_options=None)
        with gr.Row():
            box = gr.Textbox(placeholder="例如：2025年新能源汽车保有量目标是多少？", show_label=False, scale=5, max_lines=3)
            send = gr.Button("提问", variant="primary", scale=1)
        new = gr.Button("新对话", size="sm")
        gr.Examples(EXAMPLES, inputs=box, label="示例问题")
        box.submit(respond, [box, chatbot, session], [box, chatbot, session])
        send.click(respond, [box, chatbot, session], [box, chatbot, session])
        new.click(reset, None, [chatbot, session, box])
    return demo
