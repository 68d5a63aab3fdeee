"""Your own documents: a folder with a .docx, a PDF and a .txt is indexed, answered with citations,
and re-indexed incrementally (nothing changed: nothing embedded; changed: only that document; removed: gone)."""

import glob
import logging
from pathlib import Path

import pytest

from assistant.service import Assistant, ensure_index
from assistant.settings import Settings
from corpus.documents import CorpusError, load_corpus, read_corpus
from corpus.outline import parse_outline
from corpus.readers import join_pdf_lines
from tests.fakes import HashingEmbedder

FIXTURES = Path(__file__).parent / "fixtures"
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def write_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))


def write_pdf(text: str, path: Path) -> None:
    from fpdf import FPDF

    assert glob.glob(CJK_FONT), "fonts-noto-cjk is missing: run `bash scripts/install.sh --test`"
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", fname=CJK_FONT, collection_font_number=2)
    pdf.set_font("cjk", size=11)
    pdf.multi_cell(0, 7, text)  # long lines wrap, so the PDF's text layer breaks sentences across lines
    pdf.output(str(path))


@pytest.fixture
def folder(tmp_path) -> Path:
    docs = tmp_path / "my-docs"
    docs.mkdir()
    write_docx((FIXTURES / "digital_plan.txt").read_text(encoding="utf-8"), docs / "digital_plan.docx")
    write_pdf((FIXTURES / "rules_articles.txt").read_text(encoding="utf-8"), docs / "rules.pdf")
    (docs / "notes.txt").write_text((FIXTURES / "plain_notes.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return docs


def test_docx_pdf_and_txt_are_read_with_their_text(folder):
    docs = {d.doc_id: d for d in load_corpus([folder])}
    assert set(docs) == {"digital_plan", "rules", "notes"}
    assert "到2026年，全市数字经济核心产业增加值达到1200亿元以上" in docs["digital_plan"].text
    assert "第四条 开放数据集数量到2025年达到1500个。" in docs["rules"].text
    assert docs["digital_plan"].title == "泉城市数字经济高质量发展三年行动方案(2024—2026年)"


def test_pdf_lines_are_rejoined_into_paragraphs_but_headings_stay_apart():
    lines = ["第一章 总则", "第一条 为了规范公共数据开", "放，制定本办法。", "第二条 本办法适用于", "本市。"]
    assert join_pdf_lines(lines).splitlines() == ["第一章 总则", "第一条 为了规范公共数据开放，制定本办法。", "第二条 本办法适用于本市。"]


@pytest.mark.parametrize(("name", "message"), [("broken.docx", "not a readable .docx"), ("broken.pdf", "not a readable PDF"),
                                               ("binary.txt", "not text")])
def test_a_broken_file_is_named_with_its_reason_and_skipped(tmp_path, name, message):
    (tmp_path / name).write_bytes(b"not really" if name != "binary.txt" else bytes(range(256)) * 4)
    (tmp_path / "good.txt").write_text("全年新增城镇就业11万人。", encoding="utf-8")
    read = read_corpus([tmp_path])
    assert [d.doc_id for d in read.documents] == ["good"]
    assert len(read.skipped) == 1 and read.skipped[0].startswith(str(tmp_path / name)) and message in read.skipped[0]


def test_a_folder_of_only_broken_files_is_an_error_that_names_them(tmp_path):
    (tmp_path / "broken.docx").write_bytes(b"not really")
    with pytest.raises(CorpusError, match="no documents found .*1 unreadable: .*broken.docx: not a readable .docx"):
        load_corpus([tmp_path])


def test_a_collections_own_notes_are_not_read_as_documents(tmp_path):
    (tmp_path / "SOURCES.md").write_text("# Where these reports come from\n收集自公开网站。", encoding="utf-8")
    (tmp_path / "README.md").write_text("说明文件。", encoding="utf-8")
    (tmp_path / "plan.md").write_text("全年新增城镇就业11万人。", encoding="utf-8")
    assert [d.doc_id for d in load_corpus([tmp_path])] == ["plan"]


TEXT = "二、主要目标\n全市地区生产总值增长5%左右，城镇新增就业11万人。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_files_are_read_in_the_encoding_they_were_saved_in(tmp_path, encoding, caplog):
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode(encoding))
    with caplog.at_level(logging.INFO, logger="corpus.readers"):
        (doc,) = load_corpus([path])
    assert doc.text == TEXT
    expected = {"utf-8-sig": "utf-8", "gbk": "gb18030", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}
    assert f"read as {expected.get(encoding, encoding)}" in caplog.text


def test_index_builds_the_readable_files_names_the_damaged_one_and_exits_4(tmp_path, capsys, monkeypatch):
    from assistant import service
    from assistant.cli import EXIT_SKIPPED, main

    monkeypatch.setattr(service, "default_embedder", lambda settings: HashingEmbedder())
    docs = tmp_path / "reports"
    docs.mkdir()
    (docs / "gbk_report.txt").write_bytes((FIXTURES / "plain_notes.txt").read_text(encoding="utf-8").encode("gb18030"))
    write_docx((FIXTURES / "digital_plan.txt").read_text(encoding="utf-8"), docs / "digital_plan.docx")
    (docs / "damaged.docx").write_bytes((docs / "digital_plan.docx").read_bytes()[:2000])
    command = ["index", "--corpus", str(docs), "--out", str(tmp_path / "idx"), "-q"]
    assert main(command) == EXIT_SKIPPED
    printed = capsys.readouterr()
    assert "built " in printed.out and "skipped 1 unreadable file" in printed.err
    assert f"{docs / 'damaged.docx'}: not a readable .docx" in printed.err
    assert main(command) == EXIT_SKIPPED  # nothing changed: still says what it left out
    assert "up to date" in capsys.readouterr().out
    monkeypatch.setenv("JNQA_HOME", str(tmp_path / "home"))
    settings = Settings(index_dir=tmp_path / "idx", corpus=[docs], min_relevance=0.0)
    response = Assistant(settings, embedder_factory=lambda s: HashingEmbedder()).ask("全年计划举办多少场夜间促消费活动？")
    assert response.answered and "200场" in response.answer and response.citations[0].doc_id == "gbk_report"


def make(tmp_path, folder, embedder) -> Assistant:
    settings = Settings(home=tmp_path / "home", corpus=[folder], min_relevance=0.0)
    return Assistant(settings, embedder_factory=lambda s: embedder)


@pytest.mark.parametrize(("question", "figure", "doc_id"), [
    ("到2026年数字经济核心产业增加值要达到多少？", "1200亿元", "digital_plan"),
    ("开放数据集数量到2025年要达到多少个？", "1500个", "rules"),
    ("全年计划举办多少场夜间促消费活动？", "200场", "notes"),
])
def test_each_document_is_answerable_with_a_citation_into_its_text(tmp_path, folder, question, figure, doc_id):
    assistant = make(tmp_path, folder, HashingEmbedder())
    response = assistant.ask(question)
    assert response.answered and figure in response.answer
    texts = {d.doc_id: d.text for d in load_corpus([folder])}
    cited = response.citations[0]
    assert cited.doc_id == doc_id and texts[doc_id][cited.start:cited.end] == cited.text


def test_reindexing_embeds_only_what_changed_and_drops_what_was_removed(tmp_path, folder, caplog):
    embedder = HashingEmbedder()
    assistant = make(tmp_path, folder, embedder)
    assistant.warm_up()
    first = embedder.passages_encoded
    with caplog.at_level(logging.INFO):
        assert ensure_index(assistant.settings, embedder) is None
    assert embedder.passages_encoded == first and "is current" in caplog.text
    notes = folder / "notes.txt"
    notes.write_text(notes.read_text(encoding="utf-8") + "\n此外，夜市摊位将增加300个。\n", encoding="utf-8")
    report = ensure_index(assistant.settings, embedder)
    assert 0 < report.embedded <= 2 and report.reused > 10
    (folder / "rules.pdf").unlink()
    ensure_index(assistant.settings, embedder)
    rebuilt = make(tmp_path, folder, embedder)
    rebuilt.warm_up()
    assert {c.doc_id for c in rebuilt.index.chunks} == {"digital_plan", "notes"}


def test_an_unchanged_folder_is_recognised_without_reading_a_document(tmp_path, folder, monkeypatch):
    embedder = HashingEmbedder()
    settings = Settings(home=tmp_path / "home", corpus=[folder])
    ensure_index(settings, embedder)

    def read_everything(*args):
        raise AssertionError("the documents were read again")

    monkeypatch.setattr("assistant.service.read_corpus", read_everything)
    assert ensure_index(settings, embedder) is None
    monkeypatch.undo()
    notes = folder / "notes.txt"
    notes.write_text(notes.read_text(encoding="utf-8"), encoding="utf-8")  # touched, same content: read, not rebuilt
    assert ensure_index(settings, embedder) is None


def test_an_index_built_from_your_folder_keeps_it_when_served_without_corpus_settings(tmp_path, folder):
    embedder = HashingEmbedder()
    ensure_index(Settings(home=tmp_path / "home", corpus=[folder]), embedder)
    plain = Assistant(Settings(home=tmp_path / "home", min_relevance=0.0), embedder_factory=lambda s: embedder)
    plain.warm_up()
    assert {c.doc_id for c in plain.index.chunks} == {"digital_plan", "rules", "notes"}
    assert ensure_index(plain.settings, embedder) is None


def test_the_outline_follows_chinese_government_numbering_and_falls_back_to_paragraphs():
    def paths(name: str) -> list[tuple[str, ...]]:
        return [p.path for p in parse_outline(name, (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")).passages]

    assert ("二、重点任务", "(一)建设新型算力基础设施", "2.建设城市算力中心") in paths("digital_plan")
    assert ("三、保障措施", "(二)强化资金支持") in paths("digital_plan")
    assert paths("rules_articles")[-1] == ("第二章开放目录", "第四条开放数据集数量到2025年达到1500个")
    assert paths("plain_notes") == [("泉城市夜间经济工作情况",)] * 3
    nested = parse_outline("n", "一、任务\n1.建设平台\n(1)建成数据中心2个。\n(2)建成算力平台1个。\n")
    assert [p.path[-1] for p in nested.passages] == ["(1)建成数据中心2个", "(2)建成算力平台1个"]
