/**
 * The check-worthiness model: L2 logistic regression over one sentence's features (`features.ts`),
 * its regularisation chosen by k-fold cross-validation on the training rows, Platt-calibrated on the
 * out-of-fold decision values, with the F1-best threshold of those calibrated scores as its decision.
 *
 * Two kinds of training rows: single sentences (ClaimBuster's layout: folds stratified by label) and
 * sentences of transcripts (CheckThat!'s layout: folds keep a transcript whole, and selection reads the
 * mean average precision over transcripts, the labs' measure). The two label the same thing differently:
 * "a checkable factual claim" (about a fifth of sentences) against "chosen by a fact-checker in that
 * debate" (1–3 %), so each kind of row is read in its own view (domain copies of the features) with its
 * own calibration; a news report reads the sentences view.
 */
import { calibrate, fitPlatt, type Calibrator } from '../calibration.js';
import { fitLogistic, outOfFoldDecisions } from '../logistic.js';
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
  /**
   * Every feature also gets a copy per kind of row (Daumé 2007, "Frustratingly easy domain adaptation"):
   * the shared copy learns what both kinds of label agree on, each kind's copy what only it says.
   */
  domainCopies: boolean;
  tolerance: number;
  maxPasses: number;
}

export const DEFAULT_WORTHINESS: WorthinessSettings = {
  seed: 5,
  features: DEFAULT_WORTHINESS_FEATURES,
  cGrid: [0.3, 1, 3],
  folds: 5,
  transcriptWeight: 0.5,
  domainCopies: true,
  tolerance: 0.01,
  maxPasses: 50,
};

/** How a sentence is read: on its own (news, ClaimBuster) or as a line of a transcript (CheckThat!). */
export type WorthinessView = 'sentences' | 'transcripts';
export const VIEWS: readonly WorthinessView[] = ['sentences', 'transcripts'];

export interface ViewCalibration {
  calibrator: Calibrator;
  /** Calibrated scores at or above this are called check-worthy. */
  threshold: number;
}

export interface WorthinessModel {
  settings: WorthinessSettings;
  /** The C cross-validation chose. */
  C: number;
  /** One weight per column of `modelColumns` (the shared copy first, then one copy per view). */
  weights: Float32Array;
  bias: number;
  /** Per view, fitted on that view's out-of-fold scores; null for a view the training data lacked. */
  views: Record<WorthinessView, ViewCalibration | null>;
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
  /** Passes of the final fit. */
  passes: number;
}

/** A copy's width: the features, then one constant column (each view's own bias). */
function copyWidth(s: WorthinessSettings): number {
  return featureColumns(s.features) + 1;
}

export function modelColumns(s: WorthinessSettings): number {
  return copyWidth(s) * (s.domainCopies ? 1 + VIEWS.length : 1);
}

/** The row as the model reads it in a view: the shared copy, then (with domain copies) the view's copy. */
function inView(row: SparseVector, view: WorthinessView, s: WorthinessSettings): SparseVector {
  if (!s.domainCopies) return row;
  const width = copyWidth(s);
  const offset = width * (1 + VIEWS.indexOf(view));
  const n = row.idx.length;
  const idx = new Int32Array(2 * n + 1);
  const val = new Float32Array(2 * n + 1);
  idx.set(row.idx);
  val.set(row.val);
  for (let k = 0; k < n; k++) {
    idx[n + k] = row.idx[k]! + offset;
    val[n + k] = row.val[k]!;
  }
  idx[2 * n] = offset + width - 1;
  val[2 * n] = 1;
  return { idx, val };
}

export function fitWorthiness(rows: readonly TrainingRow[], s: WorthinessSettings, onStep?: (what: string) => void): WorthinessFit {
  const X = csrFromRows(rows.map((r) => inView(r.row, r.group === null ? 'sentences' : 'transcripts', s)), modelColumns(s));
  const y = Uint8Array.from(rows, (r) => r.y);
  const weight = Float64Array.from(rows, (r) => (r.group === null ? 1 : s.transcriptWeight));
  const fold = assignFolds(rows, s.folds, s.seed);
  const single = rows.flatMap((r, i) => (r.group === null ? [i] : []));
  const inTranscript = rows.flatMap((r, i) => (r.group === null ? [] : [i]));

  const selection: Selection[] = [];
  let best: { C: number; z: Float64Array; score: number } | null = null;
  for (const C of s.cGrid) {
    onStep?.(`cross-validating C=${C}`);
    const z = outOfFoldDecisions(X, y, weight, fold, s, C);
    const f1 = single.length === 0 ? null : bestF1Threshold(pick(y, single), pick(z, single)).f1;
    const map = inTranscript.length === 0 ? null : meanAveragePrecision(pick(y, inTranscript), pick(z, inTranscript), inTranscript.map((i) => rows[i]!.group!)).map;
    selection.push({ C, f1, map });
    const score = (f1 ?? 0) + (map ?? 0);
    if (best === null || score > best.score) best = { C, z, score };
  }
  if (best === null) throw new Error('fitWorthiness: the C grid is empty');
  const z = best.z;
  const calibrateOn = (members: number[]): ViewCalibration | null => {
    if (members.length === 0) return null;
    const zc = pick(z, members);
    const yc = pick(y, members);
    const calibrator = fitPlatt(zc, yc);
    return { calibrator, threshold: bestF1Threshold(yc, Float64Array.from(zc, (v) => calibrate(calibrator, v))).threshold };
  };

  onStep?.(`fitting on every row with C=${best.C}`);
  const { weights, report } = fitLogistic(X, y, weight, { C: best.C, tolerance: s.tolerance, maxPasses: s.maxPasses }, s.seed);
  return {
    model: {
      settings: s,
      C: best.C,
      weights: Float32Array.from(weights.w),
      bias: weights.bias,
      views: { sentences: calibrateOn(single), transcripts: calibrateOn(inTranscript) },
    },
    selection,
    passes: report.passes,
  };
}

/** The view's calibration, or the other's when the training data had no rows of that kind. */
export function viewCalibration(m: WorthinessModel, view: WorthinessView): ViewCalibration {
  return (m.views[view] ?? m.views[view === 'sentences' ? 'transcripts' : 'sentences'])!;
}

/** The decision value of one sentence's feature row, read in a view. */
export function worthinessDecision(m: WorthinessModel, row: SparseVector, view: WorthinessView): number {
  const r = inView(row, view, m.settings);
  let z = m.bias;
  for (let k = 0; k < r.idx.length; k++) z += m.weights[r.idx[k]!]! * r.val[k]!;
  return z;
}

export interface SentenceScore {
  /** Calibrated probability that the sentence is check-worthy. */
  p: number;
  /** Whether p reaches the view's threshold. */
  checkWorthy: boolean;
  cues: Cues;
}

/** The calibrated score of the tokens [tokenStart, tokenEnd) of a Doc, with the rule cues found there. */
export function scoreSpan(m: WorthinessModel, doc: Doc, tokenStart: number, tokenEnd: number, view: WorthinessView = 'sentences'): SentenceScore {
  const f = sentenceFeatures(doc, tokenStart, tokenEnd, m.settings.features);
  const { calibrator, threshold } = viewCalibration(m, view);
  const p = calibrate(calibrator, worthinessDecision(m, f.row, view));
  return { p, checkWorthy: p >= threshold, cues: f.cues };
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


function pick<T extends Float64Array | Uint8Array>(a: T, rows: readonly number[]): T {
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  rows.forEach((r, j) => (out[j] = a[r]!));
  return out;
}
