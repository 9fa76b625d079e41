/**
 * Word vectors of our own: positive pointwise mutual information over a co-occurrence window,
 * reduced by a seeded randomised SVD (Levy, Goldberg & Dagan 2015: with context-distribution
 * smoothing 0.75 and the singular values down-weighted, PPMI-SVD does as well as skip-gram on
 * similarity tasks, and it is deterministic). The words are the store's own forms (Porter stems,
 * src/store/terms.ts) so the matcher looks up the stems it already has.
 *
 *   1. every text once: stems (stopwords dropped) → ids, counted;
 *   2. the `vocabulary` most frequent stems seen at least `minCount` times are kept;
 *   3. pairs within `window` positions (weighted (window − d + 1) / window), counted in an open-addressing table;
 *   4. PPMI(i, j) = max(0, log(c_ij · Σc^α / (c_i · c_j^α))), as a sparse matrix;
 *   5. the top `dimensions` singular vectors by randomised SVD (Halko et al. 2011), scaled by σ^eigenWeight
 *      (0 by default: the singular vectors alone, which matched claims better than √σ on the train tweets);
 *   6. each row scaled to unit length;
 *   7. each word's nearest neighbours by cosine (what the matcher reads: cheap to look up, and only
 *      near words count, where the cosines of unrelated words in this space are far from 0).
 */
import { Random } from '../random.js';

export interface VectorSettings {
  vocabulary: number;
  dimensions: number;
  window: number;
  minCount: number;
  /** Context-distribution smoothing exponent. */
  alpha: number;
  /** Power iterations of the randomised SVD. */
  iterations: number;
  /** Extra random directions beyond `dimensions`. */
  oversample: number;
  /** Exponent of the singular values in the vectors (0.5: √σ). */
  eigenWeight: number;
  /** Nearest neighbours kept per word (what the matcher reads). */
  neighbours: number;
  seed: number;
}

export const VECTOR_DEFAULTS: VectorSettings = { vocabulary: 40_000, dimensions: 64, window: 5, minCount: 5, alpha: 0.75, iterations: 3, oversample: 16, eigenWeight: 0, neighbours: 16, seed: 7 };

export interface TrainedVectors {
  words: string[];
  dimensions: number;
  /** words.length × dimensions, row-major, each row of unit length (or zero). */
  vectors: Float32Array;
  counts: number[];
  tokens: number;
  pairs: number;
  nonZero: number;
  /** Each word's `k` nearest other words by cosine, best first: rows (words.length × k) and cosines. */
  neighbours: { k: number; rows: Int32Array; cosines: Float32Array };
}

/**
 * The `k` nearest rows of every row by cosine (rows of unit length), best first, ties by row. Blocks
 * of rows against all rows, so the work is n²·d multiply-adds but cache-friendly.
 */
export function nearestNeighbours(vectors: Float32Array, n: number, d: number, k: number): { k: number; rows: Int32Array; cosines: Float32Array } {
  const kk = Math.min(k, Math.max(0, n - 1));
  const rows = new Int32Array(n * kk);
  const cosines = new Float32Array(n * kk);
  const block = 64;
  const sims = new Float32Array(block * n);
  for (let a0 = 0; a0 < n; a0 += block) {
    const a1 = Math.min(n, a0 + block);
    for (let b = 0; b < n; b++) {
      const ob = b * d;
      for (let a = a0; a < a1; a++) {
        const oa = a * d;
        let s = 0;
        for (let c = 0; c < d; c++) s += vectors[oa + c]! * vectors[ob + c]!;
        sims[(a - a0) * n + b] = s;
      }
    }
    for (let a = a0; a < a1; a++) {
      // A small sorted list of the best kk so far (insertion).
      const bestRow = new Int32Array(kk).fill(-1);
      const bestCos = new Float32Array(kk).fill(-Infinity);
      const o = (a - a0) * n;
      for (let b = 0; b < n; b++) {
        if (b === a) continue;
        const s = sims[o + b]!;
        if (kk === 0 || s <= bestCos[kk - 1]!) continue;
        let p = kk - 1;
        while (p > 0 && s > bestCos[p - 1]!) {
          bestCos[p] = bestCos[p - 1]!;
          bestRow[p] = bestRow[p - 1]!;
          p--;
        }
        bestCos[p] = s;
        bestRow[p] = b;
      }
      rows.set(bestRow, a * kk);
      cosines.set(bestCos, a * kk);
    }
  }
  return { k: kk, rows, cosines };
}

