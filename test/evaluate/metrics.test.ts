import { describe, expect, it } from 'vitest';
import {
  binaryMetrics,
  calibrationBins,
  confusionAt,
  expectedCalibrationError,
  meanSd,
  rocAuc,
  rocCurve,
} from '../../src/evaluate/metrics.js';
import { Random } from '../../src/learn/random.js';

/** AUC by definition: the share of (positive, negative) pairs ordered correctly, ties counting half. */
function pairwiseAuc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      if (p[i]! > p[j]!) wins += 1;
      else if (p[i] === p[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

function trapezoid(points: readonly { fpr: number; tpr: number }[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    area += ((points[i]!.fpr - points[i - 1]!.fpr) * (points[i]!.tpr + points[i - 1]!.tpr)) / 2;
  }
  return area;
}

function randomCase(seed: number, n: number, decimals: number): { y: Uint8Array; p: Float64Array } {
  const rng = new Random(seed);
  const y = new Uint8Array(n);
  const p = new Float64Array(n);
  const scale = 10 ** decimals;
  for (let i = 0; i < n; i++) {
    y[i] = rng.next() < 0.4 ? 1 : 0;
    // Informative but noisy, rounded so that many scores tie.
    p[i] = Math.round(Math.min(1, Math.max(0, 0.3 * y[i]! + 0.7 * rng.next())) * scale) / scale;
  }
  return { y, p };
}

function allNumbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(allNumbers);
  return [];
}

describe('binaryMetrics on a hand-computed case', () => {
  // Scores 0.1, 0.4 for reliable rows and 0.35, 0.8 for unreliable ones; at 0.5 only 0.8 is called unreliable.
  const y = [0, 0, 1, 1];
  const p = [0.1, 0.4, 0.35, 0.8];
  const m = binaryMetrics(y, p);

  it('counts the confusion matrix and the rates', () => {
    expect(m.n).toBe(4);
    expect(m.confusion).toEqual({ tn: 2, fp: 0, fn: 1, tp: 1 });
    expect(m.accuracy).toBeCloseTo(3 / 4, 12);
    expect(m.balancedAccuracy).toBeCloseTo((1 / 2 + 1) / 2, 12);
  });

  it('reports each class, with F1 of the positive class and the macro mean', () => {
    expect(m.perClass.unreliable.precision).toBeCloseTo(1, 12);
    expect(m.perClass.unreliable.recall).toBeCloseTo(1 / 2, 12);
    expect(m.perClass.unreliable.f1).toBeCloseTo(2 / 3, 12);
    expect(m.perClass.unreliable.support).toBe(2);
    expect(m.perClass.reliable.precision).toBeCloseTo(2 / 3, 12);
    expect(m.perClass.reliable.recall).toBeCloseTo(1, 12);
    expect(m.perClass.reliable.f1).toBeCloseTo(4 / 5, 12);
    expect(m.perClass.reliable.support).toBe(2);
    expect(m.f1).toBe(m.perClass.unreliable.f1);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 4 / 5) / 2, 12);
  });

  it('ranks: three of the four positive/negative pairs are in order', () => {
    expect(m.rocAuc).toBeCloseTo(3 / 4, 12);
  });

  it('scores the probabilities (Brier) and their calibration (ECE, one row per bin here)', () => {
    expect(m.brier).toBeCloseTo((0.1 ** 2 + 0.4 ** 2 + 0.65 ** 2 + 0.2 ** 2) / 4, 12);
    expect(m.ece).toBeCloseTo((0.1 + 0.4 + 0.65 + 0.2) / 4, 12);
  });

  it('draws the ROC curve through every distinct score, from (0, 0) to (1, 1)', () => {
    expect(rocCurve(y, p)).toEqual([
      { fpr: 0, tpr: 0, threshold: Infinity },
      { fpr: 0, tpr: 0.5, threshold: 0.8 },
      { fpr: 0.5, tpr: 0.5, threshold: 0.4 },
      { fpr: 0.5, tpr: 1, threshold: 0.35 },
      { fpr: 1, tpr: 1, threshold: 0.1 },
    ]);
  });
});

describe('thresholds', () => {
  it('calls a row positive when its probability equals the threshold', () => {
    expect(confusionAt([1, 0], [0.5, 0.49], 0.5)).toEqual({ tn: 1, fp: 0, fn: 0, tp: 1 });
  });

  it('moves the confusion matrix with the threshold', () => {
    const y = [0, 0, 1, 1];
    const p = [0.1, 0.4, 0.35, 0.8];
    expect(binaryMetrics(y, p, 0.3).confusion).toEqual({ tn: 1, fp: 1, fn: 0, tp: 2 });
  });
});

