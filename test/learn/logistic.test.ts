/**
 * The dual coordinate descent solver against the primal problem it claims to solve:
 *   min_{w,b} ½(‖w‖² + b²) + Σᵢ C·swᵢ · log(1 + exp(−yᵢ (w·xᵢ + b)))
 * checked two independent ways: the primal gradient vanishes at the returned weights, and the weights
 * match a plain Newton solution of the primal computed here.
 */
import { describe, expect, it } from 'vitest';
import { csrFromRows } from '../../src/learn/matrix.js';
import { fitLogistic, sigmoid, type LogisticParams } from '../../src/learn/logistic.js';
import { Random } from '../../src/learn/random.js';

interface Problem {
  X: number[][];
  y: number[];
  sw?: number[];
}

/** n rows of d features (float32-exact), labels drawn from a logistic model with the given weights. */
function problem(n: number, trueW: number[], seed: number, withWeights = false): Problem {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  const sw: number[] = [];
  for (let i = 0; i < n; i++) {
    // some exact zeros, so the sparse path is exercised
    const x = trueW.map(() => (rng.next() < 0.2 ? 0 : Math.fround(rng.next() * 4 - 2)));
    X.push(x);
    const z = x.reduce((s, v, j) => s + v * trueW[j]!, 0.3);
    y.push(rng.next() < sigmoid(z) ? 1 : 0);
    sw.push(0.5 + rng.next());
  }
  return withWeights ? { X, y, sw } : { X, y };
}

function csr(X: number[][]) {
  return csrFromRows(
    X.map((row) => {
      const idx: number[] = [];
      const val: number[] = [];
      row.forEach((v, j) => {
        if (v !== 0) {
          idx.push(j);
          val.push(v);
        }
      });
      return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
    }),
    X[0]!.length,
  );
}

/** Gradient of the primal objective over (w, b), with b the last entry. */
function primalGradient(p: Problem, C: number, w: number[], b: number): number[] {
  const d = w.length;
  const g = [...w, b];
  p.X.forEach((x, i) => {
    const s = p.y[i] === 1 ? 1 : -1;
    const z = x.reduce((acc, v, j) => acc + v * w[j]!, b);
    const coef = -C * (p.sw?.[i] ?? 1) * s * sigmoid(-s * z);
    for (let j = 0; j < d; j++) g[j] = g[j]! + coef * x[j]!;
    g[d] = g[d]! + coef;
  });
  return g;
}

/** The primal optimum by Newton's method on the (d+1)-dimensional problem, solved densely. */
function newton(p: Problem, C: number): number[] {
  const d = p.X[0]!.length;
  let theta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < 50; it++) {
    const w = theta.slice(0, d);
    const b = theta[d]!;
    const g = primalGradient(p, C, w, b);
    const H = Array.from({ length: d + 1 }, (_, r) => Array.from({ length: d + 1 }, (_, c): number => (r === c ? 1 : 0)));
    p.X.forEach((x, i) => {
      const z = x.reduce((acc, v, j) => acc + v * w[j]!, b);
      const s = sigmoid(z);
      const h = C * (p.sw?.[i] ?? 1) * s * (1 - s);
      const xe = [...x, 1];
      for (let r = 0; r <= d; r++) for (let c = 0; c <= d; c++) H[r]![c] = H[r]![c]! + h * xe[r]! * xe[c]!;
    });
    const step = solve(H, g);
    theta = theta.map((t, k) => t - step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-12) break;
  }
  return theta;
}

/** Gaussian elimination with partial pivoting. */
function solve(A: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const M = A.map((row, i) => [...row, rhs[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[piv]![c]!)) piv = r;
    [M[c], M[piv]] = [M[piv]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k] = M[r]![k]! - f * M[c]![k]!;
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * out[k]!;
    out[r] = s / M[r]![r]!;
  }
  return out;
}

const TIGHT: LogisticParams = { C: 1, tolerance: 1e-6, maxPasses: 2000 };

