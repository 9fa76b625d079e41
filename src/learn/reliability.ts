/**
 * The reliability model: hashed n-grams and standardised style measures, a logistic regression,
 * and a calibrator fitted on out-of-fold decision values. Hyper-parameters (`ReliabilitySettings`)
 * are kept apart from what fitting learns (`ReliabilityModel`); `fitReliability` is the only way to
 * get a model, so there is no unfitted model to misuse.
 */
import type { Doc } from '../text/doc.js';
import { countFeatures, DEFAULT_FEATURES, weighFeatures, type BlockCounts, type FeatureSettings, type SparseVector } from '../text/features.js';
import { STYLE_FEATURES, styleFeatures } from '../text/style.js';
import { calibrate, fitIsotonic, fitPlatt, type Calibrator } from './calibration.js';
import { DEFAULT_LOGISTIC, fitLogistic, type LogisticParams } from './logistic.js';
import { csrFromRows, decision, type CsrMatrix } from './matrix.js';
import { stratifiedGroupKFold } from './split.js';
import { rankAuc } from './ranking.js';

export type Balance = 'none' | 'class' | 'source-class';

export interface ReliabilitySettings {
  seed: number;
  features: FeatureSettings;
  /** Weight of the standardised style block (0 = no style features). */
  styleWeight: number;
  /** Weigh n-grams by smoothed inverse document frequency, fitted on the training rows. */
  idf: boolean;
  /** Hashed columns seen in fewer training documents than this make no feature. */
  minDf: number;
  /**
   * Keep only n-grams whose direction (more frequent in unreliable or in reliable articles) agrees in
   * at least this many training sources and disagrees in none: topic words of one corpus are dropped.
   * 0 = off. Has no effect when the training rows come from fewer sources.
   */
  stableSources: number;
  logistic: LogisticParams;
  /**
   * Out-of-fold calibration over `folds` grouped folds; the final weights are refitted on all rows
   * (`refit`) or are the mean of the fold models (`average`, one fit fewer).
   */
  calibration: { method: 'platt' | 'isotonic'; folds: number; bySource: boolean; final: 'refit' | 'average' };
  /** Candidate values of C, chosen by out-of-fold ROC-AUC on the calibration folds; empty = logistic.C. */
  selection: { C: number[] };
  /** How rows are weighted: equal classes, or equal (source, class) cells so no corpus dominates. */
  balance: Balance;
  /**
   * Share of the per-source models in the final weights: 0 = one logistic regression on all rows (pooled);
   * 1 = one logistic regression per training source, their weights averaged; in between, a weighted mean
   * of the pooled model and that average. Always one linear model, so explanations stay exact. A corpus's
   * own topic words are diluted by the models of the other corpora, while what they agree on adds up.
   */
  ensemble: number;
  /** pUnreliable below `reliableBelow` is "likely reliable", above `unreliableAbove` "likely unreliable". */
  bands: { reliableBelow: number; unreliableAbove: number };
}

export const DEFAULT_RELIABILITY: ReliabilitySettings = {
  seed: 1,
  features: DEFAULT_FEATURES,
  styleWeight: 0,
  idf: true,
  minDf: 2,
  stableSources: 0,
  logistic: DEFAULT_LOGISTIC,
  calibration: { method: 'platt', folds: 3, bySource: false, final: 'average' },
  selection: { C: [] },
  balance: 'source-class',
  ensemble: 0,
  bands: { reliableBelow: 0.35, unreliableAbove: 0.65 },
};

export interface StyleScaler {
  mean: Float64Array;
  sd: Float64Array;
}

export interface ReliabilityModel {
  settings: ReliabilitySettings;
  /** One weight per column: 2^bucketsLog2 hashed columns, then one per style feature. */
  weights: Float32Array;
  bias: number;
  /** Per hashed column: IDF, 0 where the column was too rare; absent when settings.idf is off and minDf ≤ 1. */
  idf: Float32Array | undefined;
  style: StyleScaler;
  calibrator: Calibrator;
}

/** What fitting learns besides the weights: the column weighting and the style scaler. */
interface Preprocessing {
  idf: Float32Array | undefined;
  style: StyleScaler;
}

