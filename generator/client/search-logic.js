// The search engine over the sharded index that generator/search/index.py writes (read its docstring).
// Pure logic, no DOM: the Web Worker (search-worker.js) runs it with fetch, tests with the file system.
// A posting is [doc delta, impact, name size]; a page's score is the sum, over the query's tokens,
// of the best impact among the token's alternatives (typo, prefix, pinyin), times coverage² (the share
// of the query's tokens the page has) and a bonus when the query is a whole name of the page.
// Chinese dictionary words (index tokens `=<word>`, words.py) are recognised in the query by looking
// its substrings up in the index, and add their impact to the pages that hold them as words.
import { runs, stem, tokenize } from "./search-tokenize.js";

export const LIMIT = 10;
const TYPO = 0.7; // an edit-distance neighbour counts for less than the word typed
const PREFIX = 0.8; // a completion of the word being typed
const PINYIN = 0.8; // a homophone of the Chinese typed
const EXACT_NAME = 2;
const IN_NAME = 1.6; // at most, for a query that is nearly the whole name
export const WORD_MARK = "=";
const MIN_WORD = 2;
const MAX_WORD = 6;
const PARALLEL = 6; // index files fetched at once (the rest wait: the ones asked for first come first)

// 32-bit FNV-1a over UTF-16 code units, as index.py's fnv1a.
export function fnv1a(token) {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i += 1) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// Optimal string alignment distance (a swap of two letters is one edit), or limit + 1 when above limit.
export function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2 = null;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

// What a token's term shard is chosen by (words.py shard_key): a word by its first bigram, which the
// query has as a token, so looking a word up never needs another file.
export const shardKey = (token) => (token.startsWith(WORD_MARK) ? token.slice(1, 3) : token);

// Index word tokens for every Chinese substring of two to six characters of the query's Han runs.
export function wordCandidates(text) {
  const out = new Set();
  for (const run of runs(text)) {
    if (!run.han) continue;
    const chars = [...run.text];
    for (let i = 0; i < chars.length; i += 1) {
      for (let n = MIN_WORD; n <= MAX_WORD && i + n <= chars.length; n += 1) out.add(WORD_MARK + chars.slice(i, i + n).join(""));
    }
  }
  return [...out];
}

// The query's words: each Han run cut into the fewest pieces, a piece being an index word or one
// character (崂山区电价 -> 崂山区 电价 when both are words of the index); ties go to the earlier, longer word.
export function queryWords(text, isWord) {
  const out = [];
  for (const run of runs(text)) {
    if (!run.han) continue;
    const chars = [...run.text];
    const n = chars.length;
    const pieces = new Array(n + 1).fill(Infinity);
    const next = new Array(n + 1).fill(0);
    pieces[n] = 0;
    for (let i = n - 1; i >= 0; i -= 1) {
      pieces[i] = pieces[i + 1] + 1;
      next[i] = i + 1;
      for (let len = Math.min(MAX_WORD, n - i); len >= MIN_WORD; len -= 1) {
        if (pieces[i + len] + 1 < pieces[i] && isWord(WORD_MARK + chars.slice(i, i + len).join(""))) {
          pieces[i] = pieces[i + len] + 1;
          next[i] = i + len;
        }
      }
    }
    for (let i = 0; i < n; i = next[i]) if (next[i] - i >= MIN_WORD) out.push(WORD_MARK + chars.slice(i, next[i]).join(""));
  }
  return [...new Set(out)];
}

// Whether the query's words cover every character of its Han runs (each run of two or more characters).
export function spelled(text, words) {
  const covered = words.map((w) => w.slice(WORD_MARK.length));
  for (const run of runs(text)) {
    if (!run.han || run.text.length < MIN_WORD) continue;
    const chars = [...run.text];
    const hit = new Array(chars.length).fill(false);
    for (const word of covered) {
      for (let at = run.text.indexOf(word); at >= 0; at = run.text.indexOf(word, at + 1)) {
        const start = [...run.text.slice(0, at)].length;
        for (let k = 0; k < [...word].length; k += 1) hit[start + k] = true;
      }
    }
    if (hit.some((h) => !h)) return false;
  }
  return covered.length > 0;
}

