/**
 * The stance model (FNC-1): is a body `agree`, `disagree`, `discuss` or `unrelated` to a headline?
 *
 * Two stages, as the task is built:
 *   1. related vs unrelated: gradient-boosted trees on how much of the headline the body covers
 *      (TF-IDF cosine of the body and of its best sentences, IDF-weighted coverage overall and in the lead,
 *      bigram and 4-letter-prefix overlap, BM25) — src/learn/stance/features.ts;
 *   2. agree / disagree / discuss among related pairs: trees (4 seeds, averaged) blended with a small MLP, on
 *      the same features plus stance cues (refuting, hedging, supporting, negating, reporting words in the
 *      headline, the body, its lead, its sentences most like the headline, near the headline's words) and the
 *      decision values of one-vs-rest linear text models over hashed n-grams of the body, the headline, the
 *      best-matching sentences, and the body's words crossed with the headline's own stance (asserts, denies,
 *      asks). The text models' values for training pairs are out of fold, folds grouped by claim, so stage 2
 *      learns how far to trust them on claims it has not seen.
 * The stance chosen maximises the expected FNC-1 score; probabilities are P(related)·P(stance | related).
 * Evidence: the body sentences most like the headline, each with the role its own words play.
 *
 * `StanceSettings` are hyper-parameters; `StanceModel` is what `fitStance` learns. One article:
 * `predictStance(model, makeDoc({title: headline, body}))`. Many pairs: read each body and headline once
 * (`readSide`), then `predictSides(model, cache.headline(h), cache.body(b))` with a `StanceCache`.
 */
import type { Doc } from '../../text/doc.js';
import { pairScore, STANCE_INDEX, STANCES, type EvidenceRole, type Stance } from '../../article/stance.js';
import { DEFAULT_GBDT, fitGbdtBagged, gbdtProbabilities, type GbdtModel, type GbdtParams } from './gbdt.js';
import { DENSE_NAMES, fitIdf, pairFeatures, prepareBody, prepareHeadline, type PairAnalysis, type PreparedBody, type PreparedHeadline, type StanceIdf, type FeatureContext } from './features.js';
import { CUE_CATEGORIES } from './cues.js';
import { readSide, type Side } from './text.js';
import { fitLogistic, type LogisticParams } from '../logistic.js';
import { csrFromRows, type CsrMatrix } from '../matrix.js';
import { stratifiedGroupKFold } from '../split.js';
import { SparseBuilder, type Sparse } from './vectors.js';
import { fitMlp, mlpProbabilities, type MlpModel, type MlpParams } from './mlp.js';
import { hashPair } from '../../text/hash.js';

export interface StanceSettings {
  seed: number;
  /** IDF buckets = 2 ** idfBits. */
  idfBits: number;
  related: GbdtParams;
  stance: GbdtParams;
  /** Row weights of the related stances in stage 2 (disagree is rare). */
  classWeights: { agree: number; disagree: number; discuss: number };
  /** Stage-1 and stage-2 ensembles from different seeds whose scores are averaged (1 = one ensemble). */
  relatedBags: number;
  stanceBags: number;
  /** A small MLP on the same stage-2 features, its probabilities blended with the trees' (null = trees only). */
  mlp: (MlpParams & { weight: number }) | null;
  /**
   * How a stance is chosen from the probabilities: the most probable, or the one with the highest
   * expected FNC-1 score (which calls a pair related sooner, as missing a related pair costs four times
   * what a wrong "related" does).
   */
  decision: 'probable' | 'fnc';
  /** Most evidence sentences returned per pair. */
  evidenceSentences: number;
  /** Linear text models whose out-of-fold decision values feed stage 2. */
  text: {
    /** Hashed dimensions = 2 ** bits. */
    bits: number;
    views: TextView[];
    logistic: LogisticParams;
    /** Folds (grouped by claim) for the out-of-fold decision values. */
    folds: number;
    /** Body sentences most like the headline in the 'top' view. */
    topSentences: number;
    /**
     * A hashed column is learned only when it occurs in the pairs of at least this many claims: words of
     * one story cannot carry over to unseen stories, they only let the model memorise its training claims.
     */
    minClaims: number;
  };
}

