/**
 * Hashed n-gram features of a Doc: word 1..n-grams of the body, word n-grams of the title in their own
 * namespace, and character n-grams inside words. Stateless (no vocabulary to fit, nothing to leak).
 * Sign hashing halves the bias of collisions. `countFeatures` gives each block's sublinear term
 * frequencies; `weighFeatures` applies an optional IDF (fitted by the model, never here), L2-normalises
 * each block and sums the weighted blocks. Masked tokens (URLs, e-mail addresses, datelines, bylines,
 * boilerplate) make no feature.
 */
import type { Doc } from './doc.js';
import { hashPair, hashString } from './hash.js';
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
  blockWeights: { word: 1, title: 0.5, char: 1, shape: 1 },
};

export type Block = 'word' | 'title' | 'char' | 'shape';

export interface SparseVector {
  /** Sorted, unique feature indices. */
  readonly idx: Int32Array;
  readonly val: Float32Array;
}

/** Called once per occurrence of a hashed feature, with the token range that produced it. */
export type TraceFn = (index: number, block: Block, tokenStart: number, tokenEnd: number, charStart: number, charEnd: number) => void;

const SEED = { word: 0x5bd1e995, title: 0x1b873593, char: 0x27d4eb2d, shape: 0x165667b1 } as const;

/** Signed sublinear term frequencies per block, before IDF and normalisation. */
export type BlockCounts = Readonly<Record<Block, SparseVector>>;

const EMPTY: SparseVector = { idx: new Int32Array(0), val: new Float32Array(0) };

export function hashedFeatures(doc: Doc, s: FeatureSettings, idf?: Float32Array): SparseVector {
  return weighFeatures(countFeatures(doc, s), s, idf);
}

export function countFeatures(doc: Doc, s: FeatureSettings, trace?: TraceFn): BlockCounts {
  const mask = (1 << s.bucketsLog2) - 1;
  const acc = scratchFor(s.bucketsLog2);
  const out: Record<Block, SparseVector> = { word: EMPTY, title: EMPTY, char: EMPTY, shape: EMPTY };
  const { tokens } = doc;
  const limit = bodyTokenLimit(doc, s.bodyWordsMax ?? 0);
  const forms = new Array<string>(limit);
  for (let i = 0; i < limit; i++) {
    forms[i] = s.numberShapes && tokens.kind[i] === TokenKind.Number ? shape(tokens.norm[i]!) : tokens.norm[i]!;
  }

  // Word n-grams, title and body in their own namespaces.
  if (s.titleNgramMax > 0 && s.blockWeights.title > 0) {
    out.title = ngramBlock(doc, forms, limit, true, s.titleNgramMax, SEED.title, 'title', false, acc, mask, trace);
  }
  if (s.wordNgramMax > 0 && s.blockWeights.word > 0) {
    out.word = ngramBlock(doc, forms, limit, false, s.wordNgramMax, SEED.word, 'word', false, acc, mask, trace);
  }
  // Text distortion (Stamatatos 2017): function words and punctuation kept, every other word replaced
  // by its shape, so the n-grams say how the article is written and not what it is about.
  if (s.shapeNgramMax > 0 && s.blockWeights.shape > 0) {
    const distorted = new Array<string>(limit);
    for (let i = 0; i < limit; i++) distorted[i] = distort(doc.text, tokens.kind[i]!, forms[i]!, tokens.start[i]!, tokens.end[i]!);
    out.shape = ngramBlock(doc, distorted, limit, null, s.shapeNgramMax, SEED.shape, 'shape', true, acc, mask, trace);
  }

  // Character n-grams inside body words, computed once per distinct word form.
  if (s.charNgramMax > 0 && s.blockWeights.char > 0) {
    acc.begin();
    let t0 = 0;
    while (t0 < tokens.length && tokens.end[t0]! <= doc.titleEnd) t0++;
    const cache = charCacheFor(s.charNgramMin, s.charNgramMax);
    const tf = new Map<string, number>();
    for (let t = t0; t < limit; t++) {
      if (doc.masked[t] === 1 || tokens.kind[t] !== TokenKind.Word) continue;
      const f = forms[t]!;
      tf.set(f, (tf.get(f) ?? 0) + 1);
      if (trace) {
        for (const h of charNgramHashes(cache, f, s.charNgramMin, s.charNgramMax)) {
          trace(h & mask, 'char', t, t + 1, tokens.start[t]!, tokens.end[t]!);
        }
      }
    }
    for (const [f, times] of tf) {
      const grams = charNgramHashes(cache, f, s.charNgramMin, s.charNgramMax);
      for (let g = 0; g < grams.length; g++) {
        const h = grams[g]!;
        acc.add(h & mask, h, times);
      }
    }
    out.char = acc.end();
  }
  return out;
}

