/**
 * Calibration maps a linear model's decision value to a probability that means what it says.
 * Fitted on out-of-fold decision values only, never on rows the model was trained on.
 */
import { sigmoid } from './logistic.js';

export type Calibrator =
  | { kind: 'platt'; a: number; b: number }
  | { kind: 'isotonic'; thresholds: number[]; values: number[] };

export function calibrate(c: Calibrator, z: number): number {
  if (c.kind === 'platt') return sigmoid(c.a * z + c.b);
  const { thresholds: x, values: y } = c;
  if (x.length === 0) return 0.5;
  if (z <= x[0]!) return y[0]!;
  if (z >= x[x.length - 1]!) return y[y.length - 1]!;
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= z) lo = mid;
    else hi = mid;
  }
  const t = (z - x[lo]!) / (x[hi]! - x[lo]! || 1);
  return y[lo]! + t * (y[hi]! - y[lo]!);
}

/** The derivative of the calibrated logit with respect to z (Platt's `a`): scales explanations. */
export function logitSlope(c: Calibrator): number {
  return c.kind === 'platt' ? c.a : 1;
}

/**
 * Platt scaling (Platt 1999, with Lin, Lin & Weng's 2007 stable Newton method and smoothed targets).
 * `y` is 1 for the positive class.
 */
export function fitPlatt(z: ArrayLike<number>, y: ArrayLike<number>, sampleWeight?: ArrayLike<number>): Calibrator {
  const n = z.length;
  let prior1 = 0;
  let prior0 = 0;
  for (let i = 0; i < n; i++) {
    const w = sampleWeight?.[i] ?? 1;
    if (y[i] === 1) prior1 += w;
    else prior0 += w;
  }
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = y[i] === 1 ? hi : lo;
  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  const value = (A: number, B: number): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const w = sampleWeight?.[i] ?? 1;
      const fApB = z[i]! * A + B;
      // −[t log p + (1−t) log(1−p)] with p = σ(−fApB) in Platt's sign convention, stably.
      f += w * (fApB >= 0 ? t[i]! * fApB + Math.log1p(Math.exp(-fApB)) : (t[i]! - 1) * fApB + Math.log1p(Math.exp(fApB)));
    }
    return f;
  };
  // Platt's parameterisation: P(y=1|z) = 1 / (1 + exp(A z + B)); we return a = −A, b = −B.
  let A = 0;
  let B = b;
  let f = value(A, B);
  for (let it = 0; it < 100; it++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const w = sampleWeight?.[i] ?? 1;
      const fApB = z[i]! * A + B;
      const p = fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
      const q = 1 - p;
      const d2 = w * p * q;
      h11 += z[i]! * z[i]! * d2;
      h22 += d2;
      h21 += z[i]! * d2;
      const d1 = w * (t[i]! - p);
      g1 += z[i]! * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-7 && Math.abs(g2) < 1e-7) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const nA = A + step * dA;
      const nB = B + step * dB;
      const nf = value(nA, nB);
      if (nf < f + 1e-4 * step * gd) {
        A = nA;
        B = nB;
        f = nf;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  a = -A;
  b = -B;
  return { kind: 'platt', a, b };
}

/** Isotonic regression by pool-adjacent-violators, as a piecewise-linear map. */
export function fitIsotonic(z: ArrayLike<number>, y: ArrayLike<number>, sampleWeight?: ArrayLike<number>): Calibrator {
  const order = Array.from({ length: z.length }, (_, i) => i).sort((i, j) => z[i]! - z[j]!);
  const blocks: { sum: number; weight: number; lo: number; hi: number }[] = [];
  for (let k = 0; k < order.length; ) {
    // Tied scores are one point (their mean label), whatever order the sort left them in.
    const at = z[order[k]!]!;
    let sum = 0;
    let weight = 0;
    for (; k < order.length && z[order[k]!] === at; k++) {
      const i = order[k]!;
      const w = sampleWeight?.[i] ?? 1;
      sum += w * (y[i] === 1 ? 1 : 0);
      weight += w;
    }
    blocks.push({ sum, weight, lo: at, hi: at });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2]!;
      if (prev.sum / prev.weight < last.sum / last.weight) break;
      blocks.pop();
      prev.sum += last.sum;
      prev.weight += last.weight;
      prev.hi = last.hi;
    }
  }
  const thresholds: number[] = [];
  const values: number[] = [];
  for (const b of blocks) {
    const v = b.sum / b.weight;
    thresholds.push(b.lo);
    values.push(v);
    if (b.hi !== b.lo) {
      thresholds.push(b.hi);
      values.push(v);
    }
  }
  return { kind: 'isotonic', thresholds, values };
}
