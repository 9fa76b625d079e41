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
import { fitLogistic } from '../logistic.js';
import { csrFromRows, decision, type CsrMatrix } from '../matrix.js';
import { foldScale, nbScale, scaleColumns, type NbScaling } from '../nb-scale.js';
import { Random } from '../random.js';
import { foldRows } from '../split.js';
import type { SparseVector } from '../../text/features.js';
import type { Doc } from '../../text/doc.js';
import { DEFAULT_WORTHINESS_FEATURES, featureColumns, sentenceFeatures, type WorthinessFeatures } from './features.js';
import { contextDecisions, fitContext, type ContextFit, type ContextModel, type Transcript, type TranscriptLine } from './context.js';
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
  /**
   * Naive Bayes scaling of the single sentences' copy of the hashed n-gram columns before each fit
   * (src/learn/nb-scale.ts), from that fit's single sentences; interpolation 0 turns it off. The scale is
   * folded into the saved weights.
   */
  nbScaling: NbScaling;
  /**
   * C values tried for the second stage over transcript lines (context.ts); empty: transcript lines are
   * scored by the first stage alone.
   */
  contextCGrid: number[];
  tolerance: number;
  maxPasses: number;
}

export const DEFAULT_WORTHINESS: WorthinessSettings = {
  seed: 5,
  features: DEFAULT_WORTHINESS_FEATURES,
  cGrid: [1, 3, 10],
  folds: 5,
  transcriptWeight: 0.5,
  domainCopies: true,
  nbScaling: { smoothing: 0.5, interpolation: 0.75 },
  contextCGrid: [0.001, 0.003, 0.01, 0.03, 0.1],
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
  /**
   * Per view, fitted on that view's out-of-fold scores (the transcripts' on the second stage's, when there
   * is one); null for a view the training data lacked.
   */
  views: Record<WorthinessView, ViewCalibration | null>;
  /** The second stage over lines of a transcript; null: none was fitted. */
  context: ContextModel | null;
}

/** Where a training sentence sits in its transcript (lines of transcripts only). */
export interface LineFacts {
  /** Its place in the transcript: lines are read in increasing order. */
  position: number;
  speaker: string | null;
  question: boolean;
  tokens: number;
}

export interface TrainingRow {
  row: SparseVector;
  y: 0 | 1;
  /** The transcript a sentence belongs to; null for a single sentence. */
  group: string | null;
  /** For a line of a transcript: its place and speaker (without it, the second stage is not fitted). */
  line?: LineFacts;
}

export interface Selection {
  C: number;
  /** Best out-of-fold F1 of the single sentences (null without any). */
  f1: number | null;
  /** Out-of-fold MAP over transcripts (null without any), of the first stage. */
  map: number | null;
}

export interface WorthinessFit {
  model: WorthinessModel;
  selection: Selection[];
  /** Passes of the final fit. */
  passes: number;
  /** The second stage's selection, when one was fitted. */
  context: Pick<ContextFit, 'selection' | 'firstStageMap'> | null;
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
  const isSingle = Uint8Array.from(rows, (r) => (r.group === null ? 1 : 0));
  const fold = assignFolds(rows, s.folds, s.seed);
  const single = rows.flatMap((r, i) => (r.group === null ? [i] : []));
  const inTranscript = rows.flatMap((r, i) => (r.group === null ? [] : [i]));