export const isLatin = (token) => /^[a-z0-9&]+$/.test(token) && /[a-z]/.test(token);

// Bit mask of the letters and digits in a word: a word within k edits of another lacks at most k of
// its letters and has at most k others (a cheap test before the edit distance).
function letters(word) {
  let mask = 0;
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    mask |= 1 << (c >= 97 ? (c - 97) % 26 : (c - 48) % 6 + 26);
  }
  return mask >>> 0;
}

function bits(x) {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n += 1;
  return n;
}

const prepared = new WeakMap();
// The vocabulary (sorted, as index.py writes it) with each word's letter mask, computed once.
function prepare(vocab) {
  if (!prepared.has(vocab)) prepared.set(vocab, { words: vocab, masks: Uint32Array.from(vocab, letters) });
  return prepared.get(vocab);
}

// Vocabulary words near a Latin token that is not in the index: edit distance 1 (2 from 8 letters),
// and, for the word still being typed, completions. Best first, at most `max`.
export function neighbours(token, vocab, { prefix = false, max = 3 } = {}) {
  const { words, masks } = prepare(vocab);
  const limit = token.length >= 8 ? 2 : 1;
  const found = [];
  if (token.length < 3) return found;
  if (prefix) {
    let lo = 0;
    let hi = words.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (words[mid] < token) lo = mid + 1; else hi = mid; }
    for (let i = lo; i < words.length && words[i].startsWith(token) && found.length < 50; i += 1) {
      if (words[i].length > token.length) found.push({ token: words[i], weight: PREFIX, rank: (words[i].length - token.length) / 100 });
    }
  }
  if (token.length >= 4) {
    const mask = letters(token);
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i];
      if (Math.abs(word.length - token.length) > limit || word === token) continue;
      if (bits(mask & ~masks[i]) > limit || bits(masks[i] & ~mask) > limit) continue;
      const d = editDistance(token, word, limit);
      if (d <= limit) found.push({ token: word, weight: TYPO, rank: d });
    }
  }
  found.sort((x, y) => x.rank - y.rank || (x.token < y.token ? -1 : 1));
  const seen = new Set();
  return found.filter((f) => !seen.has(f.token) && seen.add(f.token)).slice(0, max);
}

// A Latin word the index lacks, written solid, as two index words (hitech = hi tech, westcoast =
// west coast): the split nearest the middle whose halves (two letters or more) are both in the vocabulary.
export function split(token, vocab) {
  const { words } = prepare(vocab);
  const has = (w) => {
    let lo = 0;
    let hi = words.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (words[mid] < w) lo = mid + 1; else hi = mid; }
    return words[lo] === w;
  };
  const middle = token.length / 2;
  const cuts = [];
  for (let i = 2; i <= token.length - 2; i += 1) cuts.push(i);
  cuts.sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle) || a - b);
  for (const i of cuts) {
    const left = token.slice(0, i);
    const right = stem(token.slice(i));
    if (has(left) && has(right)) return [left, right];
  }
  return null;
}

// Pinyin tokens of the query's Chinese runs, as index.py's name_pinyin builds them (bigrams, whole run).
export function pinyinTokens(text, charToSyllable) {
  const out = [];
  for (const run of runs(text)) {
    if (!run.han) continue;
    const chars = [...run.text].map((c) => charToSyllable.get(c));
    if (chars.length < 2 || chars.some((s) => !s)) continue;
    for (let i = 0; i < chars.length - 1; i += 1) out.push(stem(chars[i] + chars[i + 1]));
    if (chars.length > 2) out.push(stem(chars.join("")));
  }
  return [...new Set(out)];
}

