/**
 * The reliability model: hashed n-grams and standardised style measures, a logistic regression,
 * and a calibrator fitted on out-of-fold decision values. Hyper-parameters (`ReliabilitySettings`)
 * are kept apart from what fitting learns (`ReliabilityModel`); `fitReliability` is the only way to
 * get a model, so there is no unfitted model to misuse.
 */
import type { Doc } from '../text/doc.js';
import { countFeatures, DEFAULT_FEATURES, interleavedColumns, linearScore, linearScoreOfCounts, modelColumns, weighFeatures, type ScoreColumns, type BlockCounts, type FeatureSettings, type SparseVector } from '../text/features.js';
import { STYLE_FEATURES, styleFeatures } from '../text/style.js';
import { ColumnTally } from './column-tally.js';
import { designMatrix, styleInto, type StyleScaler } from './design-matrix.js';
import { calibrate, fitIsotonic, fitPlatt, type Calibrator } from './calibration.js';
import { DEFAULT_LOGISTIC, fitLogistic, type LogisticParams } from './logistic.js';
import { decision, type CsrMatrix } from './matrix.js';
import { stratifiedGroupSplit } from './split.js';
import { threadCount, WorkerPool } from '../parallel/pool.js';
import { rankAuc } from './ranking.js';
import { columnMoments } from './standardise.js';

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
  logistic: LogisticParams;
  /**
   * Calibration: a share of the rows (`holdout`, grouped and stratified) is scored by a model fitted on
   * the rest; the calibrator is fitted on those scores, and the final model on every row.
   */
  calibration: { method: 'platt' | 'isotonic'; holdout: number };
  /** Candidate values of C, chosen by ROC-AUC on the calibration holdout; empty = logistic.C. */
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
  logistic: DEFAULT_LOGISTIC,
  calibration: { method: 'platt', holdout: 0.2 },
  selection: { C: [] },
  balance: 'source-class',
  ensemble: 0,
  bands: { reliableBelow: 0.35, unreliableAbove: 0.65 },
};

export type { StyleScaler };

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

export async function fitReliability(
  rows: readonly TrainingRow[],
  settings: ReliabilitySettings,
  progress?: FitProgress,
): Promise<{ model: ReliabilityModel; report: FitReport }> {
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
  const { model, report } = await fitFromCounts(counts, raw, rows, settings, { progress });
  return { model, report: { ...report, seconds: (performance.now() - t0) / 1000 } };
}

/** How `fitFromCounts` runs. */
export interface FitOptions {
  progress?: FitProgress;
  /** Worker threads for the fits (default: every core); 1 = in-process. */
  threads?: number;
  /**
   * The rows' column frequencies, when they were tallied already (as `featurise` delivered the rows):
   * then they are not counted again. It must hold exactly these rows, counted for these feature settings.
   */
  tally?: ColumnTally;
}

/**
 * Fitting from features already counted (`countFeatures` and `styleFeatures` of each row's Doc, with
 * `settings.features`): what `fitReliability` does after its feature pass. Experiments that try many
 * hyper-parameters on the same rows count once. The fits run on worker threads when there are cores
 * to spare, in-process otherwise; the result is the same.
 */
