"""The sharded search index of one language, written into its tree under search/.

    search/manifest.json        shard counts and sizes, and the files to fetch when the search box opens
    search/terms/<k>.json       token -> postings, for the tokens whose hash falls in shard k
    search/docs/<k>.json        what a result line shows (url, kind, title, status, meta), DOC_SHARD docs each
    search/snippets/<k>.json    the snippet under it, SNIPPET_SHARD docs each (fetched after the list is shown)
    search/vocab.json           Latin words of the index, for typo tolerance (fetched only after a miss)
    search/pinyin.json          syllable -> characters, for homophone typos (fetched only after a poor Chinese match)

Scoring is BM25 per field, summed with field weights (names far above summaries, summaries above
body text), times the page's prior, computed here once: a posting holds the token's finished
score for that page ("impact"), so the browser only adds numbers. A posting is
[doc (delta-coded), impact, name size]: name size > 0 when the token is in one of the page's
names, the token count of the smallest such name, so the browser can tell a query that is a
whole name (the page about it) from one that only mentions it.

Synonym groups (synonyms.py) are expanded here: a page with one term of a group in a field also
gets the other terms' tokens in that field, at SYNONYM_WEIGHT.

Chinese dictionary words (words.py: jieba with the catalogue's names as user dictionary) are extra
tokens `=<word>` in the fields `name_words` and `words`: they rank the page that holds the word
above one where its characters only straddle two words. A word token's shard is that of its first
bigram (words.shard_key), so the browser finds the query's words in shards it fetched anyway.

Pages are numbered so that those that most often come first cluster in the first display shards
(overview pages, districts, industries, then parks and policies grouped by district), and the
display data is split: the result lines (small, DOC_SHARD pages a file) are needed to show the
list, the snippets (SNIPPET_SHARD a file) only after it is shown.

Linear in the data (but for one sort of the postings by token, in numpy): every document is tokenized
once, postings are appended, and the shards are cut by token hash (the same FNV-1a hash as search-logic.js).
"""
from __future__ import annotations

import json
import math
from collections import _count_elements, defaultdict  # type: ignore[attr-defined]
from itertools import count, repeat
from typing import Any, Iterable

import numpy as np

from .documents import SearchDoc
from .pinyin import char_table, name_pinyin
from .tokenize import Tokenizer, tokenize
from .words import Words, shard_key

FIELDS: dict[str, float] = {"names": 10.0, "other": 5.0, "pinyin": 3.0, "summary": 2.0, "body": 1.0,
                            "name_words": 6.0, "words": 3.0}
# Names are not normalised by length: the browser's name bonus already prefers the page whose name the
# query covers most (search-logic.js, score).
B = {"names": 0.0, "other": 0.0, "pinyin": 0.0, "summary": 0.75, "body": 0.75, "name_words": 0.0, "words": 0.75}
K1 = 1.2
SYNONYM_WEIGHT = 0.6
MAX_POSTINGS = 2_000  # a token on more pages than this keeps its best-scoring pages (a near stop word)
DOC_SHARD = 250
SNIPPET_SHARD = 50
# Kinds in the order pages are numbered (see the module docstring); others after them.
KIND_ORDER = ("home", "section", "costs", "contacts", "tool", "map", "data", "district", "industry", "page", "park", "policy")
# A query that names the kind of page it wants (芯片设计园区, chip design park) lifts pages of that kind:
# the words (as query tokens) and the factor, per kind. The manifest carries them and each kind's page range.
KIND_WORDS: dict[str, list[str]] = {"park": ["园区", "=产业园", "=工业园", "=科技园", "park"], "policy": ["政策", "policy"]}
KIND_BOOST = 1.25
TERM_SHARD_ENTRIES = 3_000  # postings per term shard, on average
SNIPPET = 220
VERSION = 2


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (search-logic.js hashes JavaScript strings the same way)."""
    h = 0x811C9DC5
    data = token.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


# No check for circular references: the index is plain lists and dicts built here (and the check costs a tenth).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False)


# How that encoder writes a dict's key (a string).
_encode_key = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _compact(value: Any) -> str:
    return _ENCODER.encode(value)


class Synonyms:
    """Groups of interchangeable terms, as token tuples, looked up by their first token."""

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self.groups: list[list[tuple[str, ...]]] = []
        self.by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
        for terms in groups:
            tokenized = [tuple(tokenize(term)) for term in terms]
            tokenized = [t for t in tokenized if t]
            gid = len(self.groups)
            self.groups.append(tokenized)
            for term in tokenized:
                self.by_first[term[0]].append((gid, term))

    def expand(self, counts: dict[str, int]) -> dict[str, int]:
        """The other terms' tokens for every group a term of which is in `counts` (token -> 1)."""
        extra: dict[str, int] = {}  # a plain dict: see _counts
        present = counts.keys()
        # Only tokens that begin a term can start a group: a set intersection finds them without a loop over every token.
        for token in present & self.by_first.keys():
            for gid, term in self.by_first[token]:
                if all(t in present for t in term):
                    for other in self.groups[gid]:
                        for t in other:
                            if t not in present:
                                extra[t] = 1
        return extra


