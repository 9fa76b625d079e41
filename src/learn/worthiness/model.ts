/**
 * The check-worthiness model: L2 logistic regression over one sentence's features (`features.ts`),
 * its regularisation chosen by k-fold cross-validation on the training rows, Platt-calibrated on the
 * out-of-fold decision values, with the F1-best threshold of those calibrated scores as its decision.
 *
 * Two kinds of training rows: single sentences (ClaimBuster's layout: folds stratified by label) and
 * sentences of transcripts (CheckThat!'s layout: folds keep a transcript whole, and selection reads the
 * mean average precision over transcripts, the labs' measure). Calibration and the threshold use the
 * single sentences when there are any: their labels say "a checkable factual claim", the sense a reader
 * of a news report needs; the transcripts' labels say "chosen by a fact-checker in that debate" (1–3 %).
 */
import { calibrate, fitPlatt, type Calibrator } from '../calibration.js';
import { fitLogistic } from '../logistic.js';
import { csrFromRows, decision, type CsrMatrix } from '../matrix.js';
import { Random } from '../random.js';
import type { SparseVector } from '../../text/features.js';
import type { Doc } from '../../text/doc.js';
import { DEFAULT_WORTHINESS_FEATURES, featureColumns, sentenceFeatures, type WorthinessFeatures } from './features.js';
import { bestF1Threshold, meanAveragePrecision } from './metrics.js';
import type { Cues } from './rules.js';

export interface WorthinessSettings {
  seed: number;
  features: WorthinessFeatures;
  /** Inverse regularisation strengths tried by cross-validation. */
  cGrid: number[];
  folds: number;
  /** Loss weight of a transcript sentence relative to a single sentence. */
  transcriptWeight: number;
  tolerance: number;
  maxPasses: number;
}

export const DEFAULT_WORTHINESS: WorthinessSettings = {
  seed: 5,
  features: DEFAULT_WORTHINESS_FEATURES,
  cGrid: [0.3, 1, 3],
  folds: 5,
  transcriptWeight: 1,
  tolerance: 0.01,
  maxPasses: 50,
};

export interface WorthinessModel {
  settings: WorthinessSettings;
  /** The C cross-validation chose. */
  C: number;
  /** One weight per feature column (`featureColumns`). */
  weights: Float32Array;
  bias: number;
  calibrator: Calibrator;
  /** Calibrated scores at or above this are called check-worthy. */
  threshold: number;
}

export interface TrainingRow {
  row: SparseVector;
  y: 0 | 1;
  /** The transcript a sentence belongs to; null for a single sentence. */
  group: string | null;
}

export interface Selection {
  C: number;
  /** Best out-of-fold F1 of the single sentences (null without any). */
  f1: number | null;
  /** Out-of-fold MAP over transcripts (null without any). */
  map: number | null;
}

export interface WorthinessFit {
  model: WorthinessModel;
  selection: Selection[];
  /** Out-of-fold F1 of the single sentences at the model's threshold, as chosen. */
  passes: number;
}

