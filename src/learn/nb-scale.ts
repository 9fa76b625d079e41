/**
 * Naive Bayes feature scaling (Wang & Manning 2012, "Baselines and bigrams: simple, good sentiment and
 * topic classification", the NBSVM interpolation): each column is scaled by how strongly its presence
 * leans to one class, |log-count ratio|, interpolated with 1, before a linear model is fitted. The
 * regulariser then spends less on columns that carry class evidence, which lifts short-text
 * classification over plain TF weighting. The scale is a property of the training rows: for an honest
 * out-of-fold figure it must be computed on the training folds only.
 *
 * Scaling a column by s and fitting w on it scores as w·s on the unscaled column, so a fitted model
 * folds the scale into its weights (`foldScale`) and prediction needs no scale at all.
 */
import type { CsrMatrix } from './matrix.js';

export interface NbScaling {
  /** Add-α smoothing of the presence counts. */
  smoothing: number;
  /** β: the scale is 1 − β + β·|r| (0: no scaling, 1: pure NB ratio). */
  interpolation: number;
}

/**
 * One scale per column of X from the presence of each column in the positive and negative rows among
 * `rows`. Columns where `scaled(j)` is false (dense cues, bias columns) keep a scale of 1.
 */
export function nbScale(X: CsrMatrix, y: ArrayLike<number>, rows: ArrayLike<number>, s: NbScaling, scaled: (column: number) => boolean): Float64Array {
  const { indptr, indices, values } = X;
  const pos = new Float64Array(X.cols).fill(s.smoothing);
  const neg = new Float64Array(X.cols).fill(s.smoothing);
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    const counts = y[r] === 1 ? pos : neg;
    for (let k = indptr[r]!, end = indptr[r + 1]!; k < end; k++) if (values[k] !== 0) counts[indices[k]!]! += 1;
  }
  let posTotal = 0;
  let negTotal = 0;
  for (let c = 0; c < X.cols; c++) {
    posTotal += pos[c]!;
    negTotal += neg[c]!;
  }
  const scale = new Float64Array(X.cols);
  const offset = Math.log(negTotal / posTotal);
  for (let c = 0; c < X.cols; c++) {
    scale[c] = scaled(c) ? 1 - s.interpolation + s.interpolation * Math.abs(Math.log(pos[c]! / neg[c]!) + offset) : 1;
  }
  return scale;
}

/** X with every value multiplied by its column's scale (the structure arrays are shared, not copied). */
export function scaleColumns(X: CsrMatrix, scale: Float64Array): CsrMatrix {
  const values = new Float32Array(new SharedArrayBuffer(4 * X.values.length));
  for (let k = 0; k < values.length; k++) values[k] = X.values[k]! * scale[X.indices[k]!]!;
  return { rows: X.rows, cols: X.cols, indptr: X.indptr, indices: X.indices, values };
}

/** Weights fitted on scaled columns, as weights on the unscaled ones. */
export function foldScale(w: Float64Array, scale: Float64Array): Float64Array {
  return Float64Array.from(w, (v, c) => v * scale[c]!);
}
