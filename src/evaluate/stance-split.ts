/**
 * A held-out split for stance pairs in which no body and no headline is on both sides.
 *
 * Bodies with the same text (whitespace and case folded) count as one body; headlines are compared the
 * same way. Bodies and headlines joined by a related pair (agree/disagree/discuss) are about one claim,
 * so the connected components of that graph are claims; whole claims go to one side, stratified by
 * stance. A pair is a training pair when its headline's and its body's claims are both on the training
 * side, a dev pair when both are on the dev side, and is dropped otherwise (only unrelated pairs can be).
 * So dev measures headlines, bodies and claims the model never saw, as the official FNC-1 test does.
 */
import { Random } from '../learn/random.js';
import { stratifiedGroupKFold, stratifiedGroupSplit } from '../learn/split.js';
import { STANCE_INDEX, UNRELATED, type Stance } from './stance-metrics.js';

export const TRAIN = 0;
export const DEV = 1;
export const DROPPED = 2;

export interface SplitPair {
  headline: string;
  bodyId: string;
  stance?: Stance;
}

export interface StanceSplit {
  /** Per pair: TRAIN, DEV or DROPPED. */
  part: Uint8Array;
  /** Claim (component) of each pair's headline. */
  claimOfPair: Int32Array;
  claims: number;
  devClaims: number;
}

export function foldText(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Claim components of headlines and bodies; `bodyKey(id)` is the body's identity (folded text). */
export function claimComponents(
  pairs: readonly SplitPair[],
  bodyKey: (bodyId: string) => string,
): { headlineClaim: Int32Array; bodyClaim: Int32Array; claims: number } {
  const ids = new Map<string, number>();
  const parent: number[] = [];
  const node = (key: string): number => {
    let i = ids.get(key);
    if (i === undefined) {
      i = parent.length;
      ids.set(key, i);
      parent.push(i);
    }
    return i;
  };
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const h = pairs.map((p) => node(`h\u0000${foldText(p.headline)}`));
  const b = pairs.map((p) => node(`b\u0000${bodyKey(p.bodyId)}`));
  pairs.forEach((p, i) => {
    if (p.stance !== undefined && p.stance !== 'unrelated') {
      const x = find(h[i]!);
      const y = find(b[i]!);
      if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
    }
  });
  const dense = new Map<number, number>();
  const claim = (x: number): number => {
    const r = find(x);
    let c = dense.get(r);
    if (c === undefined) {
      c = dense.size;
      dense.set(r, c);
    }
    return c;
  };
  const headlineClaim = Int32Array.from(h, claim);
  const bodyClaim = Int32Array.from(b, claim);
  return { headlineClaim, bodyClaim, claims: dense.size };
}

export function stanceSplit(
  pairs: readonly SplitPair[],
  bodies: ReadonlyMap<string, string>,
  devFraction: number,
  seed: number,
): StanceSplit {
  const bodyKey = (id: string): string => foldText(bodies.get(id) ?? `\u0000id:${id}`);
  const { headlineClaim, bodyClaim, claims } = claimComponents(pairs, bodyKey);
  // Claims with related pairs are split stratified by stance; any others at random.
  const related: number[] = [];
  pairs.forEach((p, i) => {
    if (p.stance !== undefined && p.stance !== 'unrelated') related.push(i);
  });
  const claimPart = new Int8Array(claims).fill(-1);
  if (related.length > 0) {
    const labels = Int32Array.from(related, (i) => STANCE_INDEX[pairs[i]!.stance!]);
    const groups = Int32Array.from(related, (i) => headlineClaim[i]!);
    const side = stratifiedGroupSplit(labels, groups, devFraction, seed);
    related.forEach((i, j) => (claimPart[headlineClaim[i]!] = side[j]!));
  }
  const rng = new Random(seed ^ 0x5bd1e995);
  for (let c = 0; c < claims; c++) if (claimPart[c] === -1) claimPart[c] = rng.next() < devFraction ? 1 : 0;
  const part = new Uint8Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const a = claimPart[headlineClaim[i]!]!;
    const b = claimPart[bodyClaim[i]!]!;
    part[i] = a !== b ? DROPPED : a === 1 ? DEV : TRAIN;
  }
  let devClaims = 0;
  for (let c = 0; c < claims; c++) devClaims += claimPart[c] === 1 ? 1 : 0;
  return { part, claimOfPair: headlineClaim, claims, devClaims };
}

/**
 * K folds of claims for cross-validation: `foldOfClaim` per claim, and per pair the fold whose test set
 * it is in (both its headline's and its body's claims in that fold) or −1. Fold f trains on the pairs
 * with neither claim in f.
 */
export function stanceFolds(
  pairs: readonly SplitPair[],
  bodies: ReadonlyMap<string, string>,
  k: number,
  seed: number,
): { testFold: Int32Array; headlineFold: Int32Array; bodyFold: Int32Array } {
  const bodyKey = (id: string): string => foldText(bodies.get(id) ?? `\u0000id:${id}`);
  const { headlineClaim, bodyClaim, claims } = claimComponents(pairs, bodyKey);
  const related: number[] = [];
  pairs.forEach((p, i) => {
    if (p.stance !== undefined && p.stance !== 'unrelated') related.push(i);
  });
  const foldOfClaim = new Int32Array(claims).fill(-1);
  const labels = Int32Array.from(related, (i) => STANCE_INDEX[pairs[i]!.stance!]);
  const groups = Int32Array.from(related, (i) => headlineClaim[i]!);
  const folds = stratifiedGroupKFold(labels, groups, k, seed);
  related.forEach((i, j) => (foldOfClaim[headlineClaim[i]!] = folds[j]!));
  const rng = new Random(seed ^ 0x5bd1e995);
  for (let c = 0; c < claims; c++) if (foldOfClaim[c] === -1) foldOfClaim[c] = rng.int(k);
  const headlineFold = Int32Array.from(headlineClaim, (c) => foldOfClaim[c]!);
  const bodyFold = Int32Array.from(bodyClaim, (c) => foldOfClaim[c]!);
  const testFold = Int32Array.from(pairs, (_, i) => (headlineFold[i] === bodyFold[i] ? headlineFold[i]! : -1));
  return { testFold, headlineFold, bodyFold };
}

/**
 * Weights that give a set's unrelated pairs the share `unrelatedShare` of the total weight (related
 * pairs weigh 1): for reading a dev score at another class mix, e.g. the official test's 72.2 %.
 */
export function unrelatedShareWeights(gold: ArrayLike<number>, unrelatedShare: number): Float64Array {
  let u = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === UNRELATED) u++;
  const r = gold.length - u;
  const wu = u === 0 ? 1 : (unrelatedShare * r) / ((1 - unrelatedShare) * u);
  return Float64Array.from({ length: gold.length }, (_, i) => (gold[i] === UNRELATED ? wu : 1));
}