/** What a text model reads: the whole body, the headline, or the body sentences most like the headline. */
export type TextView = 'body' | 'head' | 'top' | 'lead' | 'cross';

export const DEFAULT_STANCE: StanceSettings = {
  seed: 1,
  idfBits: 18,
  related: { ...DEFAULT_GBDT, rounds: 200, maxDepth: 5 },
  stance: { ...DEFAULT_GBDT, rounds: 150, maxDepth: 5, learningRate: 0.1, colsample: 0.5, minChildWeight: 5 },
  classWeights: { agree: 1, disagree: 2, discuss: 1 },
  relatedBags: 1,
  // One stage-2 ensemble: four bags gave the same dev figures (83.01 % vs 83.04 %, macro-F1 0.687 vs 0.686) at four times the trees.
  stanceBags: 1,
  mlp: { hidden: 32, epochs: 8, batch: 64, learningRate: 0.003, l2: 1e-3, weight: 0.3 },
  decision: 'fnc',
  evidenceSentences: 3,
  text: { bits: 16, views: ['body', 'head', 'top', 'cross'], logistic: { C: 1, tolerance: 0.1, maxPasses: 50 }, folds: 5, topSentences: 3, minClaims: 1 },
};

export interface StanceModel {
  settings: StanceSettings;
  idf: StanceIdf;
  /** Stage 1: classes 0 unrelated, 1 related. */
  related: GbdtModel;
  /** Stage 2: classes 0 agree, 1 disagree, 2 discuss. */
  stance: GbdtModel;
  /** Stage 2's MLP, blended with the trees (absent when settings.mlp is null). */
  mlp: MlpModel | null;
  /** Per text view, one-vs-rest weights of agree, disagree, discuss: 3 × 2^bits, then 3 biases. */
  text: { view: TextView; weights: Float32Array; bias: Float64Array }[];
}

/** One labelled pair; sides may be shared between pairs (a body read once for all its headlines). */
export interface StanceExample {
  headline: Side;
  body: Side;
  stance: Stance;
}

export type { EvidenceRole };

export interface StanceEvidence {
  /** Offsets into the text of the Doc the body was read from. */
  start: number;
  end: number;
  role: EvidenceRole;
}

export interface StancePrediction {
  stance: Stance;
  probabilities: Record<Stance, number>;
  evidence: StanceEvidence[];
}

export interface StanceFitReport {
  seconds: number;
  pairs: number;
  related: number;
}

export interface StanceProgress {
  (stage: string, done: number, total: number): void;
}

/** The headline and body sides of a Doc made from {title: headline, body}. */
export function stanceSides(doc: Doc): { headline: Side; body: Side } {
  return { headline: readSide(doc, 'headline'), body: readSide(doc, 'body') };
}

function features(model: { idf: StanceIdf }, h: PreparedHeadline, b: PreparedBody): PairAnalysis {
  return pairFeatures(h, b, model.idf);
}

/** Prepared sides, cached by identity while fitting or scoring many pairs. */
export class StanceCache {
  private heads = new Map<Side, PreparedHeadline>();
  private bodies = new Map<Side, PreparedBody>();
  constructor(private readonly ctx: FeatureContext) {}
  headline(s: Side): PreparedHeadline {
    let p = this.heads.get(s);
    if (p === undefined) this.heads.set(s, (p = prepareHeadline(s, this.ctx)));
    return p;
  }
  body(s: Side): PreparedBody {
    let p = this.bodies.get(s);
    if (p === undefined) this.bodies.set(s, (p = prepareBody(s, this.ctx)));
    return p;
  }
}

const VIEW_SEED: Record<TextView, number> = { body: 0x3c6ef372, head: 0xa54ff53a, top: 0x510e527f, lead: 0x9b05688c, cross: 0x1f83d9ab };

