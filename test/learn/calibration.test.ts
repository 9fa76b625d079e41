import { describe, expect, it } from 'vitest';
import { calibrate, fitIsotonic, fitPlatt, logitSlope, type Calibrator } from '../../src/learn/calibration.js';
import { sigmoid } from '../../src/learn/logistic.js';
import { Random } from '../../src/learn/random.js';

/** Scores uniform in [lo, hi] and labels drawn with P(y = 1 | z) = truth(z). */
function sample(n: number, seed: number, truth: (z: number) => number, lo = -5, hi = 5): { z: Float64Array; y: Uint8Array } {
  const rng = new Random(seed);
  const z = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = lo + (hi - lo) * rng.next();
    y[i] = rng.next() < truth(z[i]!) ? 1 : 0;
  }
  return { z, y };
}

function platt(c: Calibrator): Extract<Calibrator, { kind: 'platt' }> {
  if (c.kind !== 'platt') throw new Error('expected a Platt calibrator');
  return c;
}

describe('Platt scaling', () => {
  for (const [a, b] of [
    [1.7, -0.6],
    [0.4, 1.2],
    [-1.1, 0.3],
  ] as const) {
    it(`recovers σ(${a}·z + ${b}) from 20,000 scores`, () => {
      const { z, y } = sample(20_000, 1, (x) => sigmoid(a * x + b));
      const c = platt(fitPlatt(z, y));
      expect(c.a).toBeCloseTo(a, 1);
      expect(c.b).toBeCloseTo(b, 1);
      // and the calibrated probability is that sigmoid
      for (const x of [-3, 0, 2.5]) expect(calibrate(fitPlatt(z, y), x)).toBeCloseTo(sigmoid(c.a * x + c.b), 12);
    });
  }

  it('reads sample weights as repeated rows', () => {
    const { z, y } = sample(500, 2, (x) => sigmoid(0.8 * x));
    const w = Float64Array.from(z, (_, i) => 1 + (i % 3));
    const zs: number[] = [];
    const ys: number[] = [];
    z.forEach((v, i) => {
      for (let k = 0; k < w[i]!; k++) {
        zs.push(v);
        ys.push(y[i]!);
      }
    });
    const weighted = platt(fitPlatt(z, y, w));
    const repeated = platt(fitPlatt(zs, ys));
    // Platt's smoothed targets depend on the class totals, which weights and repeats share.
    expect(weighted.a).toBeCloseTo(repeated.a, 6);
    expect(weighted.b).toBeCloseTo(repeated.b, 6);
  });

  it('stays finite on perfectly separated scores', () => {
    const z = [-3, -2, -1, 1, 2, 3];
    const y = [0, 0, 0, 1, 1, 1];
    const c = platt(fitPlatt(z, y));
    expect(Number.isFinite(c.a) && Number.isFinite(c.b)).toBe(true);
    expect(c.a).toBeGreaterThan(0);
    expect(calibrate(c, 3)).toBeLessThan(1);
    expect(calibrate(c, -3)).toBeGreaterThan(0);
  });

  it('falls back to the mean of Platt\'s smoothed targets when the scores say nothing', () => {
    const z = new Float64Array(40); // all zero
    const y = Uint8Array.from({ length: 40 }, (_, i) => (i < 10 ? 1 : 0));
    const p = calibrate(fitPlatt(z, y), 0);
    // Platt (1999): positives aim at (N₊ + 1) / (N₊ + 2), negatives at 1 / (N₋ + 2).
    const target = (10 * (11 / 12) + 30 * (1 / 32)) / 40;
    expect(p).toBeCloseTo(target, 6);
  });

  it('has the slope of its logit', () => {
    expect(logitSlope({ kind: 'platt', a: 1.3, b: 0.2 })).toBe(1.3);
  });
});

describe('isotonic regression', () => {
  it('is monotone and within [0, 1] on noisy data', () => {
    const { z, y } = sample(3000, 3, (x) => 0.1 + 0.8 * sigmoid(2 * x));
    const c = fitIsotonic(z, y);
    let last = -Infinity;
    for (let x = -6; x <= 6; x += 0.01) {
      const p = calibrate(c, x);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(p).toBeGreaterThanOrEqual(last - 1e-12);
      last = p;
    }
    // and it found the shape: low on the left, high on the right
    expect(calibrate(c, -4)).toBeLessThan(0.25);
    expect(calibrate(c, 4)).toBeGreaterThan(0.75);
  });

  it('pools adjacent violators into their weighted mean', () => {
    // 1 → 0; then (1, 0) violate and pool to 0.5 over [2, 3]; then 4 → 1.
    const c = fitIsotonic([1, 2, 3, 4], [0, 1, 0, 1]);
    expect(calibrate(c, 1)).toBe(0);
    expect(calibrate(c, 2)).toBe(0.5);
    expect(calibrate(c, 3)).toBe(0.5);
    expect(calibrate(c, 4)).toBe(1);
    // with weights, the pooled block is the weighted mean: (3·1 + 1·0) / 4
    const w = fitIsotonic([1, 2, 3, 4], [0, 1, 0, 1], [1, 3, 1, 1]);
    expect(calibrate(w, 2.5)).toBeCloseTo(0.75, 12);
  });

  it('fits already monotone labels exactly and interpolates between blocks', () => {
    const c = fitIsotonic([4, 1, 3, 2], [1, 0, 1, 0]);
    expect(calibrate(c, 1)).toBe(0);
    expect(calibrate(c, 2)).toBe(0);
    expect(calibrate(c, 3)).toBe(1);
    expect(calibrate(c, 2.25)).toBeCloseTo(0.25, 12);
  });

  it('gives tied scores their mean label, whatever order they come in', () => {
    for (const [z, y] of [
      [[0, 1, 1, 2], [0, 0, 1, 1]],
      [[0, 1, 1, 2], [0, 1, 0, 1]],
      [[1, 0, 2, 1], [1, 0, 1, 0]],
    ] as const) {
      const c = fitIsotonic(z, y);
      expect(calibrate(c, 1)).toBeCloseTo(0.5, 12);
      expect(calibrate(c, 0)).toBe(0);
      expect(calibrate(c, 2)).toBe(1);
    }
  });

  it('clamps outside the fitted range and copes with no data', () => {
    const c = fitIsotonic([0, 1], [0, 1]);
    expect(calibrate(c, -100)).toBe(0);
    expect(calibrate(c, 100)).toBe(1);
    expect(calibrate(fitIsotonic([], []), 0.3)).toBe(0.5);
  });

  it('does not reorder or change its inputs', () => {
    const z = [3, 1, 2];
    const y = [1, 0, 1];
    fitIsotonic(z, y);
    fitPlatt(z, y);
    expect(z).toEqual([3, 1, 2]);
    expect(y).toEqual([1, 0, 1]);
  });
});
