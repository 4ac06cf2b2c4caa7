"""The search index (generator/search/) queried with the browser's own engine (search-logic.js under Node).

Ranking, document numbers, synonyms, typos, pinyin and sharding, on the example portal's catalogue.
The real-browser checks are in tests/test_search_ui.py; the query set's recall in test_search_quality.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue import load_catalogue
from generator.search import index as search_index
from generator.search.documents import dictionary_words, documents
from generator.search.index import fnv1a
from generator.search.tokenize import tokenize
from generator.search.words import WORD_MARK, Words, shard_key, user_words

from .conftest import ROOT
from .search_helpers import query, write_index

CATALOGUE, _ = load_catalogue(ROOT)


@pytest.fixture(scope="module")
def zh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert CATALOGUE is not None
    return write_index(CATALOGUE, "zh", tmp_path_factory.mktemp("zh"))


@pytest.fixture(scope="module")
def en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert CATALOGUE is not None
    return write_index(CATALOGUE, "en", tmp_path_factory.mktemp("en"))


def test_a_district_name_finds_its_own_page_first(zh: Path, en: Path) -> None:
    """The page about a place beats the parks and policies that mention it, in both languages."""
    assert CATALOGUE is not None
    districts = sorted(CATALOGUE.districts.items())
    for folder, lang in ((zh, "zh"), (en, "en")):
        answers = query(folder, *(d.name.get(lang) for _, d in districts))
        for did, district in districts:
            found = answers[district.name.get(lang)]
            assert found["urls"][0] == f"districts/{did}/", (district.name.get(lang), found["urls"][:3])
            assert found["kinds"][0] == "district"


def test_park_and_industry_names_find_their_pages_first(zh: Path, en: Path) -> None:
    assert CATALOGUE is not None
    for folder, lang in ((zh, "zh"), (en, "en")):
        for section, records in (("parks", CATALOGUE.parks), ("industries", CATALOGUE.industries)):
            answers = query(folder, *(r.name.get(lang) for r in records.values()))
            for rid, record in sorted(records.items()):
                name = record.name.get(lang)
                assert answers[name]["urls"][0] == f"{section}/{rid}/", (name, answers[name]["urls"][:3])


def test_document_numbers_match_in_every_bracket_style(zh: Path) -> None:
    assert CATALOGUE is not None
    numbered = [(pid, p.doc_number) for pid, p in sorted(CATALOGUE.policies.items()) if p.doc_number and "〔" in p.doc_number]
    assert numbered
    for pid, number in numbered:
        styles = [number, number.replace("〔", "[").replace("〕", "]"), number.replace("〔", "(").replace("〕", ")"),
                  number.replace("〔", "（").replace("〕", "）"), number.replace("〔", "【").replace("〕", "】"),
                  number.replace("〔", " ").replace("〕", " ")]
        answers = query(zh, *styles)
        for style in styles:
            assert answers[style]["urls"][0] == f"policies/{pid}/", (style, answers[style]["urls"][:3])


def test_costs_and_contacts_pages_are_found_for_what_they_hold(zh: Path, en: Path) -> None:
    """Site chrome is not indexed, so "contact" finds the contacts page, not every page with a footer."""
    answers = query(zh, "电价", "联系方式", "工业用地")
    assert "costs/" in answers["电价"]["urls"][:3]
    assert answers["联系方式"]["urls"][0] == "contacts/"
    assert "costs/" in answers["工业用地"]["urls"][:5]
    answers = query(en, "water price", "contacts", "land price")
    assert answers["water price"]["urls"][0] == "costs/"
    assert answers["contacts"]["urls"][0] == "contacts/"
    assert "costs/" in answers["land price"]["urls"][:3]


def test_latin_typos_and_unfinished_words(en: Path) -> None:
    answers = query(en, "Loashan", "incubater", "Laoshan Distrcit", "incub")
    assert answers["Loashan"]["urls"][0] == "districts/laoshan/"  # a swap of two letters is one edit
    assert answers["Laoshan Distrcit"]["urls"][0] == "districts/laoshan/"
    assert answers["incubater"]["kinds"][0] == "park" and "incubator" in answers["incubater"]["urls"][0]
    assert answers["incub"]["urls"][0] == answers["incubater"]["urls"][0]  # the word being typed completes


def test_chinese_homophone_typo_and_pinyin_find_the_place(zh: Path) -> None:
    """劳山区 (same sound as 崂山区, another character) and plain pinyin both find 崂山区."""
    answers = query(zh, "劳山区", "laoshan", "崂山")
    assert answers["劳山区"]["urls"][0] == "districts/laoshan/"
    assert "pinyin.json" in answers["劳山区"]["loaded"]  # fetched only for a poor Chinese match
    assert "pinyin.json" not in answers["崂山"]["loaded"]
    assert answers["laoshan"]["urls"][0] == "districts/laoshan/"


def test_traditional_characters_and_pinyin_of_part_of_a_name(zh: Path, en: Path) -> None:
    """嶗山區 (traditional) reaches 崂山区 through pinyin; `Xihaian` (the pinyin of 西海岸, a part of the
    name) finds 青岛西海岸新区 on the English site too."""
    assert query(zh, "嶗山區")["嶗山區"]["urls"][0] == "districts/laoshan/"
    assert query(en, "Xihaian")["Xihaian"]["urls"][0] == "districts/xihaian/"


def test_mixed_script_queries(zh: Path) -> None:
    answers = query(zh, "VR产业园", "ＶＲ产业园")
    assert answers["VR产业园"]["urls"] == answers["ＶＲ产业园"]["urls"]
    assert answers["VR产业园"]["urls"][0] in ("parks/laoshan-vr-park/", "industries/vr/")


def test_adding_a_synonym_group_finds_a_page_it_did_not_find(tmp_path: Path) -> None:
    """The synonyms file's groups are expanded into the index: a word only in the group finds the page."""
    assert CATALOGUE is not None
    industry = CATALOGUE.industries["vr"].name.zh
    before = write_index(CATALOGUE, "zh", tmp_path / "before", synonyms=[])
    after = write_index(CATALOGUE, "zh", tmp_path / "after", synonyms=[["沉浸式体验", industry]])
    assert "industries/vr/" not in query(before, "沉浸式体验")["沉浸式体验"]["urls"]
    assert query(after, "沉浸式体验")["沉浸式体验"]["urls"][0] == "industries/vr/"


