/**
 * Hashed n-gram features of a Doc: word 1..n-grams of the body, word n-grams of the title in their own
 * namespace, and character n-grams inside words. Stateless (no vocabulary to fit, nothing to leak).
 * Sign hashing halves the bias of collisions. `countFeatures` gives each block's sublinear term
 * frequencies; `weighFeatures` applies an optional IDF (fitted by the model, never here), L2-normalises
 * each block and sums the weighted blocks. Masked tokens (URLs, e-mail addresses, datelines, bylines,
 * boilerplate) make no feature.
 */
import type { Doc } from './doc.js';
import { Counter } from './counter.js';
import { hashPair, hashString } from './hash.js';
import { LEXICON as lexicon, SEED } from './lexicon.js';
import { TokenKind } from './tokens.js';

export interface FeatureSettings {
  /** Hashed dimensions = 2 ** bucketsLog2. */
  bucketsLog2: number;
  /** Longest body word n-gram (1 = unigrams only). */
  wordNgramMax: number;
  /** Longest title word n-gram; 0 = no title block. */
  titleNgramMax: number;
  /** Character n-gram lengths inside word boundaries; [0, 0] = none. */
  charNgramMin: number;
  charNgramMax: number;
  /** Longest n-gram of the distorted text (function words and punctuation kept, other words as shapes); 0 = none. */
  shapeNgramMax: number;
  /** Digits become 0 so "1,234" and "5,678" are one feature. */
  numberShapes: boolean;
  /** Only the first this many words of the body make features (0 = the whole body). */
  bodyWordsMax: number;
  /** Relative weights of the L2-normalised blocks. */
  blockWeights: Record<Block, number>;
}

export const DEFAULT_FEATURES: FeatureSettings = {
  bucketsLog2: 20,
  wordNgramMax: 2,
  titleNgramMax: 2,
  // 4-grams alone score as 3..5-grams leave-one-dataset-out (0.695 vs 0.696 mean ROC-AUC) at half the cost.
  charNgramMin: 4,
  charNgramMax: 4,
  shapeNgramMax: 3,
  numberShapes: true,
  bodyWordsMax: 0,
  // Chosen on other folds (split seed 2) than the bench's, among variants that keep every leave-one-
  // dataset-out cell above the peer: title 1 and words 1.5 lift in-domain ROC-AUC by 0.002–0.006 and
  // cost 0.003–0.016 leave-one-dataset-out against title 0.5 and words 1 (BENCHMARKS.md).
  blockWeights: { word: 1.5, title: 1, char: 1, shape: 1 },
};

export type Block = 'word' | 'title' | 'char' | 'shape';

export interface SparseVector {
  /** Feature indices, in no particular order; an index that repeats has the sum of its values. */
  readonly idx: Int32Array;
  readonly val: Float32Array;
}

/** Called once per occurrence of a hashed feature, with the token range that produced it. */
export type TraceFn = (index: number, block: Block, tokenStart: number, tokenEnd: number, charStart: number, charEnd: number) => void;

/** Signed sublinear term frequencies per block, before IDF and normalisation. */
export type BlockCounts = Readonly<Record<Block, SparseVector>>;

const EMPTY: SparseVector = { idx: new Int32Array(0), val: new Float32Array(0) };

// Writing-pattern forms of what is not a function word or punctuation: numbers and word shapes.
const SHAPE_NUMBER = hashString('D', SEED.shape);
const SHAPE_CAPS = hashString('XX', SEED.shape);
const SHAPE_TITLE = hashString('Xx', SEED.shape);
const SHAPE_LOWER = hashString('x', SEED.shape);

const counter = new Counter();
const wordTf = new Counter();

export function hashedFeatures(doc: Doc, s: FeatureSettings, idf?: Float32Array): SparseVector {
  return weighFeatures(countFeatures(doc, s), s, idf);
}

export function countFeatures(doc: Doc, s: FeatureSettings, trace?: TraceFn): BlockCounts {
  const out: Record<Block, SparseVector> = { word: EMPTY, title: EMPTY, char: EMPTY, shape: EMPTY };
  countBlocks(doc, s, trace, (block, c) => (out[block] = sublinear(c)));
  return out;
}

/**
 * Where a linear model's IDF and weight of hashed column c are: `idf[idfStep · c]` and
 * `weights[weightStep · c + weightAt]`. Two layouts: the model's own arrays (`modelColumns`), or both
 * side by side in one table (`interleavedColumns`), where one cache line serves both reads of an entry.
 */
export interface ScoreColumns {
  readonly idf: Float32Array;
  readonly idfStep: number;
  readonly weights: Float32Array;
  readonly weightStep: number;
  readonly weightAt: number;
}

