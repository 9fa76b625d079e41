/**
 * Binary classification metrics. Labels are 0 = reliable, 1 = unreliable (the positive class);
 * predictions are probabilities of class 1. A row is called unreliable when p >= threshold: the same
 * rule each point of `rocCurve` uses, so a reported threshold can be read off the curve.
 * Where a ratio has a zero denominator the result is 0 (scikit-learn's `zero_division=0`), never NaN.
 */
import { ascendingOrder, rankAuc, tieEnd } from '../learn/ranking.js';
import { LABELS, type Label } from '../article/article.js';

/** Gold labels: 0 = reliable, 1 = unreliable. */
export type BinaryLabels = ArrayLike<number>;
/** Predicted probability of class 1 (unreliable), each in [0, 1]. */
export type Probabilities = ArrayLike<number>;

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Rows of this class in the gold labels. */
  support: number;
}

export interface Confusion {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}

export interface BinaryMetrics {
  n: number;
  accuracy: number;
  /** Mean recall over the classes present in the gold labels. */
  balancedAccuracy: number;
  /** Null when the gold labels hold only one class: there is no pair to rank. */
  rocAuc: number | null;
  /** F1 of the positive class (unreliable). */
  f1: number;
  /** Mean F1 over the classes present in the gold labels or the predictions. */
  macroF1: number;
  perClass: Record<Label, ClassMetrics>;
  /** Mean squared error of the probabilities. */
  brier: number;
  /** Expected calibration error over 10 equal-width bins, weighted by bin count. */
  ece: number;
  confusion: Confusion;
}

export interface RocPoint {
  fpr: number;
  tpr: number;
  /** Rows with p >= threshold are called positive; the first point, (0, 0), has threshold Infinity. */
  threshold: number;
}

export interface CalibrationBin {
  /** The bin is [lower, upper); the last bin also holds p = 1. */
  lower: number;
  upper: number;
  meanPredicted: number;
  fractionPositive: number;
  count: number;
}

export interface MeanSd {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); null for a single value. */
  sd: number | null;
}

const ECE_BINS = 10;

export function binaryMetrics(y: BinaryLabels, p: Probabilities, threshold = 0.5): BinaryMetrics {
  checkInputs(y, p);
  checkThreshold(threshold);
  const n = y.length;
  const confusion = countConfusion(y, p, threshold);
  const { tn, fp, fn, tp } = confusion;

  const unreliable = classMetrics(tp, fp, fn);
  const reliable = classMetrics(tn, fn, fp);
  const perClass: Record<Label, ClassMetrics> = { reliable, unreliable };

  const predicted: Record<Label, number> = { reliable: tn + fn, unreliable: tp + fp };
  const inGold = LABELS.filter((l) => perClass[l].support > 0);
  const inGoldOrPredicted = LABELS.filter((l) => perClass[l].support > 0 || predicted[l] > 0);

  let brier = 0;
  for (let i = 0; i < n; i++) brier += (p[i]! - y[i]!) ** 2;

  return {
    n,
    accuracy: (tp + tn) / n,
    balancedAccuracy: mean(inGold.map((l) => perClass[l].recall)),
    rocAuc: rankAuc(y, p),
    f1: unreliable.f1,
    macroF1: mean(inGoldOrPredicted.map((l) => perClass[l].f1)),
    perClass,
    brier: brier / n,
    ece: calibrationError(binCalibration(y, p, ECE_BINS)),
    confusion,
  };
}

export function confusionAt(y: BinaryLabels, p: Probabilities, threshold = 0.5): Confusion {
  checkInputs(y, p);
  checkThreshold(threshold);
  return countConfusion(y, p, threshold);
}

/**
 * Area under the ROC curve by the rank-sum (Mann–Whitney U) statistic, with tied scores given their
 * average rank: exactly the probability that a random positive outranks a random negative, ties counting half.
 */
export function rocAuc(y: BinaryLabels, p: Probabilities): number | null {
  checkInputs(y, p);
  return rankAuc(y, p);
}

/**
 * The ROC curve from (0, 0) to (1, 1), one point per distinct score, with points that lie on a straight
 * segment between their neighbours dropped (they change neither the drawing nor the area).
 * Null when the gold labels hold only one class.
 */
