// @ts-check
/**
 * Tokenisation and IOB2 tagging of one annotated sentence (eval/ner/GUIDELINES.md):
 * split on whitespace; split every entity start and end (so each entity is a whole number of tokens);
 * split leading and trailing punctuation off each piece, one token per character (a run of periods, "...",
 * stays one token), but keep the final period of an abbreviation ("U.S.", "Mr.", "Aug."); split a
 * possessive 's / ’s off as its own token. Inner apostrophes, hyphens and periods stay ("O'Brien",
 * "26-year-old", "3.5").
 */

export const ENTITY_TYPES = /** @type {const} */ (['PER', 'ORG', 'LOC', 'MISC']);

/** @typedef {{ start: number, end: number, type: string }} Entity */
/** @typedef {{ tokens: string[], tags: string[], offsets: [number, number][] }} Tagged */

/** Abbreviations whose final period belongs to the word (lower-cased, without the period). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'jr', 'sr', 'st', 'mt', 'ft', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'sgt', 'capt',
  'cpl', 'maj', 'adm', 'prof', 'rev', 'hon', 'pres', 'inc', 'corp', 'co', 'ltd', 'bros', 'vs', 'etc', 'no',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'ave', 'blvd', 'rd',
]);

const PUNCT = /[^\p{L}\p{N}]/u;
const POSSESSIVE = /['’‘][sS]$/;
const POSSESSIVE_PIECE = /^['’‘][sS][^\p{L}\p{N}]*$/u;

/** @param {string} word a piece ending with "." */
function isAbbreviation(word) {
  if (/^(?:\p{L}\.){1,}\p{L}?\.$/u.test(word)) return true; // U.S., D.C., U.N., J.
  return ABBREVIATIONS.has(word.slice(0, -1).toLowerCase());
}

/**
 * Tokens of `text.slice(start, end)` as [start, end) offsets into `text`, cut at every offset in `cuts`.
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {Set<number>} cuts
 * @returns {[number, number][]}
 */
export function tokenSpans(text, start, end, cuts) {
  /** @type {[number, number][]} */
  const out = [];
  const re = /\S+/gu;
  const sentence = text.slice(start, end);
  for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
    const ws = start + m.index;
    const we = ws + m[0].length;
    // pieces between forced cuts
    let ps = ws;
    for (let i = ws + 1; i <= we; i++) {
      if (i === we || cuts.has(i)) {
        splitPiece(text, ps, i, out);
        ps = i;
      }
    }
  }
  return out;
}

/**
 * @param {string} text
 * @param {number} s
 * @param {number} e
 * @param {[number, number][]} out
 */
function splitPiece(text, s, e, out) {
  /** @type {[number, number][]} */
  const lead = [];
  /** @type {[number, number][]} */
  const trail = [];
  // leading punctuation, one token a character (a run of periods stays together), but not the
  // apostrophe of a possessive cut off from its entity ("Obama" + "'s.")
  while (s < e && PUNCT.test(text[s] ?? '') && !POSSESSIVE_PIECE.test(text.slice(s, e))) {
    let n = s + 1;
    if (text[s] === '.') while (n < e && text[n] === '.') n++;
    lead.push([s, n]);
    s = n;
  }
  // trailing punctuation, possessive
  while (s < e) {
    const word = text.slice(s, e);
    const last = text[e - 1] ?? '';
    if (last === '.' && e - s > 1 && !word.endsWith('..') && isAbbreviation(word)) break;
    if (PUNCT.test(last)) {
      let n = e - 1;
      if (last === '.') while (n > s && text[n - 1] === '.') n--;
      trail.unshift([n, e]);
      e = n;
      continue;
    }
    if (e - s > 2 && POSSESSIVE.test(word)) {
      trail.unshift([e - 2, e]);
      e -= 2;
      continue;
    }
    break;
  }
  out.push(...lead);
  if (s < e) out.push([s, e]);
  out.push(...trail);
}

/**
 * Tokens and IOB2 tags of the sentence [start, end) of `text`, given entities as offsets into `text`
 * (those outside the sentence are ignored).
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {Entity[]} entities
 * @returns {Tagged}
 */
export function iobSentence(text, start, end, entities) {
  const inside = entities.filter((x) => x.start >= start && x.end <= end).sort((a, b) => a.start - b.start);
  /** @type {Set<number>} */
  const cuts = new Set();
  for (const x of inside) {
    cuts.add(x.start);
    cuts.add(x.end);
  }
  const offsets = tokenSpans(text, start, end, cuts);
  const tokens = offsets.map(([s, e]) => text.slice(s, e));
  const tags = offsets.map(([s, e]) => {
    const x = inside.find((y) => s >= y.start && e <= y.end);
    if (!x) return 'O';
    return `${s === firstTokenStart(offsets, x) ? 'B' : 'I'}-${x.type}`;
  });
  for (const x of inside) {
    const covered = offsets.filter(([s, e]) => s >= x.start && e <= x.end);
    if (covered.length === 0) throw new Error(`entity [${x.start}, ${x.end}) "${text.slice(x.start, x.end)}" covers no token`);
  }
  return { tokens, tags, offsets };
}

/**
 * @param {[number, number][]} offsets
 * @param {Entity} x
 */
function firstTokenStart(offsets, x) {
  for (const [s, e] of offsets) if (s >= x.start && e <= x.end) return s;
  return -1;
}
