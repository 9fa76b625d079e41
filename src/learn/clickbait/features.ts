/**
 * Features of a headline for the clickbait model, read from a Doc's tokens (the title's are those before
 * `titleTokenEnd(doc)`): hashed word 1–2-grams (with a start-of-headline marker, numbers as digit shapes),
 * hashed character n-grams inside words, and a few dense headline-form cues (starts with a number,
 * addresses "you", asks a question, superlatives, "this/these", listicle nouns...).
 *
 * Token forms are lower-cased, so by default the model cannot learn casing: the training set's classes
 * are separated by casing alone (its clickbait sites write Title Case On Every Word), and our users'
 * headlines come from everywhere. `cased: true` adds word-shape tokens (Xx, X, x) and the share of
 * capitalised words, to measure how much casing would buy on that set; it is not the default.
 */
import type { Doc } from '../../text/doc.js';
import { Counter } from '../../text/counter.js';
import { hashPair, hashString } from '../../text/hash.js';
import { LEXICON as lexicon } from '../../text/lexicon.js';
import { TokenKind } from '../../text/tokens.js';
import type { SparseVector } from '../../text/features.js';
import { appendSublinearBlock } from '../matrix.js';

export interface ClickbaitFeatures {
  /** Hashed columns = 2 ** bits; the form cues follow them. */
  bits: number;
  /** Character n-gram lengths inside words ([0, 0]: none). */
  charMin: number;
  charMax: number;
  /** Word-shape features (casing). Off by default: see the file's comment. */
  cased: boolean;
  weights: { word: number; char: number; form: number };
}

export const DEFAULT_CLICKBAIT_FEATURES: ClickbaitFeatures = {
  bits: 18,
  charMin: 3,
  charMax: 5,
  cased: false,
  weights: { word: 1, char: 1, form: 1 },
};

const words = (s: string): ReadonlySet<string> => new Set(s.split(' '));

const SECOND_PERSON = words("you your yours yourself you're you've you'll you'd u ur");
const FIRST_PERSON = words("i me my mine i'm i've i'd i'll we us our");
const QUESTION_START = words('why how what which who whom when where can could should would is are do does did will was were has have');
const SUPERLATIVE = words('best worst most least greatest biggest smallest ever cutest funniest weirdest craziest hottest scariest saddest happiest sweetest coolest dumbest');
const DEMONSTRATIVE = words("this these here here's that's those");
const LISTICLE = words(
  'things reasons ways times signs photos pictures pics facts people tweets moments questions tips tricks gifs celebrities struggles secrets words products ideas foods songs movies dogs cats',
);
const CURIOSITY = words("believe happened next literally actually totally guess omg wtf need must will can't won't cannot amazing adorable hilarious perfect awesome");

/** The dense cue features, in column order after the hashed block. */
export const FORM_NAMES = [
  'starts with a number',
  'has a number',
  'second person',
  'first person',
  'question',
  'starts with a question word',
  'exclamation',
  'superlative',
  'this / these / here',
  'listicle noun',
  'curiosity word',
  'quotation or colon',
  'short (under 5 words)',
  'length',
  'capitalised share',
] as const;

export function featureColumns(s: ClickbaitFeatures): number {
  return (1 << s.bits) + FORM_NAMES.length;
}

// Its own seeds: a clickbait column never means a reliability or worthiness column by accident.
const WORD_SEED = 0x3a8f05c5;
const SHAPE_SEED = 0x61c88647;
const START = hashString('<headline>', WORD_SEED) | 0;
const wordCounts = new Counter();
const charCounts = new Counter();

/** Sparse features of the tokens [tokenStart, tokenEnd) of a Doc (the headline's, usually). */
export function headlineFeatures(doc: Doc, tokenStart: number, tokenEnd: number, s: ClickbaitFeatures): SparseVector {
  const { tokens, text } = doc;
  const mask = (1 << s.bits) - 1;
  lexicon.trim();
  const fresh = tokens.lexiconGeneration === lexicon.generation;
  const n = tokenEnd - tokenStart;
  wordCounts.reset(3 * n + 4);
  charCounts.reset(10 * n + 4);
  const form = new Float32Array(FORM_NAMES.length);
  let previous = START;
  let wordCount = 0;
  let capitalised = 0;
  let first = true;
  for (let t = tokenStart; t < tokenEnd; t++) {
    if (doc.masked[t] === 1) continue;
    const kind = tokens.kind[t];
    const f = kind === TokenKind.Number ? tokens.norm[t]!.replace(/[0-9]/g, '0') : tokens.norm[t]!;
    const h = hashString(f, WORD_SEED) | 0;
    wordCounts.add(h & mask, h < 0 ? -1 : 1);
    const g = hashPair(previous, h) | 0;
    wordCounts.add(g & mask, g < 0 ? -1 : 1);
    previous = h;
    if (kind === TokenKind.Number) {
      form[1] = 1;
      if (first) form[0] = 1;
    } else if (kind === TokenKind.Word) {
      wordCount++;
      if (SECOND_PERSON.has(f)) form[2] = 1;
      if (FIRST_PERSON.has(f)) form[3] = 1;
      if (first && QUESTION_START.has(f)) form[5] = 1;
      if (SUPERLATIVE.has(f)) form[7] = 1;
      if (DEMONSTRATIVE.has(f)) form[8] = 1;
      if (LISTICLE.has(f)) form[9] = 1;
      if (CURIOSITY.has(f)) form[10] = 1;
      if (s.charMax > 0) {
        const id = fresh && tokens.ids[t]! >= 0 ? tokens.ids[t]! : lexicon.id(f);
        const grams = lexicon.charGrams(id, s.charMin, s.charMax);
        for (let k = 0; k < grams.length; k++) {
          const c = grams[k]!;
          charCounts.add(c & mask, c < 0 ? -1 : 1);
        }
      }
      if (s.cased) {
        const c0 = text.charCodeAt(tokens.start[t]!);
        const shape = isUpperCode(c0) ? (isAllUpper(text, tokens.start[t]!, tokens.end[t]!) ? 'X' : 'Xx') : 'x';
        if (shape !== 'x') capitalised++;
        const sh = hashString(shape, SHAPE_SEED) | 0;
        wordCounts.add(sh & mask, sh < 0 ? -1 : 1);
      }
    } else if (f === '?') form[4] = 1;
    else if (f === '!') form[6] = 1;
    else if (f === '"' || f === '“' || f === '”' || f === ':' || f === "'" || f === '‘') form[11] = 1;
    first = false;
  }
  form[12] = wordCount > 0 && wordCount < 5 ? 1 : 0;
  form[13] = Math.min(1, wordCount / 20);
  form[14] = s.cased && wordCount > 0 ? capitalised / wordCount : 0;

  const idx: number[] = [];
  const val: number[] = [];
  appendSublinearBlock(wordCounts, s.weights.word, idx, val);
  appendSublinearBlock(charCounts, s.weights.char, idx, val);
  let norm = 0;
  for (const x of form) norm += x * x;
  if (norm > 0 && s.weights.form > 0) {
    const scale = s.weights.form / Math.sqrt(norm);
    const base = 1 << s.bits;
    form.forEach((x, k) => {
      if (x === 0) return;
      idx.push(base + k);
      val.push(x * scale);
    });
  }
  return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
}

function isUpperCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c > 127 && String.fromCharCode(c) !== String.fromCharCode(c).toLowerCase());
}

function isAllUpper(text: string, s: number, e: number): boolean {
  if (e - s < 2) return false;
  const w = text.slice(s, e);
  return w === w.toUpperCase() && w !== w.toLowerCase();
}