/** One labelled training article. `source` names its corpus; `group` ties near-duplicates together. */
export interface TrainingRow {
  doc: Doc;
  /** 1 = unreliable. */
  y: 0 | 1;
  source: string;
  group: number;
}

export interface FitProgress {
  (stage: string, done: number, total: number): void;
}

export interface FitReport {
  iterations: number;
  converged: boolean;
  seconds: number;
}

export function columnCount(f: FeatureSettings): number {
  return (1 << f.bucketsLog2) + STYLE_FEATURES.length;
}

export function fitReliability(
  rows: readonly TrainingRow[],
  settings: ReliabilitySettings,
  progress?: FitProgress,
): { model: ReliabilityModel; report: FitReport } {
  const t0 = performance.now();
  const n = rows.length;
  if (n < 4) throw new RangeError(`need at least 4 labelled articles to train, got ${n}`);
  const counts: BlockCounts[] = [];
  const raw: Float64Array[] = [];
  rows.forEach((r, i) => {
    counts.push(countFeatures(r.doc, settings.features));
    raw.push(settings.styleWeight === 0 ? NO_STYLE : styleFeatures(r.doc));
    if (progress && (i % 500 === 0 || i === n - 1)) progress('features', i + 1, n);
  });
  const { model, report } = fitFromCounts(counts, raw, rows, settings, progress);
  return { model, report: { ...report, seconds: (performance.now() - t0) / 1000 } };
}

/**
 * Fitting from features already counted (`countFeatures` and `styleFeatures` of each row's Doc, with
 * `settings.features`): what `fitReliability` does after its feature pass. Experiments that try many
 * hyper-parameters on the same rows count once.
 */
export function fitFromCounts(
  counts: readonly BlockCounts[],
  raw: readonly Float64Array[],
  rows: readonly Pick<TrainingRow, 'y' | 'source' | 'group'>[],
  settings: ReliabilitySettings,
  progress?: FitProgress,
): { model: ReliabilityModel; report: FitReport } {
  const t0 = performance.now();
  const n = rows.length;
  if (n < 4) throw new RangeError(`need at least 4 labelled articles to train, got ${n}`);
  const y = Uint8Array.from(rows, (r) => r.y);
  const sw = sampleWeights(rows, settings.balance);

  // The column weighting (IDF, min-df) and the style scaler use no label, so they are fitted once on all
  // rows and shared by the calibration folds: every row is weighed once, and the folds are row subsets.
  const prep: Preprocessing = { idf: fitIdf(counts, y, rows.map((r) => r.source), settings), style: fitScaler(raw) };
  const { matrix: X, columns } = compactColumns(
    csrFromRows(
      counts.map((c, i) => vectorOf(c, raw[i]!, prep, settings)),
      columnCount(settings.features),
    ),
  );

  const sourceNames = [...new Set(rows.map((r) => r.source))];
  const sources = Int32Array.from(rows, (r) => sourceNames.indexOf(r.source));
  const folds = calibrationFolds(y, Int32Array.from(rows, (r) => r.group), sources, sourceNames.length, settings);
  const k = Math.max(...folds) + 1;
  const testRows: number[][] = Array.from({ length: k }, () => []);
  const trainRows: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) for (let f = 0; f < k; f++) (folds[i] === f ? testRows : trainRows)[f]!.push(i);

  // For each candidate C, fit the fold models; keep the C whose out-of-fold scores rank best.
  const candidates = settings.selection.C.length > 0 ? settings.selection.C : [settings.logistic.C];
  let best: FoldFits | undefined;
  let fitsDone = 0;
  for (const C of candidates) {
    const at = { ...settings, logistic: { ...settings.logistic, C } };
    const fits = foldFits(X, y, sw, sources, testRows, trainRows, at, () => progress?.('cross-validation', ++fitsDone, candidates.length * k));
    if (best === undefined || fits.score > best.score) best = fits;
  }
  const { oof, average, averageBias, C: chosenC } = best!;
  let { passes, converged } = best!;
  const calibrator = settings.calibration.method === 'platt' ? fitPlatt(oof, y, sw) : fitIsotonic(oof, y, sw);

  // The final weights: refitted on every row, or the mean of the fold models (each saw all rows but
  // its fold's; one fit fewer, and still one linear model).
  const chosen = { ...settings, logistic: { ...settings.logistic, C: chosenC } };
  let final: { w: Float64Array; bias: number } = { w: average, bias: averageBias };
  if (settings.calibration.final === 'refit') {
    const full = fitWeights(X, null, y, sw, sources, chosen, (it) => progress?.('fit', it, settings.logistic.maxPasses));
    final = full.weights;
    passes = full.report.passes;
    converged = full.report.converged;
  }
  const weights = new Float32Array(columnCount(settings.features));
  for (let j = 0; j < columns.length; j++) weights[columns[j]!] = final.w[j]!;
  const model: ReliabilityModel = {
    settings: chosen,
    weights,
    bias: final.bias,
    idf: prep.idf,
    style: prep.style,
    calibrator,
  };
  return { model, report: { iterations: passes, converged, seconds: (performance.now() - t0) / 1000 } };
}

