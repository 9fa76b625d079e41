/**
 * The design matrix of a reliability fit: each row's weighted hashed columns (IDF, L2 norm per block,
 * block weights) and standardised style block, in one CSR matrix in shared memory, over only the
 * columns that occur, renumbered from the most to the least frequent: the solver's weight vector shrinks
 * from 2^20 cells to the used ones and the hot ones share cache lines. `columns[j]` is the original
 * column of new column j.
 *
 * With a pool of worker threads and counts in shared memory (as `featurise` makes them), the workers
 * write the rows, a contiguous share each; the matrix is the same either way.
 */
import { BLOCKS, weighInto, type Block, type BlockCounts, type FeatureSettings, type SparseVector } from '../text/features.js';
import { sharedInt32, type CsrMatrix } from './matrix.js';
import type { WorkerPool } from '../parallel/pool.js';

export interface StyleScaler {
  mean: Float64Array;
  sd: Float64Array;
}

/** What writing a row takes besides its counts. */
export interface RowLayout {
  features: FeatureSettings;
  idf: Float32Array | undefined;
  /** The new column of each original one: hashed columns, then the style columns. */
  rename: Int32Array;
  style: StyleScaler;
  /** 0 = no style block. */
  styleWeight: number;
}

/** Below this many rows, writing in-process costs less than sending the work out. */
const MIN_SHARED_ROWS = 2000;

/**
 * Rows written back to back from position `at`; `ends[i]` is where row i ends. Returns the end of the
 * last row.
 */
export function writeRows(
  counts: readonly BlockCounts[],
  raw: readonly Float64Array[],
  layout: RowLayout,
  indices: Int32Array,
  values: Float32Array,
  at: number,
  ends: Int32Array,
): number {
  const base = 1 << layout.features.bucketsLog2;
  const m = layout.styleWeight === 0 ? 0 : layout.style.mean.length;
  let k = at;
  for (let i = 0; i < counts.length; i++) {
    k = weighInto(counts[i]!, layout.features, layout.idf, indices, values, k, layout.rename);
    if (m > 0) {
      styleInto(raw[i]!, layout.style, layout.styleWeight, values, k);
      for (let j = 0; j < m; j++) indices[k + j] = layout.rename[base + j]!;
      k += m;
    }
    ends[i] = k;
  }
  return k;
}

/** The standardised style block, clipped so one extreme article cannot dominate its own score. */
export function styleInto(raw: Float64Array, style: StyleScaler, weight: number, val: Float32Array, at: number): void {
  for (let j = 0; j < raw.length; j++) {
    val[at + j] = weight * Math.max(-4, Math.min(4, (raw[j]! - style.mean[j]!) / style.sd[j]!));
  }
}

/**
 * Rows' counts as the shared buffers that hold them and a table of where: per row and block, the
 * buffer of its columns, the buffer of its values, their element offsets and the length.
 */
export interface SharedCounts {
  buffers: SharedArrayBuffer[];
  table: Int32Array;
}

const CELLS = 5;

function inSharedMemory(counts: readonly BlockCounts[]): boolean {
  return counts.every((c) => BLOCKS.every((b) => c[b].idx.buffer instanceof SharedArrayBuffer && c[b].val.buffer instanceof SharedArrayBuffer));
}

/** The rows' counts for a worker, or null when some row's counts are not in shared memory. */
export function shareCounts(counts: readonly BlockCounts[]): SharedCounts | null {
  const buffers: SharedArrayBuffer[] = [];
  const ids = new Map<SharedArrayBuffer, number>();
  const idOf = (b: ArrayBufferLike): number => {
    let id = ids.get(b as SharedArrayBuffer);
    if (id === undefined) {
      id = buffers.length;
      buffers.push(b as SharedArrayBuffer);
      ids.set(b as SharedArrayBuffer, id);
    }
    return id;
  };
  const table = new Int32Array(counts.length * BLOCKS.length * CELLS);
  let t = 0;
  for (const c of counts) {
    for (const block of BLOCKS) {
      const { idx, val } = c[block];
      if (!(idx.buffer instanceof SharedArrayBuffer) || !(val.buffer instanceof SharedArrayBuffer)) return null;
      table[t++] = idOf(idx.buffer);
      table[t++] = idOf(val.buffer);
      table[t++] = idx.byteOffset / 4;
      table[t++] = val.byteOffset / 4;
      table[t++] = idx.length;
    }
  }
  return { buffers, table };
}

/** The counts `shareCounts` described, as views on the same memory. */
export function countsOf(shared: SharedCounts): BlockCounts[] {
  const { buffers, table } = shared;
  const rows = table.length / (BLOCKS.length * CELLS);
  const out: BlockCounts[] = [];
  let t = 0;
  for (let i = 0; i < rows; i++) {
    const c = {} as Record<Block, SparseVector>;
    for (const block of BLOCKS) {
      const length = table[t + 4]!;
      c[block] = {
        idx: new Int32Array(buffers[table[t]!]!, 4 * table[t + 2]!, length),
        val: new Float32Array(buffers[table[t + 1]!]!, 4 * table[t + 3]!, length),
      };
      t += CELLS;
    }
    out.push(c);
  }
  return out;
}

/** A worker's share of the rows: written from `at`, back to back; it answers with their ends. */
export interface DesignShare {
  counts: SharedCounts;
  raw: Float64Array[];
  layout: RowLayout;
  indices: Int32Array;
  values: Float32Array;
  at: number;
}