  const selection: Selection[] = [];
  let best: { C: number; z: Float64Array; other: Float64Array; score: number } | null = null;
  for (const C of s.cGrid) {
    onStep?.(`cross-validating C=${C}`);
    const { z, other } = outOfFoldDecisions(X, rows, y, weight, isSingle, fold, s, C);
    const f1 = single.length === 0 ? null : bestF1Threshold(pick(y, single), pick(z, single)).f1;
    const map = inTranscript.length === 0 ? null : meanAveragePrecision(pick(y, inTranscript), pick(z, inTranscript), inTranscript.map((i) => rows[i]!.group!)).map;
    selection.push({ C, f1, map });
    const score = (f1 ?? 0) + (map ?? 0);
    if (best === null || score > best.score) best = { C, z, other, score };
  }
  if (best === null) throw new Error('fitWorthiness: the C grid is empty');
  const z = best.z;
  let context: ContextFit | null = null;
  // The transcripts' calibration reads the final stage's out-of-fold values.
  const final = Float64Array.from(z);
  const lined = inTranscript.filter((i) => rows[i]!.line !== undefined);
  if (s.contextCGrid.length > 0 && lined.length > 0 && lined.length === inTranscript.length) {
    onStep?.('fitting the transcript context stage');
    const transcripts = transcriptsOf(rows, lined, z, best.other, fold);
    context = fitContext(transcripts.map((t) => t.transcript), s.contextCGrid, s.folds, s.seed);
    let k = 0;
    for (const t of transcripts) for (const i of t.members) final[i] = context.outOfFold[k++]!;
  }
  const calibrateOn = (members: number[]): ViewCalibration | null => {
    if (members.length === 0) return null;
    const zc = pick(final, members);
    const yc = pick(y, members);
    const calibrator = fitPlatt(zc, yc);
    return { calibrator, threshold: bestF1Threshold(yc, Float64Array.from(zc, (v) => calibrate(calibrator, v))).threshold };
  };

  onStep?.(`fitting on every row with C=${best.C}`);
  const everyRow = Int32Array.from(rows, (_, i) => i);
  const { w, bias, passes } = fitScaled(X, y, weight, isSingle, everyRow, s, best.C, s.seed);
  return {
    model: {
      settings: s,
      C: best.C,
      weights: Float32Array.from(w),
      bias,
      views: { sentences: calibrateOn(single), transcripts: calibrateOn(inTranscript) },
      context: context?.model ?? null,
    },
    selection,
    passes,
    context: context === null ? null : { selection: context.selection, firstStageMap: context.firstStageMap },
  };
}

/** The transcripts of the training rows, lines in order, with their out-of-fold scores in both views. */
function transcriptsOf(rows: readonly TrainingRow[], lined: number[], z: Float64Array, other: Float64Array, fold: Int32Array): { transcript: Transcript; members: number[] }[] {
  const by = new Map<string, number[]>();
  for (const i of lined) {
    const g = rows[i]!.group!;
    const list = by.get(g);
    if (list === undefined) by.set(g, [i]);
    else list.push(i);
  }
  return [...by.values()].map((members) => {
    members.sort((a, b) => rows[a]!.line!.position - rows[b]!.line!.position);
    const lines: TranscriptLine[] = members.map((i) => {
      const f = rows[i]!.line!;
      return { speaker: f.speaker, score: z[i]!, sentenceScore: other[i]!, question: f.question, tokens: f.tokens };
    });
    return { transcript: { lines, y: Uint8Array.from(members, (i) => rows[i]!.y), fold: fold[members[0]!]! }, members };
  });
}

/** A fit on the listed rows, Naive Bayes scaling computed on those rows only and folded into the weights. */
function fitScaled(X: CsrMatrix, y: Uint8Array, weight: Float64Array, single: Uint8Array, rows: Int32Array, s: WorthinessSettings, C: number, seed: number) {
  const params = { C, tolerance: s.tolerance, maxPasses: s.maxPasses };
  if (s.nbScaling.interpolation === 0) {
    const { weights, report } = fitLogistic(X, y, weight, params, seed, undefined, rows);
    return { w: weights.w, bias: weights.bias, passes: report.passes };
  }
  const width = copyWidth(s);
  const hashed = 1 << s.features.bits;
  // Only the single sentences' own copy is scaled, by their own counts: scaling the shared copy by either
  // kind of label cost the transcripts 0.02 of out-of-fold MAP (BENCHMARKS.md).
  const sentenceCopy = s.domainCopies ? 1 + VIEWS.indexOf('sentences') : 0;
  const singles = rows.filter((r) => single[r] === 1);
  const scale = nbScale(X, y, singles, s.nbScaling, (c) => c % width < hashed && Math.floor(c / width) === sentenceCopy);
  const { weights, report } = fitLogistic(scaleColumns(X, scale), y, weight, params, seed, undefined, rows);
  return { w: foldScale(weights.w, scale), bias: weights.bias, passes: report.passes };
}