interface FoldFits {
  C: number;
  /** Mean ROC-AUC of the folds' held-out rows. */
  score: number;
  oof: Float64Array;
  average: Float64Array;
  averageBias: number;
  passes: number;
  converged: boolean;
}

/**
 * Cross-validation folds for model selection and calibration. With rows from several sources, one fold
 * per source: every out-of-fold score then comes from a model that never saw that corpus, so C is chosen,
 * and probabilities are calibrated, for news from elsewhere. With one source, grouped stratified k-fold.
 */
function calibrationFolds(y: Uint8Array, groups: Int32Array, sources: Int32Array, sourceCount: number, settings: ReliabilitySettings): Int32Array {
  if (settings.calibration.bySource && sourceCount >= 2) return Int32Array.from(sources);
  const k = Math.min(settings.calibration.folds, new Set(groups).size);
  return stratifiedGroupKFold(y, groups, k, settings.seed);
}

function foldFits(
  X: CsrMatrix,
  y: Uint8Array,
  sw: Float64Array,
  sources: Int32Array,
  testRows: number[][],
  trainRows: number[][],
  settings: ReliabilitySettings,
  onFit: () => void,
): FoldFits {
  const k = testRows.length;
  const oof = new Float64Array(X.rows);
  const average = new Float64Array(X.cols);
  let averageBias = 0;
  let passes = 0;
  let converged = true;
  let score = 0;
  for (let f = 0; f < k; f++) {
    const part = fitWeights(X, trainRows[f]!, y, sw, sources, settings);
    const test = testRows[f]!;
    const z = decision(X, part.weights.w, part.weights.bias, test);
    test.forEach((i, j) => (oof[i] = z[j]!));
    score += (rankAuc(test.map((i) => y[i]!), z) ?? 0.5) / k;
    for (let j = 0; j < average.length; j++) average[j] = average[j]! + part.weights.w[j]! / k;
    averageBias += part.weights.bias / k;
    passes = Math.max(passes, part.report.passes);
    converged &&= part.report.converged;
    onFit();
  }
  return { C: settings.logistic.C, score, oof, average, averageBias, passes, converged };
}

/** The logistic regression (or the average of one per source) on the rows listed (all when null). */
function fitWeights(
  X: CsrMatrix,
  which: number[] | null,
  y: Uint8Array,
  sw: Float64Array,
  sources: Int32Array,
  settings: ReliabilitySettings,
  onPass?: (pass: number) => void,
): { weights: { w: Float64Array; bias: number }; report: { passes: number; converged: boolean } } {
  const all = which ?? Array.from({ length: X.rows }, (_, i) => i);
  const mix = settings.ensemble;
  const groups: number[][] = [];
  if (mix > 0) for (const i of all) (groups[sources[i]!] ??= []).push(i);
  const parts = groups.filter((g) => g !== undefined && g.length > 0);
  const pooled = (): ReturnType<typeof fitLogistic> => fitLogistic(X, y, sw, settings.logistic, settings.seed, onPass, which ?? undefined);
  if (parts.length < 2) return pooled();
  const w = new Float64Array(X.cols);
  let bias = 0;
  let passes = 0;
  let converged = true;
  const add = (r: ReturnType<typeof fitLogistic>, share: number): void => {
    for (let j = 0; j < w.length; j++) w[j] = w[j]! + share * r.weights.w[j]!;
    bias += share * r.weights.bias;
    passes = Math.max(passes, r.report.passes);
    converged &&= r.report.converged;
  };
  if (mix < 1) add(pooled(), 1 - mix);
  for (const g of parts) add(fitLogistic(X, y, sw, settings.logistic, settings.seed, onPass, g), mix / parts.length);
  return { weights: { w, bias }, report: { passes, converged } };
}

