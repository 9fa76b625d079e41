/**
 * The entity recogniser: an averaged structured perceptron (Collins 2002) over BIO tags, decoded by
 * Viterbi with the BIO constraints (I-X only after B-X or I-X). Training keeps float weights; the saved
 * model keeps them as 16-bit integers with one scale, and tagging reads only the saved form, so what is
 * measured is what ships.
 */
import { LEXICON } from '../../text/lexicon.js';
import type { TokenTable } from '../../text/tokens.js';
import { Random } from '../random.js';
import {
  allowed,
  allowedFirst,
  CONTEXT_MAX,
  contextFeatures,
  DENSE_HASH,
  localFeatures,
  OFFSETS,
  T,
  tokenFacts,
  WINDOW,
  type SentenceView,
  type TokenFacts,
} from './features.js';
import type { WordInfo } from './wordinfo.js';

export interface NerSettings {
  /** log2 of the number of weight rows (each row holds one weight per tag). */
  bits: number;
  epochs: number;
  seed: number;
}

export const DEFAULT_NER_SETTINGS: NerSettings = { bits: 16, epochs: 8, seed: 1 };

/** The weights as they ship: 16-bit integers times `scale`. */
export interface NerWeights {
  bits: number;
  scale: number;
  /** rows × T. */
  emit: Int16Array;
  /** (T + 1) × T: row T is the start of a sentence; −Infinity where BIO forbids. */
  trans: Float32Array;
}

export interface NerTagger {
  weights: NerWeights;
  words: WordInfo;
}

// ---------------------------------------------------------------------------------------------------
// Tagging (the product path, also used by every evaluation).

/** Per-model cache of the summed local weights of each (form, case) at each offset. */
export class LocalCache {
  private slotOf: Int32Array = new Int32Array(0);
  private pool = new Float32Array(1024 * OFFSETS * T);
  private cap = new Uint8Array(1024);
  private used = 1;
  private generation = -1;
  private scratch: number[] = [];
  /** The weights of every dense context feature (features.DENSE_HASH), scaled: codes × T. */
  readonly dense: Float32Array;

  constructor(private readonly tagger: NerTagger) {
    const { emit, scale, bits } = tagger.weights;
    const mask = (1 << bits) - 1;
    this.dense = new Float32Array(DENSE_HASH.length * T);
    for (let c = 0; c < DENSE_HASH.length; c++) {
      const row = (DENSE_HASH[c]! & mask) * T;
      for (let t = 0; t < T; t++) this.dense[c * T + t] = emit[row + t]! * scale;
    }
  }

  /** The slot of a token (id −1: URL or e-mail). */
  slot(id: number, caseClass: number): number {
    if (this.generation !== LEXICON.generation) this.reset();
    const key = (id + 1) * 8 + caseClass;
    if (key >= this.slotOf.length) {
      let size = Math.max(8192, this.slotOf.length);
      while (size <= key) size *= 2;
      const b = new Int32Array(size);
      b.set(this.slotOf);
      this.slotOf = b;
    }
    const s = this.slotOf[key]!;
    if (s !== 0) return s;
    return (this.slotOf[key] = this.fill(tokenFacts(id, caseClass, this.tagger.words)));
  }

  capRate(slot: number): number {
    return this.cap[slot]!;
  }

  vectors(): Float32Array {
    return this.pool;
  }

  private reset(): void {
    this.slotOf = new Int32Array(0);
    this.used = 1;
    this.generation = LEXICON.generation;
  }

  private fill(f: TokenFacts): number {
    const s = this.used++;
    const width = OFFSETS * T;
    if ((s + 1) * width > this.pool.length) {
      const b = new Float32Array(this.pool.length * 2);
      b.set(this.pool);
      this.pool = b;
      const c = new Uint8Array(this.cap.length * 2);
      c.set(this.cap);
      this.cap = c;
    }
    const { emit, scale, bits } = this.tagger.weights;
    const mask = (1 << bits) - 1;
    const base = s * width;
    this.pool.fill(0, base, base + width);
    for (let r = -WINDOW; r <= WINDOW; r++) {
      const feats = this.scratch;
      feats.length = 0;
      localFeatures(f, r, feats);
      const o = base + (r + WINDOW) * T;
      for (const h of feats) {
        const row = (h & mask) * T;
        for (let t = 0; t < T; t++) this.pool[o + t] = this.pool[o + t]! + emit[row + t]! * scale;
      }
    }
    this.cap[s] = (f.info >> 10) & 7;
    return s;
  }
}

