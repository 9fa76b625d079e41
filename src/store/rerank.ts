/**
 * The re-ranker: logistic regression over standardised pair features (src/store/features.ts), its
 * output read as the probability that a candidate fact-check checks the text. Fitted by full-batch
 * gradient descent with L2, each weight held to the sign FEATURE_SIGNS gives it; small enough (a weight per feature) to live in source as RERANKER.
 */
import { FEATURE_SIGNS, FEATURES } from './features.js';

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

export interface FitOptions {
  l2?: number;
  /** Passes of full-batch gradient descent (default 3000). */
  epochs?: number;
  rate?: number;
  /** Weight of each positive example (candidates are mostly negatives). */
  positiveWeight?: number;
}

/** Fits a re-ranker to labelled candidate pairs (y = 1 when the fact-check is a match). */
export function fitReranker(xs: readonly (readonly number[])[], ys: readonly number[], opts: FitOptions = {}, note = ''): Reranker {
  const d = FEATURES.length;
  const n = xs.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const x of xs) for (let j = 0; j < d; j++) mean[j]! += x[j]! / n;
  for (const x of xs) for (let j = 0; j < d; j++) scale[j]! += (x[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const z = xs.map((x) => x.map((v, j) => (v - mean[j]!) / scale[j]!));
  const l2 = opts.l2 ?? 1e-3;
  const rate = opts.rate ?? 0.5;
  const pw = opts.positiveWeight ?? 1;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  let totalWeight = 0;
  for (const y of ys) totalWeight += y === 1 ? pw : 1;
  for (let epoch = 0; epoch < (opts.epochs ?? 3000); epoch++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      let s = b;
      for (let j = 0; j < d; j++) s += w[j]! * zi[j]!;
      const p = 1 / (1 + Math.exp(-s));
      const weight = ys[i] === 1 ? pw : 1;
      const g = (p - ys[i]!) * weight;
      for (let j = 0; j < d; j++) gw[j]! += g * zi[j]!;
      gb += g;
    }
    for (let j = 0; j < d; j++) {
      w[j]! -= rate * (gw[j]! / totalWeight + l2 * w[j]!);
      // Projected gradient: keep each weight on the side FEATURE_SIGNS allows.
      const sign = FEATURE_SIGNS[FEATURES[j]!];
      if (sign * w[j]! < 0) w[j] = 0;
    }
    b -= rate * (gb / totalWeight);
  }
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return { features: [...FEATURES], mean: mean.map(r6), scale: scale.map(r6), weights: w.map(r6), bias: r6(b), note };
}

