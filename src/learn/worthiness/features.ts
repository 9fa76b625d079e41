/**
 * Features of one sentence of a Doc for the check-worthiness model: hashed word 1–2-grams (numbers as
 * their digit shapes), hashed character n-grams inside words, and the dense rule cues of `rules.ts`.
 * Each block is L2-normalised and weighted; the cues sit in the columns after the hashed space.
 * Stateless: reads the Doc's tokens, never the raw text again.
 */
import type { Doc } from '../../text/doc.js';
import { Counter } from '../../text/counter.js';
import { hashPair, hashString } from '../../text/hash.js';
import { LEXICON as lexicon } from '../../text/lexicon.js';
import { TokenKind } from '../../text/tokens.js';
import type { SparseVector } from '../../text/features.js';
import { appendSublinearBlock } from '../matrix.js';
import { RULE_NAMES, scanCues, type Cues } from './rules.js';

export interface WorthinessFeatures {
  /** Hashed columns = 2 ** bits; the rule cues follow them. */
  bits: number;
  /** Character n-gram lengths inside words ([0, 0]: none). */
  charMin: number;
  charMax: number;
  weights: { word: number; char: number; rules: number };
}

export const DEFAULT_WORTHINESS_FEATURES: WorthinessFeatures = {
  bits: 18,
  charMin: 3,
  charMax: 5,
  weights: { word: 1, char: 1, rules: 1 },
};

export function featureColumns(s: WorthinessFeatures): number {
  return (1 << s.bits) + RULE_NAMES.length;
}

// The word block hashes with its own seed so a reliability feature and a worthiness feature never mean the same column by accident.
const WORD_SEED = 0x2c1b3c6d;
const words = new Counter();
const chars = new Counter();

export interface SentenceFeatures {
  row: SparseVector;
  cues: Cues;
}

export function sentenceFeatures(doc: Doc, tokenStart: number, tokenEnd: number, s: WorthinessFeatures): SentenceFeatures {
  const { tokens } = doc;
  const mask = (1 << s.bits) - 1;
  lexicon.trim();
  const fresh = tokens.lexiconGeneration === lexicon.generation;
  const n = tokenEnd - tokenStart;
  words.reset(2 * n + 4);
  chars.reset(8 * n + 4);
  let previous = 0;
  let havePrevious = false;
  for (let t = tokenStart; t < tokenEnd; t++) {
    if (doc.masked[t] === 1) {
      havePrevious = false;
      continue;
    }
    const kind = tokens.kind[t];
    const form = kind === TokenKind.Number ? tokens.norm[t]!.replace(/[0-9]/g, '0') : tokens.norm[t]!;
    const h = hashString(form, WORD_SEED) | 0;
    words.add(h & mask, h < 0 ? -1 : 1);
    if (havePrevious) {
      const g = hashPair(previous, h) | 0;
      words.add(g & mask, g < 0 ? -1 : 1);
    }
    previous = h;
    havePrevious = true;
    if (kind === TokenKind.Word && s.charMax > 0) {
      const id = fresh && tokens.ids[t]! >= 0 ? tokens.ids[t]! : lexicon.id(form);
      const grams = lexicon.charGrams(id, s.charMin, s.charMax);
      for (let k = 0; k < grams.length; k++) {
        const g = grams[k]!;
        chars.add(g & mask, g < 0 ? -1 : 1);
      }
    }
  }
  const cues = scanCues(doc, tokenStart, tokenEnd);
  const idx: number[] = [];
  const val: number[] = [];
  appendSublinearBlock(words, s.weights.word, idx, val);
  appendSublinearBlock(chars, s.weights.char, idx, val);
  let norm = 0;
  for (const x of cues.values) norm += x * x;
  if (norm > 0 && s.weights.rules > 0) {
    const scale = s.weights.rules / Math.sqrt(norm);
    const base = 1 << s.bits;
    cues.values.forEach((x, k) => {
      if (x === 0) return;
      idx.push(base + k);
      val.push(x * scale);
    });
  }
  return { row: { idx: Int32Array.from(idx), val: Float32Array.from(val) }, cues };
}