export async function fitFromCounts(
  counts: readonly BlockCounts[],
  raw: readonly Float64Array[],
  rows: readonly Pick<TrainingRow, 'y' | 'source' | 'group'>[],
  settings: ReliabilitySettings,
  options: FitOptions = {},
): Promise<{ model: ReliabilityModel; report: FitReport }> {
  const { progress, threads = threadCount(), tally } = options;
  const t0 = performance.now();
  const n = rows.length;
  if (n < 4) throw new RangeError(`need at least 4 labelled articles to train, got ${n}`);
  const y = Uint8Array.from(rows, (r) => r.y);
  const sw = sampleWeights(rows, settings.balance);

  // The column weighting (IDF, min-df) and the style scaler use no label, so they are fitted once on all
  // rows and shared by every fit: each row is weighed once, and the fits take row subsets.
  if (tally !== undefined && (tally.rows !== counts.length || !tally.fits(settings.features))) {
    throw new RangeError(`column tally of ${tally.rows} rows does not match the ${counts.length} rows and feature settings being fitted`);
  }
  const freq = tally ?? ColumnTally.of(counts, settings.features);
  const prep: Preprocessing = { idf: fitIdf(freq.df, n, settings), style: fitScaler(raw) };
  const pool = threads > 1 && n >= 1000 ? WorkerPool.shared(threads) : null;
  const { matrix: X, columns } = await designMatrix(
    { counts, raw, features: settings.features, idf: prep.idf, style: prep.style, styleWeight: settings.styleWeight, occurrences: freq.occurrences },
    pool,
  );
  const sourceNames = [...new Set(rows.map((r) => r.source))];
  const sources = Int32Array.from(rows, (r) => sourceNames.indexOf(r.source));
  const held = stratifiedGroupSplit(y, Int32Array.from(rows, (r) => r.group), settings.calibration.holdout, settings.seed);
  const calTrain: number[] = [];
  const calTest: number[] = [];
  for (let i = 0; i < n; i++) (held[i] === 1 ? calTest : calTrain).push(i);
  const all = Int32Array.from({ length: n }, (_, i) => i);

  const candidates = settings.selection.C.length > 0 ? settings.selection.C : [settings.logistic.C];
  const runner = FitRunner.open(X, y, sw, sources, threads);
  let fitsDone = 0;
  const total = candidates.length + 1;
  const fit = (which: Int32Array, C: number): Promise<FittedWeights> =>
    runner.fit(which, { ...settings, logistic: { ...settings.logistic, C } }).then((r) => {
      progress?.('fit', ++fitsDone, total);
      return r;
    });
  // A model per candidate C on the calibration rows; with one candidate, the final model is fitted
  // at the same time.
  const [calFits, early] = await Promise.all([
    Promise.all(candidates.map((C) => fit(Int32Array.from(calTrain), C))),
    candidates.length === 1 ? fit(all, candidates[0]!) : undefined,
  ]);
  const calY = calTest.map((i) => y[i]!);
  const scored = calFits.map((f, j) => {
    const z = decision(X, f.w, f.bias, calTest);
    return { C: candidates[j]!, z, auc: rankAuc(calY, z) ?? 0.5 };
  });
  const best = scored.reduce((a, b) => (b.auc > a.auc ? b : a));
  const calW = calTest.map((i) => sw[i]!);
  const calibrator = settings.calibration.method === 'platt' ? fitPlatt(best.z, calY, calW) : fitIsotonic(best.z, calY, calW);
  const final = early ?? (await fit(all, best.C));
  const chosen = { ...settings, logistic: { ...settings.logistic, C: best.C } };
  const weights = new Float32Array(columnCount(settings.features));
  for (let j = 0; j < columns.length; j++) weights[columns[j]!] = final.w[j]!;
  const model: ReliabilityModel = { settings: chosen, weights, bias: final.bias, idf: prep.idf, style: prep.style, calibrator };
  return { model, report: { iterations: final.passes, converged: final.converged, seconds: (performance.now() - t0) / 1000 } };
}

export interface FittedWeights {
  w: Float64Array;
  bias: number;
  passes: number;
  converged: boolean;
}

/**
 * Runs fits of one design matrix: on worker threads when a pool can be opened (the matrix lives in
 * shared memory, so only row lists and weights travel), in-process otherwise.
 */
class FitRunner {
  private constructor(
    private readonly X: CsrMatrix,
    private readonly y: Uint8Array,
    private readonly sw: Float64Array,
    private readonly sources: Int32Array,
    private readonly pool: WorkerPool | null,
  ) {}

  static open(X: CsrMatrix, y: Uint8Array, sw: Float64Array, sources: Int32Array, threads: number): FitRunner {
    const shared = X.indices.buffer instanceof SharedArrayBuffer;
    return new FitRunner(X, y, sw, sources, shared && X.rows >= 1000 ? WorkerPool.shared(threads) : null);
  }

  fit(which: Int32Array, settings: ReliabilitySettings): Promise<FittedWeights> {
    if (this.pool === null) return Promise.resolve(fitRows(this.X, which, this.y, this.sw, this.sources, settings));
    return this.pool.run<FittedWeights>({ kind: 'fit', X: this.X, which, y: this.y, sw: this.sw, sources: this.sources, settings });
  }

}

