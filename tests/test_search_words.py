"""The index build's shortcuts give what the plain functions give (generator/search/words.py, tokenize.py).

- Words._cut_for_search is jieba's cut_for_search(run, HMM=False) for runs of the Han characters jieba knows;
- Words.tokens and tokenize.Tokenizer work per space-separated chunk (remembered): the same tokens as the
  whole text.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from generator.search.tokenize import Tokenizer, tokenize
from generator.search.words import Words, user_words

CASES_FILE = Path(__file__).parent / "fixtures" / "search" / "tokenizer_cases.json"
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))
NAMES = ["崂山区", "西海岸新区", "青岛高新技术产业开发区", "集成电路设计", "人工智能产业园", "青政发", "黄岛区人民政府",
         "汽车零部件园中园", "股权投资", "租金补贴"]


@pytest.fixture(scope="module")
def words() -> Words:
    return Words(user_words(NAMES))


def _runs(rng: random.Random, words: Words, count: int) -> list[str]:
    """Han runs made of dictionary words (jieba's and the catalogue's), their pieces and stray characters."""
    vocabulary = [w for w in list(words._jieba.FREQ)[::97]
                  if 1 <= len(w) <= 6 and "\u4e00" <= min(w) and max(w) <= "\u9fd5"]
    vocabulary += NAMES
    runs = []
    for _ in range(count):
        parts = [rng.choice(vocabulary) for _ in range(rng.randint(1, 8))]
        run = "".join(p[rng.randint(0, len(p) - 1):] if rng.random() < 0.2 else p for p in parts)
        runs.append(run)
    return runs


def test_the_fast_segmentation_is_jiebas(words: Words) -> None:
    rng = random.Random(7)
    extra = ["中", "的的的的", "青岛市崂山区人民政府关于促进集成电路产业发展的若干政策"]
    for run in [*_runs(rng, words, 3_000), *NAMES, *extra]:
        assert words._cut_for_search(run) == list(words._jieba.cut_for_search(run, HMM=False)), run


def test_word_tokens_per_chunk_are_those_of_the_whole_text(words: Words) -> None:
    rng = random.Random(8)
    texts = [case["text"] for case in CASES]
    texts += [" ".join(rng.sample(NAMES, 4)) + " 位于 Qingdao（青岛）AI产业园" for _ in range(50)]
    for text in texts:
        assert words.tokens(text) == words._chunk_tokens(text), text
        assert words.tokens(text) == words._chunk_tokens(text), text  # remembered: the same again


def test_tokenizer_per_chunk_is_tokenize() -> None:
    rng = random.Random(9)
    pieces = [case["text"] for case in CASES] + NAMES
    pieces += ["Parks", "R&D", "café", "Ｒ＆Ｄ", "（２０２３）", "", " ", "ΣΑΣ", "e\u0301"]  # widths, accents, sigma
    texts = [case["text"] for case in CASES] + [" ".join(rng.choices(pieces, k=rng.randint(1, 6))) for _ in range(300)]
    tokenizer = Tokenizer()
    for text in texts:
        for unigrams in (False, True):
            assert tokenizer(text, unigrams) == tokenize(text, unigrams), (text, unigrams)
