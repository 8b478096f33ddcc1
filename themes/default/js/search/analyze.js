/* The French analyzer, as the index has it: repeats src/search/analyze.rs exactly (a test,
   tests/testsuite/search.rs, checks both on tests/fixtures/search/mots.txt). NFC, words of
   letters/digits/marks, lowercase, elided articles dropped, accents and ligatures folded, stop
   words and one-letter words dropped. The index ships folded words with their Snowball stems, so
   no stemmer runs here. */
/* exported WORDS, fold, words */

const WORD = /[\p{Alphabetic}\p{N}\p{M}]/u;
/** Words, for `String.prototype.matchAll` (which leaves `lastIndex` alone). */
const WORDS = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const LIGATURES = { œ: "oe", æ: "ae", ß: "ss", þ: "th", ø: "o", ł: "l", đ: "d", ð: "d", ı: "i" };

/** Accents and ligatures folded (expects lowercase). */
const fold = (w) =>
  w.normalize("NFD").replace(MARKS, "").replace(/[œæßþøłđðı]/g, (c) => LIGATURES[c]);

/**
 * The words of `text` as `{ word (folded), start, end }` (offsets in the NFC text), elided
 * articles dropped; stop words too when `stop` is given. `complete` is false when the text ends
 * inside its last word (the word being typed).
 */
function words(raw, elisions, stop) {
  const text = raw.normalize("NFC");
  const out = [];
  for (const r of text.matchAll(WORDS)) {
    const lower = r[0].toLowerCase();
    const end = r.index + r[0].length;
    const after = text.charAt(end);
    if ((after === "'" || after === "\u2019") && elisions.has(lower) && end + 1 < text.length &&
        WORD.test(String.fromCodePoint(text.codePointAt(end + 1)))) {
      continue;
    }
    const f = fold(lower);
    if (stop && (Array.from(f).length < 2 || stop.has(f))) continue;
    out.push({ word: f, start: r.index, end });
  }
  out.complete = !out.length || out[out.length - 1].end < text.length;
  return out;
}