// Best first. Scores within TIE of each other are a tie, and a tie goes to the lower page number:
// pages are numbered so that those of one kind and place are neighbours (index.py), so the many
// near-equal pages of a broad query (高新区 at national scale) come from few display files.
const TIE = 1.03;
const LOG_TIE = Math.log(TIE);
const band = (score) => Math.floor(Math.log(Math.max(score, 1e-9)) / LOG_TIE);
export const byRank = (a, b) => band(b.score) - band(a.score) || a.doc - b.doc;

// Scores of every page for query slots [{alternatives: [{token, weight}]}], given postings per token.
// Typed arrays over the page numbers (no object per posting): a national index has 20,000+ pages.
export function score(slots, postings, docs = 0) {
  let size = docs;
  if (!size) {
    for (const list of postings.values()) {
      let doc = 0;
      for (let k = 0; k < list.length; k += 3) doc += list[k];
      size = Math.max(size, doc + 1);
    }
  }
  const sum = new Float64Array(size);
  const matched = new Uint16Array(size);
  const inName = new Uint16Array(size);
  const minName = new Uint16Array(size).fill(0xffff);
  const best = new Float64Array(size);
  const bestName = new Uint16Array(size);
  const stamp = new Int32Array(size).fill(-1);
  const touched = [];
  // Word slots (extra) only add to pages some other token matched, and do not count for coverage.
  const ordered = [...slots.filter((s) => !s.extra), ...slots.filter((s) => s.extra)];
  ordered.forEach((slot, i) => {
    const seen = [];
    for (const { token, weight } of slot.alternatives) {
      const list = postings.get(token);
      if (!list) continue;
      let doc = 0;
      for (let k = 0; k < list.length; k += 3) {
        doc += list[k];
        const value = list[k + 1] * weight;
        if (stamp[doc] !== i) {
          stamp[doc] = i;
          best[doc] = value;
          bestName[doc] = list[k + 2];
          seen.push(doc);
        } else if (best[doc] < value) {
          best[doc] = value;
          bestName[doc] = list[k + 2];
        }
      }
    }
    for (const doc of seen) {
      if (slot.extra) {
        if (matched[doc]) sum[doc] += best[doc];
        continue;
      }
      if (!matched[doc]) touched.push(doc);
      sum[doc] += best[doc];
      matched[doc] += 1;
      if (bestName[doc] > 0) {
        inName[doc] += 1;
        minName[doc] = Math.min(minName[doc], bestName[doc]);
      }
    }
  });
  // Tokens no page has (a bigram across two words, 工业地价 -> 业地; an unknown word) cannot be matched
  // by any page: they do not count against coverage.
  const n = slots.filter((slot) => !slot.extra && slot.alternatives.some(({ token }) => postings.has(token))).length || 1;
  const out = [];
  for (const doc of touched) {
    const coverage = matched[doc] / n;
    let bonus = 1;
    // The query is within one of the page's names: the more of that name it covers, the more the page
    // is about exactly this (崂山 is most of 崂山区, a small part of 崂山虚拟现实产业园).
    if (inName[doc] === n) bonus = inName[doc] >= minName[doc] ? EXACT_NAME : 1 + (IN_NAME - 1) * (inName[doc] / minName[doc]);
    out.push({ doc, score: sum[doc] * coverage * coverage * bonus, coverage });
  }
  out.sort(byRank);
  return out;
}