export function fitWorthiness(rows: readonly TrainingRow[], s: WorthinessSettings, onStep?: (what: string) => void): WorthinessFit {
  const cols = featureColumns(s.features);
  const X = csrFromRows(rows.map((r) => r.row), cols);
  const y = Uint8Array.from(rows, (r) => r.y);
  const weight = Float64Array.from(rows, (r) => (r.group === null ? 1 : s.transcriptWeight));
  const fold = assignFolds(rows, s.folds, s.seed);
  const single = rows.flatMap((r, i) => (r.group === null ? [i] : []));
  const inTranscript = rows.flatMap((r, i) => (r.group === null ? [] : [i]));

  const selection: Selection[] = [];
  let best: { C: number; z: Float64Array; score: number } | null = null;
  for (const C of s.cGrid) {
    onStep?.(`cross-validating C=${C}`);
    const z = outOfFold(X, y, weight, fold, s, C);
    const f1 = single.length === 0 ? null : bestF1Threshold(pick(y, single), pick(z, single)).f1;
    const map = inTranscript.length === 0 ? null : meanAveragePrecision(pick(y, inTranscript), pick(z, inTranscript), inTranscript.map((i) => rows[i]!.group!)).map;
    selection.push({ C, f1, map });
    const score = (f1 ?? 0) + (map ?? 0);
    if (best === null || score > best.score) best = { C, z, score };
  }
  if (best === null) throw new Error('fitWorthiness: the C grid is empty');

  const calibrationRows = single.length > 0 ? single : rows.map((_, i) => i);
  const zc = pick(best.z, calibrationRows);
  const yc = pick(y, calibrationRows);
  const calibrator = fitPlatt(zc, yc);
  const threshold = bestF1Threshold(yc, Float64Array.from(zc, (v) => calibrate(calibrator, v))).threshold;

  onStep?.(`fitting on every row with C=${best.C}`);
  const { weights, report } = fitLogistic(X, y, weight, { C: best.C, tolerance: s.tolerance, maxPasses: s.maxPasses }, s.seed);
  return {
    model: { settings: s, C: best.C, weights: Float32Array.from(weights.w), bias: weights.bias, calibrator, threshold },
    selection,
    passes: report.passes,
  };
}

/** The decision value of one feature row. */
export function worthinessDecision(m: WorthinessModel, row: SparseVector): number {
  let z = m.bias;
  for (let k = 0; k < row.idx.length; k++) z += m.weights[row.idx[k]!]! * row.val[k]!;
  return z;
}

export interface SentenceScore {
  /** Calibrated probability that the sentence is check-worthy. */
  p: number;
  cues: Cues;
}

/** The calibrated score of the tokens [tokenStart, tokenEnd) of a Doc, with the rule cues found there. */
export function scoreSpan(m: WorthinessModel, doc: Doc, tokenStart: number, tokenEnd: number): SentenceScore {
  const f = sentenceFeatures(doc, tokenStart, tokenEnd, m.settings.features);
  return { p: calibrate(m.calibrator, worthinessDecision(m, f.row)), cues: f.cues };
}

/** Single sentences stratified by label, transcripts kept whole; fold k holds every k-th after a seeded shuffle. */
function assignFolds(rows: readonly TrainingRow[], k: number, seed: number): Int32Array {
  const rng = new Random(seed);
  const fold = new Int32Array(rows.length);
  for (const label of [0, 1]) {
    const members = rng.shuffle(rows.flatMap((r, i) => (r.group === null && r.y === label ? [i] : [])));
    members.forEach((i, j) => (fold[i] = j % k));
  }
  const groups = rng.shuffle([...new Set(rows.flatMap((r) => (r.group === null ? [] : [r.group])))].sort());
  const groupFold = new Map(groups.map((g, j) => [g, j % k]));
  rows.forEach((r, i) => {
    if (r.group !== null) fold[i] = groupFold.get(r.group)!;
  });
  return fold;
}

function outOfFold(X: CsrMatrix, y: Uint8Array, weight: Float64Array, fold: Int32Array, s: WorthinessSettings, C: number): Float64Array {
  const z = new Float64Array(X.rows);
  for (let f = 0; f < s.folds; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < X.rows; i++) (fold[i] === f ? test : train).push(i);
    if (test.length === 0 || train.length === 0) continue;
    const { weights } = fitLogistic(X, y, weight, { C, tolerance: s.tolerance, maxPasses: s.maxPasses }, s.seed + f, undefined, train);
    const out = decision(X, weights.w, weights.bias, test);
    test.forEach((i, j) => (z[i] = out[j]!));
  }
  return z;
}

function pick<T extends Float64Array | Uint8Array>(a: T, rows: readonly number[]): T {
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  rows.forEach((r, j) => (out[j] = a[r]!));
  return out;
}
