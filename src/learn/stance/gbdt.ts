/**
 * Gradient-boosted decision trees on dense features (second-order boosting as in XGBoost, with
 * LightGBM-style histograms): features are cut into at most `bins` quantile bins once, every tree is
 * grown depth-first to `maxDepth` on per-bin sums of gradients and hessians (the larger child's histogram
 * is the parent's minus the smaller child's), leaves are −G/(H+λ) shrunk by the learning rate.
 * Binary (logistic) for 2 classes, softmax with one tree per class per round otherwise. Row and feature
 * subsampling come from a seeded PRNG, so the same seed gives the same trees.
 */
import { Random } from '../random.js';

export interface GbdtParams {
  rounds: number;
  learningRate: number;
  maxDepth: number;
  /** Most quantile bins per feature (≤ 256). */
  bins: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Least hessian sum in a child. */
  minChildWeight: number;
  /** Least gain to split. */
  minGain: number;
  /** Share of rows each tree sees. */
  subsample: number;
  /** Share of features each tree may split on. */
  colsample: number;
}

export const DEFAULT_GBDT: GbdtParams = {
  rounds: 200,
  learningRate: 0.1,
  maxDepth: 5,
  bins: 64,
  lambda: 1,
  minChildWeight: 1,
  minGain: 0,
  subsample: 0.8,
  colsample: 0.8,
};

/** A fitted ensemble, as flat arrays (what a model file stores). */
export interface GbdtModel {
  classes: number;
  features: number;
  /** Trees per class (rounds); tree t of class c is tree number t * outputs + c. */
  rounds: number;
  /** Raw scores start here, per output. */
  base: Float64Array;
  /** Node arrays; a node with feature −1 is a leaf whose value is `value`. */
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** Root node index of each tree. */
  roots: Int32Array;
}

/** One output for 2 classes (the log-odds of class 1), one per class otherwise. */
export function outputsOf(classes: number): number {
  return classes === 2 ? 1 : classes;
}

interface Binned {
  n: number;
  f: number;
  /** Row-major bin codes. */
  codes: Uint8Array;
  /** Per feature: the upper edge of each bin but the last. */
  edges: Float64Array[];
}

function binFeatures(X: readonly Float64Array[], maxBins: number, rng: Random): Binned {
  const n = X.length;
  const f = n > 0 ? X[0]!.length : 0;
  const edges: Float64Array[] = [];
  const sampleSize = Math.min(n, 20000);
  const sample = n <= sampleSize ? Array.from({ length: n }, (_, i) => i) : rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, sampleSize);
  const column = new Float64Array(sample.length);
  for (let j = 0; j < f; j++) {
    sample.forEach((r, k) => (column[k] = X[r]![j]!));
    const sorted = Float64Array.from(column).sort();
    const distinct: number[] = [];
    for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct.push(sorted[k]!);
    const cuts: number[] = [];
    if (distinct.length <= maxBins) {
      for (let k = 0; k + 1 < distinct.length; k++) cuts.push((distinct[k]! + distinct[k + 1]!) / 2);
    } else {
      for (let b = 1; b < maxBins; b++) {
        const q = sorted[Math.floor((b * sorted.length) / maxBins)]!;
        if (cuts.length === 0 || q > cuts[cuts.length - 1]!) cuts.push(q);
      }
      // The top quantile may equal the maximum: then nothing would ever go right of it.
      if (cuts.length > 0 && cuts[cuts.length - 1]! >= sorted[sorted.length - 1]!) cuts.pop();
    }
    edges.push(Float64Array.from(cuts));
  }
  const codes = new Uint8Array(n * f);
  for (let r = 0; r < n; r++) for (let j = 0; j < f; j++) codes[r * f + j] = binOf(edges[j]!, X[r]![j]!);
  return { n, f, codes, edges };
}