/**
 * For each fold, a model fitted on the other folds scores the rows of that fold: `z` in the row's own view,
 * and, for a line of a transcript, `other`: the line read as a single sentence (the second stage's input).
 */
function outOfFoldDecisions(
  X: CsrMatrix,
  rows: readonly TrainingRow[],
  y: Uint8Array,
  weight: Float64Array,
  single: Uint8Array,
  fold: Int32Array,
  s: WorthinessSettings,
  C: number,
): { z: Float64Array; other: Float64Array } {
  const z = new Float64Array(X.rows);
  const other = new Float64Array(X.rows);
  for (const { fold: f, train, test } of foldRows(fold, s.folds)) {
    const { w, bias } = fitScaled(X, y, weight, single, Int32Array.from(train), s, C, s.seed + f);
    const out = decision(X, w, bias, test);
    test.forEach((i, j) => {
      z[i] = out[j]!;
      if (single[i] === 0) other[i] = viewDecision(w, bias, rows[i]!.row, 'sentences', s);
    });
  }
  return { z, other };
}

/** The decision value of a feature row read in a view, without building the view's row. */
function viewDecision(w: ArrayLike<number>, bias: number, row: SparseVector, view: WorthinessView, s: WorthinessSettings): number {
  let z = bias;
  if (!s.domainCopies) {
    for (let k = 0; k < row.idx.length; k++) z += w[row.idx[k]!]! * row.val[k]!;
    return z;
  }
  const width = copyWidth(s);
  const offset = width * (1 + VIEWS.indexOf(view));
  for (let k = 0; k < row.idx.length; k++) z += (w[row.idx[k]!]! + w[row.idx[k]! + offset]!) * row.val[k]!;
  return z + w[offset + width - 1]!;
}

/** The view's calibration, or the other's when the training data had no rows of that kind. */
export function viewCalibration(m: WorthinessModel, view: WorthinessView): ViewCalibration {
  return (m.views[view] ?? m.views[view === 'sentences' ? 'transcripts' : 'sentences'])!;
}

/** The decision value of one sentence's feature row, read in a view. */
export function worthinessDecision(m: WorthinessModel, row: SparseVector, view: WorthinessView): number {
  return viewDecision(m.weights, m.bias, row, view, m.settings);
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

/** One line of a transcript to score: its Doc (the sentence alone) and its speaker. */
export interface LineToScore {
  doc: Doc;
  speaker: string | null;
}

/**
 * Calibrated scores of the lines of one transcript, in speaking order: the first stage in both views,
 * then the context stage over the whole transcript (the first stage alone for a model without one).
 */
export function scoreTranscript(m: WorthinessModel, lines: readonly LineToScore[]): SentenceScore[] {
  const firsts = lines.map(({ doc, speaker }) => {
    const f = sentenceFeatures(doc, 0, doc.tokens.length, m.settings.features);
    const line: TranscriptLine = {
      speaker,
      score: worthinessDecision(m, f.row, 'transcripts'),
      sentenceScore: worthinessDecision(m, f.row, 'sentences'),
      question: isQuestion(doc.text),
      tokens: doc.tokens.length,
    };
    return { line, cues: f.cues };
  });
  const z = m.context === null ? firsts.map((f) => f.line.score) : contextDecisions(m.context, firsts.map((f) => f.line));
  const { calibrator, threshold } = viewCalibration(m, 'transcripts');
  return firsts.map((f, i) => {
    const p = calibrate(calibrator, z[i]!);
    return { p, checkWorthy: p >= threshold, cues: f.cues };
  });
}

/** Whether a sentence asks (ends in a question mark, closing quotes and brackets aside). */
export function isQuestion(text: string): boolean {
  return /\?[\s"'”’)\]]*$/.test(text);
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