export interface Tagging {
  /** Tag index per token of the sentence. */
  tags: Uint8Array;
}

/** Emission scores (n × T) of a sentence. */
export function emissions(tagger: NerTagger, cache: LocalCache, s: SentenceView, ids: Int32Array, reuse = false): Float32Array {
  const n = s.to - s.from;
  if (eOut.length < n * T) {
    eOut = new Float32Array(n * T * 2);
    eSlots = new Int32Array(n * 2);
    eCaps = new Uint8Array(n * 2);
  }
  const out = reuse ? eOut.fill(0, 0, n * T) : new Float32Array(n * T);
  const slots = eSlots;
  const caps = eCaps;
  for (let k = 0; k < n; k++) slots[k] = cache.slot(ids[s.from + k]!, s.cases[s.from + k]!);
  const pool = cache.vectors();
  const table = cache.dense;
  const { emit, scale, bits } = tagger.weights;
  const mask = (1 << bits) - 1;
  const dense = DENSE_SCRATCH;
  const hashed = HASHED_SCRATCH;
  const width = OFFSETS * T;
  for (let k = 0; k < n; k++) caps[k] = cache.capRate(slots[k]!);
  // Nine tags, summed in registers rather than in the output array; Math.fround after every addition keeps
  // the sums exactly what adding into a Float32Array gives.
  const f = Math.fround;
  for (let k = 0; k < n; k++) {
    const o = k * T;
    let a0 = f(out[o]!), a1 = f(out[o + 1]!), a2 = f(out[o + 2]!), a3 = f(out[o + 3]!), a4 = f(out[o + 4]!);
    let a5 = f(out[o + 5]!), a6 = f(out[o + 6]!), a7 = f(out[o + 7]!), a8 = f(out[o + 8]!);
    const lo = Math.max(0, k - WINDOW);
    const hi = Math.min(n - 1, k + WINDOW);
    for (let j = lo; j <= hi; j++) {
      const v = slots[j]! * width + (j - k + WINDOW) * T;
      a0 = f(a0 + pool[v]!); a1 = f(a1 + pool[v + 1]!); a2 = f(a2 + pool[v + 2]!);
      a3 = f(a3 + pool[v + 3]!); a4 = f(a4 + pool[v + 4]!); a5 = f(a5 + pool[v + 5]!);
      a6 = f(a6 + pool[v + 6]!); a7 = f(a7 + pool[v + 7]!); a8 = f(a8 + pool[v + 8]!);
    }
    const counts = contextFeatures(s, k, caps[k]!, dense, hashed);
    const nd = counts & 255;
    const nh = counts >> 8;
    for (let d = 0; d < nd; d++) {
      const r = dense[d]! * T;
      a0 = f(a0 + table[r]!); a1 = f(a1 + table[r + 1]!); a2 = f(a2 + table[r + 2]!);
      a3 = f(a3 + table[r + 3]!); a4 = f(a4 + table[r + 4]!); a5 = f(a5 + table[r + 5]!);
      a6 = f(a6 + table[r + 6]!); a7 = f(a7 + table[r + 7]!); a8 = f(a8 + table[r + 8]!);
    }
    for (let d = 0; d < nh; d++) {
      const r = (hashed[d]! & mask) * T;
      a0 = f(a0 + emit[r]! * scale); a1 = f(a1 + emit[r + 1]! * scale); a2 = f(a2 + emit[r + 2]! * scale);
      a3 = f(a3 + emit[r + 3]! * scale); a4 = f(a4 + emit[r + 4]! * scale); a5 = f(a5 + emit[r + 5]! * scale);
      a6 = f(a6 + emit[r + 6]! * scale); a7 = f(a7 + emit[r + 7]! * scale); a8 = f(a8 + emit[r + 8]! * scale);
    }
    out[o] = a0; out[o + 1] = a1; out[o + 2] = a2; out[o + 3] = a3; out[o + 4] = a4;
    out[o + 5] = a5; out[o + 6] = a6; out[o + 7] = a7; out[o + 8] = a8;
  }
  return out;
}

if (T !== 9) throw new Error(`emissions() sums nine tags; the tag set has ${T}`);