/** The first bin whose upper edge is ≥ x (the last bin when none is). */
function binOf(e: Float64Array, x: number): number {
  let lo = 0;
  let hi = e.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= e[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

class TreeBuilder {
  feature: number[] = [];
  threshold: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];
}

/**
 * Fit on rows `X` (dense, equal lengths) with class labels `y` in 0..classes-1 and optional row weights.
 * `onRound` hears progress.
 */
export function fitGbdt(
  X: readonly Float64Array[],
  y: ArrayLike<number>,
  classes: number,
  params: GbdtParams,
  seed: number,
  weights?: ArrayLike<number>,
  onRound?: (round: number) => void,
): GbdtModel {
  if (X.length !== y.length) throw new RangeError(`${X.length} rows but ${y.length} labels`);
  if (X.length === 0) throw new RangeError('no rows to fit');
  if (params.bins > 256 || params.bins < 2) throw new RangeError(`bins must be 2..256, got ${params.bins}`);
  const rng = new Random(seed);
  const data = binFeatures(X, params.bins, rng);
  const { n, f, codes } = data;
  const outputs = outputsOf(classes);
  const B = params.bins;
  const w = weights === undefined ? new Float64Array(n).fill(1) : Float64Array.from(weights);

  // Base scores: the weighted class log-priors.
  const prior = new Float64Array(classes);
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    prior[y[i]!]! += w[i]!;
    wsum += w[i]!;
  }
  const base = new Float64Array(outputs);
  if (outputs === 1) {
    const p = Math.min(Math.max(prior[1]! / wsum, 1e-6), 1 - 1e-6);
    base[0] = Math.log(p / (1 - p));
  } else for (let c = 0; c < classes; c++) base[c] = Math.log(Math.max(prior[c]! / wsum, 1e-6));

  const score = new Float64Array(n * outputs);
  for (let i = 0; i < n; i++) for (let o = 0; o < outputs; o++) score[i * outputs + o] = base[o]!;
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const prob = new Float64Array(n * outputs);
  const tree = new TreeBuilder();
  const roots: number[] = [];
  const allRows = Int32Array.from({ length: n }, (_, i) => i);
  const featureOn = new Uint8Array(f);
  const pool = new HistogramPool(f * B * 2);

  for (let round = 0; round < params.rounds; round++) {
    // Probabilities from the current scores.
    for (let i = 0; i < n; i++) {
      if (outputs === 1) prob[i] = 1 / (1 + Math.exp(-score[i]!));
      else {
        let m = -Infinity;
        for (let c = 0; c < classes; c++) m = Math.max(m, score[i * classes + c]!);
        let s = 0;
        for (let c = 0; c < classes; c++) s += prob[i * classes + c] = Math.exp(score[i * classes + c]! - m);
        for (let c = 0; c < classes; c++) prob[i * classes + c]! /= s;
      }
    }
    // One row sample per round, shared by the round's trees.
    let rows = allRows;
    if (params.subsample < 1) {
      const picked: number[] = [];
      for (let i = 0; i < n; i++) if (rng.next() < params.subsample) picked.push(i);
      rows = Int32Array.from(picked);
    }
    for (let o = 0; o < outputs; o++) {
      for (let i = 0; i < n; i++) {
        const p = prob[i * outputs + o]!;
        const target = outputs === 1 ? (y[i] === 1 ? 1 : 0) : y[i] === o ? 1 : 0;
        g[i] = (p - target) * w[i]!;
        h[i] = Math.max(p * (1 - p), 1e-12) * w[i]! * (outputs === 1 ? 1 : classes / (classes - 1));
      }
      let on = 0;
      for (let j = 0; j < f; j++) {
        featureOn[j] = params.colsample >= 1 || rng.next() < params.colsample ? 1 : 0;
        on += featureOn[j]!;
      }
      if (on === 0) featureOn[rng.int(f)] = 1;
      const active = Int32Array.from({ length: f }, (_, j) => j).filter((j) => featureOn[j] === 1);
      const hist = pool.take();
      fillHistogram(hist, rows, codes, f, B, g, h, active);
      roots.push(tree.feature.length);
      grow(tree, rows, hist, 0, params, data, active, g, h, pool);
      // Update scores of every row.
      const root = roots[roots.length - 1]!;
      for (let i = 0; i < n; i++) {
        let node = root;
        while (tree.feature[node]! >= 0) node = codes[i * f + tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
        score[i * outputs + o]! += tree.value[node]!;
      }
    }
    onRound?.(round + 1);
  }
  // Stored thresholds are raw values: the upper edge of the split bin.
  const threshold = Float64Array.from(tree.threshold.map((t, k) => (tree.feature[k]! >= 0 ? data.edges[tree.feature[k]!]![t]! : 0)));
  return {
    classes,
    features: f,
    rounds: params.rounds,
    base,
    feature: Int32Array.from(tree.feature),
    threshold,
    left: Int32Array.from(tree.left),
    right: Int32Array.from(tree.right),
    value: Float64Array.from(tree.value),
    roots: Int32Array.from(roots),
  };
}

/** Reused histogram buffers: a tree needs one per level, not one per node. */
class HistogramPool {
  private free: Float64Array[] = [];
  constructor(private readonly size: number) {}
  take(): Float64Array {
    const h = this.free.pop();
    if (h === undefined) return new Float64Array(this.size);
    h.fill(0);
    return h;
  }
  give(h: Float64Array): void {
    this.free.push(h);
  }
}

function fillHistogram(hist: Float64Array, rows: Int32Array, codes: Uint8Array, f: number, B: number, g: Float64Array, h: Float64Array, active: Int32Array): void {
  const na = active.length;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const gr = g[r]!;
    const hr = h[r]!;
    const base = r * f;
    for (let q = 0; q < na; q++) {
      const j = active[q]!;
      const idx = (j * B + codes[base + j]!) * 2;
      hist[idx]! += gr;
      hist[idx + 1]! += hr;
    }
  }
}

