"""English words glossed into the documents' Chinese words, from CC-CEDICT kept to the corpus vocabulary."""

from corpus.glossary import EnglishGlossary, cedict_lines, senses

LINES = [
    "# CC-CEDICT comment line",
    "水庫 水库 [shui3 ku4] /reservoir/CL:座[zuo4]/",
    "加快 加快 [jia1 kuai4] /to accelerate/to speed up/",
    "速度 速度 [su4 du4] /speed/rate/velocity/",
    "春節 春节 [Chun1 jie2] /Spring Festival/",
    "資訊科技 信息技术 [xin4 xi1 ji4 shu4] /information technology/IT/",
    "項目 项目 [xiang4 mu4] /item/project/",
    "工程 工程 [gong1 cheng2] /engineering/project/",
    "事業 事业 [shi4 ye4] /undertaking/project/",
    "突出 突出 [tu1 chu1] /prominent/to project/",
]
VOCABULARY = {"水库", "加快", "速度", "信息技术", "项目", "工程", "事业", "突出"}


def glossary() -> EnglishGlossary:
    return EnglishGlossary.from_cedict(VOCABULARY, LINES)


def test_senses_drop_notes_and_measure_words():
    assert senses(LINES[1]) == ("水库", ["reservoir"])
    assert senses(LINES[0]) is None


def test_english_words_become_the_documents_words():
    assert glossary().gloss("Which reservoirs will the plan build?") == ("水库",)


def test_a_phrase_wins_over_its_words_and_words_the_documents_lack_are_not_offered():
    # "speed up" is 加快, not 速度; 春节 is not a word of the documents.
    assert glossary().gloss("speed up the Spring Festival") == ("加快",)


def test_stop_words_and_vague_words_are_not_glossed():
    # "it" would be IT (信息技术); "project" has four senses among the documents' words.
    assert glossary().gloss("is it a project") == ()


def test_the_shipped_dictionary_is_readable():
    assert EnglishGlossary.from_cedict({"水库", "畜禽"}, cedict_lines()).gloss("reservoir") == ("水库",)


def test_a_glossary_read_back_from_its_entries_glosses_alike():
    again = EnglishGlossary.from_entries(glossary().entries())
    for text in ("Which reservoirs will the plan build?", "speed up the project", "Spring Festival"):
        assert again.gloss(text) == glossary().gloss(text)
