/**
 * A factorised stance model for related pairs. FNC-1's labels compose two stances toward the claim:
 * the body's (it asserts the claim, refutes it, or only reports it) and the headline's (it asserts the
 * claim, denies it — "No, Banksy hasn't been arrested" — or asks). A body that refutes the claim
 * *agrees* with a denying headline and *disagrees* with an asserting one: an exclusive-or that no
 * linear model of the words can express. So this model has a latent 3-way stance for each side,
 *
 *   P(body stance)     = softmax(W_b · x_body + c_b)
 *   P(headline stance) = softmax(W_h · x_head + c_h)
 *   P(label)           = Σ_ij P(body = i) · P(headline = j) · T[i][j][label],   T[i][j] = softmax(U[i][j])
 *
 * with T started from the exclusive-or table (assert × assert → agree, refute × assert → disagree,
 * anything neutral → discuss) and all of W, c, U learned by AdaGrad on the weighted log-loss with L2 on W.
 * The body's latent stance is also read sentence by sentence for evidence.
 */
import { Random } from '../random.js';
import type { Sparse } from './vectors.js';

export interface PolarityParams {
  epochs: number;
  learningRate: number;
  /** L2 penalty on W per example seen. */
  l2: number;
  /** How strongly T starts at the exclusive-or table (logit of the intended label). */
  prior: number;
}

export const DEFAULT_POLARITY: PolarityParams = { epochs: 12, learningRate: 0.2, l2: 1e-5, prior: 3 };

export interface PolarityModel {
  /** Dimensions of the hashed inputs. */
  cols: number;
  /** 3 × cols, then 3 × cols. */
  body: Float32Array;
  head: Float32Array;
  bodyBias: Float64Array;
  headBias: Float64Array;
  /** U: 3 (body) × 3 (headline) × 3 (label) logits. */
  table: Float64Array;
}

const L = 3; // latent states: 0 asserts, 1 refutes/denies, 2 neutral
const Y = 3; // labels: 0 agree, 1 disagree, 2 discuss

function priorTable(strength: number): Float64Array {
  const u = new Float64Array(L * L * Y);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      const label = i === 2 || j === 2 ? 2 : i === j ? 0 : 1;
      u[(i * L + j) * Y + label] = strength;
    }
  }
  return u;
}

function softmax3(z: Float64Array, at: number, out: Float64Array, outAt: number): void {
  const m = Math.max(z[at]!, z[at + 1]!, z[at + 2]!);
  const a = Math.exp(z[at]! - m);
  const b = Math.exp(z[at + 1]! - m);
  const c = Math.exp(z[at + 2]! - m);
  const s = a + b + c;
  out[outAt] = a / s;
  out[outAt + 1] = b / s;
  out[outAt + 2] = c / s;
}

function latent(x: Sparse, w: Float32Array, bias: Float64Array, cols: number, out: Float64Array): void {
  const z = new Float64Array(L);
  for (let i = 0; i < L; i++) {
    let s = bias[i]!;
    const off = i * cols;
    for (let k = 0; k < x.idx.length; k++) s += w[off + x.idx[k]!]! * x.val[k]!;
    z[i] = s;
  }
  softmax3(z, 0, out, 0);
}

/** The latent distribution of one side: P(asserts), P(refutes), P(neutral). */
export function bodyStance(m: PolarityModel, x: Sparse, out = new Float64Array(L)): Float64Array {
  latent(x, m.body, m.bodyBias, m.cols, out);
  return out;
}

export function headlineStance(m: PolarityModel, x: Sparse, out = new Float64Array(L)): Float64Array {
  latent(x, m.head, m.headBias, m.cols, out);
  return out;
}

/** P(agree), P(disagree), P(discuss) from the two sides' latent distributions. */
export function combine(m: PolarityModel, a: Float64Array, b: Float64Array, out = new Float64Array(Y)): Float64Array {
  out.fill(0);
  const t = new Float64Array(Y);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      softmax3(m.table, (i * L + j) * Y, t, 0);
      const w = a[i]! * b[j]!;
      for (let y = 0; y < Y; y++) out[y]! += w * t[y]!;
    }
  }
  return out;
}