let eOut = new Float32Array(0);
let eSlots = new Int32Array(0);
let eCaps = new Uint8Array(0);
const DENSE_SCRATCH = new Int32Array(CONTEXT_MAX);
const HASHED_SCRATCH = new Int32Array(CONTEXT_MAX);

let vScore = new Float64Array(0);
let vBack = new Uint8Array(0);

/** The best tag sequence under the BIO constraints (I-X only after B-X or I-X; never first). */
export function viterbi(em: Float32Array, n: number, trans: Float32Array): Uint8Array {
  const tags = new Uint8Array(n);
  if (n === 0) return tags;
  if (vScore.length < n * T) {
    vScore = new Float64Array(n * T * 2);
    vBack = new Uint8Array(n * T * 2);
  }
  const score = vScore;
  const back = vBack;
  for (let t = 0; t < T; t++) score[t] = allowedFirst(t) ? trans[T * T + t]! + em[t]! : -Infinity;
  for (let k = 1; k < n; k++) {
    const o = k * T;
    const p = o - T;
    // O and every B-X may follow any tag.
    for (let t = 0; t < T; t += t === 0 ? 1 : 2) {
      let best = score[p]! + trans[t]!;
      let arg = 0;
      for (let q = 1; q < T; q++) {
        const v = score[p + q]! + trans[q * T + t]!;
        if (v > best) {
          best = v;
          arg = q;
        }
      }
      score[o + t] = best + em[o + t]!;
      back[o + t] = arg;
    }
    // I-X follows B-X (t − 1) or I-X (t).
    for (let t = 2; t < T; t += 2) {
      const fromB = score[p + t - 1]! + trans[(t - 1) * T + t]!;
      const fromI = score[p + t]! + trans[t * T + t]!;
      if (fromI > fromB) {
        score[o + t] = fromI + em[o + t]!;
        back[o + t] = t;
      } else {
        score[o + t] = fromB + em[o + t]!;
        back[o + t] = t - 1;
      }
    }
  }
  let best = -Infinity;
  let arg = 0;
  const last = (n - 1) * T;
  for (let t = 0; t < T; t++) {
    if (score[last + t]! > best) {
      best = score[last + t]!;
      arg = t;
    }
  }
  tags[n - 1] = arg;
  for (let k = n - 1; k > 0; k--) tags[k - 1] = back[k * T + tags[k]!]!;
  return tags;
}

/** The transition table with BIO's forbidden moves set to −Infinity. */
export function constrain(trans: Float32Array): Float32Array {
  const out = Float32Array.from(trans);
  for (let q = 0; q < T; q++) for (let t = 0; t < T; t++) if (!allowed(q, t)) out[q * T + t] = -Infinity;
  for (let t = 0; t < T; t++) if (!allowedFirst(t)) out[T * T + t] = -Infinity;
  return out;
}

/** Token ids of the table in the current lexicon generation (re-read from the forms if the lexicon was reset). */
export function currentIds(t: TokenTable): Int32Array {
  if (t.lexiconGeneration === LEXICON.generation) return t.ids;
  const ids = new Int32Array(t.length);
  for (let i = 0; i < t.length; i++) ids[i] = t.ids[i]! < 0 ? -1 : LEXICON.id(t.norm[i]!);
  return ids;
}

export function tagSentence(tagger: NerTagger, cache: LocalCache, s: SentenceView, ids: Int32Array, trans: Float32Array): Uint8Array {
  const n = s.to - s.from;
  return viterbi(emissions(tagger, cache, s, ids, true), n, trans);
}

// ---------------------------------------------------------------------------------------------------
// Training.

export interface TrainSentence {
  view: SentenceView;
  /** Gold tag index per token. */
  gold: Uint8Array;
  /** How much an error on this sentence counts (data sets can be weighted). */
  weight: number;
}

interface Featurised {
  feats: Int32Array;
  offs: Int32Array;
  gold: Uint8Array;
  weight: number;
}