/** Collects token streams as ids, growing as needed. */
export class TokenStream {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  counts: number[] = [];
  private buf = new Int32Array(1 << 20);
  length = 0;

  add(tokens: readonly string[]): void {
    if (tokens.length === 0) return;
    this.ensure(tokens.length + 1);
    for (const t of tokens) {
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.names.length;
        this.ids.set(t, id);
        this.names.push(t);
        this.counts.push(0);
      }
      this.counts[id]!++;
      this.buf[this.length++] = id;
    }
    this.buf[this.length++] = -1; // a document boundary: no window crosses it
  }

  get data(): Int32Array {
    return this.buf.subarray(0, this.length);
  }

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length;
    while (size < this.length + n) size *= 2;
    const next = new Int32Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}

/** Open-addressing table from a pair code (i · V + j, i ≤ j) to a weight. */
class PairTable {
  keys: Uint32Array;
  values: Float32Array;
  size = 0;
  constructor(bits: number) {
    this.keys = new Uint32Array(1 << bits).fill(0xffffffff);
    this.values = new Float32Array(1 << bits);
  }
  add(key: number, w: number): void {
    if (this.size * 10 > this.keys.length * 7) this.grow();
    const mask = this.keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      const slot = h & mask;
      const k = this.keys[slot]!;
      if (k === key) {
        this.values[slot]! += w;
        return;
      }
      if (k === 0xffffffff) {
        this.keys[slot] = key;
        this.values[slot] = w;
        this.size++;
        return;
      }
      h = (h + 1) >>> 0;
    }
  }
  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(keys.length * 2).fill(0xffffffff);
    this.values = new Float32Array(keys.length * 2);
    this.size = 0;
    for (let s = 0; s < keys.length; s++) if (keys[s] !== 0xffffffff) this.add(keys[s]!, values[s]!);
  }
}

/** A sparse matrix in compressed rows. */
export interface Csr {
  rows: number;
  cols: number;
  start: Int32Array;
  col: Int32Array;
  value: Float32Array;
}

/** Y = A X for dense X (cols × k, row-major), or Y = Aᵀ X for X of rows × k when `transpose`. */
export function csrTimes(a: Csr, x: Float64Array, k: number, transpose = false): Float64Array {
  const y = new Float64Array((transpose ? a.cols : a.rows) * k);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.start[i]!; p < a.start[i + 1]!; p++) {
      const v = a.value[p]!;
      const yo = transpose ? a.col[p]! * k : i * k;
      const xo = transpose ? i * k : a.col[p]! * k;
      for (let c = 0; c < k; c++) y[yo + c]! += v * x[xo + c]!;
    }
  }
  return y;
}

/** Orthonormalises the k columns of X (n × k, row-major) in place, modified Gram–Schmidt twice. */
export function orthonormalise(x: Float64Array, n: number, k: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < k; c++) {
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += x[i * k + c]! * x[i * k + p]!;
        for (let i = 0; i < n; i++) x[i * k + c]! -= dot * x[i * k + p]!;
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += x[i * k + c]! ** 2;
      norm = Math.sqrt(norm);
      for (let i = 0; i < n; i++) x[i * k + c] = norm > 1e-12 ? x[i * k + c]! / norm : 0;
    }
  }
}

/** Eigenvalues and eigenvectors (columns of `vectors`, k × k row-major) of a symmetric matrix, by cyclic Jacobi. */
export function symmetricEigen(m: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p]!;
          const arq = a[r * k + q]!;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r]!;
          const aqr = a[q * k + r]!;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!;
          const vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = a[i * k + i]!;
  return { values, vectors: v };
}