/**
 * The same matrix over only the columns that occur, renumbered from the most to the least frequent:
 * the solver's weight vector shrinks from 2^20 cells to the used ones and the hot ones share cache lines.
 * `columns[j]` is the original column of new column j. Same solution, faster.
 */
function compactColumns(X: CsrMatrix): { matrix: CsrMatrix; columns: Int32Array } {
  const freq = new Int32Array(X.cols);
  for (let k = 0; k < X.indices.length; k++) freq[X.indices[k]!]!++;
  let used = 0;
  for (let c = 0; c < X.cols; c++) if (freq[c]! > 0) used++;
  const columns = new Int32Array(used);
  used = 0;
  for (let c = 0; c < X.cols; c++) if (freq[c]! > 0) columns[used++] = c;
  // Sorted by (frequency desc, column asc) through one numeric key: a typed sort with no comparator.
  const key = new Float64Array(used);
  for (let j = 0; j < used; j++) key[j] = (X.rows - freq[columns[j]!]!) * 4294967296 + columns[j]!;
  key.sort();
  for (let j = 0; j < used; j++) columns[j] = key[j]! % 4294967296;
  const remap = new Int32Array(X.cols);
  for (let j = 0; j < columns.length; j++) remap[columns[j]!] = j;
  const indices = new Int32Array(X.indices.length);
  for (let k = 0; k < indices.length; k++) indices[k] = remap[X.indices[k]!]!;
  return { matrix: { rows: X.rows, cols: columns.length, indptr: X.indptr, indices, values: X.values }, columns };
}

/** Smoothed IDF, ln((1 + n) / (1 + df)) + 1 as scikit-learn's; 0 for columns under minDf or unstable. */
function fitIdf(
  counts: readonly BlockCounts[],
  y: ArrayLike<number>,
  sources: readonly string[],
  settings: ReliabilitySettings,
): Float32Array | undefined {
  const names = [...new Set(sources)];
  const stability = settings.stableSources > 0 && names.length >= settings.stableSources;
  if (!settings.idf && settings.minDf <= 1 && !stability) return undefined;
  const size = 1 << settings.features.bucketsLog2;
  const df = new Int32Array(size);
  // Per (source, class) document frequencies, for the stability test.
  const cells = stability ? names.length * 2 : 0;
  const cellDf = Array.from({ length: cells }, () => new Int32Array(size));
  const cellN = new Int32Array(cells);
  const sourceIndex = new Map(names.map((n, i) => [n, i]));
  const seen = new Int32Array(size).fill(-1);
  counts.forEach((c, d) => {
    const cell = stability ? sourceIndex.get(sources[d]!)! * 2 + (y[d] === 1 ? 1 : 0) : -1;
    if (cell >= 0) cellN[cell] = cellN[cell]! + 1;
    for (const block of [c.word, c.title, c.char, c.shape]) {
      for (let j = 0; j < block.idx.length; j++) {
        const i = block.idx[j]!;
        if (seen[i] === d) continue;
        seen[i] = d;
        df[i] = df[i]! + 1;
        if (cell >= 0) cellDf[cell]![i] = cellDf[cell]![i]! + 1;
      }
    }
  });
  const n = counts.length;
  const idf = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    if (df[i]! < settings.minDf) continue;
    if (stability && !isStable(i, names.length, cellDf, cellN, settings.stableSources)) continue;
    idf[i] = settings.idf ? Math.log((1 + n) / (1 + df[i]!)) + 1 : 1;
  }
  return idf;
}