const NO_IDF = Float32Array.of(1);

export function modelColumns(idf: Float32Array | undefined, weights: Float32Array): ScoreColumns {
  return { idf: idf ?? NO_IDF, idfStep: idf === undefined ? 0 : 1, weights, weightStep: 1, weightAt: 0 };
}

/**
 * The first `columns` columns side by side, in shared memory (worker threads read it in place). It takes
 * one pass over every column to make: worth it for a corpus, not for one article.
 */
export function interleavedColumns(idf: Float32Array | undefined, weights: Float32Array, columns: number): ScoreColumns {
  const table = new Float32Array(new SharedArrayBuffer(8 * columns));
  for (let c = 0; c < columns; c++) {
    table[2 * c] = idf === undefined ? 1 : idf[c]!;
    table[2 * c + 1] = weights[c]!;
  }
  return { idf: table, idfStep: 2, weights: table, weightStep: 2, weightAt: 1 };
}

const parts = new Float64Array(4);

/**
 * A linear model's score of the Doc's hashed blocks, Σ weights[column] · value over `weighFeatures`'s
 * row, without making the row: each block is weighed and summed as it is counted. Equal to
 * `linearScoreOfCounts` of the Doc's `countFeatures`, to the last bit, in either layout of the columns.
 */
export function linearScore(doc: Doc, s: FeatureSettings, columns: ScoreColumns): number {
  parts.fill(0);
  countBlocks(doc, s, undefined, (block, c) => {
    const n = sublinearInto(c, scratch);
    parts[BLOCK_NUMBER[block]] = blockScore(scratch.idx, scratch.val, n, s.blockWeights[block], columns);
  });
  return sumParts(parts);
}

/** `linearScore` from counted features (`countFeatures` with the same settings). */
export function linearScoreOfCounts(counts: BlockCounts, s: FeatureSettings, columns: ScoreColumns): number {
  for (const block of BLOCKS) {
    const { idx, val } = counts[block];
    parts[BLOCK_NUMBER[block]] = blockScore(idx, val, idx.length, s.blockWeights[block], columns);
  }
  return sumParts(parts);
}

/** The blocks' shares in one fixed order, whichever order they were counted in. */
function sumParts(p: Float64Array): number {
  return p[0]! + p[1]! + p[2]! + p[3]!;
}

/** One block's share of the score: its first `n` entries weighed as `weighInto` weighs them. */
function blockScore(idx: Int32Array, val: Float32Array, n: number, weight: number, columns: ScoreColumns): number {
  if (weight === 0 || n === 0) return 0;
  const { idf, idfStep, weights, weightStep, weightAt } = columns;
  let norm = 0;
  for (let j = 0; j < n; j++) {
    const x = val[j]! * idf[idfStep * idx[j]!]!;
    norm += x * x;
  }
  if (norm === 0) return 0;
  const scale = weight / Math.sqrt(norm);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const c = idx[j]!;
    const x = val[j]! * idf[idfStep * c]!;
    if (x === 0) continue;
    // The row holds float32 values: round as storing it would.
    sum += weights[weightStep * c + weightAt]! * Math.fround(x * scale);
  }
  return sum;
}