export function fitPolarity(
  bodies: readonly Sparse[],
  heads: readonly Sparse[],
  y: ArrayLike<number>,
  weights: ArrayLike<number>,
  cols: number,
  params: PolarityParams,
  seed: number,
): PolarityModel {
  const n = y.length;
  const rng = new Random(seed);
  const m: PolarityModel = {
    cols,
    body: new Float32Array(L * cols),
    head: new Float32Array(L * cols),
    bodyBias: new Float64Array(L),
    headBias: new Float64Array(L),
    table: priorTable(params.prior),
  };
  for (let k = 0; k < m.body.length; k++) {
    m.body[k] = (rng.next() - 0.5) * 0.02;
    m.head[k] = (rng.next() - 0.5) * 0.02;
  }
  // AdaGrad accumulators.
  const gBody = new Float32Array(L * cols).fill(1e-8);
  const gHead = new Float32Array(L * cols).fill(1e-8);
  const gBB = new Float64Array(L).fill(1e-8);
  const gHB = new Float64Array(L).fill(1e-8);
  const gU = new Float64Array(L * L * Y).fill(1e-8);
  const a = new Float64Array(L);
  const b = new Float64Array(L);
  const T = new Float64Array(L * L * Y);
  const dA = new Float64Array(L);
  const dB = new Float64Array(L);
  const dU = new Float64Array(L * L * Y);
  const order = Array.from({ length: n }, (_, i) => i);
  const lr = params.learningRate;
  let wsum = 0;
  for (let i = 0; i < n; i++) wsum += weights[i]!;
  const wscale = n / wsum;

  for (let epoch = 0; epoch < params.epochs; epoch++) {
    rng.shuffle(order);
    for (const r of order) {
      const xb = bodies[r]!;
      const xh = heads[r]!;
      const target = y[r]!;
      const w = weights[r]! * wscale;
      latent(xb, m.body, m.bodyBias, cols, a);
      latent(xh, m.head, m.headBias, cols, b);
      for (let c = 0; c < L * L; c++) softmax3(m.table, c * Y, T, c * Y);
      let p = 0;
      for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) p += a[i]! * b[j]! * T[(i * L + j) * Y + target]!;
      p = Math.max(p, 1e-12);
      // dL/da, dL/db, dL/dU for L = −w log p.
      for (let i = 0; i < L; i++) {
        let s = 0;
        for (let j = 0; j < L; j++) s += b[j]! * T[(i * L + j) * Y + target]!;
        dA[i] = (-w * s) / p;
      }
      for (let j = 0; j < L; j++) {
        let s = 0;
        for (let i = 0; i < L; i++) s += a[i]! * T[(i * L + j) * Y + target]!;
        dB[j] = (-w * s) / p;
      }
      for (let i = 0; i < L; i++) {
        for (let j = 0; j < L; j++) {
          const c = (i * L + j) * Y;
          const dT = (-w * a[i]! * b[j]!) / p;
          for (let l = 0; l < Y; l++) dU[c + l] = dT * T[c + target]! * ((l === target ? 1 : 0) - T[c + l]!);
        }
      }
      // Through the softmaxes to the side logits.
      const sa = dA[0]! * a[0]! + dA[1]! * a[1]! + dA[2]! * a[2]!;
      const sb = dB[0]! * b[0]! + dB[1]! * b[1]! + dB[2]! * b[2]!;
      for (let i = 0; i < L; i++) {
        const gz = a[i]! * (dA[i]! - sa);
        update(m.body, gBody, i * cols, xb, gz, lr, params.l2);
        gBB[i]! += gz * gz;
        m.bodyBias[i]! -= (lr * gz) / Math.sqrt(gBB[i]!);
        const hz = b[i]! * (dB[i]! - sb);
        update(m.head, gHead, i * cols, xh, hz, lr, params.l2);
        gHB[i]! += hz * hz;
        m.headBias[i]! -= (lr * hz) / Math.sqrt(gHB[i]!);
      }
      for (let k = 0; k < dU.length; k++) {
        gU[k]! += dU[k]! * dU[k]!;
        m.table[k]! -= (lr * dU[k]!) / Math.sqrt(gU[k]!);
      }
    }
  }
  return m;
}

function update(w: Float32Array, g: Float32Array, off: number, x: Sparse, gz: number, lr: number, l2: number): void {
  for (let k = 0; k < x.idx.length; k++) {
    const j = off + x.idx[k]!;
    const grad = gz * x.val[k]! + l2 * w[j]!;
    g[j]! += grad * grad;
    w[j]! -= (lr * grad) / Math.sqrt(g[j]!);
  }
}