describe('ROC-AUC', () => {
  it('gives tied scores half a win', () => {
    // Pairs (0.5 vs 0.5) = 1/2, (0.5 vs 0.2) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.2) = 1.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(3.5 / 4, 12);
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBeCloseTo(0.5, 12);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).toBe(0);
  });

  it.each([
    [1, 400, 1],
    [2, 400, 2],
    [3, 257, 0],
    [4, 1000, 3],
  ])('matches the pairwise count on random data with ties (seed %i, n %i, %i decimals)', (seed, n, decimals) => {
    const { y, p } = randomCase(seed, n, decimals);
    const auc = rocAuc(y, p)!;
    expect(auc).toBeCloseTo(pairwiseAuc(y, p), 10);
    expect(trapezoid(rocCurve(y, p)!)).toBeCloseTo(auc, 10);
  });

  it('gives each curve point the rates of the confusion matrix at its threshold', () => {
    const { y, p } = randomCase(5, 300, 2);
    const positives = y.reduce((s, v) => s + v, 0);
    const negatives = y.length - positives;
    for (const point of rocCurve(y, p)!.slice(1)) {
      const c = confusionAt(y, p, point.threshold);
      expect(point.tpr).toBeCloseTo(c.tp / positives, 12);
      expect(point.fpr).toBeCloseTo(c.fp / negatives, 12);
    }
  });

  it('drops only points on straight segments of the curve', () => {
    // Four negatives with distinct scores below every positive: one vertical and one horizontal segment.
    const curve = rocCurve([1, 1, 0, 0, 0, 0], [0.9, 0.8, 0.4, 0.3, 0.2, 0.1])!;
    expect(curve.map(({ fpr, tpr }) => [fpr, tpr])).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
    ]);
  });
});

describe('one class only', () => {
  const y = [1, 1, 1];
  const p = [0.9, 0.2, 0.6];

  it('returns null for ROC-AUC and the ROC curve, and no NaN anywhere', () => {
    const m = binaryMetrics(y, p);
    expect(m.rocAuc).toBeNull();
    expect(rocCurve(y, p)).toBeNull();
    expect(allNumbers(m).every(Number.isFinite)).toBe(true);
  });

  it('averages balanced accuracy over the classes present', () => {
    const m = binaryMetrics(y, p);
    expect(m.perClass.reliable.support).toBe(0);
    expect(m.balancedAccuracy).toBeCloseTo(2 / 3, 12);
  });

  it('counts a class neither present nor predicted out of macro F1', () => {
    const m = binaryMetrics([0, 0], [0.1, 0.2]);
    expect(m.perClass.unreliable.f1).toBe(0);
    expect(m.macroF1).toBe(1);
  });
});

describe('calibrationBins', () => {
  it('bins by equal width, leaves empty bins out and puts p = 1 in the last bin', () => {
    const bins = calibrationBins([0, 1, 1, 0, 1], [0.05, 0.15, 0.12, 1, 1], 10);
    expect(bins.map((b) => [b.lower, b.count])).toEqual([
      [0, 1],
      [0.1, 2],
      [0.9, 2],
    ]);
    expect(bins[1]!.meanPredicted).toBeCloseTo(0.135, 12);
    expect(bins[1]!.fractionPositive).toBe(1);
    expect(bins[2]!.fractionPositive).toBe(0.5);
  });

  it('gives ECE as the count-weighted gap, matching a row-by-row computation', () => {
    const { y, p } = randomCase(7, 500, 3);
    // Independently: sum, for every row, |mean label of its bin - mean probability of its bin| / n.
    const binOf = (v: number): number => Math.min(9, Math.floor(v * 10));
    let expected = 0;
    for (let i = 0; i < y.length; i++) {
      const members = [...y.keys()].filter((j) => binOf(p[j]!) === binOf(p[i]!));
      const rate = members.reduce((s, j) => s + y[j]!, 0) / members.length;
      const conf = members.reduce((s, j) => s + p[j]!, 0) / members.length;
      expected += Math.abs(rate - conf) / y.length;
    }
    expect(expectedCalibrationError(y, p)).toBeCloseTo(expected, 10);
    expect(binaryMetrics(y, p).ece).toBeCloseTo(expected, 10);
  });

  it('is zero for perfectly calibrated bins', () => {
    expect(expectedCalibrationError([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0);
  });
});

describe('meanSd', () => {
  it('uses the sample standard deviation', () => {
    const { mean, sd, n } = meanSd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(n).toBe(8);
    expect(mean).toBe(5);
    expect(sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('has no standard deviation for one value', () => {
    expect(meanSd(new Float64Array([0.8]))).toEqual({ n: 1, mean: 0.8, sd: null });
  });
});

describe('bad input', () => {
  it.each([
    ['mismatched lengths', [0, 1], [0.5]],
    ['no rows', [], []],
    ['a label that is not 0 or 1', [0, 2], [0.5, 0.5]],
    ['a probability above 1', [0, 1], [0.5, 1.5]],
    ['a NaN probability', [0, 1], [0.5, NaN]],
  ])('throws on %s', (_, y, p) => {
    expect(() => binaryMetrics(y, p)).toThrow(RangeError);
  });

  it('throws on a threshold outside [0, 1] and on an empty summary', () => {
    expect(() => binaryMetrics([0, 1], [0.2, 0.8], 2)).toThrow(RangeError);
    expect(() => meanSd([])).toThrow(RangeError);
  });
});
