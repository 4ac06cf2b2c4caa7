// The search tokenizer, the same function as generator/search/tokenize.py (read its docstring).
// Index (Python) and query (here) must tokenize identically: tests/fixtures/search/tokenizer_cases.json
// is checked by both pytest and node --test.
const HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const RUNS = new RegExp(`[${HAN}]+|[a-z0-9]+(?:&[a-z0-9]+)*`, "g");
const HAN_RUN = new RegExp(`^[${HAN}]`);
const SEPARATORS = /[〔〕[\]()【】〈〉《》「」『』<>{}]/g;
const APOSTROPHES = /['’‘`]/g;
export const STOP_WORDS = new Set((
  "a about an and any are as at be by can could do does for from get has have how i in into is me much my of on " +
  "or our should that the their there this to us we what where which who will with would you your " +
  "set up company companies firm firms").split(" "));

export function fold(text) {
  const folded = text.normalize("NFKC").toLowerCase().replace(APOSTROPHES, "").replace(SEPARATORS, " ");
  return folded.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
}

export function stem(word) {
  if (!/^[a-z]+$/.test(word)) return word;
  if (word.length > 4 && word.endsWith("ies")) word = word.slice(0, -3) + "y";
  else if (word.length > 4 && ["sses", "xes", "ches", "shes"].some((s) => word.endsWith(s))) word = word.slice(0, -2);
  else if (word.length > 3 && word.endsWith("s") && !["ss", "us", "is"].some((s) => word.endsWith(s))) word = word.slice(0, -1);
  if (word.length > 5 && word.endsWith("ing")) word = word.slice(0, -3);
  else if (word.length > 4 && word.endsWith("ed")) word = word.slice(0, -2);
  if (word.length > 4 && word.endsWith("e")) word = word.slice(0, -1);
  return word;
}

// Each run of the folded text: {han: bool, text}.
export function runs(text) {
  return [...fold(text).matchAll(RUNS)].map((m) => ({ han: HAN_RUN.test(m[0]), text: m[0] }));
}

export function tokenize(text, unigrams = false) {
  const out = [];
  for (const run of runs(text)) {
    if (run.han) {
      const chars = [...run.text];
      if (chars.length === 1) { out.push(chars[0]); continue; }
      for (let i = 0; i < chars.length - 1; i += 1) out.push(chars[i] + chars[i + 1]);
      if (unigrams) out.push(...chars);
    } else if (!STOP_WORDS.has(run.text)) {
      out.push(stem(run.text));
    }
  }
  return out;
}