def test_first_query_reads_only_its_own_shards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With many term shards, a query reads the manifest, the shards its tokens hash to and the
    display shards of its results: nothing else."""
    assert CATALOGUE is not None
    monkeypatch.setattr(search_index, "TERM_SHARD_ENTRIES", 200)
    monkeypatch.setattr(search_index, "DOC_SHARD", 10)
    folder = write_index(CATALOGUE, "zh", tmp_path, synonyms=[])
    shards = len(list((folder / "search" / "terms").glob("*.json")))
    assert shards > 20
    name = CATALOGUE.districts["laoshan"].name.zh
    found = query(folder, name)[name]
    terms = {f"terms/{fnv1a(t) % shards}.json" for t in set(tokenize(name))}
    read_terms = {p for p in found["loaded"] if p.startswith("terms/")}
    assert read_terms == terms
    assert found["loaded"][0] == "manifest.json"
    docs = [p for p in found["loaded"] if p.startswith("docs/")]
    assert 1 <= len(docs) <= len(found["urls"])
    assert not [p for p in found["loaded"] if p in ("vocab.json", "pinyin.json")]


def test_documents_come_from_the_catalogue_one_per_page() -> None:
    assert CATALOGUE is not None
    docs = documents(CATALOGUE, "en")
    urls = [d.url for d in docs]
    assert len(urls) == len(set(urls))
    for section, records in (("parks", CATALOGUE.parks), ("policies", CATALOGUE.policies),
                             ("districts", CATALOGUE.districts), ("industries", CATALOGUE.industries)):
        assert {f"{section}/{rid}/" for rid in records} <= set(urls)
    assert {"", "costs/", "contacts/", "map/", "data/", "tools/matcher/"} <= set(urls)
    assert {f"pages/{slug}/" for slug in CATALOGUE.pages if slug != "home"} <= set(urls)
    text = " ".join(f"{d.title} {d.summary} {d.body}" for d in docs)
    notice = CATALOGUE.settings.notice.get("en") if CATALOGUE.settings.notice else ""
    assert not notice or notice not in text  # the banner is never indexed


def test_jieba_keeps_the_catalogues_names_whole_and_words_share_their_first_bigrams_shard() -> None:
    assert CATALOGUE is not None
    words = Words(user_words(dictionary_words(CATALOGUE)))
    alias = "崂山"  # content/districts/laoshan.yml alias; 崂山区 is the name
    assert alias in words.user_words and CATALOGUE.districts["laoshan"].name.zh in words.user_words
    assert {"=崂山区", "=崂山", "=电价"} <= set(words.tokens("崂山区电价"))
    assert words.tokens("VR产业园 2023") == ["=产业", "=产业园"]  # Han runs only, as tokenize folds them
    assert shard_key("=集成电路") == "集成" and shard_key("集成") == "集成"


def test_the_browser_recognises_exactly_the_words_jieba_indexed(zh: Path) -> None:
    """Index/query identity without jieba in the browser: every word jieba put into the index for the
    catalogue's names, typed alone, is recognised as that word (looked up in the index), and a
    bigram that is no indexed word is not."""
    assert CATALOGUE is not None
    words = Words(user_words(dictionary_words(CATALOGUE)))
    names = [r.name.zh for r in (*CATALOGUE.districts.values(), *CATALOGUE.parks.values(), *CATALOGUE.industries.values())]
    indexed = sorted({t[len(WORD_MARK):] for name in names for t in words.tokens(name)})
    assert len(indexed) > 30
    answers = query(zh, *indexed)
    for word in indexed:
        assert answers[word]["words"] == [WORD_MARK + word], word
    straddling = "业电"  # in 工业电价 but no word
    assert query(zh, straddling)[straddling]["words"] == []


def test_a_query_is_cut_into_index_words_and_the_page_holding_the_word_wins(zh: Path) -> None:
    """电价 is a word of the costs page; the power-cost policy has the bigram only through 电费's synonym group."""
    answers = query(zh, "电价", "崂山区电价")
    assert answers["电价"]["urls"][0] == "costs/"
    assert answers["崂山区电价"]["words"] == ["=崂山区", "=电价"]


def test_snippets_come_after_the_result_lines_from_their_own_files(zh: Path) -> None:
    name = CATALOGUE.districts["laoshan"].name.zh if CATALOGUE else ""
    found = query(zh, name)[name]
    assert found["snippets"][0] and len(found["snippets"]) == len(found["urls"])
    first_snippet = next(i for i, p in enumerate(found["loaded"]) if p.startswith("snippets/"))
    assert all(not p.startswith(("terms/", "docs/")) for p in found["loaded"][first_snippet:])
