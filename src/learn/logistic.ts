/**
 * L2-regularised binary logistic regression, fitted by dual coordinate descent
 * (Yu, Huang & Lin 2011, "Dual coordinate descent methods for logistic regression and maximum entropy
 * models"; the method of liblinear's `-s 7`):
 *   min_w ½‖w‖² + Σᵢ Cᵢ · log(1 + exp(−yᵢ w·xᵢ)),   Cᵢ = C · sampleWeightᵢ
 * with the bias as a constant extra feature (regularised, as liblinear and scikit-learn's liblinear do).
 * Each pass costs one sweep over the non-zeros; the row order of each pass comes from a seeded PRNG,
 * so the same seed gives the same weights.
 */
import { decision, type CsrMatrix } from './matrix.js';
import { Random } from './random.js';
import { foldRows } from './split.js';

export interface LogisticParams {
  /** Inverse regularisation strength. */
  C: number;
  /** Stop when the largest projected dual gradient falls below this. */
  tolerance: number;
  maxPasses: number;
}

// Three passes score as four and five within 0.0005 in-domain, on other folds than the bench's
// (BENCHMARKS.md); the fits are most of a training run's cost after featurising.
export const DEFAULT_LOGISTIC: LogisticParams = { C: 3, tolerance: 0.1, maxPasses: 3 };

export interface LinearWeights {
  /** One weight per column of the design matrix. */
  w: Float64Array;
  bias: number;
}

export interface FitReport {
  passes: number;
  converged: boolean;
}

const BIAS_FEATURE = 1;

/**
 * `y[i]` is 1 for the positive class, 0 otherwise; `sampleWeight` scales each row's loss. With `rows`,
 * only those rows of X are fitted (y and sampleWeight are still indexed by X's rows): folds need no copy
 * of the matrix, and the result is the same as fitting a copy holding those rows in that order.
 */
export function fitLogistic(
  X: CsrMatrix,
  y: ArrayLike<number>,
  sampleWeight: ArrayLike<number> | undefined,
  params: LogisticParams,
  seed: number,
  onPass?: (pass: number) => void,
  rows?: ArrayLike<number>,
): { weights: LinearWeights; report: FitReport } {
  const { indptr, indices, values } = X;
  const n = rows === undefined ? X.rows : rows.length;
  const row = new Int32Array(n);
  for (let j = 0; j < n; j++) row[j] = rows === undefined ? j : rows[j]!;
  const w = new Float64Array(X.cols);
  let bias = 0;
  const upper = new Float64Array(n);
  const sign = new Int8Array(n);
  const xx = new Float64Array(n);
  // alpha[i] and C_i − alpha[i] are both kept, for numerical accuracy near the bounds.
  const alpha = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = row[i]!;
    upper[i] = params.C * (sampleWeight === undefined ? 1 : sampleWeight[r]!);
    sign[i] = y[r] === 1 ? 1 : -1;
    alpha[2 * i] = Math.min(0.001 * upper[i]!, 1e-8);
    alpha[2 * i + 1] = upper[i]! - alpha[2 * i]!;
    let s = BIAS_FEATURE * BIAS_FEATURE;
    for (let k = indptr[r]!, e = indptr[r + 1]!; k < e; k++) s += values[k]! * values[k]!;
    xx[i] = s;
    const step = sign[i]! * alpha[2 * i]!;
    for (let k = indptr[r]!, e = indptr[r + 1]!; k < e; k++) w[indices[k]!] = w[indices[k]!]! + step * values[k]!;
    bias += step * BIAS_FEATURE;
  }

  const rng = new Random(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const innerMin = Math.min(1e-8, params.tolerance);
  let innerEps = 1e-2;
  let pass = 0;
  let converged = false;
  while (pass < params.maxPasses) {
    rng.shuffle(order);
    let newtonSteps = 0;
    let gMax = 0;
    for (const i of order) {
      const C = upper[i]!;
      if (C === 0) continue;
      const yi = sign[i]!;
      const r = row[i]!;
      let wx = bias * BIAS_FEATURE;
      for (let k = indptr[r]!, e = indptr[r + 1]!; k < e; k++) wx += w[indices[k]!]! * values[k]!;
      const a = xx[i]!;
      const b = yi * wx;
      // Minimise over whichever of alpha_i, C − alpha_i the sub-problem is better conditioned in.
      let i1 = 2 * i;
      let i2 = 2 * i + 1;
      let s = 1;
      if (0.5 * a * (alpha[i2]! - alpha[i1]!) + b < 0) {
        i1 = 2 * i + 1;
        i2 = 2 * i;
        s = -1;
      }
      const old = alpha[i1]!;
      let z = old;
      if (C - z < 0.5 * C) z *= 0.1;
      let gp = a * (z - old) + s * b + Math.log(z / (C - z));
      gMax = Math.max(gMax, Math.abs(gp));
      let inner = 0;
      while (inner <= 100 && Math.abs(gp) >= innerEps) {
        const gpp = a + C / (C - z) / z;
        const next = z - gp / gpp;
        z = next <= 0 ? z * 0.1 : next;
        gp = a * (z - old) + s * b + Math.log(z / (C - z));
        inner++;
        newtonSteps++;
      }
      if (inner > 0) {
        alpha[i1] = z;
        alpha[i2] = C - z;
        const step = s * (z - old) * yi;
        for (let k = indptr[r]!, e = indptr[r + 1]!; k < e; k++) w[indices[k]!] = w[indices[k]!]! + step * values[k]!;
        bias += step * BIAS_FEATURE;
      }
    }
    pass++;
    onPass?.(pass);
    if (gMax < params.tolerance) {
      converged = true;
      break;
    }
    if (newtonSteps <= n / 10) innerEps = Math.max(innerMin, 0.1 * innerEps);
  }
  return { weights: { w, bias: bias * BIAS_FEATURE }, report: { passes: pass, converged } };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Out-of-fold decision values: for each fold f, a model fitted on the rows of the other folds scores the
 * rows of f (the calibration and model-selection data of the sentence and headline models).
 */
export function outOfFoldDecisions(
  X: CsrMatrix,
  y: Uint8Array,
  weight: Float64Array | undefined,
  fold: Int32Array,
  s: { folds: number; tolerance: number; maxPasses: number; seed: number },
  C: number,
): Float64Array {
  const z = new Float64Array(X.rows);
  for (const { fold: f, train, test } of foldRows(fold, s.folds)) {
    const { weights } = fitLogistic(X, y, weight, { C, tolerance: s.tolerance, maxPasses: s.maxPasses }, s.seed + f, undefined, train);
    const out = decision(X, weights.w, weights.bias, test);
    test.forEach((i, j) => (z[i] = out[j]!));
  }
  return z;
}