describe('fitLogistic (dual coordinate descent)', () => {
  for (const [name, C, withWeights] of [
    ['C = 1', 1, false],
    ['C = 10 (weak regularisation)', 10, false],
    ['C = 0.05 (strong regularisation)', 0.05, false],
    ['C = 2 with sample weights', 2, true],
  ] as const) {
    it(`reaches the primal optimum: ${name}`, () => {
      const p = problem(60, [1.5, -2, 0.5, 0], 7, withWeights);
      const { weights, report } = fitLogistic(csr(p.X), p.y, p.sw, { ...TIGHT, C }, 1);
      expect(report.converged).toBe(true);
      const w = Array.from(weights.w);
      const grad = primalGradient(p, C, w, weights.bias);
      for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-4 * Math.max(1, C));
      const opt = newton(p, C);
      w.forEach((v, j) => expect(v).toBeCloseTo(opt[j]!, 4));
      expect(weights.bias).toBeCloseTo(opt[w.length]!, 4);
    });
  }

  it('recovers the direction of the generating weights on plenty of data', () => {
    const trueW = [2, -1, 0.5];
    const p = problem(3000, trueW, 3);
    const { weights } = fitLogistic(csr(p.X), p.y, undefined, { C: 100, tolerance: 1e-4, maxPasses: 500 }, 1);
    const w = Array.from(weights.w);
    const cos = w.reduce((s, v, j) => s + v * trueW[j]!, 0) / Math.hypot(...w) / Math.hypot(...trueW);
    expect(cos).toBeGreaterThan(0.98);
  });

  it('gives identical weights for the same seed, and nearly the same optimum for another seed', () => {
    const p = problem(80, [1, -1, 2], 9);
    const params = { C: 1, tolerance: 0.01, maxPasses: 100 };
    const a = fitLogistic(csr(p.X), p.y, undefined, params, 5).weights;
    const b = fitLogistic(csr(p.X), p.y, undefined, params, 5).weights;
    expect(Array.from(b.w)).toEqual(Array.from(a.w));
    expect(b.bias).toBe(a.bias);
    const c = fitLogistic(csr(p.X), p.y, undefined, TIGHT, 6).weights;
    const d = fitLogistic(csr(p.X), p.y, undefined, TIGHT, 5).weights;
    Array.from(c.w).forEach((v, j) => expect(v).toBeCloseTo(d.w[j]!, 4));
  });

  it('gives a zero row weight no influence', () => {
    const p = problem(50, [1, -1], 4);
    const extra: Problem = { X: [...p.X, [9, 9]], y: [...p.y, 0], sw: [...p.X.map(() => 1), 0] };
    const with0 = fitLogistic(csr(extra.X), extra.y, extra.sw, TIGHT, 1).weights;
    const without = fitLogistic(csr(p.X), p.y, undefined, TIGHT, 1).weights;
    Array.from(with0.w).forEach((v, j) => expect(v).toBeCloseTo(without.w[j]!, 5));
  });

  it('stops at the pass limit and says it did not converge', () => {
    const p = problem(200, [3, -3, 1], 2);
    const { report } = fitLogistic(csr(p.X), p.y, undefined, { C: 1000, tolerance: 1e-12, maxPasses: 2 }, 1);
    expect(report.passes).toBe(2);
    expect(report.converged).toBe(false);
  });

  it('does not change its inputs', () => {
    const p = problem(30, [1, 2], 8);
    const X = csr(p.X);
    const copy = { indptr: Array.from(X.indptr), indices: Array.from(X.indices), values: Array.from(X.values) };
    const y = [...p.y];
    fitLogistic(X, y, undefined, TIGHT, 1);
    expect({ indptr: Array.from(X.indptr), indices: Array.from(X.indices), values: Array.from(X.values) }).toEqual(copy);
    expect(y).toEqual(p.y);
  });
});

describe('sigmoid', () => {
  it('is stable at the extremes and symmetric', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    for (const z of [-30, -3, -0.1, 0.7, 12]) expect(sigmoid(z) + sigmoid(-z)).toBeCloseTo(1, 12);
  });
});