/** Each block's counter, in turn, as soon as it is counted (blocks with weight 0 are not counted). */
function countBlocks(doc: Doc, s: FeatureSettings, trace: TraceFn | undefined, take: (block: Block, counter: Counter) => void): void {
  const mask = (1 << s.bucketsLog2) - 1;
  const { tokens } = doc;
  const limit = bodyTokenLimit(doc, s.bodyWordsMax ?? 0);
  // Each token's form as a lexicon id (the tokenizer's, unless the lexicon has started afresh since);
  // masked tokens get none and make no feature; numbers become their shapes.
  lexicon.trim();
  const fresh = tokens.lexiconGeneration === lexicon.generation;
  const ids = new Int32Array(limit);
  for (let i = 0; i < limit; i++) {
    if (doc.masked[i] === 1) ids[i] = -1;
    else if (s.numberShapes && tokens.kind[i] === TokenKind.Number) ids[i] = lexicon.id(shape(tokens.norm[i]!));
    else ids[i] = fresh ? tokens.ids[i]! : lexicon.id(tokens.norm[i]!);
  }

  if (s.titleNgramMax > 0 && s.blockWeights.title > 0) {
    ngramBlock(doc, ids, limit, true, s.titleNgramMax, lexicon.titleHash, 'title', false, mask, trace);
    take('title', counter);
  }
  if (s.wordNgramMax > 0 && s.blockWeights.word > 0) {
    ngramBlock(doc, ids, limit, false, s.wordNgramMax, lexicon.wordHash, 'word', false, mask, trace);
    take('word', counter);
  }
  // Text distortion (Stamatatos 2017): function words and punctuation kept, every other word replaced
  // by its shape, so the n-grams say how the article is written and not what it is about.
  if (s.shapeNgramMax > 0 && s.blockWeights.shape > 0) {
    const shapes = new Int32Array(limit);
    for (let i = 0; i < limit; i++) {
      const id = ids[i]!;
      if (id < 0) continue;
      const kind = tokens.kind[i];
      if (kind === TokenKind.Number) shapes[i] = SHAPE_NUMBER;
      else if (kind !== TokenKind.Word || lexicon.functionWord[id] === 1) shapes[i] = lexicon.shapeHash[id]!;
      else shapes[i] = caseShape(doc.text, tokens.start[i]!, tokens.end[i]!);
    }
    ngramBlock(doc, ids, limit, null, s.shapeNgramMax, shapes, 'shape', true, mask, trace, true);
    take('shape', counter);
  }

  // Character n-grams inside body words, computed once per distinct word form.
  if (s.charNgramMax > 0 && s.blockWeights.char > 0) {
    let t0 = 0;
    while (t0 < tokens.length && tokens.end[t0]! <= doc.titleEnd) t0++;
    // Word frequencies first (keyed by lexicon id), then each distinct word's n-grams once, times its count.
    wordTf.reset(limit - t0);
    for (let t = t0; t < limit; t++) {
      const id = ids[t]!;
      if (id < 0 || tokens.kind[t] !== TokenKind.Word) continue;
      wordTf.add(id, 1);
      if (trace) {
        for (const h of lexicon.charGrams(id, s.charNgramMin, s.charNgramMax)) trace(h & mask, 'char', t, t + 1, tokens.start[t]!, tokens.end[t]!);
      }
    }
    counter.reset(wordTf.size * 8);
    for (let j = 0; j < wordTf.size; j++) {
      const times = wordTf.valueAt(j);
      const grams = lexicon.charGrams(wordTf.keyAt(j), s.charNgramMin, s.charNgramMax);
      for (let g = 0; g < grams.length; g++) {
        const h = grams[g]!;
        counter.add(h & mask, h < 0 ? -times : times);
      }
    }
    take('char', counter);
  }
}

/**
 * Hashed 1..nmax-grams over the sentences of the title (`inTitle` true), the body (false) or both (null),
 * from per-id hashes (or, with `perToken`, per-token hashes), counted into `counter`. A masked token
 * breaks the chain; punctuation breaks it too unless `punctuationJoins`.
 */
function ngramBlock(
  doc: Doc,
  ids: Int32Array,
  limit: number,
  inTitle: boolean | null,
  nmax: number,
  hashes: Int32Array,
  block: Block,
  punctuationJoins: boolean,
  mask: number,
  trace: TraceFn | undefined,
  perToken = false,
): void {
  const { tokens } = doc;
  counter.reset(limit * nmax);
  for (const sentence of doc.sentences) {
    if (inTitle !== null && sentence.inTitle !== inTitle) continue;
    // Hashes of the last usable token and of the bigram it ended, for bigrams and trigrams.
    let w1 = 0;
    let w1t = -1;
    let pair = 0;
    let w2t = -1;
    const end = Math.min(sentence.tokenEnd, limit);
    for (let t = sentence.tokenStart; t < end; t++) {
      const id = ids[t]!;
      if (id < 0) {
        w1t = w2t = -1;
        continue;
      }
      const h = perToken ? hashes[t]! : hashes[id]!;
      counter.add(h & mask, h < 0 ? -1 : 1);
      if (trace) trace(h & mask, block, t, t + 1, tokens.start[t]!, tokens.end[t]!);
      const k = tokens.kind[t];
      if (!punctuationJoins && k !== TokenKind.Word && k !== TokenKind.Number) {
        w1t = w2t = -1;
        continue;
      }
      let g = 0;
      if (nmax >= 2 && w1t >= 0) {
        g = hashPair(w1, h) | 0;
        counter.add(g & mask, g < 0 ? -1 : 1);
        if (trace) trace(g & mask, block, w1t, t + 1, tokens.start[w1t]!, tokens.end[t]!);
        if (nmax >= 3 && w2t >= 0) {
          // The previous step's bigram hash is hashPair(w2, w1), unsigned.
          const g3 = hashPair(pair, h) | 0;
          counter.add(g3 & mask, g3 < 0 ? -1 : 1);
          if (trace) trace(g3 & mask, block, w2t, t + 1, tokens.start[w2t]!, tokens.end[t]!);
        }
      }
      pair = g >>> 0;
      w2t = w1t;
      w1 = h;
      w1t = t;
    }
  }
}