/** Grow the subtree of `rows` (whose histogram is `hist`) and return its node index. */
function grow(
  t: TreeBuilder,
  rows: Int32Array,
  hist: Float64Array,
  depth: number,
  p: GbdtParams,
  data: Binned,
  active: Int32Array,
  g: Float64Array,
  h: Float64Array,
  pool: HistogramPool,
): number {
  const { f, codes } = data;
  const B = p.bins;
  const node = t.feature.length;
  t.feature.push(-1);
  t.threshold.push(0);
  t.left.push(-1);
  t.right.push(-1);
  t.value.push(0);
  let G = 0;
  let H = 0;
  // Any active feature's bins hold every row once.
  const j0 = active[0]! * B * 2;
  for (let b = 0; b < B; b++) {
    G += hist[j0 + b * 2]!;
    H += hist[j0 + b * 2 + 1]!;
  }
  t.value[node] = (-G / (H + p.lambda)) * p.learningRate;
  if (depth >= p.maxDepth || rows.length < 2 || H < 2 * p.minChildWeight) {
    pool.give(hist);
    return node;
  }
  const parentGain = (G * G) / (H + p.lambda);
  let bestGain = p.minGain;
  let bestFeature = -1;
  let bestBin = -1;
  for (const j of active) {
    const last = data.edges[j]!.length;
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < last; b++) {
      const idx = (j * B + b) * 2;
      gl += hist[idx]!;
      hl += hist[idx + 1]!;
      const hr = H - hl;
      if (hl < p.minChildWeight) continue;
      if (hr < p.minChildWeight) break;
      const gr = G - gl;
      const gain = (gl * gl) / (hl + p.lambda) + (gr * gr) / (hr + p.lambda) - parentGain;
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = j;
        bestBin = b;
      }
    }
  }
  if (bestFeature < 0) {
    pool.give(hist);
    return node;
  }
  let nl = 0;
  for (let k = 0; k < rows.length; k++) if (codes[rows[k]! * f + bestFeature]! <= bestBin) nl++;
  const leftRows = new Int32Array(nl);
  const rightRows = new Int32Array(rows.length - nl);
  let a = 0;
  let c = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (codes[r * f + bestFeature]! <= bestBin) leftRows[a++] = r;
    else rightRows[c++] = r;
  }
  const smallIsLeft = leftRows.length <= rightRows.length;
  const small = pool.take();
  fillHistogram(small, smallIsLeft ? leftRows : rightRows, codes, f, B, g, h, active);
  const large = hist; // reused in place: the parent's histogram is no longer needed
  for (const j of active) {
    for (let k = j * B * 2, e = (j + 1) * B * 2; k < e; k++) large[k]! -= small[k]!;
  }
  t.feature[node] = bestFeature;
  t.threshold[node] = bestBin;
  const l = grow(t, leftRows, smallIsLeft ? small : large, depth + 1, p, data, active, g, h, pool);
  const r = grow(t, rightRows, smallIsLeft ? large : small, depth + 1, p, data, active, g, h, pool);
  t.left[node] = l;
  t.right[node] = r;
  return node;
}

