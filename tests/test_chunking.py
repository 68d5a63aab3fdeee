"""Chunking: whole sentences, heading context, and offsets that slice the original text."""

from corpus.chunking import chunk_document, group_sentences, split_sentences
from corpus.documents import Document


def test_sentences_split_on_chinese_terminators_keeping_closing_quotes():
    text = "第一句。第二句！“第三句？”第四；尾巴"
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == ["第一句。", "第二句！", "“第三句？”", "第四；", "尾巴"]


def test_groups_never_exceed_the_limit_unless_one_sentence_does():
    text = "一二三。" * 10 + "长" * 30 + "。"
    groups = group_sentences(split_sentences(text), max_chars=10)
    assert all(g.end - g.start <= 10 for g in groups[:-1])
    assert groups[-1].end - groups[-1].start == 31


def test_every_chunk_points_at_its_text_with_a_heading_path(documents):
    for doc in documents.values():
        chunks = chunk_document(doc, max_chars=120)
        assert chunks
        for chunk in chunks:
            assert doc.text[chunk.start : chunk.end] == chunk.text
            assert chunk.path and chunk.doc_id == doc.doc_id


def test_chunk_ids_are_content_hashes():
    doc = Document("d", "t", "一、总则\n甲乙丙。丁戊己。")
    same = Document("d", "t", "前言。\n一、总则\n甲乙丙。丁戊己。")
    ids = {c.text: c.chunk_id for c in chunk_document(doc)}
    assert ids["甲乙丙。丁戊己。"] == {c.text: c.chunk_id for c in chunk_document(same)}["甲乙丙。丁戊己。"]


def test_target_sentence_is_citable(documents):
    doc = documents["003_cfd4501bfed26ed9"]
    chunk = next(c for c in chunk_document(doc) if "新能源汽车保有量达到15万辆以上" in c.text and "(二十)" in c.section)
    assert chunk.section.endswith("(二十)推动形成绿色低碳生产生活方式")


def test_an_ocr_full_stop_inside_a_figure_does_not_end_the_sentence():
    text = "扎实推进总投资3097.59亿元的21。个重点项目,其中续建项目105个。下一句。"
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == ["扎实推进总投资3097.59亿元的21。个重点项目,其中续建项目105个。", "下一句。"]
