"""Chinese dictionary words for ranking: jieba at build time, a vocabulary lookup in the browser.

Bigrams (tokenize.py) find every page; words rank them. `电价` is a bigram of both 工业电价 (a
word) and 用电价格 (用电 + 价格, where 电价 only straddles two words), so a page that holds the
word itself is the better answer. jieba (search-engine mode, no HMM guessing) segments the names,
titles and summaries with a user dictionary of the catalogue's own names, aliases and former
names, the synonym groups' Chinese words and the guide pages' topic words; each word of two to
six characters is indexed as an extra token `=<word>` (index.py's `words` fields).

The browser never runs jieba: it looks the query's Chinese substrings (two to six characters) up
in the index itself. A word token lives in the term shard of its first two characters (`shard_key`),
which the query's first bigram has already fetched, so recognising words costs no extra file.
"""
from __future__ import annotations

import logging
import marshal
import os
import re
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from math import log

import jieba

from .tokenize import han_runs

WORD_MARK = "="
MIN_WORD, MAX_WORD = 2, 6
_HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
# The characters jieba.cut segments as Chinese (its re_han_default, less the Latin letters and digits it also takes).
_JIEBA_HAN = re.compile("[\u4e00-\u9fd5]+")
CACHED = 200_000  # runs, chunks and fragments' scores one Words remembers at most (a bound on its memory)
USER_FREQ = 100_000  # high enough that jieba keeps a catalogue name whole
_UNKNOWN, _PREFIX, _ABSENT = object(), object(), object()  # Words._weights: not yet looked up; no word; not in the dictionary


def shard_key(token: str) -> str:
    """What a token's term shard is chosen by (search-logic.js shardKey): a word by its first bigram."""
    return token[1:3] if token.startswith(WORD_MARK) else token


@lru_cache(maxsize=1)
def _base() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    # jieba's initialize() reads its dictionary cache with marshal.load(file), which reads the 9 MB file a few
    # bytes at a time (0.5 s of CPU); marshal.loads of the whole file is the same data in a third of that. Same
    # file as initialize() would read (the default dictionary's cache); initialize() itself when it is missing.
    cache = os.path.join(tokenizer.tmp_dir or tempfile.gettempdir(), tokenizer.cache_file or "jieba.cache")
    if tokenizer.dictionary == jieba.DEFAULT_DICT and os.path.isfile(cache):
        try:
            with open(cache, "rb") as f:
                tokenizer.FREQ, tokenizer.total = marshal.loads(f.read())
            tokenizer.initialized = True
        except Exception:  # noqa: BLE001 - as jieba: an unreadable cache is rebuilt from the dictionary
            tokenizer.FREQ, tokenizer.total = {}, 0
    tokenizer.check_initialized()
    return tokenizer


