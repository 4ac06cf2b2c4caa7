// The search engine over the sharded index that generator/search/index.py writes (read its docstring).
// Pure logic, no DOM: the Web Worker (search-worker.js) runs it with fetch, tests with the file system.
// A posting is [doc delta, impact, name size]; a page's score is the sum, over the query's tokens,
// of the best impact among the token's alternatives (typo, prefix, pinyin), times coverage² (the share
// of the query's tokens the page has) and a bonus when the query is a whole name of the page.
import { runs, stem, tokenize } from "./search-tokenize.js";

export const LIMIT = 10;
const TYPO = 0.7; // an edit-distance neighbour counts for less than the word typed
const PREFIX = 0.8; // a completion of the word being typed
const PINYIN = 0.8; // a homophone of the Chinese typed
const EXACT_NAME = 2;
const IN_NAME = 1.6; // at most, for a query that is nearly the whole name

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
  slots.forEach((slot, i) => {
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
  const n = slots.filter((slot) => slot.alternatives.some(({ token }) => postings.has(token))).length || 1;
  const out = [];
  for (const doc of touched) {
    const coverage = matched[doc] / n;
    let bonus = 1;
    // The query is within one of the page's names: the more of that name it covers, the more the page
    // is about exactly this (崂山 is most of 崂山区, a small part of 崂山虚拟现实产业园).
    if (inName[doc] === n) bonus = inName[doc] >= minName[doc] ? EXACT_NAME : 1 + (IN_NAME - 1) * (inName[doc] / minName[doc]);
    out.push({ doc, score: sum[doc] * coverage * coverage * bonus, coverage });
  }
  out.sort((a, b) => b.score - a.score || a.doc - b.doc);
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

// The engine: load(path) resolves a JSON file of the index (path relative to search/).
export function createEngine(load) {
  const cache = new Map();
  const get = (path) => {
    if (!cache.has(path)) cache.set(path, load(path));
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
    for (const token of tokens) shards.set(token, fnv1a(token) % manifest.termShards);
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
    if (!tokens.length) return { results: [], terms: [], total: 0 };
    const slots = tokens.map((token) => ({ token, alternatives: [{ token, weight: 1 }] }));
    let postings = await postingsFor(tokens, manifest);
    // Latin words the index does not have: typos and words still being typed.
    const missing = slots.filter((s) => isLatin(s.token) && !postings.has(s.token));
    if (missing.length) {
      const vocab = await get("vocab.json");
      const typing = !/\s$/.test(text);
      for (const slot of missing) {
        const last = slot === slots[slots.length - 1];
        const key = `${slot.token} ${last && typing}`;
        if (!near.has(key)) near.set(key, neighbours(slot.token, vocab, { prefix: last && typing }));
        slot.alternatives.push(...near.get(key));
      }
      const extra = missing.flatMap((s) => s.alternatives.slice(1).map((a) => a.token));
      for (const [k, v] of await postingsFor(extra, manifest)) postings.set(k, v);
    }
    let ranked = score(slots, postings, manifest.docs);
    // Chinese typed with a wrong character of the same sound (劳山区 for 崂山区): when no page has every
    // token, the query's pinyin is matched against the names' pinyin too.
    const han = slots.filter((s) => /[^\x00-\x7f]/.test(s.token));
    if (han.length && (han.some((s) => !postings.has(s.token)) || !(ranked[0] && ranked[0].coverage === 1))) {
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
        ranked = [...merged.values()].sort((a, b) => b.score - a.score || a.doc - b.doc);
      }
    }
    const top = ranked.slice(0, limit);
    const shardSize = manifest.docShard;
    const shards = await Promise.all([...new Set(top.map((r) => Math.floor(r.doc / shardSize)))]
      .map(async (k) => [k, await get(`docs/${k}.json`)]));
    const docs = new Map(shards);
    const results = top.map((r) => {
      const [url, kind, title, status, statusLabel, meta, snippet] = docs.get(Math.floor(r.doc / shardSize))[r.doc % shardSize];
      return { url, kind, title, status, statusLabel, meta, snippet, score: r.score };
    });
    const terms = [...new Set(slots.flatMap((s) => s.alternatives.map((a) => a.token)).filter((t) => t.length > 1 || /[^\x00-\x7f]/.test(t)))];
    return { results, terms, total: ranked.length };
  }

  // Fetch the manifest before the first keystroke (the search box was just opened).
  const warm = () => get("manifest.json").then(() => undefined);

  return { search, warm };
}
