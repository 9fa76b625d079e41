/**
 * Limited-memory BFGS with a backtracking Armijo line search: a deterministic minimiser for smooth
 * convex objectives such as L2-regularised logistic loss.
 */

/** Writes the gradient at x into `grad` and returns the objective value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when ‖grad‖∞ ≤ tolerance · max(1, ‖x‖∞)... relative to the first gradient. */
  tolerance: number;
  memory: number;
  onIteration?: (iteration: number, value: number) => void;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

export function minimise(f: Objective, x0: Float64Array, opts: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let fx = f(x, g);
  const g0 = Math.max(normInf(g), 1e-12);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(opts.memory);
  let it = 0;
  let converged = normInf(g) <= opts.tolerance * g0;

  while (!converged && it < opts.maxIterations) {
    // Two-loop recursion: d = -H·g.
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    for (let j = S.length - 1; j >= 0; j--) {
      const a = rho[j]! * dot(S[j]!, d);
      alpha[j] = a;
      axpy(-a, Y[j]!, d);
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let i = 0; i < n; i++) d[i] = d[i]! * gamma;
    }
    for (let j = 0; j < S.length; j++) {
      const b = rho[j]! * dot(Y[j]!, d);
      axpy(alpha[j]! - b, S[j]!, d);
    }
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    let step = S.length === 0 ? Math.min(1, 1 / Math.max(normInf(g), 1e-12)) : 1;
    let fNew = 0;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (S.length === opts.memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    x.set(xNew);
    g.set(gNew);
    const improvement = fx - fNew;
    fx = fNew;
    it++;
    opts.onIteration?.(it, fx);
    converged = normInf(g) <= opts.tolerance * g0 || improvement <= 1e-10 * Math.max(1, Math.abs(fx));
  }
  return { x, value: fx, iterations: it, converged };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] = y[i]! + a * x[i]!;
}

function normInf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > m) m = v;
  }
  return m;
}