/**
 * Signed counts → 1 + ln|count| with the count's sign. Sign hashing: the top bit of a feature's hash
 * decides its sign, so colliding features partly cancel instead of adding up; a cell that cancels to 0
 * is dropped.
 */
function sublinear(c: Counter): SparseVector {
  const size = c.size;
  const out = { idx: new Int32Array(size), val: new Float32Array(size) };
  const n = sublinearInto(c, out);
  return n === size ? out : { idx: out.idx.slice(0, n), val: out.val.slice(0, n) };
}

/** `sublinear` into `into` (grown when too small); returns the number of entries. */
function sublinearInto(c: Counter, into: { idx: Int32Array; val: Float32Array }): number {
  const size = c.size;
  if (into.idx.length < size) {
    into.idx = new Int32Array(2 * size);
    into.val = new Float32Array(2 * size);
  }
  const { idx, val } = into;
  let n = 0;
  for (let j = 0; j < size; j++) {
    const v = c.valueAt(j);
    if (v === 0) continue;
    idx[n] = c.keyAt(j);
    val[n] = v > 0 ? logTf(v) : -logTf(-v);
    n++;
  }
  return n;
}

const scratch = { idx: new Int32Array(1 << 12), val: new Float32Array(1 << 12) };

const LOG_TF = Float32Array.from({ length: 256 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));

/** 1 + ln(c) for a count c ≥ 1, from a table for the common small counts. */
function logTf(c: number): number {
  return c < 256 ? LOG_TF[c]! : 1 + Math.log(c);
}

/** The token index where features stop: after the body's first `words` words (all tokens when 0). */
function bodyTokenLimit(doc: Doc, words: number): number {
  const { tokens } = doc;
  if (words <= 0) return tokens.length;
  let t = 0;
  while (t < tokens.length && tokens.start[t]! < doc.bodyStart) t++;
  let seen = 0;
  for (; t < tokens.length; t++) {
    if (tokens.kind[t] === TokenKind.Word && doc.masked[t] !== 1 && ++seen > words) return t;
  }
  return tokens.length;
}

/** "XX", "Xx" or "x" by the case of a word's first two letters, as a writing-pattern hash. */
function caseShape(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (first < 65 || first > 90) return SHAPE_LOWER;
  const second = end - start > 1 ? text.charCodeAt(start + 1) : 0;
  return second >= 65 && second <= 90 ? SHAPE_CAPS : SHAPE_TITLE;
}

/**
 * IDF (when given), L2 normalisation per block, block weights; the model's input row: the blocks side by
 * side. The blocks hash with different seeds, so they rarely share a column; when they do, the index
 * appears once per block and its values add up (as they do in every dot product).
 */
export function weighFeatures(counts: BlockCounts, s: FeatureSettings, idf?: Float32Array): SparseVector {
  let total = 0;
  for (const block of BLOCKS) if (s.blockWeights[block] !== 0) total += counts[block].idx.length;
  const idx = new Int32Array(total);
  const val = new Float32Array(total);
  const n = weighInto(counts, s, idf, idx, val, 0);
  return n === total ? { idx, val } : { idx: idx.subarray(0, n), val: val.subarray(0, n) };
}

/**
 * `weighFeatures` written into `idx`/`val` from position `at` (room for every weighted block's entries),
 * each column renamed through `columns` when given; returns the position after the last entry written.
 * Training writes every row straight into its design matrix this way.
 */
export function weighInto(
  counts: BlockCounts,
  s: FeatureSettings,
  idf: Float32Array | undefined,
  idx: Int32Array,
  val: Float32Array,
  at: number,
  columns?: Int32Array,
): number {
  let n = at;
  for (const block of BLOCKS) {
    const weight = s.blockWeights[block];
    const { idx: bi, val: bv } = counts[block];
    if (weight === 0 || bi.length === 0) continue;
    let norm = 0;
    for (let j = 0; j < bi.length; j++) {
      const x = idf === undefined ? bv[j]! : bv[j]! * idf[bi[j]!]!;
      norm += x * x;
    }
    if (norm === 0) continue;
    const scale = weight / Math.sqrt(norm);
    for (let j = 0; j < bi.length; j++) {
      const x = idf === undefined ? bv[j]! : bv[j]! * idf[bi[j]!]!;
      if (x === 0) continue;
      idx[n] = columns === undefined ? bi[j]! : columns[bi[j]!]!;
      val[n] = x * scale;
      n++;
    }
  }
  return n;
}

export const BLOCKS: readonly Block[] = ['word', 'title', 'char', 'shape'];
const BLOCK_NUMBER: Readonly<Record<Block, number>> = { word: 0, title: 1, char: 2, shape: 3 };

function shape(num: string): string {
  return num.replace(/[0-9]/g, '0');
}
