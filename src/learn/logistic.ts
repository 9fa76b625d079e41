/**
 * L2-regularised binary logistic regression, fitted by our own L-BFGS:
 *   min_w ½‖w‖² + C Σᵢ sᵢ · log(1 + exp(−yᵢ (w·xᵢ + b)))
 * (scikit-learn/liblinear's C convention; the bias is not regularised). Deterministic: no sampling.
 */
import { minimise } from './lbfgs.js';
import type { CsrMatrix } from './matrix.js';

export interface LogisticParams {
  /** Inverse regularisation strength. */
  C: number;
  maxIterations: number;
  tolerance: number;
}

export const DEFAULT_LOGISTIC: LogisticParams = { C: 4, maxIterations: 200, tolerance: 1e-4 };

export interface LinearWeights {
  /** One weight per column of the design matrix. */
  w: Float64Array;
  bias: number;
}

export interface FitReport {
  iterations: number;
  converged: boolean;
  objective: number;
}

/**
 * `y[i]` is 1 for the positive class, 0 otherwise; `sampleWeight` scales each row's loss (class or
 * dataset balancing). `init` warm-starts from earlier weights.
 */
export function fitLogistic(
  X: CsrMatrix,
  y: ArrayLike<number>,
  sampleWeight: ArrayLike<number> | undefined,
  params: LogisticParams,
  onIteration?: (it: number) => void,
): { weights: LinearWeights; report: FitReport } {
  // Optimise only over the columns that occur: unseen columns keep weight 0 under L2.
  const used = new Int32Array(X.cols).fill(-1);
  let m = 0;
  for (let k = 0; k < X.indices.length; k++) {
    const c = X.indices[k]!;
    if (used[c] === -1) used[c] = m++;
  }
  const local = new Int32Array(X.indices.length);
  for (let k = 0; k < local.length; k++) local[k] = used[X.indices[k]!]!;
  const { indptr, values } = X;
  const n = X.rows;
  const C = params.C;
  const sw = new Float64Array(n);
  for (let i = 0; i < n; i++) sw[i] = sampleWeight === undefined ? 1 : sampleWeight[i]!;
  const z = new Float64Array(n);

  const objective = (x: Float64Array, grad: Float64Array): number => {
    const bias = x[m]!;
    let loss = 0;
    for (let j = 0; j < m; j++) {
      loss += 0.5 * x[j]! * x[j]!;
      grad[j] = x[j]!;
    }
    let gBias = 0;
    for (let i = 0; i < n; i++) {
      let zi = bias;
      for (let k = indptr[i]!, end = indptr[i + 1]!; k < end; k++) zi += x[local[k]!]! * values[k]!;
      z[i] = zi;
      const yi = y[i] === 1 ? 1 : -1;
      const margin = yi * zi;
      // log(1 + e^(−margin)), stable for both signs.
      loss += C * sw[i]! * (margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin)));
      const p = 1 / (1 + Math.exp(-zi));
      const r = C * sw[i]! * (p - (y[i] === 1 ? 1 : 0));
      gBias += r;
      if (r !== 0) for (let k = indptr[i]!, end = indptr[i + 1]!; k < end; k++) grad[local[k]!] = grad[local[k]!]! + r * values[k]!;
    }
    grad[m] = gBias;
    return loss;
  };

  const result = minimise(objective, new Float64Array(m + 1), {
    maxIterations: params.maxIterations,
    tolerance: params.tolerance,
    memory: 10,
    onIteration: onIteration === undefined ? undefined : (it) => onIteration(it),
  });
  const w = new Float64Array(X.cols);
  for (let c = 0; c < X.cols; c++) if (used[c]! >= 0) w[c] = result.x[used[c]!]!;
  return {
    weights: { w, bias: result.x[m]! },
    report: { iterations: result.iterations, converged: result.converged, objective: result.value },
  };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