export function rocCurve(y: BinaryLabels, p: Probabilities): RocPoint[] | null {
  checkInputs(y, p);
  const order = ascendingOrder(p).reverse();
  const fps = [0];
  const tps = [0];
  const thresholds = [Infinity];
  let fp = 0;
  let tp = 0;
  for (let start = 0; start < order.length; ) {
    const end = tieEnd(order, p, start);
    for (let j = start; j < end; j++) {
      if (y[order[j]!] === 1) tp++;
      else fp++;
    }
    fps.push(fp);
    tps.push(tp);
    thresholds.push(p[order[start]!]!);
    start = end;
  }
  if (tp === 0 || fp === 0) return null;

  const points: RocPoint[] = [];
  const last = fps.length - 1;
  for (let i = 0; i <= last; i++) {
    const collinear =
      i > 0 &&
      i < last &&
      (fps[i]! - fps[i - 1]!) * (tps[i + 1]! - tps[i]!) === (tps[i]! - tps[i - 1]!) * (fps[i + 1]! - fps[i]!);
    if (!collinear) points.push({ fpr: fps[i]! / fp, tpr: tps[i]! / tp, threshold: thresholds[i]! });
  }
  return points;
}

/** Reliability diagram: equal-width bins over [0, 1]; empty bins are left out. */
export function calibrationBins(y: BinaryLabels, p: Probabilities, bins = ECE_BINS): CalibrationBin[] {
  checkInputs(y, p);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  return binCalibration(y, p, bins);
}

function binCalibration(y: BinaryLabels, p: Probabilities, bins: number): CalibrationBin[] {
  const count = new Float64Array(bins);
  const sumPredicted = new Float64Array(bins);
  const positives = new Float64Array(bins);
  for (let i = 0; i < y.length; i++) {
    const b = Math.min(bins - 1, Math.floor(p[i]! * bins));
    count[b]!++;
    sumPredicted[b]! += p[i]!;
    positives[b]! += y[i]!;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const c = count[b]!;
    if (c === 0) continue;
    out.push({
      lower: b / bins,
      upper: (b + 1) / bins,
      meanPredicted: sumPredicted[b]! / c,
      fractionPositive: positives[b]! / c,
      count: c,
    });
  }
  return out;
}

/** Expected calibration error: the count-weighted mean gap between predicted and observed rate per bin. */
export function expectedCalibrationError(y: BinaryLabels, p: Probabilities, bins = ECE_BINS): number {
  return calibrationError(calibrationBins(y, p, bins));
}

/** ECE of bins already made (as `calibrationBins` returns them). */
export function calibrationError(bins: readonly Pick<CalibrationBin, 'meanPredicted' | 'fractionPositive' | 'count'>[]): number {
  let total = 0;
  let weighted = 0;
  for (const b of bins) {
    total += b.count;
    weighted += b.count * Math.abs(b.fractionPositive - b.meanPredicted);
  }
  return total === 0 ? 0 : weighted / total;
}

/** Mean and sample standard deviation, e.g. of one metric over k folds. */
export function meanSd(values: ArrayLike<number>): MeanSd {
  const n = values.length;
  if (n === 0) throw new RangeError('meanSd needs at least one value');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const m = sum / n;
  if (n === 1) return { n, mean: m, sd: null };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - m) ** 2;
  return { n, mean: m, sd: Math.sqrt(squares / (n - 1)) };
}

function countConfusion(y: BinaryLabels, p: Probabilities, threshold: number): Confusion {
  const c: Confusion = { tn: 0, fp: 0, fn: 0, tp: 0 };
  for (let i = 0; i < y.length; i++) {
    const predictedPositive = p[i]! >= threshold;
    if (y[i] === 1) {
      if (predictedPositive) c.tp++;
      else c.fn++;
    } else if (predictedPositive) c.fp++;
    else c.tn++;
  }
  return c;
}

function classMetrics(truePositives: number, falsePositives: number, falseNegatives: number): ClassMetrics {
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  return {
    precision,
    recall,
    f1: ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives),
    support: truePositives + falseNegatives,
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

function checkThreshold(threshold: number): void {
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be in [0, 1], got ${threshold}`);
}

function checkInputs(y: BinaryLabels, p: Probabilities): void {
  if (y.length !== p.length) throw new RangeError(`${y.length} labels but ${p.length} predictions`);
  if (y.length === 0) throw new RangeError('no rows to evaluate');
  for (let i = 0; i < y.length; i++) {
    const label = y[i];
    if (label !== 0 && label !== 1) throw new RangeError(`label at row ${i} is ${label}, expected 0 or 1`);
    const prob = p[i]!;
    if (!(prob >= 0 && prob <= 1)) throw new RangeError(`prediction at row ${i} is ${prob}, expected a probability in [0, 1]`);
  }
}