/**
 * Hashed 1..nmax-grams over the sentences of the title (`inTitle` true), the body (false) or both (null).
 * A masked token breaks the chain; punctuation breaks it too unless `punctuationJoins`.
 */
function ngramBlock(
  doc: Doc,
  forms: readonly string[],
  limit: number,
  inTitle: boolean | null,
  nmax: number,
  seed: number,
  block: Block,
  punctuationJoins: boolean,
  acc: Scratch,
  mask: number,
  trace: TraceFn | undefined,
): SparseVector {
  const { tokens } = doc;
  acc.begin();
  for (const sentence of doc.sentences) {
    if (inTitle !== null && sentence.inTitle !== inTitle) continue;
    // Hashes of the last two usable tokens, for bigrams and trigrams.
    let w1 = 0;
    let w1t = -1;
    let w2 = 0;
    let w2t = -1;
    const end = Math.min(sentence.tokenEnd, limit);
    for (let t = sentence.tokenStart; t < end; t++) {
      if (doc.masked[t] === 1) {
        w1t = w2t = -1;
        continue;
      }
      const h = hashString(forms[t]!, seed);
      acc.add(h & mask, h);
      if (trace) trace(h & mask, block, t, t + 1, tokens.start[t]!, tokens.end[t]!);
      const k = tokens.kind[t];
      if (!punctuationJoins && k !== TokenKind.Word && k !== TokenKind.Number) {
        w1t = w2t = -1;
        continue;
      }
      if (nmax >= 2 && w1t >= 0) {
        const g = hashPair(w1, h);
        acc.add(g & mask, g);
        if (trace) trace(g & mask, block, w1t, t + 1, tokens.start[w1t]!, tokens.end[t]!);
        if (nmax >= 3 && w2t >= 0) {
          const g3 = hashPair(hashPair(w2, w1), h);
          acc.add(g3 & mask, g3);
          if (trace) trace(g3 & mask, block, w2t, t + 1, tokens.start[w2t]!, tokens.end[t]!);
        }
      }
      w2 = w1;
      w2t = w1t;
      w1 = h;
      w1t = t;
    }
  }
  return acc.end();
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

const FUNCTION_WORDS = new Set(
  (
    'a about above after again against all also although am among an and another any anyone anything are around as at ' +
    'be because been before being below between both but by can could did do does doing down during each either enough ' +
    'even ever every few for from further had has have having he her here hers herself him himself his how however i if ' +
    'in into is it its itself just least less many may me might mine more most much must my myself neither never no nobody ' +
    'none nor not nothing now of off often on once one only or other others our ours ourselves out over own per perhaps ' +
    'quite rather same several shall she should since so some someone something still such than that the their theirs them ' +
    'themselves then there these they this those though through thus till to too toward towards under unless until up upon ' +
    'us very via was we well were what whatever when whenever where whether which while who whoever whom whose why will ' +
    'with within without would yet you your yours yourself yourselves ' +
    "don't doesn't didn't can't won't isn't aren't wasn't weren't it's i'm i've i'd i'll you're you've we're they're he's she's that's there's " +
    'said says say told according reportedly allegedly apparently really actually totally absolutely literally ' +
    'mr mrs ms dr'
  ).split(' '),
);

function distort(text: string, kind: number, form: string, start: number, end: number): string {
  if (kind === TokenKind.Number) return 'D';
  if (kind !== TokenKind.Word) return form;
  if (FUNCTION_WORDS.has(form)) return form;
  const first = text.charCodeAt(start);
  const second = end - start > 1 ? text.charCodeAt(start + 1) : 0;
  const upper1 = first >= 65 && first <= 90;
  const upper2 = second >= 65 && second <= 90;
  return upper1 ? (upper2 ? 'XX' : 'Xx') : 'x';
}

/** IDF (when given), L2 normalisation per block, block weights; the model's input row. */
export function weighFeatures(counts: BlockCounts, s: FeatureSettings, idf?: Float32Array): SparseVector {
  // Each block is sorted by index: scale them, then merge (summing where blocks share a hashed column).
  const parts: { idx: Int32Array; val: Float32Array }[] = [];
  let total = 0;
  for (const block of BLOCKS) {
    const weight = s.blockWeights[block];
    const { idx, val } = counts[block];
    if (weight === 0 || idx.length === 0) continue;
    const v = new Float32Array(idx.length);
    let norm = 0;
    for (let j = 0; j < idx.length; j++) {
      const x = idf === undefined ? val[j]! : val[j]! * idf[idx[j]!]!;
      v[j] = x;
      norm += x * x;
    }
    if (norm === 0) continue;
    const scale = weight / Math.sqrt(norm);
    for (let j = 0; j < v.length; j++) v[j] = v[j]! * scale;
    parts.push({ idx, val: v });
    total += idx.length;
  }
  if (parts.length === 1) return compress(parts[0]!.idx, parts[0]!.val, total);
  const idx = new Int32Array(total);
  const val = new Float32Array(total);
  let n = 0;
  const at = new Int32Array(parts.length);
  for (;;) {
    let best = -1;
    let min = 0x7fffffff;
    for (let p = 0; p < parts.length; p++) {
      const a = at[p]!;
      if (a < parts[p]!.idx.length && parts[p]!.idx[a]! < min) {
        min = parts[p]!.idx[a]!;
        best = p;
      }
    }
    if (best < 0) break;
    let v = 0;
    for (let p = best; p < parts.length; p++) {
      const a = at[p]!;
      if (a < parts[p]!.idx.length && parts[p]!.idx[a]! === min) {
        v += parts[p]!.val[a]!;
        at[p] = a + 1;
      }
    }
    if (v !== 0) {
      idx[n] = min;
      val[n] = v;
      n++;
    }
  }
  return n === total ? { idx, val } : { idx: idx.slice(0, n), val: val.slice(0, n) };
}

/** Drops the zero entries (columns IDF removed) of one sorted block. */
function compress(idx: Int32Array, val: Float32Array, total: number): SparseVector {
  let n = 0;
  for (let j = 0; j < total; j++) if (val[j] !== 0) n++;
  if (n === total) return { idx, val };
  const i2 = new Int32Array(n);
  const v2 = new Float32Array(n);
  n = 0;
  for (let j = 0; j < total; j++) {
    if (val[j] === 0) continue;
    i2[n] = idx[j]!;
    v2[n] = val[j]!;
    n++;
  }
  return { idx: i2, val: v2 };
}

const BLOCKS: readonly Block[] = ['word', 'title', 'char', 'shape'];

/**
 * Dense scratch space, reused across documents: one block's signed counts, or the weighted sum of the
 * normalised blocks. Only touched cells are visited and reset, so a document costs O(its features).
 */
class Scratch {
  private readonly count: Float64Array;
  private readonly out: Float64Array;
  private blockTouched = new Int32Array(1024);
  private nBlock = 0;
  private outTouched = new Int32Array(1024);
  private nOut = 0;

  constructor(size: number) {
    this.count = new Float64Array(size);
    this.out = new Float64Array(size);
  }

  begin(): void {
    this.nBlock = 0;
  }

  add(i: number, key: number, times = 1): void {
    const c = this.count[i]!;
    if (c === 0) {
      if (this.nBlock === this.blockTouched.length) this.blockTouched = grow(this.blockTouched);
      this.blockTouched[this.nBlock++] = i;
    }
    // Sign hashing: the top bit of the key decides the sign; a cell that cancels to 0 is re-listed harmlessly.
    this.count[i] = c + (key & 0x80000000 ? -times : times);
  }

  /** The block's signed sublinear term frequencies, sorted by index; resets the block. */
  end(): SparseVector {
    const touched = this.blockTouched.subarray(0, this.nBlock).sort();
    const idx = new Int32Array(this.nBlock);
    const val = new Float32Array(this.nBlock);
    let n = 0;
    let last = -1;
    for (let j = 0; j < touched.length; j++) {
      const i = touched[j]!;
      if (i === last) continue;
      last = i;
      const c = this.count[i]!;
      this.count[i] = 0;
      if (c === 0) continue;
      idx[n] = i;
      val[n] = c > 0 ? 1 + Math.log(c) : -1 - Math.log(-c);
      n++;
    }
    this.nBlock = 0;
    return { idx: idx.slice(0, n), val: val.slice(0, n) };
  }

  /** Adds `v` to output cell `i`. */
  put(i: number, v: number): void {
    if (this.out[i] === 0) {
      if (this.nOut === this.outTouched.length) this.outTouched = grow(this.outTouched);
      this.outTouched[this.nOut++] = i;
    }
    this.out[i] = this.out[i]! + v;
  }

  finish(): SparseVector {
    const touched = this.outTouched.subarray(0, this.nOut).sort();
    let n = 0;
    const idx = new Int32Array(this.nOut);
    const val = new Float32Array(this.nOut);
    let last = -1;
    for (let j = 0; j < touched.length; j++) {
      const i = touched[j]!;
      if (i === last) continue;
      last = i;
      const v = this.out[i]!;
      this.out[i] = 0;
      if (v === 0) continue;
      idx[n] = i;
      val[n] = v;
      n++;
    }
    this.nOut = 0;
    return { idx: idx.slice(0, n), val: val.slice(0, n) };
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const scratches = new Map<number, Scratch>();
function scratchFor(log2: number): Scratch {
  let s = scratches.get(log2);
  if (s === undefined) {
    s = new Scratch(1 << log2);
    scratches.set(log2, s);
  }
  return s;
}

const CHAR_CACHE_LIMIT = 200_000;
const charCaches = new Map<number, Map<string, Int32Array>>();

function charCacheFor(min: number, max: number): Map<string, Int32Array> {
  const key = min * 100 + max;
  let c = charCaches.get(key);
  if (c === undefined) {
    c = new Map();
    charCaches.set(key, c);
  }
  return c;
}

/** Hashes of the character n-grams of " word " (fastText's subwords), cached per word form. */
function charNgramHashes(cache: Map<string, Int32Array>, word: string, min: number, max: number): Int32Array {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const padded = ' ' + word + ' ';
  const len = padded.length;
  const out: number[] = [];
  for (let i = 0; i < len; i++) {
    let h: number = SEED.char;
    for (let n = 1; n <= max && i + n <= len; n++) {
      h = hashPair(h, padded.charCodeAt(i + n - 1));
      if (n >= min) out.push(h | 0);
    }
  }
  const arr = Int32Array.from(out);
  if (cache.size >= CHAR_CACHE_LIMIT) cache.clear();
  cache.set(word, arr);
  return arr;
}

function shape(num: string): string {
  return num.replace(/[0-9]/g, '0');
}
