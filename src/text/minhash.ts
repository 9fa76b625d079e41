/**
 * MinHash (Broder, 1997): a fixed-length signature of a set of shingles whose positions agree between
 * two texts with probability equal to the Jaccard similarity of their shingle sets.
 */
import { fmix, hashPair, hashString } from './hash.js';

/**
 * The hash of every run of `k` consecutive token forms (e.g. `tokens.norm`), in text order, repeats kept.
 * A text of fewer than `k` (but at least one) tokens is a single shingle of them all; no tokens, no shingles.
 */
export function wordShingles(norms: readonly string[], k = 5): Uint32Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`shingle length must be a positive integer, got ${k}`);
  if (norms.length === 0) return new Uint32Array(0);
  const tokenHashes = new Uint32Array(norms.length);
  for (let i = 0; i < norms.length; i++) tokenHashes[i] = hashString(norms[i]!);
  const width = Math.min(k, norms.length);
  const shingles = new Uint32Array(norms.length - width + 1);
  for (let i = 0; i < shingles.length; i++) {
    let h = tokenHashes[i]!;
    for (let j = 1; j < width; j++) h = hashPair(h, tokenHashes[i + j]!);
    shingles[i] = h;
  }
  return shingles;
}

/**
 * The MinHash signature of a set of 32-bit shingle hashes: for each of `numHashes` hash functions, the
 * least hash over the set. Signatures compare only when made with the same `numHashes` and `seed`.
 * The empty set has the all-ones signature, so empty texts count as duplicates of one another.
 */
export function minhashSignature(shingles: Iterable<number>, numHashes = 64, seed = 1): Uint32Array {
  if (!Number.isInteger(numHashes) || numHashes < 1) {
    throw new RangeError(`numHashes must be a positive integer, got ${numHashes}`);
  }
  // Hash function i is fmix(x ^ salt_i): a bijection of 32-bit integers, so each one permutes the shingles.
  const salts = new Uint32Array(numHashes);
  for (let i = 0; i < numHashes; i++) salts[i] = hashPair(seed, i);
  const signature = new Uint32Array(numHashes).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < numHashes; i++) {
      const h = fmix(shingle ^ salts[i]!);
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return signature;
}

/** The share of positions where two signatures agree: an unbiased estimate of the shingle sets' Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError(`signatures of different lengths (${a.length}, ${b.length})`);
  let agree = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) agree++;
  return agree / a.length;
}
