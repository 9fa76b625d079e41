/**
 * Latent semantic analysis for headline–body relatedness: a rank-k truncated SVD of the TF-IDF
 * term × document matrix of the training texts (randomised range finder with power iterations, Halko,
 * Martinsson & Tropp 2011), giving each frequent stem a k-dimensional vector. A text's vector is the
 * IDF-weighted sum of its stems' vectors, so "Isis" and "Islamic State", which share articles, land close.
 * Only stems in at least `minDf` training documents get a vector (stored sparsely by hashed stem id).
 */
import { Random } from '../random.js';

export interface LsaParams {
  /** Dimensions (0 = no LSA). */
  rank: number;
  /** Stems in fewer training documents than this get no vector. */
  minDf: number;
  /** Power iterations of the range finder. */
  powerIterations: number;
}

export const DEFAULT_LSA: LsaParams = { rank: 48, minDf: 3, powerIterations: 2 };

export interface LsaModel {
  rank: number;
  /** Hashed stem ids with a vector, sorted. */
  ids: Int32Array;
  /** rank floats per id, in the order of `ids`. */
  vectors: Float32Array;
}

/** Fit on documents given as stem-id lists, with an IDF function for weighting. */
export function fitLsa(documents: readonly Int32Array[], idf: (id: number) => number, params: LsaParams, seed: number): LsaModel {
  // Vocabulary: stems in at least minDf documents.
  const df = new Map<number, number>();
  for (const d of documents) for (const id of new Set(d)) df.set(id, (df.get(id) ?? 0) + 1);
  const vocab = [...df].filter(([, c]) => c >= params.minDf).map(([id]) => id).sort((a, b) => a - b);
  const col = new Map<number, number>(vocab.map((id, j) => [id, j]));
  const n = vocab.length;
  const k = Math.min(params.rank, n, documents.length);
  if (k <= 0) return { rank: 0, ids: new Int32Array(0), vectors: new Float32Array(0) };

  // Sparse rows (documents) of sublinear TF-IDF, L2-normalised.
  const rowPtr = [0];
  const cols: number[] = [];
  const vals: number[] = [];
  for (const d of documents) {
    const tf = new Map<number, number>();
    for (const id of d) {
      const j = col.get(id);
      if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
    }
    let sq = 0;
    const start = cols.length;
    for (const [j, c] of tf) {
      const v = (1 + Math.log(c)) * idf(vocab[j]!);
      cols.push(j);
      vals.push(v);
      sq += v * v;
    }
    const norm = Math.sqrt(sq) || 1;
    for (let q = start; q < cols.length; q++) vals[q]! /= norm;
    rowPtr.push(cols.length);
  }
  const m = documents.length;
  const l = Math.min(k + 10, n, m);
  const rng = new Random(seed);

  // A·X for X n×l (column-major l vectors of length n) → m×l; Aᵀ·Y for Y m×l → n×l.
  const times = (X: Float64Array[]): Float64Array[] =>
    X.map((x) => {
      const y = new Float64Array(m);
      for (let r = 0; r < m; r++) {
        let s = 0;
        for (let q = rowPtr[r]!; q < rowPtr[r + 1]!; q++) s += vals[q]! * x[cols[q]!]!;
        y[r] = s;
      }
      return y;
    });
  const timesT = (Y: Float64Array[]): Float64Array[] =>
    Y.map((y) => {
      const x = new Float64Array(n);
      for (let r = 0; r < m; r++) {
        const yr = y[r]!;
        if (yr === 0) continue;
        for (let q = rowPtr[r]!; q < rowPtr[r + 1]!; q++) x[cols[q]!]! += vals[q]! * yr;
      }
      return x;
    });

  let Y = times(Array.from({ length: l }, () => Float64Array.from({ length: n }, () => gaussian(rng))));
  orthonormalise(Y);
  for (let it = 0; it < params.powerIterations; it++) {
    const Z = timesT(Y);
    orthonormalise(Z);
    Y = times(Z);
    orthonormalise(Y);
  }
  // B = Qᵀ A (l × n), as l rows of length n: row i = Aᵀ q_i.
  const B = timesT(Y);
  // Eigen-decompose B Bᵀ (l × l) by Jacobi: B = U_B Σ Vᵀ, V = Bᵀ U_B Σ⁻¹; term vectors V Σ = Bᵀ U_B.
  const G = new Float64Array(l * l);
  for (let i = 0; i < l; i++) for (let j = i; j < l; j++) G[i * l + j] = G[j * l + i] = dot(B[i]!, B[j]!);
  const { values, vectors } = jacobiEigen(G, l);
  const order = Array.from({ length: l }, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const out = new Float32Array(n * k);
  for (let c = 0; c < k; c++) {
    const e = order[c]!;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < l; i++) s += B[i]![j]! * vectors[i * l + e]!;
      out[j * k + c] = s;
    }
  }
  return { rank: k, ids: Int32Array.from(vocab), vectors: out };
}

/** Index of each id in a model, for fast lookups. */
export function lsaIndex(m: LsaModel): Map<number, number> {
  return new Map(Array.from(m.ids, (id, j) => [id, j]));
}

/** IDF-weighted sum of the vectors of the given stem ids (ids without a vector are skipped). */
export function lsaVector(m: LsaModel, index: Map<number, number>, ids: Iterable<number>, weight: (id: number) => number): Float64Array {
  const v = new Float64Array(m.rank);
  for (const id of ids) {
    const j = index.get(id);
    if (j === undefined) continue;
    const w = weight(id);
    const off = j * m.rank;
    for (let c = 0; c < m.rank; c++) v[c]! += w * m.vectors[off + c]!;
  }
  return v;
}

export function cosine(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Modified Gram–Schmidt, in place; a vector that vanishes stays zero. */
function orthonormalise(V: Float64Array[]): void {
  for (let i = 0; i < V.length; i++) {
    const v = V[i]!;
    for (let j = 0; j < i; j++) {
      const d = dot(v, V[j]!);
      const u = V[j]!;
      for (let t = 0; t < v.length; t++) v[t]! -= d * u[t]!;
    }
    const norm = Math.sqrt(dot(v, v));
    if (norm > 1e-12) for (let t = 0; t < v.length; t++) v[t]! /= norm;
    else v.fill(0);
  }
}

/** Cyclic Jacobi eigen-decomposition of a symmetric l × l matrix: eigenvalues, eigenvectors as columns. */
function jacobiEigen(A: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(A);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < l; r++) {
          const arp = a[r * l + p]!;
          const arq = a[r * l + q]!;
          a[r * l + p] = c * arp - s * arq;
          a[r * l + q] = s * arp + c * arq;
        }
        for (let r = 0; r < l; r++) {
          const apr = a[p * l + r]!;
          const aqr = a[q * l + r]!;
          a[p * l + r] = c * apr - s * aqr;
          a[q * l + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < l; r++) {
          const vrp = v[r * l + p]!;
          const vrq = v[r * l + q]!;
          v[r * l + p] = c * vrp - s * vrq;
          v[r * l + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: l }, (_, i) => a[i * l + i]!), vectors: v };
}

function gaussian(rng: Random): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