/** A gaussian by Box–Muller from the seeded generator. */
function gaussian(r: Random): number {
  const u = Math.max(r.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
}

/**
 * The top `k` left singular vectors and values of A (randomised SVD with power iterations).
 * Returns U (rows × k, row-major) and σ, largest first.
 */
export function randomizedSvd(a: Csr, k: number, oversample: number, iterations: number, seed: number): { u: Float64Array; sigma: Float64Array } {
  const l = k + oversample;
  const r = new Random(seed);
  const omega = new Float64Array(a.cols * l);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(r);
  let y = csrTimes(a, omega, l);
  orthonormalise(y, a.rows, l);
  for (let it = 0; it < iterations; it++) {
    const z = csrTimes(a, y, l, true);
    orthonormalise(z, a.cols, l);
    y = csrTimes(a, z, l);
    orthonormalise(y, a.rows, l);
  }
  // B = Qᵀ A (l × cols); B Bᵀ = W Λ Wᵀ; the left singular vectors of A are Q W, σ = √λ.
  const bt = csrTimes(a, y, l, true); // cols × l, i.e. Bᵀ
  const bbt = new Float64Array(l * l);
  for (let i = 0; i < a.cols; i++) {
    const o = i * l;
    for (let p = 0; p < l; p++) {
      const bp = bt[o + p]!;
      if (bp === 0) continue;
      for (let q = p; q < l; q++) bbt[p * l + q]! += bp * bt[o + q]!;
    }
  }
  for (let p = 0; p < l; p++) for (let q = 0; q < p; q++) bbt[p * l + q] = bbt[q * l + p]!;
  const { values, vectors } = symmetricEigen(bbt, l);
  const order = [...values.keys()].sort((i, j) => values[j]! - values[i]!).slice(0, k);
  const u = new Float64Array(a.rows * k);
  for (let i = 0; i < a.rows; i++) {
    for (let c = 0; c < k; c++) {
      const w = order[c]!;
      let s = 0;
      for (let p = 0; p < l; p++) s += y[i * l + p]! * vectors[p * l + w]!;
      u[i * k + c] = s;
    }
  }
  // Fix each vector's sign (largest component positive) so the output does not depend on the solver's.
  for (let c = 0; c < k; c++) {
    let best = 0;
    for (let i = 0; i < a.rows; i++) if (Math.abs(u[i * k + c]!) > Math.abs(best)) best = u[i * k + c]!;
    if (best < 0) for (let i = 0; i < a.rows; i++) u[i * k + c] = -u[i * k + c]!;
  }
  return { u, sigma: Float64Array.from(order, (w) => Math.sqrt(Math.max(0, values[w]!))) };
}

/** The PPMI matrix of the kept words from a token stream. */
export function ppmi(stream: TokenStream, keep: Int32Array, kept: number, settings: Pick<VectorSettings, 'window' | 'alpha'>): { matrix: Csr; pairs: number } {
  const data = stream.data;
  const table = new PairTable(22);
  const win = settings.window;
  const weights = Array.from({ length: win + 1 }, (_, d) => (win - d + 1) / win);
  // Positions of kept words only: dropped rare words do not separate their neighbours.
  const ids: number[] = [];
  for (let p = 0; p <= data.length; p++) {
    const t = p < data.length ? data[p]! : -1;
    if (t >= 0) {
      const k = keep[t]!;
      if (k >= 0) ids.push(k);
      continue;
    }
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i]!;
      const end = Math.min(ids.length, i + win + 1);
      for (let j = i + 1; j < end; j++) {
        const b = ids[j]!;
        if (a === b) continue;
        table.add(a < b ? a * kept + b : b * kept + a, weights[j - i]!);
      }
    }
    ids.length = 0;
  }
  // Row sums (symmetric counts) and the smoothed context distribution.
  const rowSum = new Float64Array(kept);
  for (let s = 0; s < table.keys.length; s++) {
    const key = table.keys[s]!;
    if (key === 0xffffffff) continue;
    const v = table.values[s]!;
    rowSum[Math.floor(key / kept)]! += v;
    rowSum[key % kept]! += v;
  }
  let smoothTotal = 0;
  const smooth = new Float64Array(kept);
  for (let i = 0; i < kept; i++) {
    smooth[i] = rowSum[i]! ** settings.alpha;
    smoothTotal += smooth[i]!;
  }
  // PMI with a smoothed context distribution: log(P(i, j) / (P(i) · Pα(j))), the totals cancelling.
  const pmi = (i: number, j: number, c: number) => Math.log((c * smoothTotal) / (rowSum[i]! * smooth[j]!));
  // Both (i, j) and (j, i) where PPMI > 0, bucketed by row.
  const rowLength = new Int32Array(kept);
  for (let s = 0; s < table.keys.length; s++) {
    const key = table.keys[s]!;
    if (key === 0xffffffff) continue;
    const i = Math.floor(key / kept);
    const j = key % kept;
    const c = table.values[s]!;
    if (pmi(i, j, c) > 0) rowLength[i]!++;
    if (pmi(j, i, c) > 0) rowLength[j]!++;
  }
  const start = new Int32Array(kept + 1);
  for (let i = 0; i < kept; i++) start[i + 1] = start[i]! + rowLength[i]!;
  const col = new Int32Array(start[kept]!);
  const val = new Float32Array(start[kept]!);
  const fill = Int32Array.from(start.subarray(0, kept));
  for (let s = 0; s < table.keys.length; s++) {
    const key = table.keys[s]!;
    if (key === 0xffffffff) continue;
    const i = Math.floor(key / kept);
    const j = key % kept;
    const c = table.values[s]!;
    const ij = pmi(i, j, c);
    if (ij > 0) {
      col[fill[i]!] = j;
      val[fill[i]!++] = ij;
    }
    const ji = pmi(j, i, c);
    if (ji > 0) {
      col[fill[j]!] = i;
      val[fill[j]!++] = ji;
    }
  }
  // Sort each row by column so the result does not depend on the table's layout.
  for (let i = 0; i < kept; i++) {
    const from = start[i]!;
    const to = start[i + 1]!;
    const idx = Array.from({ length: to - from }, (_, t) => from + t).sort((x, y) => col[x]! - col[y]!);
    const c2 = idx.map((x) => col[x]!);
    const v2 = idx.map((x) => val[x]!);
    col.set(c2, from);
    val.set(v2, from);
  }
  return { matrix: { rows: kept, cols: kept, start, col, value: val }, pairs: table.size };
}

