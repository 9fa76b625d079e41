/** 32-bit string hashing (MurmurHash3's mixing over UTF-16 code units), used for hashed features and shingles. */

export function hashString(s: string, seed = 0): number {
  let h = seed >>> 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let k = s.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix(h ^ n);
}

/** Combine two hashes order-sensitively (for n-grams made of already hashed parts). */
export function hashPair(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h ^= b + 0x7f4a7c15 + (h << 6) + (h >>> 2);
  return fmix(h);
}

export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
