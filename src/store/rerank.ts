/**
 * The re-ranker: a linear score over standardised pair features (src/store/features.ts), read through
 * a logistic as the probability that a candidate fact-check checks the text. Fitted by full-batch
 * gradient descent with L2, each weight held to the sign FEATURE_SIGNS gives it, on a pairwise
 * (RankNet) loss over every match–non-match pair of one text's candidates (it orders candidates better
 * than pointwise logistic regression did), then Platt scaling of that score on out-of-fold scores so it
 * is again a probability the thresholds can read.
 * Small enough (a weight per feature) to live in source as RERANKER.
 */
import { FEATURE_SIGNS, FEATURES } from './features.js';
import { Random } from '../learn/random.js';

export interface Reranker {
  features: readonly string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  /** How it was made: data, command, figures. */
  note: string;
}

export function rerankScore(model: Reranker, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * ((x[i]! - model.mean[i]!) / model.scale[i]!);
  return 1 / (1 + Math.exp(-z));
}

/** The candidates of one text: their features and whether each is a match. */
export interface CandidateGroup {
  xs: readonly (readonly number[])[];
  ys: readonly number[];
}

export interface PairwiseOptions {
  l2?: number;
  /** Passes of full-batch gradient descent (default 1500). */
  epochs?: number;
  rate?: number;
  /** Folds for the out-of-fold scores Platt scaling is fitted on (default 5; 0: in-sample scores). */
  calibrationFolds?: number;
  seed?: number;
}

function standardiser(groups: readonly CandidateGroup[], d: number): { mean: number[]; scale: number[] } {
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  let n = 0;
  for (const g of groups) for (const x of g.xs) {
    n++;
    for (let j = 0; j < d; j++) mean[j]! += x[j]!;
  }
  for (let j = 0; j < d; j++) mean[j]! /= Math.max(n, 1);
  for (const g of groups) for (const x of g.xs) for (let j = 0; j < d; j++) scale[j]! += (x[j]! - mean[j]!) ** 2;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]! / Math.max(n, 1)) || 1;
  return { mean, scale };
}

/**
 * Weights minimising the mean RankNet loss log(1 + e^(s_neg − s_pos)) over every (match, non-match)
 * pair of a group, plus l2/2 · |w|², on standardised features; no bias (it cancels in a pair).
 */
function pairwiseWeights(groups: readonly CandidateGroup[], mean: readonly number[], scale: readonly number[], opts: PairwiseOptions): number[] {
  const d = mean.length;
  // Each pair as the difference of the standardised vectors (positive minus negative).
  const diffs: Float64Array[] = [];
  for (const g of groups) {
    const z = g.xs.map((x) => Float64Array.from({ length: d }, (_, j) => (x[j]! - mean[j]!) / scale[j]!));
    for (let p = 0; p < g.ys.length; p++) {
      if (g.ys[p] !== 1) continue;
      for (let q = 0; q < g.ys.length; q++) {
        if (g.ys[q] === 1) continue;
        diffs.push(Float64Array.from({ length: d }, (_, j) => z[p]![j]! - z[q]![j]!));
      }
    }
  }
  const w = new Array<number>(d).fill(0);
  if (diffs.length === 0) return w;
  const l2 = opts.l2 ?? 1e-3;
  const rate = opts.rate ?? 0.5;
  const gw = new Float64Array(d);
  for (let epoch = 0; epoch < (opts.epochs ?? 1500); epoch++) {
    gw.fill(0);
    for (const x of diffs) {
      let s = 0;
      for (let j = 0; j < d; j++) s += w[j]! * x[j]!;
      const g = -1 / (1 + Math.exp(s)); // d/ds log(1 + e^-s)
      for (let j = 0; j < d; j++) gw[j]! += g * x[j]!;
    }
    for (let j = 0; j < d; j++) {
      w[j]! -= rate * (gw[j]! / diffs.length + l2 * w[j]!);
      const sign = FEATURE_SIGNS[FEATURES[j]!];
      if (sign * w[j]! < 0) w[j] = 0;
    }
  }
  return w;
}

/** Platt scaling: a and b of P(match) = σ(a·s + b), by Newton's method with step halving on the logistic loss. */
export function plattScale(scores: readonly number[], ys: readonly number[]): { a: number; b: number } {
  const loss = (a: number, b: number) => {
    let l = 0;
    for (let i = 0; i < scores.length; i++) {
      const z = a * scores[i]! + b;
      // log(1 + e^z) − y·z, computed without overflow
      l += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - ys[i]! * z;
    }
    return l;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let it = 0; it < 100; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      const p = 1 / (1 + Math.exp(-(a * s + b)));
      const e = p - ys[i]!;
      const h = p * (1 - p);
      ga += e * s;
      gb += e;
      haa += h * s * s;
      hab += h * s;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const done = current - next < 1e-9 * Math.max(1, current);
    current = next;
    if (done) break;
  }
  return { a, b };
}

/** Assigns each group to one of `k` folds, shuffled by a seed (every fold gets ⌊n/k⌋ or ⌈n/k⌉ groups). */
export function groupFolds(n: number, k: number, seed: number): number[] {
  const order = new Random(seed).shuffle([...Array(n).keys()]);
  const fold = new Array<number>(n).fill(0);
  order.forEach((g, i) => (fold[g] = i % k));
  return fold;
}

function linearScore(w: readonly number[], mean: readonly number[], scale: readonly number[], x: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) s += w[j]! * ((x[j]! - mean[j]!) / scale[j]!);
  return s;
}

/** The pairwise weights alone (no calibration), as a re-ranker whose order is all that counts: for cross-validation. */
export function fitPairwiseOrder(groups: readonly CandidateGroup[], opts: PairwiseOptions = {}): Reranker {
  const { mean, scale } = standardiser(groups, FEATURES.length);
  return { features: [...FEATURES], mean, scale, weights: pairwiseWeights(groups, mean, scale, opts), bias: 0, note: '' };
}

/**
 * Fits a re-ranker with the pairwise loss, then Platt-scales its score into a probability on
 * out-of-fold scores (each group scored by weights fitted without it), so the thresholds read a
 * probability as honest as the training texts allow.
 */
export function fitPairwiseReranker(groups: readonly CandidateGroup[], opts: PairwiseOptions = {}, note = ''): Reranker {
  const d = FEATURES.length;
  const { mean, scale } = standardiser(groups, d);
  const w = pairwiseWeights(groups, mean, scale, opts);
  const k = opts.calibrationFolds ?? 5;
  const scores: number[] = [];
  const ys: number[] = [];
  if (k >= 2 && groups.length >= k) {
    const fold = groupFolds(groups.length, k, opts.seed ?? 1);
    for (let f = 0; f < k; f++) {
      const wf = pairwiseWeights(groups.filter((_, i) => fold[i] !== f), mean, scale, opts);
      groups.forEach((g, i) => {
        if (fold[i] !== f) return;
        g.xs.forEach((x, c) => {
          scores.push(linearScore(wf, mean, scale, x));
          ys.push(g.ys[c]!);
        });
      });
    }
  } else {
    for (const g of groups) g.xs.forEach((x, c) => {
      scores.push(linearScore(w, mean, scale, x));
      ys.push(g.ys[c]!);
    });
  }
  const platt = plattScale(scores, ys);
  // A score that ranks matches higher must read as a higher probability.
  const a = Math.max(platt.a, 1e-3);
  const b = platt.b;
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return { features: [...FEATURES], mean: mean.map(r6), scale: scale.map(r6), weights: w.map((v) => r6(a * v)), bias: r6(b), note };
}