const HEAD_DENIES = (1 << CUE_CATEGORIES.indexOf('refute')) | (1 << CUE_CATEGORIES.indexOf('negation'));

/** The headline's own stance, coarsely: 1 denies (refuting or negating words), 2 asks (a question), 0 asserts. */
function headlineState(h: PreparedHeadline): number {
  for (const c of h.cues) if (c & HEAD_DENIES) return 1;
  return h.side.questionMarks > 0 ? 2 : 0;
}

const BUILDERS = new Map<number, SparseBuilder>();

/** A reusable builder per hash size (single-threaded: each use ends with build() or decide3()). */
function builder(bits: number): SparseBuilder {
  let b = BUILDERS.get(bits);
  if (b === undefined) BUILDERS.set(bits, (b = new SparseBuilder(bits)));
  return b;
}

/** Count the n-grams of the given body sentences into the builder's open block. */
function countSentences(sb: SparseBuilder, b: PreparedBody, sentences: ArrayLike<number>, n: number, maxN: number, seed: number): void {
  const bs = b.side;
  const picked = Array.from({ length: Math.min(n, sentences.length) }, (_, j) => sentences[j]!).sort((x, y) => x - y);
  for (const s of picked) sb.count(bs, bs.sentenceTokens[s]!, bs.sentenceTokens[s + 1]!, maxN, seed);
}

/** Fill the builder with the hashed n-gram vector a text view reads from a pair. */
function fillView(sb: SparseBuilder, view: TextView, h: PreparedHeadline, b: PreparedBody, a: PairAnalysis, topSentences: number): SparseBuilder {
  const bs = b.side;
  if (view === 'head') sb.addNgrams(h.side, 0, h.side.stems.length, 2, VIEW_SEED.head, 1);
  else if (view === 'body') sb.addNgrams(bs, 0, bs.stems.length, 2, VIEW_SEED.body, 1);
  else if (view === 'lead') sb.addNgrams(bs, 0, b.leadEnd, 2, VIEW_SEED.lead, 1);
  else if (view === 'cross') {
    // The body's words, in a namespace per headline state: "hoax" in the body means disagree under an
    // asserting headline and agree under a denying one.
    const state = hashPair(VIEW_SEED.cross, headlineState(h));
    sb.addNgrams(bs, 0, bs.stems.length, 1, state, 1);
    countSentences(sb, b, a.sentenceOrder, topSentences, 2, hashPair(state, 1));
    sb.endBlock(1);
  } else {
    countSentences(sb, b, a.sentenceOrder, topSentences, 2, VIEW_SEED.top);
    sb.endBlock(1);
  }
  return sb;
}

function viewVector(view: TextView, bits: number, h: PreparedHeadline, b: PreparedBody, a: PairAnalysis, topSentences: number): Sparse {
  return fillView(builder(bits), view, h, b, a, topSentences).build();
}

/** Drop from each row the columns seen in fewer than `minClaims` distinct claims among `rows`. */
function keepShared(vectors: readonly Sparse[], claims: Int32Array, rows: readonly number[], minClaims: number): Sparse[] {
  const picked = rows.map((j) => vectors[j]!);
  if (minClaims <= 1) return picked;
  const last = new Map<number, number>();
  const count = new Map<number, number>();
  const order = [...rows].sort((a, b) => claims[a]! - claims[b]!);
  for (const j of order) {
    const c = claims[j]!;
    for (const col of vectors[j]!.idx) {
      if (last.get(col) !== c) {
        last.set(col, c);
        count.set(col, (count.get(col) ?? 0) + 1);
      }
    }
  }
  return picked.map((x) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (let k = 0; k < x.idx.length; k++) {
      if ((count.get(x.idx[k]!) ?? 0) >= minClaims) {
        idx.push(x.idx[k]!);
        val.push(x.val[k]!);
      }
    }
    return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
  });
}

