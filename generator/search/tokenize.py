"""The search tokenizer. generator/client/search-tokenize.js is the same function for the browser.

Both must give identical tokens for identical text: tests/fixtures/search/tokenizer_cases.json
is run by pytest (tests/test_search_tokenize.py) and by `node --test tests/js/`.

- NFKC folds full-width letters, digits and punctuation to half-width; then lower case, accents off.
- Brackets of every style are separators, so 青政发〔2023〕5号 = 青政发[2023]5号 = 青政发(2023)5号.
- Han runs become overlapping character bigrams (a one-character run stays one token); index
  fields that hold names also get each character alone (`unigrams`), so a one-character query
  finds a name.
- Latin letters and digits form words (split from Han at script boundaries: VR产业园 -> vr 产业 业园),
  `&` inside a word is kept (R&D), apostrophes are dropped; a few English stop words go, and
  a light suffix folding makes plurals and -ing/-ed forms meet (parks = park, incubators = incubator).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain
from operator import add

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# One group per kind of run: findall says which kind each run is without a second regex per run.
_RUNS = re.compile(f"([{HAN}]+)|([a-z0-9]+(?:&[a-z0-9]+)*)")
# Bracket styles used around the year of a document number (and quotes around titles):
# separators, whichever is typed. NFKC already turns （）［］ into ()[].
_SEPARATORS = dict.fromkeys(map(ord, "〔〕[]()【】〈〉《》「」『』<>{}"), " ")
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`"), None)
_FOLD = {**_SEPARATORS, **_APOSTROPHES}
# The same folding as a regex: str.translate looks every character of Chinese text up in a dict (slow);
# a regex finds the few characters to fold and only those are looked up.
_FOLD_CHARS = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")
_FOLD_TEXT = {chr(k): v or "" for k, v in _FOLD.items()}
# Full-width ASCII (，（）：；…) and the ideographic space, each replaced by its compatibility decomposition
# (one ASCII character) before NFKC: NFKC is composition after compatibility decomposition, so the result is
# the same, and Chinese text without them passes NFKC's quick check instead of being normalised char by char.
_WIDE = {c: d for c in map(chr, [*range(0xFF01, 0xFF5F), 0x3000])
         if len(d := unicodedata.normalize("NFKD", c)) == 1 and d.isascii()}
_WIDE_CHARS = re.compile("[" + "".join(_WIDE) + "]")
# Letters that may carry accents (Latin, Greek, Cyrillic…); text without them needs no accent folding.
_ACCENTABLE = re.compile("[\u00c0-\u1fff]")
_MARKS = re.compile("[\u0300-\u036f]")
STOP_WORDS = frozenset((
    "a about an and any are as at be by can could do does for from get has have how i in into is me much my of on "
    "or our should that the their there this to us we what where which who will with would you your "
    # words of a question about setting up a business that name no page's subject ("where to set up a chip company")
    "set up company companies firm firms").split())


def fold(text: str) -> str:
    """Width, case and bracket folding (kept as a step of its own: snippets highlight on it)."""
    if text.isascii():  # NFKC leaves ASCII as it is, and translate is fast on it
        folded = text.lower().translate(_FOLD)
    else:
        text = unicodedata.normalize("NFKC", _WIDE_CHARS.sub(_wide, text))
        folded = _FOLD_CHARS.sub(_fold_char, text.lower())
    if not _ACCENTABLE.search(folded):
        return folded
    # Accents off (café = cafe): decompose, drop the combining marks, compose again.
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", folded)))


def _wide(match: re.Match[str]) -> str:
    return _WIDE[match.group()]


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD_TEXT[match.group()]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Light English suffix folding; words with digits or `&` are kept as they are."""
    if not word.isalpha() or not word.isascii():
        return word
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def tokenize(text: str, unigrams: bool = False) -> list[str]:
    """Tokens in text order (repeats kept: the index counts them)."""
    out: list[str] = []
    for han, latin in _RUNS.findall(fold(text)):
        if han:
            if len(han) == 1:
                out.append(han)
                continue
            out += map(add, han[:-1], han[1:])  # the overlapping bigrams, without a Python loop
            if unigrams:
                out += han
        elif latin not in STOP_WORDS:
            out.append(stem(latin))
    return out


class Tokenizer:
    """tokenize(), remembered per space-separated chunk of text: for one index build (not shared between builds).

    A page's body and names repeat the same district, industry and park names, enum labels and English words
    thousands of times; each chunk is tokenized once. The same tokens in the same order as tokenize(text): no
    token spans a space (runs are letters, digits or Han), and folding maps a chunk alone as it does within
    the text (NFKC, case and accent folding never reach across a space; nothing composes with one).
    """

    def __init__(self) -> None:
        self._memo: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] = ({}, {})

    def __call__(self, text: str, unigrams: bool = False) -> list[str]:
        memo = self._memo[unigrams]
        chunks = text.split(" ")
        found = list(map(memo.get, chunks))
        if None in found:
            for i, chunk in enumerate(chunks):
                if found[i] is None:
                    tokens = memo.get(chunk)  # the same chunk may come twice in one text
                    if tokens is None:
                        tokens = memo[chunk] = tuple(tokenize(chunk, unigrams))
                    found[i] = tokens
        return list(chain.from_iterable(found))


def han_runs(text: str) -> list[str]:
    """The Han runs of a text, folded (the pinyin field is built from them)."""
    return [han for han, _ in _RUNS.findall(fold(text)) if han]
