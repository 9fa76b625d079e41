/** Compressed sparse rows: the design matrix every linear model trains on. */
import type { Counter } from '../text/counter.js';
import type { SparseVector } from '../text/features.js';

export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row r is [indptr[r], indptr[r+1]) of indices/values. */
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** In shared memory, so worker threads can fit on the same matrix without a copy. */
export function csrFromRows(rows: readonly SparseVector[], cols: number): CsrMatrix {
  let nnz = 0;
  for (const r of rows) nnz += r.idx.length;
  const indptr = new Int32Array(new SharedArrayBuffer(4 * (rows.length + 1)));
  const indices = sharedInt32(nnz);
  const values = new Float32Array(new SharedArrayBuffer(4 * nnz));
  let k = 0;
  rows.forEach((r, i) => {
    indices.set(r.idx, k);
    values.set(r.val, k);
    k += r.idx.length;
    indptr[i + 1] = k;
  });
  return { rows: rows.length, cols, indptr, indices, values };
}

/** z = X·w + bias, one value per row (or per listed row, in the order listed). */
export function decision(m: CsrMatrix, w: Float64Array, bias: number, rows?: ArrayLike<number>): Float64Array {
  const { indptr, indices, values } = m;
  const n = rows === undefined ? m.rows : rows.length;
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const r = rows === undefined ? j : rows[j]!;
    let z = bias;
    for (let k = indptr[r]!, end = indptr[r + 1]!; k < end; k++) z += w[indices[k]!]! * values[k]!;
    out[j] = z;
  }
  return out;
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * length));
}

/**
 * Appends one block of hashed counts to a sparse row being built: sublinear counts (1 + ln|c|, signed),
 * L2-normalised within the block, times the block's weight (the word and character blocks of the
 * sentence and headline models).
 */
export function appendSublinearBlock(c: Counter, weight: number, idx: number[], val: number[]): void {
  if (weight === 0) return;
  let norm = 0;
  for (let j = 0; j < c.size; j++) {
    const v = c.valueAt(j);
    if (v !== 0) norm += (1 + Math.log(Math.abs(v))) ** 2;
  }
  if (norm === 0) return;
  const scale = weight / Math.sqrt(norm);
  for (let j = 0; j < c.size; j++) {
    const v = c.valueAt(j);
    if (v === 0) continue;
    idx.push(c.keyAt(j));
    val.push(Math.sign(v) * (1 + Math.log(Math.abs(v))) * scale);
  }
}