/** One-vs-rest logistic regressions of the three related stances: weights 3 × cols, biases 3. */
function fitOvr(X: CsrMatrix, y: ArrayLike<number>, w: ArrayLike<number>, params: LogisticParams, seed: number): { weights: Float32Array; bias: Float64Array } {
  const weights = new Float32Array(3 * X.cols);
  const bias = new Float64Array(3);
  for (let c = 0; c < 3; c++) {
    const yc = Uint8Array.from({ length: X.rows }, (_, i) => (y[i] === c ? 1 : 0));
    const fit = fitLogistic(X, yc, w, params, seed + c);
    weights.set(fit.weights.w, c * X.cols);
    bias[c] = fit.weights.bias;
  }
  return { weights, bias };
}

function ovrDecision(x: Sparse, m: { weights: Float32Array; bias: Float64Array }, cols: number, out: Float64Array, at: number): void {
  for (let c = 0; c < 3; c++) {
    let z = m.bias[c]!;
    const off = c * cols;
    for (let k = 0; k < x.idx.length; k++) z += m.weights[off + x.idx[k]!]! * x.val[k]!;
    out[at + c] = z;
  }
}

/** Claim of every example: headlines and bodies joined by related pairs (connected components). */
function claimGroups(examples: readonly StanceExample[]): Int32Array {
  const index = new Map<Side, number>();
  const parent: number[] = [];
  const node = (s: Side): number => {
    let i = index.get(s);
    if (i === undefined) {
      index.set(s, (i = parent.length));
      parent.push(i);
    }
    return i;
  };
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const e of examples) {
    const a = find(node(e.headline));
    const b = find(node(e.body));
    if (e.stance !== 'unrelated' && a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  return Int32Array.from(examples, (e) => find(node(e.headline)));
}

export function fitStance(examples: readonly StanceExample[], settings: StanceSettings, progress?: StanceProgress): { model: StanceModel; report: StanceFitReport } {
  const t0 = performance.now();
  if (examples.length < 4) throw new RangeError(`need at least 4 labelled pairs to train, got ${examples.length}`);
  const sides = new Set<Side>();
  for (const e of examples) {
    sides.add(e.headline);
    sides.add(e.body);
  }
  const idf = fitIdf([...sides].map((s) => s.ids), settings.idfBits);
  const cache = new StanceCache({ idf });
  const analyses: PairAnalysis[] = [];
  examples.forEach((e, i) => {
    analyses.push(features({ idf }, cache.headline(e.headline), cache.body(e.body)));
    if (progress && (i % 5000 === 0 || i === examples.length - 1)) progress('features', i + 1, examples.length);
  });
  const X = analyses.map((a) => a.dense);
  const isRelated = Uint8Array.from(examples, (e) => (e.stance === 'unrelated' ? 0 : 1));
  const related = fitGbdtBagged(X, isRelated, 2, settings.related, settings.seed, settings.relatedBags, undefined, (r) => progress?.('related', r, settings.related.rounds));

  const rel: number[] = [];
  examples.forEach((e, i) => {
    if (e.stance !== 'unrelated') rel.push(i);
  });
  if (rel.length === 0) throw new RangeError('need related (agree, disagree or discuss) pairs to train the stance stage');
  const relY = Int32Array.from(rel, (i) => STANCES.indexOf(examples[i]!.stance));
  const relW = Float64Array.from(rel, (i) => settings.classWeights[examples[i]!.stance as Exclude<Stance, 'unrelated'>]);

  // Text models: out-of-fold decision values (folds grouped by claim) feed stage 2; the full fits are kept.
  const t = settings.text;
  const cols = 1 << t.bits;
  const views = t.views;
  const stacked = rel.map(() => new Float64Array(3 * views.length));
  const text: StanceModel['text'] = [];
  const groups = claimGroups(examples);
  const relGroups = Int32Array.from(rel, (i) => groups[i]!);
  const k = Math.min(t.folds, new Set(relGroups).size);
  const folds = k >= 2 ? stratifiedGroupKFold(relY, relGroups, k, settings.seed) : undefined;
  views.forEach((view, v) => {
    const vectors = rel.map((i) => viewVector(view, t.bits, cache.headline(examples[i]!.headline), cache.body(examples[i]!.body), analyses[i]!, t.topSentences));
    if (folds !== undefined) {
      for (let f = 0; f < k; f++) {
        const trainRows: number[] = [];
        const testRows: number[] = [];
        for (let j = 0; j < rel.length; j++) (folds[j] === f ? testRows : trainRows).push(j);
        const m = fitOvr(csrFromRows(keepShared(vectors, relGroups, trainRows, t.minClaims), cols), pick(relY, trainRows), pick(relW, trainRows), t.logistic, settings.seed + 7 * f);
        for (const j of testRows) ovrDecision(vectors[j]!, m, cols, stacked[j]!, 3 * v);
        progress?.(`text ${view}`, f + 1, k);
      }
    }
    const all = Array.from({ length: rel.length }, (_, j) => j);
    const full = fitOvr(csrFromRows(keepShared(vectors, relGroups, all, t.minClaims), cols), relY, relW, t.logistic, settings.seed);
    text.push({ view, ...full });
  });

  const relRows = rel.map((i, j) => concat(X[i]!, stacked[j]!));
  const stance = fitGbdtBagged(relRows, relY, 3, settings.stance, settings.seed + 1, settings.stanceBags, relW, (r) => progress?.('stance', r, settings.stance.rounds));
  const mlp = settings.mlp === null ? null : fitMlp(relRows, relY, 3, settings.mlp, settings.seed + 3, relW);
  if (mlp !== null) progress?.('mlp', 1, 1);
  return {
    model: { settings, idf, related, stance, text, mlp },
    report: { seconds: (performance.now() - t0) / 1000, pairs: examples.length, related: rel.length },
  };
}

function pick<T extends Int32Array | Float64Array>(a: T, rows: readonly number[]): T {
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  rows.forEach((r, j) => (out[j] = a[r]!));
  return out;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Stance of a Doc made from {title: headline, body}. */
export function predictStance(model: StanceModel, doc: Doc): StancePrediction {
  const { headline, body } = stanceSides(doc);
  return predictSides(model, prepareHeadline(headline, model), prepareBody(body, model));
}

/** Stance of prepared sides (for scoring many pairs with a `StanceCache`). */
export function predictSides(model: StanceModel, h: PreparedHeadline, b: PreparedBody): StancePrediction {
  const a = features(model, h, b);
  const pRelated = gbdtProbabilities(model.related, a.dense)[1]!;
  const t = model.settings.text;
  const stacked = new Float64Array(3 * model.text.length);
  model.text.forEach((m, v) => {
    // Views of the body alone are the same for every headline: kept with the prepared body.
    const bodyOnly = m.view === 'body' || m.view === 'lead';
    const memo = bodyOnly ? b.memo.get(m) : undefined;
    if (memo !== undefined) stacked.set(memo, 3 * v);
    else {
      fillView(builder(t.bits), m.view, h, b, a, t.topSentences).decide3(m.weights, m.bias, stacked, 3 * v);
      if (bodyOnly) b.memo.set(m, stacked.slice(3 * v, 3 * v + 3));
    }
  });
  const x2 = concat(a.dense, stacked);
  const p3 = gbdtProbabilities(model.stance, x2);
  if (model.mlp !== null && model.settings.mlp !== null) {
    const q = mlpProbabilities(model.mlp, x2);
    const wq = model.settings.mlp.weight;
    for (let c = 0; c < 3; c++) p3[c] = (1 - wq) * p3[c]! + wq * q[c]!;
  }
  const probabilities: Record<Stance, number> = {
    agree: pRelated * p3[0]!,
    disagree: pRelated * p3[1]!,
    discuss: pRelated * p3[2]!,
    unrelated: 1 - pRelated,
  };
  const stance = model.settings.decision === 'fnc' ? bestExpectedScore(probabilities) : mostProbable(probabilities);
  return { stance, probabilities, evidence: evidenceOf(model, h, b, a, stance) };
}

function mostProbable(p: Record<Stance, number>): Stance {
  let best: Stance = 'unrelated';
  for (const s of STANCES) if (p[s] > p[best]) best = s;
  return best;
}

/** The stance with the highest expected FNC-1 score under the probabilities. */
function bestExpectedScore(p: Record<Stance, number>): Stance {
  let best: Stance = 'unrelated';
  let bestScore = -1;
  for (const s of STANCES) {
    let e = 0;
    for (const g of STANCES) e += p[g] * pairScore(STANCE_INDEX[g], STANCE_INDEX[s]);
    if (e > bestScore) {
      bestScore = e;
      best = s;
    }
  }
  return best;
}

const REFUTE = 1 << CUE_CATEGORIES.indexOf('refute');
const NEGATION = 1 << CUE_CATEGORIES.indexOf('negation');
const HEDGE = 1 << CUE_CATEGORIES.indexOf('hedge');

const ROLES: readonly EvidenceRole[] = ['supports', 'contradicts', 'discusses'];
const ZERO_BIAS = new Float64Array(3);

/**
 * The body sentences most like the headline (TF-IDF cosine), each with the role it plays. The role is
 * read from the sentence's own words by the text model of the best-matching sentences (the 'top' view,
 * whose weights were learned for exactly such sentences; its class priors left out): the class its words
 * lean to, agree/disagree/discuss as supports/contradicts/discusses, with supports and contradicts swapped
 * under a denying headline. Without that model, cue words decide. Repeated sentences are given once.
 */
function evidenceOf(model: StanceModel, h: PreparedHeadline, b: PreparedBody, a: PairAnalysis, stance: Stance): StanceEvidence[] {
  if (stance === 'unrelated') return [];
  const out: StanceEvidence[] = [];
  const seen = new Set<string>();
  const bs = b.side;
  const top = model.text.find((m) => m.view === 'top');
  const z = new Float64Array(3);
  const headRefutes = (h.cueCounts[CUE_CATEGORIES.indexOf('refute')] ?? 0) > 0;
  const denies = headlineState(h) === 1;
  for (let j = 0; j < a.sentenceOrder.length && out.length < model.settings.evidenceSentences; j++) {
    const s = a.sentenceOrder[j]!;
    if (a.sentenceCos[s]! <= 0) break;
    const span = bs.sentenceSpans[s]!;
    const key = bs.text.slice(span.start, span.end).toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) continue;
    seen.add(key);
    let role: EvidenceRole;
    if (top !== undefined) {
      const sb = builder(model.settings.text.bits);
      sb.count(bs, bs.sentenceTokens[s]!, bs.sentenceTokens[s + 1]!, 2, VIEW_SEED.top);
      sb.endBlock(1);
      sb.decide3(top.weights, ZERO_BIAS, z, 0);
      role = ROLES[z[0]! >= z[1]! && z[0]! >= z[2]! ? 0 : z[1]! >= z[2]! ? 1 : 2]!;
      // The sentence's words lean toward the claim as most headlines state it; a denying headline flips that.
      if (denies && role !== 'discusses') role = role === 'supports' ? 'contradicts' : 'supports';
    } else {
      let bits = 0;
      for (let t = bs.sentenceTokens[s]!; t < bs.sentenceTokens[s + 1]!; t++) bits |= b.cues[t]!;
      role = stance === 'agree' ? 'supports' : stance === 'disagree' ? 'contradicts' : 'discusses';
      if (bits & (REFUTE | NEGATION)) role = headRefutes ? 'supports' : 'contradicts';
      else if (bits & HEDGE) role = 'discusses';
    }
    out.push({ start: span.start, end: span.end, role });
  }
  return out;
}

export { DENSE_NAMES };