class Words:
    """A jieba tokenizer with the catalogue's own words added (a copy: builds never share words)."""

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        base = _base()
        self._jieba = jieba.Tokenizer()
        self._jieba.FREQ = dict(base.FREQ)
        self._jieba.total = base.total
        self._jieba.initialized = True
        self.user_words = sorted({w for w in user_words if MIN_WORD <= len(w) and _HAN_WORD.match(w)})
        freq = self._jieba.FREQ
        for word in self.user_words:
            # As jieba's add_word, without raising the total: the rest of the dictionary keeps its odds
            # whatever the size of the catalogue.
            freq[word] = max(freq.get(word) or 0, USER_FREQ)
            for end in range(1, len(word)):
                freq.setdefault(word[:end], 0)
        # Tuples, not lists: a tuple of strings drops out of the cycle collector's walks, tens of thousands of lists would not.
        self._cache: dict[str, tuple[str, ...]] = {}
        self._chunks: dict[str, tuple[str, ...]] = {}
        # Each fragment's word score, worked out the first time a run holds it (_weight): the same fragments
        # (产业, 园区, 企业) are tried at thousands of places, and each try was a dictionary lookup and a log.
        self._log_total = log(self._jieba.total)
        self._weights: dict[str, float | object] = {}

    def tokens(self, text: str) -> list[str]:
        """Word tokens of a text's Han runs (folded as tokenize folds), in order, repeats kept."""
        # Per space-separated chunk, remembered: names recur in many pages' texts (no Han run spans a space:
        # tokenize.Tokenizer says why a chunk folds alone as it does within the text).
        out: list[str] = []
        for chunk in text.split(" "):
            if chunk.isascii():  # no Han characters, before or after folding: no words (most of an English text)
                continue
            found = self._chunks.get(chunk)
            if found is None:
                found = tuple(self._chunk_tokens(chunk))
                if len(self._chunks) < CACHED:
                    self._chunks[chunk] = found
            out += found
        return out

    def _chunk_tokens(self, text: str) -> list[str]:
        out: list[str] = []
        for run in han_runs(text):
            if len(run) < MIN_WORD:
                continue
            found = self._cache.get(run)
            if found is None:
                if _JIEBA_HAN.fullmatch(run):  # its words are Han characters only: no need to check them
                    found = tuple(WORD_MARK + w for w in self._cut_for_search(run) if MIN_WORD <= len(w) <= MAX_WORD)
                else:
                    found = tuple(WORD_MARK + w for w in self._jieba.cut_for_search(run, HMM=False)
                                  if MIN_WORD <= len(w) <= MAX_WORD and _HAN_WORD.match(w))
                if len(self._cache) < CACHED:
                    self._cache[run] = found
            out.extend(found)
        return out

    def _weight(self, fragment: str) -> float | object:
        """A fragment's score as a word, log(freq) - log(total) as jieba works it out (jieba adds the route's
        score to that difference: the same float); _PREFIX for a prefix of words that is no word itself
        (freq 0), _ABSENT for neither."""
        count = self._jieba.FREQ.get(fragment)
        if count is None:
            return _ABSENT
        return log(count) - self._log_total if count else _PREFIX

    def _cut_for_search(self, run: str) -> list[str]:
        """jieba's `cut_for_search(run, HMM=False)` of a run of the Han characters jieba knows, the same words
        (tests/test_search_words.py compares them), in a third of the time: the segmentation of jieba 0.42's
        get_DAG, calc and __cut_DAG_NO_HMM in one pass, without its generators and second dictionary lookups.
        A Chinese index build segments tens of thousands of distinct runs; this was a fifth of its CPU.

        The best route from each character to the end is the most probable of the dictionary words that
        start there (a character alone if none does), each scored log(freq) - log(total) plus the best route
        after it, ties to the longer word (the same floats, added in the same order, as jieba). Words longer
        than two characters also give their two- and three-character dictionary words, as cut_for_search does.
        """
        freq = self._jieba.FREQ
        log_total = self._log_total
        weights = self._weights
        n = len(run)
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for start in range(n - 1, -1, -1):
            best: tuple[float, int] | None = None
            end = start
            fragment = run[start]
            while True:
                weight = weights.get(fragment, _UNKNOWN)
                if weight is _UNKNOWN:
                    weight = self._weight(fragment)
                    if len(weights) < CACHED:
                        weights[fragment] = weight
                if weight is _ABSENT:
                    break
                if weight is not _PREFIX:
                    candidate = (weight + route[end + 1][0], end)  # type: ignore[operator]
                    if best is None or candidate > best:
                        best = candidate
                end += 1
                if end == n:
                    break
                fragment = run[start:end + 1]
            # No word starts here: the character alone, scored as jieba scores it (log(1) = 0).
            route[start] = best or (0.0 - log_total + route[start + 1][0], start)
        words: list[str] = []
        start = 0
        while start < n:
            end = route[start][1] + 1
            word = run[start:end]
            size = end - start
            if size > 2:
                words += [gram for i in range(size - 1) if freq.get(gram := word[i:i + 2])]
            if size > 3:
                words += [gram for i in range(size - 2) if freq.get(gram := word[i:i + 3])]
            words.append(word)
            start = end
        return words


def user_words(names: Iterable[str]) -> list[str]:
    """The Han runs of names and topic words (a name with Latin letters, VR产业园, gives 产业园)."""
    return sorted({run for name in names for run in han_runs(name) if len(run) >= MIN_WORD})