/** The feature rows of every token of a sentence, exactly as `emissions` sums them. */
export function featurise(s: SentenceView, words: WordInfo, bits: number): { feats: Int32Array; offs: Int32Array } {
  const n = s.to - s.from;
  const mask = (1 << bits) - 1;
  const facts: TokenFacts[] = [];
  for (let k = 0; k < n; k++) facts.push(tokenFacts(s.tokens.ids[s.from + k]!, s.cases[s.from + k]!, words));
  const all: number[] = [];
  const offs = new Int32Array(n + 1);
  const tmp: number[] = [];
  const dense = new Int32Array(CONTEXT_MAX);
  const hashed = new Int32Array(CONTEXT_MAX);
  for (let k = 0; k < n; k++) {
    offs[k] = all.length;
    for (let j = Math.max(0, k - WINDOW); j <= Math.min(n - 1, k + WINDOW); j++) {
      tmp.length = 0;
      localFeatures(facts[j]!, j - k, tmp);
      for (const h of tmp) all.push(h & mask);
    }
    const counts = contextFeatures(s, k, (facts[k]!.info >> 10) & 7, dense, hashed);
    for (let d = 0; d < (counts & 255); d++) all.push(DENSE_HASH[dense[d]!]! & mask);
    for (let d = 0; d < counts >> 8; d++) all.push(hashed[d]! & mask);
  }
  offs[n] = all.length;
  return { feats: Int32Array.from(all), offs };
}

export interface TrainProgress {
  epoch: number;
  errors: number;
  tokens: number;
}

/** Fits the weights; `onEpoch` may stop training early by returning false. */
export function trainPerceptron(
  data: readonly TrainSentence[],
  words: WordInfo,
  settings: NerSettings,
  onEpoch: (p: TrainProgress, snapshot: () => NerWeights) => boolean | void = () => {},
): NerWeights {
  const rows = 1 << settings.bits;
  const W = new Float32Array(rows * T);
  const U = new Float32Array(rows * T);
  const TR = new Float64Array((T + 1) * T);
  const TU = new Float64Array((T + 1) * T);
  const fs: Featurised[] = data.map((d) => ({ ...featurise(d.view, words, settings.bits), gold: d.gold, weight: d.weight }));
  const rand = new Random(settings.seed);
  const order = fs.map((_, i) => i);
  let c = 1;
  const snapshot = (): NerWeights => average(W, U, TR, TU, c, settings.bits);
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    rand.shuffle(order);
    let errors = 0;
    let tokens = 0;
    for (const idx of order) {
      const s = fs[idx]!;
      const n = s.gold.length;
      tokens += n;
      const em = new Float32Array(n * T);
      for (let k = 0; k < n; k++) {
        for (let p = s.offs[k]!; p < s.offs[k + 1]!; p++) {
          const row = s.feats[p]! * T;
          for (let t = 0; t < T; t++) em[k * T + t] = em[k * T + t]! + W[row + t]!;
        }
      }
      const trans = constrain(Float32Array.from(TR));
      const pred = viterbi(em, n, trans);
      const w = s.weight;
      for (let k = 0; k < n; k++) {
        const g = s.gold[k]!;
        const p = pred[k]!;
        if (g !== p) {
          errors++;
          for (let q = s.offs[k]!; q < s.offs[k + 1]!; q++) {
            const row = s.feats[q]! * T;
            W[row + g] = W[row + g]! + w;
            U[row + g] = U[row + g]! + c * w;
            W[row + p] = W[row + p]! - w;
            U[row + p] = U[row + p]! - c * w;
          }
        }
        const gp = k === 0 ? T : s.gold[k - 1]!;
        const pp = k === 0 ? T : pred[k - 1]!;
        if (g !== p || gp !== pp) {
          TR[gp * T + g] = TR[gp * T + g]! + w;
          TU[gp * T + g] = TU[gp * T + g]! + c * w;
          TR[pp * T + p] = TR[pp * T + p]! - w;
          TU[pp * T + p] = TU[pp * T + p]! - c * w;
        }
      }
      c++;
    }
    if (onEpoch({ epoch, errors, tokens }, snapshot) === false) break;
  }
  return snapshot();
}

function average(W: Float32Array, U: Float32Array, TR: Float64Array, TU: Float64Array, c: number, bits: number): NerWeights {
  const avg = new Float32Array(W.length);
  let max = 0;
  for (let i = 0; i < W.length; i++) {
    const v = W[i]! - U[i]! / c;
    avg[i] = v;
    const a = Math.abs(v);
    if (a > max) max = a;
  }
  const scale = max > 0 ? max / 32767 : 1;
  const emit = new Int16Array(W.length);
  for (let i = 0; i < W.length; i++) emit[i] = Math.round(avg[i]! / scale);
  const trans = new Float32Array((T + 1) * T);
  for (let i = 0; i < trans.length; i++) trans[i] = TR[i]! - TU[i]! / c;
  return { bits, scale, emit, trans };
}
