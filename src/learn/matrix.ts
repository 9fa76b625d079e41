/** Compressed sparse rows: the design matrix every linear model trains on. */
import type { SparseVector } from '../text/features.js';

export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row r is [indptr[r], indptr[r+1]) of indices/values. */
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export function csrFromRows(rows: readonly SparseVector[], cols: number): CsrMatrix {
  let nnz = 0;
  for (const r of rows) nnz += r.idx.length;
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  rows.forEach((r, i) => {
    indices.set(r.idx, k);
    values.set(r.val, k);
    k += r.idx.length;
    indptr[i + 1] = k;
  });
  return { rows: rows.length, cols, indptr, indices, values };
}

/** The rows whose positions are listed, in that order. */
export function selectRows(m: CsrMatrix, which: ArrayLike<number>): CsrMatrix {
  let nnz = 0;
  for (let j = 0; j < which.length; j++) nnz += m.indptr[which[j]! + 1]! - m.indptr[which[j]!]!;
  const indptr = new Int32Array(which.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  for (let j = 0; j < which.length; j++) {
    const r = which[j]!;
    const a = m.indptr[r]!;
    const b = m.indptr[r + 1]!;
    indices.set(m.indices.subarray(a, b), k);
    values.set(m.values.subarray(a, b), k);
    k += b - a;
    indptr[j + 1] = k;
  }
  return { rows: which.length, cols: m.cols, indptr, indices, values };
}

/** z = X·w + bias, one value per row. */
export function decision(m: CsrMatrix, w: Float64Array, bias: number, out = new Float64Array(m.rows)): Float64Array {
  const { indptr, indices, values } = m;
  for (let r = 0; r < m.rows; r++) {
    let z = bias;
    for (let k = indptr[r]!, end = indptr[r + 1]!; k < end; k++) z += w[indices[k]!]! * values[k]!;
    out[r] = z;
  }
  return out;
}