/** Each node as [feature, threshold or leaf value, left, right] in one array: one cache line per step. */
const PACKED = new WeakMap<GbdtModel, Float64Array>();

function packed(m: GbdtModel): Float64Array {
  let p = PACKED.get(m);
  if (p === undefined) {
    p = new Float64Array(m.feature.length * 4);
    for (let k = 0; k < m.feature.length; k++) {
      const leaf = m.feature[k]! < 0;
      p[4 * k] = leaf ? -1 : m.feature[k]!;
      p[4 * k + 1] = leaf ? m.value[k]! : m.threshold[k]!;
      p[4 * k + 2] = m.left[k]!;
      p[4 * k + 3] = m.right[k]!;
    }
    PACKED.set(m, p);
  }
  return p;
}

/** Raw scores (log-odds or per-class logits) of one row. */
export function gbdtScores(m: GbdtModel, x: ArrayLike<number>, out = new Float64Array(outputsOf(m.classes))): Float64Array {
  const outputs = outputsOf(m.classes);
  const p = packed(m);
  for (let o = 0; o < outputs; o++) out[o] = m.base[o]!;
  const roots = m.roots;
  for (let t = 0; t < roots.length; t++) {
    let k = roots[t]! * 4;
    let f = p[k]!;
    while (f >= 0) {
      k = (x[f]! <= p[k + 1]! ? p[k + 2]! : p[k + 3]!) * 4;
      f = p[k]!;
    }
    out[t % outputs]! += p[k + 1]!;
  }
  return out;
}

/** Class probabilities of one row. */
export function gbdtProbabilities(m: GbdtModel, x: ArrayLike<number>, out = new Float64Array(m.classes)): Float64Array {
  const s = gbdtScores(m, x);
  if (m.classes === 2) {
    out[1] = 1 / (1 + Math.exp(-s[0]!));
    out[0] = 1 - out[1]!;
    return out;
  }
  let mx = -Infinity;
  for (let c = 0; c < m.classes; c++) mx = Math.max(mx, s[c]!);
  let sum = 0;
  for (let c = 0; c < m.classes; c++) sum += out[c] = Math.exp(s[c]! - mx);
  for (let c = 0; c < m.classes; c++) out[c]! /= sum;
  return out;
}

/**
 * Several ensembles from different seeds (so different row and feature samples), merged into one whose
 * raw scores are the mean of theirs: less variance for the price of more trees.
 */
export function fitGbdtBagged(
  X: readonly Float64Array[],
  y: ArrayLike<number>,
  classes: number,
  params: GbdtParams,
  seed: number,
  bags: number,
  weights?: ArrayLike<number>,
  onRound?: (round: number) => void,
): GbdtModel {
  const models: GbdtModel[] = [];
  for (let b = 0; b < Math.max(1, bags); b++) models.push(fitGbdt(X, y, classes, params, seed + 7919 * b, weights, onRound));
  return models.length === 1 ? models[0]! : mergeGbdt(models);
}

function mergeGbdt(models: readonly GbdtModel[]): GbdtModel {
  const first = models[0]!;
  const nodes = models.reduce((s, m) => s + m.feature.length, 0);
  const trees = models.reduce((s, m) => s + m.roots.length, 0);
  const out: GbdtModel = {
    classes: first.classes,
    features: first.features,
    rounds: models.reduce((s, m) => s + m.rounds, 0),
    base: new Float64Array(first.base.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    value: new Float64Array(nodes),
    roots: new Int32Array(trees),
  };
  let at = 0;
  let t = 0;
  for (const m of models) {
    for (let o = 0; o < out.base.length; o++) out.base[o]! += m.base[o]! / models.length;
    for (let k = 0; k < m.feature.length; k++) {
      out.feature[at + k] = m.feature[k]!;
      out.threshold[at + k] = m.threshold[k]!;
      out.left[at + k] = m.left[k]! < 0 ? -1 : m.left[k]! + at;
      out.right[at + k] = m.right[k]! < 0 ? -1 : m.right[k]! + at;
      out.value[at + k] = m.value[k]! / models.length;
    }
    for (const r of m.roots) out.roots[t++] = r + at;
    at += m.feature.length;
  }
  return out;
}