// Ranges [start, end) of `text` to highlight for the query's terms (Latin stems match word starts).
export function highlight(text, terms) {
  const lower = text.toLowerCase();
  const source = lower.length === text.length ? lower : text;
  const ranges = [];
  for (const term of terms) {
    if (!term) continue;
    let from = 0;
    for (;;) {
      const at = source.indexOf(term, from);
      if (at < 0) break;
      const latin = /^[a-z0-9]/.test(term);
      if (!latin || at === 0 || !/[a-z0-9]/.test(source[at - 1])) {
        let end = at + term.length;
        if (latin) while (end < source.length && /[a-z]/.test(source[end])) end += 1; // the whole word: park -> parks
        ranges.push([at, end]);
      }
      from = at + 1;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

// Pages of a kind the query names (园区, park) are lifted by the manifest's kindBoost.
export function preferKinds(ranked, tokens, words, manifest) {
  const asked = new Set([...tokens, ...words]);
  const ranges = Object.entries(manifest.kindWords || {})
    .filter(([, list]) => list.some((w) => asked.has(w)))
    .map(([kind]) => (manifest.kinds || {})[kind]).filter(Boolean);
  if (!ranges.length) return ranked;
  const boosted = ranked.map((r) => (ranges.some(([a, b]) => r.doc >= a && r.doc < b)
    ? { ...r, score: r.score * manifest.kindBoost } : r));
  return boosted.sort(byRank);
}

// The engine: load(path) resolves a JSON file of the index (path relative to search/).
// search() ranks and returns the result lines (no snippets: the list can be shown at once);
// snippets(results) then fills them in from their own, smaller files.
export function createEngine(load) {
  const cache = new Map();
  let running = 0;
  const waiting = [];
  // At most PARALLEL files in flight: the term shards a query needs are asked for first and so
  // are not queued behind display files.
  const limited = (path) => new Promise((resolve, reject) => {
    const go = () => {
      running += 1;
      Promise.resolve().then(() => load(path)).then(resolve, reject).finally(() => {
        running -= 1;
        if (waiting.length) waiting.shift()();
      });
    };
    if (running < PARALLEL) go(); else waiting.push(go);
  });
  const get = (path) => {
    if (!cache.has(path)) {
      const loading = limited(path);
      loading.catch(() => cache.delete(path)); // a failed file is fetched again next time
      cache.set(path, loading);
    }
    return cache.get(path);
  };
  const near = new Map(); // typo and completion candidates already worked out, per token
  let syllables = null;
  const charTable = async () => {
    if (!syllables) {
      syllables = get("pinyin.json").then((table) => {
        const map = new Map();
        for (const [syllable, chars] of Object.entries(table)) for (const c of chars) if (!map.has(c)) map.set(c, syllable);
        return map;
      });
    }
    return syllables;
  };

  async function postingsFor(tokens, manifest) {
    const shards = new Map();
    for (const token of tokens) shards.set(token, fnv1a(shardKey(token)) % manifest.termShards);
    const files = await Promise.all([...new Set(shards.values())].map(async (k) => [k, await get(`terms/${k}.json`)]));
    const byShard = new Map(files);
    const out = new Map();
    for (const [token, k] of shards) {
      const list = byShard.get(k)[token];
      if (list) out.set(token, list);
    }
    return out;
  }

  async function search(text, { limit = LIMIT } = {}) {
    const manifest = await get("manifest.json");
    const tokens = [...new Set(tokenize(text))];
    if (!tokens.length) return { results: [], terms: [], total: 0, words: [] };
    const slots = tokens.map((token) => ({ token, alternatives: [{ token, weight: 1 }] }));
    // The query's substrings that may be index words live in the shards of its bigrams: no extra file.
    let postings = await postingsFor([...tokens, ...wordCandidates(text)], manifest);
    const words = queryWords(text, (w) => postings.has(w));
    // Latin words the index does not have: two words written solid, typos, words still being typed.
    let missing = slots.filter((s) => isLatin(s.token) && !postings.has(s.token));
    if (missing.length) {
      const vocab = await get("vocab.json");
      const typing = !/\s$/.test(text);
      const halves = [];
      for (const slot of missing) {
        const parts = split(slot.token, vocab);
        if (!parts) continue;
        slots.splice(slots.indexOf(slot), 1, ...parts.map((token) => ({ token, alternatives: [{ token, weight: 1 }] })));
        halves.push(...parts);
      }
      if (halves.length) {
        for (const [k, v] of await postingsFor(halves, manifest)) postings.set(k, v);
        missing = missing.filter((s) => slots.includes(s));
      }
      for (const slot of missing) {
        const last = slot === slots[slots.length - 1];
        const key = `${slot.token} ${last && typing}`;
        if (!near.has(key)) near.set(key, neighbours(slot.token, vocab, { prefix: last && typing }));
        slot.alternatives.push(...near.get(key));
      }
      const extra = missing.flatMap((s) => s.alternatives.slice(1).map((a) => a.token));
      for (const [k, v] of await postingsFor(extra, manifest)) postings.set(k, v);
    }
    const wordSlots = words.map((token) => ({ token, extra: true, alternatives: [{ token, weight: 1 }] }));
    let ranked = score([...slots, ...wordSlots], postings, manifest.docs);
    // Chinese typed with a wrong character of the same sound (劳山区 for 崂山区): when no page has every
    // token, the query's pinyin is matched against the names' pinyin too, unless the index's own words
    // spell the whole query (集成电路产业园 = 集成电路 + 产业园: a phrase of known words is no typo).
    const han = slots.filter((s) => /[^\x00-\x7f]/.test(s.token));
    if (han.length && !spelled(text, words)
        && (han.some((s) => !postings.has(s.token)) || !(ranked[0] && ranked[0].coverage === 1))) {
      const pinyin = pinyinTokens(text, await charTable());
      if (pinyin.length) {
        const latin = slots.filter((s) => isLatin(s.token) || /^[0-9]+$/.test(s.token));
        const alt = [...pinyin.map((token) => ({ token, alternatives: [{ token, weight: PINYIN }] })), ...latin];
        const more = await postingsFor(pinyin, manifest);
        for (const [k, v] of more) postings.set(k, v);
        const second = score(alt, postings, manifest.docs);
        const merged = new Map(ranked.map((r) => [r.doc, r]));
        for (const r of second) {
          const seen = merged.get(r.doc);
          if (!seen || seen.score < r.score) merged.set(r.doc, r);
        }
        ranked = [...merged.values()].sort(byRank);
      }
    }
    ranked = preferKinds(ranked, tokens, words, manifest);
    const top = ranked.slice(0, limit);
    const shardSize = manifest.docShard;
    const shards = await Promise.all([...new Set(top.map((r) => Math.floor(r.doc / shardSize)))]
      .map(async (k) => [k, await get(`docs/${k}.json`)]));
    const docs = new Map(shards);
    const results = top.map((r) => {
      const [url, kind, title, status, statusLabel, meta] = docs.get(Math.floor(r.doc / shardSize))[r.doc % shardSize];
      return { doc: r.doc, url, kind, title, status, statusLabel, meta, snippet: "", score: r.score };
    });
    const terms = [...new Set(slots.flatMap((s) => s.alternatives.map((a) => a.token))
      .concat(words.map((w) => w.slice(WORD_MARK.length)))
      .filter((t) => t.length > 1 || /[^\x00-\x7f]/.test(t)))];
    return { results, terms, total: ranked.length, words };
  }

  // The snippet of each result (same order), from the snippet shards.
  async function snippets(results) {
    const manifest = await get("manifest.json");
    const size = manifest.snippetShard;
    const files = new Map(await Promise.all([...new Set(results.map((r) => Math.floor(r.doc / size)))]
      .map(async (k) => [k, await get(`snippets/${k}.json`)])));
    return results.map((r) => files.get(Math.floor(r.doc / size))[r.doc % size]);
  }

  // The search box was opened: fetch the manifest and the files it names (the first result lines)
  // before the first keystroke.
  const warm = async () => {
    const manifest = await get("manifest.json");
    await Promise.all((manifest.warm || []).map((path) => get(path)));
  };

  return { search, snippets, warm };
}