/** Trains vectors from a filled token stream. */
export function trainVectors(stream: TokenStream, settings: VectorSettings = VECTOR_DEFAULTS, log: (m: string) => void = () => {}): TrainedVectors {
  const order = [...stream.counts.keys()].filter((i) => stream.counts[i]! >= settings.minCount);
  order.sort((a, b) => stream.counts[b]! - stream.counts[a]! || (stream.names[a]! < stream.names[b]! ? -1 : 1));
  order.length = Math.min(order.length, settings.vocabulary);
  const keep = new Int32Array(stream.names.length).fill(-1);
  order.forEach((id, k) => (keep[id] = k));
  const kept = order.length;
  log(`${stream.length} positions, ${stream.names.length} distinct stems, ${kept} kept`);
  const { matrix, pairs } = ppmi(stream, keep, kept, settings);
  log(`${pairs} distinct pairs, ${matrix.col.length} positive PPMI cells`);
  const k = Math.min(settings.dimensions, kept);
  const { u, sigma } = randomizedSvd(matrix, k, settings.oversample, settings.iterations, settings.seed);
  log(`singular values ${sigma[0]!.toFixed(1)} … ${sigma[k - 1]!.toFixed(1)}`);
  const vectors = new Float32Array(kept * k);
  for (let i = 0; i < kept; i++) {
    let norm = 0;
    for (let c = 0; c < k; c++) {
      const x = u[i * k + c]! * sigma[c]! ** settings.eigenWeight;
      vectors[i * k + c] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let c = 0; c < k; c++) vectors[i * k + c]! /= norm;
  }
  const neighbours = nearestNeighbours(vectors, kept, k, settings.neighbours);
  log(`${neighbours.k} nearest neighbours of each word`);
  return { words: order.map((id) => stream.names[id]!), dimensions: k, vectors, counts: order.map((id) => stream.counts[id]!), tokens: stream.length, pairs, nonZero: matrix.col.length, neighbours };
}
