"""Pinyin for homophone and romanised queries: a name's pinyin field and the browser's char -> pinyin table.

`劳山区` (a homophone typo) and `Laoshan` / `Loashan` both find 崂山区 through pinyin. The index
holds, for each Chinese name, the toneless pinyin of each character bigram and of the whole
run (a Latin word, so edit-distance typos reach it too). The browser maps a Chinese query's
characters with `char_table()` (GB2312 levels 1 and 2 and Big5 levels 1 and 2: the common simplified
and traditional characters, grouped by syllable), fetched only when a Chinese query matched poorly.
"""
from __future__ import annotations

from functools import lru_cache

from typing import Any

from pypinyin import Style, lazy_pinyin
from pypinyin.converter import UltimateConverter
from pypinyin.core import Pinyin

from .tokenize import han_runs, stem


class _Readings(UltimateConverter):
    """lazy_pinyin's own converter, remembering the toneless form of each reading (zhōng -> zhong): pypinyin
    works it out again for every character of every run, half the time of reading a run. The toneless style
    depends on the reading alone (not on the character), so the result is the same.

    It also remembers the readings of each word pypinyin's segmenter cuts a run into: runs are distinct, but
    their words (a district's name, 产业园, 有限公司) recur in thousands of them. A word's readings depend on
    the word and the options alone (no tone sandhi across words, nothing kept between calls)."""

    def __init__(self) -> None:
        super().__init__()
        self._toneless: dict[str, str] = {}
        self._words: dict[tuple[str, Any, bool, str, bool], list[list[str]]] = {}

    def convert(self, words: str, style: Any, heteronym: bool, errors: Any, strict: bool, **kwargs: Any) -> list[list[str]]:
        if kwargs or not isinstance(errors, str):
            return super().convert(words, style, heteronym, errors, strict, **kwargs)
        key = (words, style, heteronym, errors, strict)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = super().convert(words, style, heteronym, errors, strict)
        return [list(readings) for readings in found]  # copies: the caller may change its lists

    def convert_style(self, han: str, orig_pinyin: str, style: Any, strict: bool, **kwargs: Any) -> str:
        if style != Style.NORMAL or not strict or kwargs:
            return super().convert_style(han, orig_pinyin, style, strict, **kwargs)
        found = self._toneless.get(orig_pinyin)
        if found is None:
            found = self._toneless[orig_pinyin] = super().convert_style(han, orig_pinyin, style, strict)
        return found


@lru_cache(maxsize=1)
def _reader() -> Pinyin:
    """The equivalent of lazy_pinyin(text, style=Style.NORMAL) (its defaults: no v_to_u, tone sandhi, ...)."""
    return Pinyin(_Readings())


@lru_cache(maxsize=None)
def char_pinyin(char: str) -> str:
    """The first (most common) toneless reading of one character; ü is written v, as typed."""
    found = lazy_pinyin(char, style=Style.NORMAL, errors="ignore")
    return found[0] if found else ""


def name_pinyin(text: str) -> list[str]:
    """Pinyin tokens of a name's Han runs: every stretch of two to four characters (Chinese words are
    mostly that long: 西海岸 -> xihaian), the whole run, and the run read as a phrase (heteronyms)."""
    out: set[str] = set()
    for run in han_runs(text):
        out.update(_run_pinyin(run))
    return sorted(out)


@lru_cache(maxsize=65_536)
def _run_pinyin(run: str) -> frozenset[str]:
    """The pinyin tokens of one Han run. Cached: a district's or issuer's name recurs in many parks' and
    policies' names, and reading a run as a phrase (lazy_pinyin) is the costly step."""
    chars = list(map(char_pinyin, run))
    if not all(chars):
        return frozenset()
    out: set[str] = set()
    for size in (2, 3, 4):  # the stretches of `size` characters: zip of the list shifted by 0 .. size - 1
        out.update(map(stem, map("".join, zip(*(chars[i:] for i in range(size))))))
    out.add(stem("".join(chars)))
    out.add(stem("".join(_reader().lazy_pinyin(run, style=Style.NORMAL))))
    return frozenset(out)


def table_chars() -> list[str]:
    """GB2312 levels 1 and 2 (6,763 simplified characters), then Big5 levels 1 and 2 (13,053 traditional ones),
    so a name typed in traditional characters (嶗山區) still reaches its pinyin."""
    chars: dict[str, None] = {}
    for codec, highs, lows in (("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF)),
                               ("big5", range(0xA4, 0xFA), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])):
        for high in highs:
            for low in lows:
                try:
                    chars[bytes((high, low)).decode(codec)] = None
                except UnicodeDecodeError:
                    continue
    return list(chars)


@lru_cache(maxsize=1)
def char_table() -> dict[str, str]:
    """syllable -> its characters, for the browser (search/pinyin.json)."""
    table: dict[str, list[str]] = {}
    for char in table_chars():
        syllable = char_pinyin(char)
        if syllable and syllable.isascii() and syllable.isalpha():
            table.setdefault(syllable, []).append(char)
    return {s: "".join(cs) for s, cs in sorted(table.items())}
