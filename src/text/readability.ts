/**
 * Readability of a Doc's body: Flesch reading ease (Flesch 1948) and the Flesch–Kincaid grade level
 * (Kincaid et al. 1975), from the Doc's own sentences and tokens, with a rule-based English syllable
 * counter (vowel groups, silent final e, -ed and -es endings, "ia"/"iou" hiatus). The counter is right on
 * most common words and off by one on some (e.g. "created"); over a body the error averages out.
 */
import type { Doc } from './doc.js';
import { LEXICON } from './lexicon.js';
import { TokenKind } from './tokens.js';

export interface Readability {
  /** Body sentences with at least one word. */
  sentences: number;
  words: number;
  syllables: number;
  /** 206.835 − 1.015 · words/sentence − 84.6 · syllables/word: higher is easier (60–70 plain English). */
  fleschReadingEase: number;
  /** 0.39 · words/sentence + 11.8 · syllables/word − 15.59: the US school grade needed to read it. */
  fleschKincaidGrade: number;
}

const SYLLABLE_EXCEPTIONS: Record<string, number> = {
  every: 2, everything: 3, everyone: 3, business: 2, different: 3, evening: 2, family: 3, interest: 3,
  people: 2, police: 2, science: 2, quiet: 2, area: 3, idea: 3, real: 1, being: 2, doing: 2, going: 2,
  create: 2, created: 3, creates: 2, creating: 3, poem: 2, lion: 2, whole: 1, someone: 2, sometimes: 2,
  somewhere: 2, themselves: 2, were: 1, there: 1, where: 1, here: 1, more: 1, before: 2, are: 1, fire: 1,
  hour: 1, hours: 1, our: 1, year: 1, years: 1, said: 1, says: 1, does: 1, done: 1, gone: 1, one: 1,
  once: 1, none: 1, come: 1, some: 1, give: 1, live: 1, have: 1, move: 1, love: 1, above: 2, whose: 1,
};

const ACCENTED_VOWELS = /[aeiouyàáâãäåèéêëìíîïòóôõöùúûüýæøœ]+/g;

/**
 * Syllables by lexicon id (stored + 1; 0: not yet counted), for a Doc's tokens: the rules cost ten regular
 * expressions a word, and token forms repeat. Reset when the lexicon starts a new generation.
 */
let byId = new Uint8Array(1 << 16);
let generation = -1;

function syllablesOfToken(doc: Doc, t: number): number {
  const { tokens } = doc;
  const id = tokens.ids[t]!;
  if (id < 0 || tokens.lexiconGeneration !== LEXICON.generation) return countSyllables(tokens.norm[t]!);
  if (generation !== LEXICON.generation) {
    byId.fill(0);
    generation = LEXICON.generation;
  }
  if (id >= byId.length) {
    const bigger = new Uint8Array(Math.max(byId.length * 2, id + 1));
    bigger.set(byId);
    byId = bigger;
  }
  let n = byId[id]!;
  if (n === 0) {
    n = Math.min(255, countSyllables(tokens.norm[t]!) + 1);
    byId[id] = n;
  }
  return n - 1;
}

/** Syllables of one English word (0 for a token without letters). */
export function countSyllables(word: string): number {
  const lower = word.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const w = lower.replace(/[^a-z]/g, '');
  if (/[^\x00-\x7f]/.test(lower)) {
    // Letters beyond ASCII ("café", "naïve", or another language): vowel groups, at least one.
    const groups = lower.match(ACCENTED_VOWELS);
    return /\p{L}/u.test(lower) ? Math.max(1, groups?.length ?? 0) : 0;
  }
  if (w === '') return 0;
  const known = SYLLABLE_EXCEPTIONS[w];
  if (known !== undefined) return known;
  if (w.length <= 3) return 1;
  let n = w.match(/[aeiouy]+/g)?.length ?? 0;
  // Silent final e ("make"), but not the syllabic -le of "table".
  if (/[^aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w)) n--;
  // -ed is silent except after t or d ("jumped" 1, "wanted" 2).
  if (/[^aeiouytd]ed$/.test(w)) n--;
  // -es is silent except after sibilants ("makes" 1, "boxes" 2, "places" 2).
  if (/[^aeiouysxzcgh]es$/.test(w)) n--;
  // Hiatus: "media", "previous" (but "social", "precious" keep one).
  n += w.match(/[^ctgs]ia/g)?.length ?? 0;
  n += w.match(/[^ctgsx]iou/g)?.length ?? 0;
  return Math.max(1, n);
}

/** Readability of the body (everything from doc.bodyStart); null when the body has no words. */
export function readability(doc: Doc): Readability | null {
  const { tokens } = doc;
  let words = 0;
  let syllables = 0;
  let sentences = 0;
  for (const s of doc.sentences) {
    if (s.inTitle) continue;
    let inSentence = 0;
    for (let t = s.tokenStart; t < s.tokenEnd; t++) {
      if (doc.masked[t] === 1 || tokens.kind[t] !== TokenKind.Word) continue;
      inSentence++;
      syllables += syllablesOfToken(doc, t);
    }
    if (inSentence > 0) sentences++;
    words += inSentence;
  }
  if (words === 0) return null;
  const perSentence = words / sentences;
  const perWord = syllables / words;
  return {
    sentences,
    words,
    syllables,
    fleschReadingEase: 206.835 - 1.015 * perSentence - 84.6 * perWord,
    fleschKincaidGrade: 0.39 * perSentence + 11.8 * perWord - 15.59,
  };
}
