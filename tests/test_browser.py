"""The chat UI in headless Chromium: a three-turn conversation, citations that expand, phone width.

Uses Debian's chromium (installed by ``scripts/install.sh --test``) through
Playwright, against a real uvicorn server with the deterministic fake embedder
(the three turns are answered from the facts table, which needs no model).
Screenshots go to ``$JNQA_ARTIFACTS`` (default: the test's temp dir).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.settings import Settings
from tests.servers import running_server

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BOT = "[data-testid='bot']"
TURNS = [
    ("民生领域有多少重点项目？", "210个", None),
    ("总投资呢？", "3097.59亿元", "理解为：民生领域的重点项目总投资是多少？"),
    ("比安全领域多多少？", "2971.85亿元", "理解为：民生领域的重点项目总投资比安全领域多多少？"),
]


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    settings = Settings(home=tmp_path_factory.mktemp("browser-home"), min_relevance=0.0)
    with running_server(settings, with_ui=True) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "chromium is missing: run `bash scripts/install.sh --test`"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def artifacts(tmp_path) -> Path:
    folder = Path(os.environ.get("JNQA_ARTIFACTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _ask(page, turn: int, question: str):
    """Send a question and wait for the whole streamed reply (its citation panels come last)."""
    page.get_by_placeholder("例如").fill(question)
    page.get_by_role("button", name="提问").click()
    reply = page.locator(BOT).nth(turn)
    reply.locator("details.citation").first.wait_for(timeout=30_000)
    return reply


def _conversation(page, url: str):
    page.goto(f"{url}/ui", wait_until="domcontentloaded")
    page.get_by_placeholder("例如").wait_for(timeout=60_000)
    for turn, (question, expected, rewrite) in enumerate(TURNS):
        reply = _ask(page, turn, question)
        assert expected in reply.inner_text()
        if rewrite:
            assert reply.locator(".rewrite").inner_text() == rewrite
        else:
            assert reply.locator(".rewrite").count() == 0
    return reply


def test_three_turn_conversation_with_citations_that_expand(server_url, browser, artifacts):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    reply = _conversation(page, server_url)
    panels = reply.locator("details.citation")
    assert panels.count() == 2
    panel = panels.first
    assert not panel.evaluate("el => el.open") and not panel.locator("p").is_visible()
    panel.locator("summary").click()
    assert panel.evaluate("el => el.open") and panel.locator("p").is_visible()
    assert panel.locator("mark").inner_text() == "3097.59亿元"
    page.screenshot(path=str(artifacts / "ui-conversation.png"), full_page=True)


def test_phone_width_has_no_sideways_scrolling_and_a_new_conversation_forgets_the_context(server_url, browser, artifacts):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    reply = _conversation(page, server_url)
    reply.locator("details.citation summary").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    send = page.get_by_role("button", name="提问").bounding_box()
    assert send is not None and send["x"] + send["width"] <= 390
    page.screenshot(path=str(artifacts / "ui-phone.png"), full_page=False)
    page.get_by_role("button", name="新对话").click()
    expect_empty = page.locator(BOT)
    expect_empty.first.wait_for(state="detached", timeout=10_000)
    page.get_by_placeholder("例如").fill("总投资呢？")
    page.get_by_role("button", name="提问").click()
    fresh = page.locator(BOT).first
    fresh.get_by_text("还没有上文").wait_for(timeout=30_000)
    assert fresh.locator(".rewrite").count() == 0  # nothing carried over from the old conversation
    assert fresh.locator(".reason").inner_text() == "未回答的原因：追问前没有可接续的问题"


def test_a_mended_typing_slip_is_shown_above_the_answer(server_url, browser, artifacts):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server_url}/ui", wait_until="domcontentloaded")
    page.get_by_placeholder("例如").wait_for(timeout=60_000)
    reply = _ask(page, 0, "黄河流域轻能产业基地是哪家企业的项目？")
    assert reply.locator(".rewrite").inner_text() == "按文档用词理解：轻能→氢能"
    assert "国家电投" in reply.inner_text()
    page.screenshot(path=str(artifacts / "ui-typo.png"), full_page=True)


REPORTS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "gov-reports-2025"
SOME_REPORTS = ("2025年广西政府工作报告.docx", "2025年江苏省政府工作报告.docx", "2025年海南省政府工作报告.docx",
                "2025年青海省政府工作报告.docx")


@pytest.fixture(scope="module")
def reports_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for name in SOME_REPORTS:
        shutil.copy(REPORTS / name, folder / name)
    settings = Settings(home=tmp_path_factory.mktemp("reports-home"), corpus=[folder], min_relevance=0.0)
    with running_server(settings, with_ui=True) as url:
        yield url


def test_an_answer_across_documents_is_a_table_and_a_chart_with_citations(reports_url, browser, artifacts):
    page = browser.new_page(viewport={"width": 1280, "height": 1100})
    page.goto(f"{reports_url}/ui", wait_until="domcontentloaded")
    page.get_by_placeholder("例如").wait_for(timeout=60_000)
    reply = _ask(page, 0, "各省2025年地区生产总值增长目标分别是多少？")
    rows = reply.locator("table.across tbody tr")
    assert rows.count() == 4
    assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(4)] == ["5%左右", "5%以上", "6%以上", "4.5%左右"]
    bars = reply.locator(".chart .bar")
    assert bars.count() == 4
    widths = [bars.nth(i).bounding_box()["width"] for i in range(4)]
    assert widths[2] == max(widths) and widths[3] == min(widths)  # 海南 6% longest, 青海 4.5% shortest
    assert reply.locator("details.citation").count() == 4
    page.get_by_text("收录的文档（4 份）").click()
    page.get_by_text("广西壮族自治区").first.wait_for(timeout=10_000)
    page.screenshot(path=str(artifacts / "ui-across.png"), full_page=True)