/** The column's smoothed log-odds of appearing in unreliable vs reliable articles agrees in sign across sources. */
function isStable(i: number, sources: number, cellDf: Int32Array[], cellN: Int32Array, needed: number): boolean {
  let pos = 0;
  let neg = 0;
  for (let s = 0; s < sources; s++) {
    const d0 = cellDf[2 * s]![i]!;
    const d1 = cellDf[2 * s + 1]![i]!;
    if (d0 + d1 < 3) continue;
    const lo = Math.log((d1 + 0.5) / (cellN[2 * s + 1]! + 1)) - Math.log((d0 + 0.5) / (cellN[2 * s]! + 1));
    if (lo > 0) pos++;
    else if (lo < 0) neg++;
  }
  return (pos >= needed && neg === 0) || (neg >= needed && pos === 0);
}

/** The model's input row: weighted hashed columns, then the standardised style block. */
export function vectorOf(counts: BlockCounts, raw: Float64Array, prep: Preprocessing, settings: ReliabilitySettings): SparseVector {
  const h = weighFeatures(counts, settings.features, prep.idf);
  if (settings.styleWeight === 0) return h;
  const { style } = prep;
  const base = 1 << settings.features.bucketsLog2;
  const m = raw.length;
  const idx = new Int32Array(h.idx.length + m);
  const val = new Float32Array(h.idx.length + m);
  idx.set(h.idx);
  val.set(h.val);
  for (let j = 0; j < m; j++) {
    idx[h.idx.length + j] = base + j;
    // Clipped so one extreme article cannot dominate its own score.
    val[h.idx.length + j] = settings.styleWeight * Math.max(-4, Math.min(4, (raw[j]! - style.mean[j]!) / style.sd[j]!));
  }
  return { idx, val };
}

function fitScaler(raw: readonly Float64Array[]): StyleScaler {
  const m = STYLE_FEATURES.length;
  const mean = new Float64Array(m);
  const sd = new Float64Array(m);
  for (const r of raw) for (let j = 0; j < m; j++) mean[j] = mean[j]! + r[j]! / raw.length;
  for (const r of raw) for (let j = 0; j < m; j++) sd[j] = sd[j]! + (r[j]! - mean[j]!) ** 2 / raw.length;
  for (let j = 0; j < m; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  return { mean, sd };
}

/** Row weights with mean 1. */
export function sampleWeights(rows: readonly Pick<TrainingRow, 'y' | 'source'>[], balance: Balance): Float64Array {
  const n = rows.length;
  const w = new Float64Array(n).fill(1);
  if (balance === 'none') return w;
  const cell = (r: Pick<TrainingRow, 'y' | 'source'>): string => (balance === 'class' ? String(r.y) : `${r.source}\u0000${r.y}`);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(cell(r), (counts.get(cell(r)) ?? 0) + 1);
  const cells = counts.size;
  rows.forEach((r, i) => (w[i] = n / (cells * counts.get(cell(r))!)));
  return w;
}

const NO_STYLE = new Float64Array(STYLE_FEATURES.length);

/** The uncalibrated decision value (log-odds of "unreliable" before calibration). */
export function decisionValue(model: ReliabilityModel, doc: Doc): number {
  const raw = model.settings.styleWeight === 0 ? NO_STYLE : styleFeatures(doc);
  return decisionFromCounts(model, countFeatures(doc, model.settings.features), raw);
}

/** The decision value from a Doc's counted features (`countFeatures` with the model's feature settings). */
export function decisionFromCounts(model: ReliabilityModel, counts: BlockCounts, raw: Float64Array): number {
  const v = vectorOf(counts, raw, model, model.settings);
  let z = model.bias;
  for (let k = 0; k < v.idx.length; k++) z += model.weights[v.idx[k]!]! * v.val[k]!;
  return z;
}

export function pUnreliable(model: ReliabilityModel, doc: Doc): number {
  return calibrate(model.calibrator, decisionValue(model, doc));
}

export function pUnreliableFromCounts(model: ReliabilityModel, counts: BlockCounts, raw: Float64Array): number {
  return calibrate(model.calibrator, decisionFromCounts(model, counts, raw));
}

export type Band = 'likely reliable' | 'uncertain' | 'likely unreliable';

export function bandOf(model: ReliabilityModel, p: number): Band {
  const { reliableBelow, unreliableAbove } = model.settings.bands;
  return p < reliableBelow ? 'likely reliable' : p > unreliableAbove ? 'likely unreliable' : 'uncertain';
}