export function writeShare(share: DesignShare): Int32Array {
  const counts = countsOf(share.counts);
  const ends = new Int32Array(counts.length);
  writeRows(counts, share.raw, share.layout, share.indices, share.values, share.at, ends);
  return ends;
}

export interface DesignInput {
  counts: readonly BlockCounts[];
  raw: readonly Float64Array[];
  features: FeatureSettings;
  idf: Float32Array | undefined;
  style: StyleScaler;
  styleWeight: number;
  /** Per original column: how many (row, weighed block) pairs hold it. */
  occurrences: Int32Array;
}

export async function designMatrix(input: DesignInput, pool: WorkerPool | null): Promise<{ matrix: CsrMatrix; columns: Int32Array }> {
  const { counts, raw, features, idf, occurrences } = input;
  const n = counts.length;
  const base = 1 << features.bucketsLog2;
  const m = input.styleWeight === 0 ? 0 : input.style.mean.length;
  // A column with no IDF weight makes no entry, so it is not a column of the matrix.
  const kept = (c: number): boolean => occurrences[c]! > 0 && (idf === undefined || idf[c] !== 0);
  let used = m;
  let nnz = n * m;
  for (let c = 0; c < base; c++) {
    if (!kept(c)) continue;
    used++;
    nnz += occurrences[c]!;
  }
  // Sorted by (frequency desc, column asc) through one numeric key: a typed sort with no comparator.
  const key = new Float64Array(used);
  let u = 0;
  for (let c = 0; c < base; c++) if (kept(c)) key[u++] = (n - occurrences[c]!) * 4294967296 + c;
  for (let j = 0; j < m; j++) key[u++] = base + j;
  key.sort();
  const columns = new Int32Array(used);
  const rename = sharedInt32(base + m);
  for (let j = 0; j < used; j++) {
    columns[j] = key[j]! % 4294967296;
    rename[columns[j]!] = j;
  }
  const layout: RowLayout = { features, idf, rename, style: input.style, styleWeight: input.styleWeight };
  const indptr = sharedInt32(n + 1);
  let indices: Int32Array;
  let values: Float32Array;
  let k: number;
  if (pool === null || pool.size < 2 || n < MIN_SHARED_ROWS || !inSharedMemory(counts)) {
    indices = sharedInt32(nnz);
    values = new Float32Array(new SharedArrayBuffer(4 * nnz));
    k = writeRows(counts, raw, layout, indices, values, 0, indptr.subarray(1));
  } else {
    const forWorkers = { ...layout, idf: idf === undefined ? undefined : shared(idf) };
    ({ indices, values, k } = await writeInShares(counts, raw, forWorkers, pool, indptr));
  }
  if (k !== nnz) throw new Error(`design matrix: ${k} entries written, ${nnz} counted`);
  return { matrix: { rows: n, cols: used, indptr, indices: indices.subarray(0, nnz), values: values.subarray(0, nnz) }, columns };
}

/**
 * The rows split into one contiguous share per worker, of about equal size. Each share is written from
 * where it would start if no entry were dropped (an IDF of 0 drops one), then moved down to follow the
 * share before it.
 */
async function writeInShares(
  counts: readonly BlockCounts[],
  raw: readonly Float64Array[],
  layout: RowLayout,
  pool: WorkerPool,
  indptr: Int32Array,
): Promise<{ indices: Int32Array; values: Float32Array; k: number }> {
  const n = counts.length;
  const m = layout.styleWeight === 0 ? 0 : layout.style.mean.length;
  const bound = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    let size = m;
    for (const block of BLOCKS) if (layout.features.blockWeights[block] !== 0) size += counts[i]![block].idx.length;
    bound[i + 1] = bound[i]! + size;
  }
  const total = bound[n]!;
  const indices = sharedInt32(total);
  const values = new Float32Array(new SharedArrayBuffer(4 * total));
  const cuts = [0];
  for (let s = 1; s < pool.size; s++) {
    let i = cuts[cuts.length - 1]!;
    while (i < n && bound[i]! < (total * s) / pool.size) i++;
    cuts.push(i);
  }
  cuts.push(n);
  const jobs: Promise<Int32Array>[] = [];
  for (let s = 0; s + 1 < cuts.length; s++) {
    const [from, to] = [cuts[s]!, cuts[s + 1]!];
    if (from === to) continue;
    const share: DesignShare = {
      counts: shareCounts(counts.slice(from, to))!,
      raw: m > 0 ? raw.slice(from, to) : [],
      layout,
      indices,
      values,
      at: bound[from]!,
    };
    jobs.push(pool.run<Int32Array>({ kind: 'design', share }).then((ends) => (indptr.set(ends, from + 1), ends)));
  }
  await Promise.all(jobs);
  // Move each share down to follow the one before it.
  let k = 0;
  for (let s = 0; s + 1 < cuts.length; s++) {
    const [from, to] = [cuts[s]!, cuts[s + 1]!];
    if (from === to) continue;
    const start = bound[from]!;
    const end = indptr[to]!;
    if (start !== k) {
      indices.copyWithin(k, start, end);
      values.copyWithin(k, start, end);
      const shift = start - k;
      for (let i = from + 1; i <= to; i++) indptr[i] = indptr[i]! - shift;
    }
    k = indptr[to]!;
  }
  return { indices, values, k };
}

function shared(a: Float32Array): Float32Array {
  const out = new Float32Array(new SharedArrayBuffer(4 * a.length));
  out.set(a);
  return out;
}
