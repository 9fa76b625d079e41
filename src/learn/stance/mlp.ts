/**
 * A small multilayer perceptron on dense features: standardised inputs, one ReLU hidden layer, softmax
 * output, weighted cross-entropy with L2, Adam on seeded mini-batches. Used beside the trees in stage 2:
 * a smooth learner on the same features makes different mistakes, and their average is steadier.
 */
import { Random } from '../random.js';
import { columnMoments } from '../standardise.js';

export interface MlpParams {
  hidden: number;
  epochs: number;
  batch: number;
  learningRate: number;
  l2: number;
}

export const DEFAULT_MLP: MlpParams = { hidden: 64, epochs: 30, batch: 64, learningRate: 0.003, l2: 1e-4 };

export interface MlpModel {
  inputs: number;
  hidden: number;
  classes: number;
  mean: Float64Array;
  sd: Float64Array;
  /** hidden × inputs, then hidden biases. */
  w1: Float32Array;
  b1: Float32Array;
  /** classes × hidden, then class biases. */
  w2: Float32Array;
  b2: Float32Array;
}

export function fitMlp(
  X: readonly Float64Array[],
  y: ArrayLike<number>,
  classes: number,
  params: MlpParams,
  seed: number,
  weights?: ArrayLike<number>,
): MlpModel {
  const n = X.length;
  const d = n > 0 ? X[0]!.length : 0;
  const H = params.hidden;
  const rng = new Random(seed);
  const { mean, sd } = columnMoments(X, d);
  const Z = X.map((x) => Float64Array.from(x, (v, j) => (v - mean[j]!) / sd[j]!));
  const w = weights === undefined ? new Float64Array(n).fill(1) : Float64Array.from(weights);
  const wMean = w.reduce((a, b) => a + b, 0) / n;

  const gauss = (): number => Math.sqrt(-2 * Math.log(Math.max(rng.next(), 1e-12))) * Math.cos(2 * Math.PI * rng.next());
  const m: MlpModel = {
    inputs: d,
    hidden: H,
    classes,
    mean,
    sd,
    w1: Float32Array.from({ length: H * d }, () => gauss() * Math.sqrt(2 / d)),
    b1: new Float32Array(H),
    w2: Float32Array.from({ length: classes * H }, () => gauss() * Math.sqrt(1 / H)),
    b2: new Float32Array(classes),
  };
  const params_ = [m.w1, m.b1, m.w2, m.b2];
  const grads = params_.map((p) => new Float64Array(p.length));
  const m1 = params_.map((p) => new Float64Array(p.length));
  const m2 = params_.map((p) => new Float64Array(p.length));
  const [gw1, gb1, gw2, gb2] = grads as [Float64Array, Float64Array, Float64Array, Float64Array];
  const h = new Float64Array(H);
  const dh = new Float64Array(H);
  const p = new Float64Array(classes);
  const order = Array.from({ length: n }, (_, i) => i);
  let step = 0;
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let epoch = 0; epoch < params.epochs; epoch++) {
    rng.shuffle(order);
    for (let start = 0; start < n; start += params.batch) {
      const end = Math.min(n, start + params.batch);
      for (const g of grads) g.fill(0);
      for (let q = start; q < end; q++) {
        const r = order[q]!;
        const x = Z[r]!;
        forward(m, x, h, p);
        const scale = w[r]! / wMean / (end - start);
        dh.fill(0);
        for (let c = 0; c < classes; c++) {
          const g = (p[c]! - (y[r] === c ? 1 : 0)) * scale;
          gb2[c]! += g;
          const off = c * H;
          for (let k = 0; k < H; k++) {
            gw2[off + k]! += g * h[k]!;
            dh[k]! += g * m.w2[off + k]!;
          }
        }
        for (let k = 0; k < H; k++) {
          if (h[k]! <= 0) continue;
          const g = dh[k]!;
          gb1[k]! += g;
          const off = k * d;
          for (let j = 0; j < d; j++) gw1[off + j]! += g * x[j]!;
        }
      }
      step++;
      const lr = (params.learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      params_.forEach((param, t) => {
        const g = grads[t]!;
        const a = m1[t]!;
        const b = m2[t]!;
        const decay = t === 0 || t === 2 ? params.l2 : 0;
        for (let k = 0; k < param.length; k++) {
          const gk = g[k]! + decay * param[k]!;
          a[k] = beta1 * a[k]! + (1 - beta1) * gk;
          b[k] = beta2 * b[k]! + (1 - beta2) * gk * gk;
          param[k] = param[k]! - (lr * a[k]!) / (Math.sqrt(b[k]!) + 1e-8);
        }
      });
    }
  }
  return m;
}

/** Hidden activations and class probabilities of one standardised input. */
function forward(m: MlpModel, z: ArrayLike<number>, h: Float64Array, p: Float64Array): void {
  const d = m.inputs;
  for (let k = 0; k < m.hidden; k++) {
    let s = m.b1[k]!;
    const off = k * d;
    for (let j = 0; j < d; j++) s += m.w1[off + j]! * z[j]!;
    h[k] = s > 0 ? s : 0;
  }
  let mx = -Infinity;
  for (let c = 0; c < m.classes; c++) {
    let s = m.b2[c]!;
    const off = c * m.hidden;
    for (let k = 0; k < m.hidden; k++) s += m.w2[off + k]! * h[k]!;
    p[c] = s;
    mx = Math.max(mx, s);
  }
  let sum = 0;
  for (let c = 0; c < m.classes; c++) sum += p[c] = Math.exp(p[c]! - mx);
  for (let c = 0; c < m.classes; c++) p[c]! /= sum;
}

export function mlpProbabilities(m: MlpModel, x: ArrayLike<number>, out = new Float64Array(m.classes)): Float64Array {
  const z = Float64Array.from({ length: m.inputs }, (_, j) => (x[j]! - m.mean[j]!) / m.sd[j]!);
  forward(m, z, new Float64Array(m.hidden), out);
  return out;
}