def _fields(doc: SearchDoc, words: Words, tokenize: Tokenizer) -> dict[str, list[str]]:
    return {
        "names": tokenize(" ".join([doc.title, *doc.names]), unigrams=True),
        "other": tokenize(" ".join(doc.other), unigrams=True),
        "pinyin": [p for name in doc.pinyin_of for p in name_pinyin(name)],
        "summary": tokenize(doc.summary),
        "body": tokenize(doc.body),
        "name_words": words.tokens(" ".join([doc.title, *doc.names, *doc.other])),
        "words": words.tokens(doc.summary),
    }


def build_index(docs: list[SearchDoc], synonyms: Synonyms | None = None, words: Words | None = None) -> dict[str, str]:
    """Files (path under the language root -> JSON text) of the index of `docs`."""
    synonyms = synonyms or Synonyms([])
    words = words or Words()
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    docs = sorted(docs, key=lambda d: (rank.get(d.kind, len(rank)), d.group))
    n = len(docs)
    per_doc: list[list[tuple[str, dict[str, int], dict[str, int], int]] | None] = []
    lengths: dict[str, float] = defaultdict(float)
    name_sizes: list[dict[str, int]] = []
    tokenizer = Tokenizer()  # this build's: remembers each chunk's tokens
    for doc in docs:
        fields = []
        for name, tokens in _fields(doc, words, tokenizer).items():
            counts = _counts(tokens)
            fields.append((name, counts, synonyms.expand(counts), len(tokens)))
            lengths[name] += len(tokens)
        per_doc.append(fields)
        name_sizes.append(_name_sizes(doc, tokenizer))
    average = {name: max(lengths[name] / max(n, 1), 1.0) for name in FIELDS}

    # Every posting (token, score, name size) in three flat lists, page by page: one list.extend per page
    # and list, in C, and each page's number of postings. _postings turns them into the term lists with
    # whole-array operations.
    posted: list[str] = []
    raw: list[float] = []
    per_page: list[int] = []
    sizes: list[int] = []
    for d, fields in enumerate(per_doc):
        scores = _scores(fields, average)
        per_doc[d] = None  # its counts are no longer needed: free them as we go
        posted += scores
        raw += scores.values()
        per_page.append(len(scores))
        sizes += map(name_sizes[d].get, scores, repeat(0))
    terms, total = _postings(posted, raw, per_page, sizes, [100 * doc.prior for doc in docs])
    del posted, raw, sizes

    term_shards = max(1, math.ceil(total / TERM_SHARD_ENTRIES))
    shards: list[list[str]] = [[] for _ in range(term_shards)]
    for token, postings in terms.items():
        shards[fnv1a(shard_key(token)) % term_shards].append(f"{_encode_key(token)}:[{postings}]")

    files: dict[str, str] = {}
    for k, shard in enumerate(shards):
        files[f"search/terms/{k}.json"] = "{" + ",".join(shard) + "}"  # as _compact writes a dict of lists of ints
    for k in range(math.ceil(n / DOC_SHARD)):
        files[f"search/docs/{k}.json"] = _compact([_display(doc) for doc in docs[k * DOC_SHARD:(k + 1) * DOC_SHARD]])
    for k in range(math.ceil(n / SNIPPET_SHARD)):
        files[f"search/snippets/{k}.json"] = _compact([_snippet(doc) for doc in docs[k * SNIPPET_SHARD:(k + 1) * SNIPPET_SHARD]])
    vocab = [t for t in terms if t.isascii() and any(c.isalpha() for c in t)]  # terms are in sorted order
    files["search/vocab.json"] = _compact(vocab)
    files["search/pinyin.json"] = _compact(char_table())
    # Fetched when the search box opens, before the first keystroke: the first result lines (the
    # overview pages, districts and industries that lead most result lists).
    files["search/manifest.json"] = _compact({"version": VERSION, "docs": n, "docShard": DOC_SHARD,
                                              "snippetShard": SNIPPET_SHARD, "termShards": term_shards,
                                              "kinds": _ranges(docs), "kindWords": KIND_WORDS, "kindBoost": KIND_BOOST,
                                              "warm": ["docs/0.json"] if n else []})
    return files