/** One fit of the listed rows: what a worker's 'fit' job runs. */
export function fitRows(
  X: CsrMatrix,
  which: Int32Array,
  y: Uint8Array,
  sw: Float64Array,
  sources: Int32Array,
  settings: ReliabilitySettings,
): FittedWeights {
  const r = fitWeights(X, Array.from(which), y, sw, sources, settings);
  return { w: r.weights.w, bias: r.weights.bias, passes: r.report.passes, converged: r.report.converged };
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

/** Smoothed IDF, ln((1 + n) / (1 + df)) + 1 as scikit-learn's, and 0 for columns seen in fewer than minDf rows. */
function fitIdf(df: Int32Array, n: number, settings: ReliabilitySettings): Float32Array | undefined {
  if (!settings.idf && settings.minDf <= 1) return undefined;
  const idf = new Float32Array(df.length);
  for (let i = 0; i < df.length; i++) {
    if (df[i]! < settings.minDf) continue;
    idf[i] = settings.idf ? Math.log((1 + n) / (1 + df[i]!)) + 1 : 1;
  }
  return idf;
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
  for (let j = 0; j < m; j++) idx[h.idx.length + j] = base + j;
  styleInto(raw, style, settings.styleWeight, val, h.idx.length);
  return { idx, val };
}

function fitScaler(raw: readonly Float64Array[]): StyleScaler {
  return columnMoments(raw, STYLE_FEATURES.length);
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

/**
 * The uncalibrated decision value (log-odds of "unreliable" before calibration): the model's row of the
 * Doc is weighed as it is counted, never made.
 */
export function decisionValue(model: ReliabilityModel, doc: Doc, columns: ScoreColumns = columnsOf(model)): number {
  const z = model.bias + linearScore(doc, model.settings.features, columns);
  return model.settings.styleWeight === 0 ? z : z + styleScore(model, styleFeatures(doc));
}

const COLUMNS = new WeakMap<ReliabilityModel, ScoreColumns>();

/** The model's own arrays as score columns (made once per model). */
function columnsOf(model: ReliabilityModel): ScoreColumns {
  let c = COLUMNS.get(model);
  if (c === undefined) {
    c = modelColumns(model.idf, model.weights);
    COLUMNS.set(model, c);
  }
  return c;
}

/** The model's hashed columns in one interleaved table, for scoring a corpus (`decisionValue`'s `columns`). */
export function corpusColumns(model: ReliabilityModel): ScoreColumns {
  return interleavedColumns(model.idf, model.weights, 1 << model.settings.features.bucketsLog2);
}

/** The decision value from a Doc's counted features (`countFeatures` with the model's feature settings); the same as `decisionValue`'s. */
export function decisionFromCounts(model: ReliabilityModel, counts: BlockCounts, raw: Float64Array): number {
  const z = model.bias + linearScoreOfCounts(counts, model.settings.features, columnsOf(model));
  return model.settings.styleWeight === 0 ? z : z + styleScore(model, raw);
}

const styleRow = new Float32Array(STYLE_FEATURES.length);

function styleScore(model: ReliabilityModel, raw: Float64Array): number {
  const base = 1 << model.settings.features.bucketsLog2;
  styleInto(raw, model.style, model.settings.styleWeight, styleRow, 0);
  let z = 0;
  for (let j = 0; j < raw.length; j++) z += model.weights[base + j]! * styleRow[j]!;
  return z;
}

export function pUnreliable(model: ReliabilityModel, doc: Doc, columns?: ScoreColumns): number {
  return calibrate(model.calibrator, decisionValue(model, doc, columns));
}

export function pUnreliableFromCounts(model: ReliabilityModel, counts: BlockCounts, raw: Float64Array): number {
  return calibrate(model.calibrator, decisionFromCounts(model, counts, raw));
}

export type Band = 'likely reliable' | 'uncertain' | 'likely unreliable';

export function bandOf(model: ReliabilityModel, p: number): Band {
  const { reliableBelow, unreliableAbove } = model.settings.bands;
  return p < reliableBelow ? 'likely reliable' : p > unreliableAbove ? 'likely unreliable' : 'uncertain';
}