def _counts(tokens: list[str]) -> dict[str, int]:
    """token -> times it occurs, as a plain dict: the counts of every field of every page are kept until all are
    scored, and a dict of strings and ints is not tracked by the cycle collector where a Counter (an instance
    of a Python class) is: 300,000 Counters at national scale made each full collection walk them (2 s).
    Counted by Counter's own C helper straight into the dict (a Counter and its copy took twice as long)."""
    counts: dict[str, int] = {}
    _count_elements(counts, tokens)
    return counts


def _name_sizes(doc: SearchDoc, tokenize: Tokenizer) -> dict[str, int]:
    """token -> token count of the smallest name (title, name, other-language name) of the page that holds it."""
    sizes: dict[str, int] = {}
    # Largest name first, each name's tokens set to its size: a token ends with the size of the smallest (no loop).
    names = (set(tokenize(variant)) for variant in (doc.title, *doc.names, *doc.other))
    for tokens in sorted(names, key=len, reverse=True):
        sizes.update(dict.fromkeys(tokens, len(tokens)))
    return sizes


def _postings(tokens: list[str], raw: list[float], per_page: list[int], sizes: list[int],
              priors: list[float]) -> tuple[dict[str, str], int]:
    """token -> its postings, flat, as the inside of their JSON list ("3,41,0,2,17,0"): page (delta-coded),
    impact, name size, page, ...; tokens in sorted order. And the number of postings.

    The postings come in page order; a stable sort by token puts each token's together, still in page order.
    A token's document frequency is then its number of postings (a page has one posting per token it holds),
    and a posting's impact is round(idf * score * prior), never below 1: the same floats multiplied in the same
    order as Python would, rounded half to even as round() does. Millions of postings nationally, so whole-array
    operations (numpy), not a Python step per posting.
    """
    vocab = sorted(set(tokens))
    ids = dict(zip(vocab, count()))
    token = np.fromiter(map(ids.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    # The stable sort by token, as one sort of (token, position) keys: unique keys, so any sort gives the stable
    # order, and numpy sorts plain integers several times faster than it argsorts them stably.
    order = np.sort((token << 32) | np.arange(len(token), dtype=np.int64)) & 0xFFFF_FFFF
    token = token[order]
    page = np.repeat(np.arange(len(per_page), dtype=np.int64), per_page)[order]
    df = np.bincount(token, minlength=len(vocab))
    n = len(priors)
    idf = np.array([math.log(1 + (n - c + 0.5) / (c + 0.5)) for c in df.tolist()], dtype=np.float64)
    impact = np.rint(idf[token] * np.fromiter(raw, dtype=np.float64, count=len(raw))[order]
                     * np.array(priors, dtype=np.float64)[page])
    impact = np.maximum(impact, 1).astype(np.int64)  # x is never negative (idf, scores and prior are positive)
    size = np.fromiter(sizes, dtype=np.int64, count=len(sizes))[order]

    ends = np.cumsum(df)
    keep = np.ones(len(token), dtype=bool)
    for t in np.flatnonzero(df > MAX_POSTINGS).tolist():
        keep[ends[t] - df[t]:ends[t]] = _best(impact[ends[t] - df[t]:ends[t]])
    token, page, impact, size = token[keep], page[keep], impact[keep], size[keep]

    previous = np.zeros_like(page)  # pages as differences from the token's previous page (the first: from 0)
    previous[1:] = page[:-1]
    previous[np.flatnonzero(np.diff(token)) + 1] = 0
    flat = np.column_stack((page - previous, impact, size)).ravel()
    # The numbers as JSON text, written here rather than by the JSON encoder (a third of the index's encoding):
    # millions of small non-negative integers, each one's text looked up in a table of them all.
    numbers = np.array(list(map(str, range(int(flat.max(initial=0)) + 1))), dtype=object)[flat].tolist()
    ends3 = (np.cumsum(np.bincount(token, minlength=len(vocab))) * 3).tolist()
    return {t: ",".join(numbers[start:end]) for t, start, end in zip(vocab, [0, *ends3[:-1]], ends3)}, len(token)


def _best(impacts: np.ndarray) -> np.ndarray:
    """Which of a token's postings (impacts in page order) to keep: the MAX_POSTINGS of highest impact, ties to
    the lower page (the same as a stable sort by descending impact, cut at MAX_POSTINGS, sorted back by page).

    A filter, not a sort of the postings: those above the MAX_POSTINGS-th highest impact and, of those equal to
    it, the first ones up to MAX_POSTINGS."""
    cut = np.sort(impacts)[-MAX_POSTINGS]
    keep = impacts >= cut
    tied = np.flatnonzero(impacts == cut)
    keep[tied[len(tied) - (int(keep.sum()) - MAX_POSTINGS):]] = False  # the last pages of those tied at the cut go
    return keep


def _scores(fields: list[tuple[str, dict[str, int], dict[str, int], int]], average: dict[str, float]) -> dict[str, float]:
    """token -> BM25 score of one page, summed over its fields in field order (the order fixes the float sums).

    Per field, a token's term is `weight * tf / (tf + k)`, worked out once per distinct tf (mostly 1); the
    fields are added a dict at a time, adding only where a token is already scored."""
    scores: dict[str, float] = {}
    for name, counts, extra, length in fields:
        if not counts:  # an empty field (a policy's pinyin, a page without other-language names): nothing to add
            continue  # (never synonyms' tokens either: expand finds them for the tokens in counts)
        k = K1 * (1 - B[name] + B[name] * length / average[name])
        weight = FIELDS[name] * (K1 + 1)
        term = {tf: weight * tf / (tf + k) for tf in set(counts.values())}
        part = dict(zip(counts, map(term.__getitem__, counts.values())))
        if extra:  # synonyms' tokens, never in `counts` (Synonyms.expand)
            term = {tf: SYNONYM_WEIGHT * weight * tf / (tf + k) for tf in set(extra.values())}
            part.update(zip(extra, map(term.__getitem__, extra.values())))
        if not scores:  # the first field: nothing to add to
            scores = part
            continue
        for token in scores.keys() & part.keys():
            part[token] = scores[token] + part[token]
        scores.update(part)
    return scores


def _ranges(docs: list[SearchDoc]) -> dict[str, list[int]]:
    """kind -> [first, last + 1] page numbers (pages are numbered kind by kind)."""
    out: dict[str, list[int]] = {}
    for d, doc in enumerate(docs):
        out.setdefault(doc.kind, [d, d])[1] = d + 1
    return out


def _display(doc: SearchDoc) -> list[str]:
    return [doc.url, doc.kind, doc.title, doc.status, doc.status_label, doc.meta]


def _snippet(doc: SearchDoc) -> str:
    return doc.summary if len(doc.summary) <= SNIPPET else doc.summary[:SNIPPET].rstrip() + "…"
