/**
 * What the entity recogniser knows of a word form from unlabelled news: how often it is capitalised
 * where capitals are not forced (inside a body sentence), whether it comes before "said" or after "Mr.",
 * and a distributional cluster (spherical k-means over PPMI context vectors of its left and right
 * neighbours). Induced by `credence ner-train --news`, stored in the model file as two parallel arrays:
 * the forms' hashes (sorted, for a binary search) and one packed integer of facts per form.
 */
import { LEXICON } from '../../text/lexicon.js';
import { splitSentences } from '../../text/sentences.js';
import { tokenize, TokenKind } from '../../text/tokens.js';
import { hashPair } from '../../text/hash.js';

export interface WordInfo {
  /** LEXICON word hashes (hashString(form, SEED.word)), ascending as signed 32-bit integers. */
  hashes: Int32Array;
  /** Packed facts, see `pack`. */
  info: Int32Array;
  clusters: number;
}

export const EMPTY_WORD_INFO: WordInfo = { hashes: new Int32Array(0), info: new Int32Array(0), clusters: 0 };

/** Capitalisation rate buckets: 0 unseen (too rare), 1..6 increasing share capitalised mid-sentence. */
export function capBucket(capitalised: number, seen: number): number {
  if (seen < 3) return 0;
  const r = capitalised / seen;
  return r < 0.02 ? 1 : r < 0.2 ? 2 : r < 0.5 ? 3 : r < 0.8 ? 4 : r < 0.97 ? 5 : 6;
}

/** cluster+1 in bits 0–9 (0: none), cap bucket in 10–12, cue bits in 13–17, type shares in 18–25. */
export function pack(cluster: number, cap: number, cues: number): number {
  return (cluster + 1) | (cap << 10) | (cues << 13);
}
export const infoCluster = (x: number): number => (x & 1023) - 1;
export const infoCap = (x: number): number => (x >> 10) & 7;
export const infoCues = (x: number): number => (x >>> 13) & 31;
/** How often a form was part of a PER, ORG, LOC, MISC mention (type 0–3) when a first model tagged the news: 0 rarely … 3 mostly. */
export const infoType = (x: number, type: number): number => (x >>> (18 + 2 * type)) & 3;

/**
 * Counts, over news tagged by a first model, how often each form is part of a mention of each type,
 * among its capitalised occurrences; the shares become word facts of the final model (a gazetteer
 * induced from the unlabelled news, as in self-training).
 */
export class TypeCounter {
  private counts = new Int32Array(1 << 16);
  private generation = LEXICON.generation;

  private ensure(id: number): void {
    if (id * 5 + 5 <= this.counts.length) return;
    let size = this.counts.length;
    while (size < id * 5 + 5) size *= 2;
    const b = new Int32Array(size);
    b.set(this.counts);
    this.counts = b;
  }

  /** One document's capitalised tokens (`capital[i]` true) and the type per token (−1 outside mentions). */
  add(ids: Int32Array, capital: (i: number) => boolean, typeOf: Int8Array): void {
    if (LEXICON.generation !== this.generation) throw new Error('the lexicon started afresh during induction (too many distinct forms)');
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id < 0 || !capital(i)) continue;
      this.ensure(id);
      this.counts[id * 5]!++;
      const t = typeOf[i]!;
      if (t >= 0) this.counts[id * 5 + 1 + t]!++;
    }
  }

  /** The word facts with type shares added (forms capitalised at least `min` times). */
  apply(words: WordInfo, min = 3): WordInfo {
    const entries = new Map<number, number>();
    for (let k = 0; k < words.hashes.length; k++) entries.set(words.hashes[k]!, words.info[k]!);
    const forms = Math.floor(this.counts.length / 5);
    for (let id = 0; id < forms && id < LEXICON.size; id++) {
      const total = this.counts[id * 5]!;
      if (total < min) continue;
      let bits = 0;
      for (let t = 0; t < 4; t++) {
        const share = this.counts[id * 5 + 1 + t]! / total;
        const b = share < 0.1 ? 0 : share < 0.4 ? 1 : share < 0.7 ? 2 : 3;
        bits |= b << (18 + 2 * t);
      }
      if (bits === 0) continue;
      const h = LEXICON.wordHash[id]!;
      entries.set(h, ((entries.get(h) ?? 0) & ((1 << 18) - 1)) | bits);
    }
    const sorted = [...entries].sort((a, b) => a[0] - b[0]);
    return { hashes: Int32Array.from(sorted, (e) => e[0]), info: Int32Array.from(sorted, (e) => e[1]), clusters: words.clusters };
  }
}

export const enum Cue {
  /** Often right before "said", "says", "told". */
  BeforeSaid = 1,
  /** Often right after "Mr.", "Mrs.", "Ms.", "Dr.". */
  AfterHonorific = 2,
  /** Often right after "in" or "from" while capitalised. */
  AfterIn = 4,
  /** Often right after "the" while capitalised. */
  AfterThe = 8,
  /** Often right before "Inc", "Corp" or a "'s" possessive while capitalised (weak). */
  AfterOf = 16,
}

/** The packed facts of a word hash, or 0. */
export function lookupInfo(w: WordInfo, hash: number): number {
  const a = w.hashes;
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = a[mid]!;
    if (v === hash) return w.info[mid]!;
    if (v < hash) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

export interface InduceSettings {
  /** Words clustered: the most frequent forms seen at least `minCount` times, at most this many. */
  vocabulary: number;
  minCount: number;
  /** Context words (the most frequent forms) whose left/right co-occurrence makes the vectors. */
  contexts: number;
  clusters: number;
  dims: number;
  iterations: number;
  seed: number;
}

export const DEFAULT_INDUCE: InduceSettings = { vocabulary: 40000, minCount: 5, contexts: 400, clusters: 256, dims: 96, iterations: 12, seed: 7 };

interface Counts {
  freq: Int32Array;
  mid: Int32Array;
  midCap: Int32Array;
  said: Int32Array;
  hon: Int32Array;
  afterIn: Int32Array;
  afterThe: Int32Array;
  afterOf: Int32Array;
}

/**
 * Gathers statistics over texts one at a time, then induces the word facts. Memory: the corpus's
 * token ids (4 bytes a token) and the counts per form.
 */
export class Inducer {
  private c: Counts;
  private ids = new Int32Array(1 << 20);
  private n = 0;
  private generation = LEXICON.generation;
  texts = 0;
  tokens = 0;

  constructor() {
    const z = (): Int32Array => new Int32Array(1 << 16);
    this.c = { freq: z(), mid: z(), midCap: z(), said: z(), hon: z(), afterIn: z(), afterThe: z(), afterOf: z() };
  }

  private ensure(id: number): void {
    if (id < this.c.freq.length) return;
    let size = this.c.freq.length;
    while (size <= id) size *= 2;
    for (const k of Object.keys(this.c) as (keyof Counts)[]) {
      const b = new Int32Array(size);
      b.set(this.c[k]);
      this.c[k] = b;
    }
  }

  private push(v: number): void {
    if (this.n === this.ids.length) {
      const b = new Int32Array(this.ids.length * 2);
      b.set(this.ids);
      this.ids = b;
    }
    this.ids[this.n++] = v;
  }

  add(text: string): void {
    const t = tokenize(text);
    if (LEXICON.generation !== this.generation) throw new Error('the lexicon started afresh during induction (too many distinct forms)');
    this.texts++;
    this.tokens += t.length;
    const said = LEXICON.id('said');
    const says = LEXICON.id('says');
    const told = LEXICON.id('told');
    const hon = new Set(['mr.', 'mrs.', 'ms.', 'dr.', 'mr', 'mrs', 'ms', 'dr'].map((f) => LEXICON.id(f)));
    const inId = LEXICON.id('in');
    const fromId = LEXICON.id('from');
    const theId = LEXICON.id('the');
    const ofId = LEXICON.id('of');
    for (const s of splitSentences(text, t, 0, t.length)) {
      // A sentence in capitals or in Title Case says nothing about any word's own capitalisation.
      let words = 0;
      let capWords = 0;
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        if (t.kind[i] !== TokenKind.Word) continue;
        words++;
        if (isUpperAt(text, t.start[i]!)) capWords++;
      }
      const caseInformative = words >= 4 && capWords / words < 0.6;
      this.push(-2);
      let first = true;
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        const id = t.ids[i]!;
        if (id < 0) {
          this.push(-3);
          continue;
        }
        this.ensure(id);
        this.push(id);
        this.c.freq[id]!++;
        const k = t.kind[i];
        if (k !== TokenKind.Word) {
          if (k === TokenKind.Punct && (t.norm[i] === ':' || t.norm[i] === '"' || t.norm[i] === '“' || t.norm[i] === '(')) first = true;
          continue;
        }
        const cap = isUpperAt(text, t.start[i]!);
        if (caseInformative && !first) {
          this.c.mid[id]!++;
          if (cap) this.c.midCap[id]!++;
        }
        if (cap && !first) {
          const prev = i > s.tokenStart ? t.ids[i - 1]! : -1;
          if (prev === inId || prev === fromId) this.c.afterIn[id]!++;
          else if (prev === theId) this.c.afterThe[id]!++;
          else if (prev === ofId) this.c.afterOf[id]!++;
        }
        if (cap && i + 1 < s.tokenEnd) {
          const next = t.ids[i + 1]!;
          if (next === said || next === says || next === told) this.c.said[id]!++;
        }
        if (cap && i > s.tokenStart && hon.has(t.ids[i - 1]!)) this.c.hon[id]!++;
        first = false;
      }
    }
  }

  /** The word facts of every form seen often enough. */
  induce(settings: InduceSettings = DEFAULT_INDUCE, log: (line: string) => void = () => {}): WordInfo {
    const { freq } = this.c;
    const forms = freq.length;
    const order = Array.from({ length: forms }, (_, i) => i).filter((i) => freq[i]! >= Math.min(3, settings.minCount));
    order.sort((a, b) => freq[b]! - freq[a]!);
    const ctxIndex = new Int32Array(forms).fill(-1);
    const C = Math.min(settings.contexts, order.length);
    for (let k = 0; k < C; k++) ctxIndex[order[k]!] = k;
    const targets = order.filter((i) => freq[i]! >= settings.minCount && isWordForm(LEXICON.form(i))).slice(0, settings.vocabulary);
    const row = new Int32Array(forms).fill(-1);
    targets.forEach((id, r) => (row[id] = r));
    const V = targets.length;
    const D2 = 2 * C;
    log(`inducing word facts: ${this.texts} texts, ${this.tokens} tokens, ${V} words clustered over ${C} contexts`);

    // Left and right neighbour counts.
    const co = new Float32Array(V * D2);
    const ids = this.ids;
    for (let p = 0; p < this.n; p++) {
      const id = ids[p]!;
      if (id < 0) continue;
      const r = row[id]!;
      if (r < 0) continue;
      const l = p > 0 ? ids[p - 1]! : -2;
      const rt = p + 1 < this.n ? ids[p + 1]! : -2;
      if (l >= 0 && ctxIndex[l]! >= 0) co[r * D2 + ctxIndex[l]!]! += 1;
      if (rt >= 0 && ctxIndex[rt]! >= 0) co[r * D2 + C + ctxIndex[rt]!]! += 1;
    }
    // PPMI, then a fixed random projection to `dims`, then unit length.
    const colSum = new Float64Array(D2);
    const rowSum = new Float64Array(V);
    let total = 0;
    for (let r = 0; r < V; r++) {
      for (let d = 0; d < D2; d++) {
        const v = co[r * D2 + d]!;
        colSum[d] = colSum[d]! + v;
        rowSum[r] = rowSum[r]! + v;
        total += v;
      }
    }
    const D = settings.dims;
    const proj = new Float32Array(D2 * D);
    for (let d = 0; d < D2; d++) for (let k = 0; k < D; k++) proj[d * D + k] = (hashPair(settings.seed + d, k) & 1) === 0 ? 1 : -1;
    const vec = new Float32Array(V * D);
    for (let r = 0; r < V; r++) {
      const o = r * D;
      for (let d = 0; d < D2; d++) {
        const v = co[r * D2 + d]!;
        if (v === 0) continue;
        // Context distribution smoothed (^0.75), as word2vec and Levy et al. do.
        const pmi = Math.log((v * total) / (rowSum[r]! * Math.pow(colSum[d]!, 0.75) * Math.pow(total, 0.25)));
        if (pmi <= 0) continue;
        for (let k = 0; k < D; k++) vec[o + k] = vec[o + k]! + pmi * proj[d * D + k]!;
      }
      normalise(vec, o, D);
    }
    const assign = kmeans(vec, V, D, Math.min(settings.clusters, Math.max(1, V)), settings.iterations, settings.seed, log);

    // Every form seen at least three times gets its facts; clustered forms also get a cluster.
    const entries: [number, number][] = [];
    for (const id of order) {
      const c = row[id]! >= 0 ? assign[row[id]!]! : -1;
      const cap = capBucket(this.c.midCap[id]!, this.c.mid[id]!);
      const capSeen = Math.max(1, this.c.midCap[id]!);
      let cues = 0;
      if (this.c.said[id]! >= 2 && this.c.said[id]! / capSeen >= 0.02) cues |= Cue.BeforeSaid;
      if (this.c.hon[id]! >= 2 && this.c.hon[id]! / capSeen >= 0.02) cues |= Cue.AfterHonorific;
      if (this.c.afterIn[id]! >= 2 && this.c.afterIn[id]! / capSeen >= 0.05) cues |= Cue.AfterIn;
      if (this.c.afterThe[id]! >= 2 && this.c.afterThe[id]! / capSeen >= 0.1) cues |= Cue.AfterThe;
      if (this.c.afterOf[id]! >= 2 && this.c.afterOf[id]! / capSeen >= 0.1) cues |= Cue.AfterOf;
      const packed = pack(c, cap, cues);
      if (c < 0 && cap === 0 && cues === 0) continue;
      entries.push([LEXICON.wordHash[id]!, packed]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const hashes = new Int32Array(entries.length);
    const info = new Int32Array(entries.length);
    let n = 0;
    for (const [h, v] of entries) {
      if (n > 0 && hashes[n - 1] === h) continue; // a hash collision: keep the more frequent form's facts
      hashes[n] = h;
      info[n] = v;
      n++;
    }
    return { hashes: hashes.slice(0, n), info: info.slice(0, n), clusters: settings.clusters };
  }
}

function isUpperAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = text[at]!;
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isWordForm(form: string): boolean {
  const c = form.charCodeAt(0);
  return (c >= 97 && c <= 122) || c > 127;
}

function normalise(v: Float32Array, o: number, d: number): void {
  let s = 0;
  for (let k = 0; k < d; k++) s += v[o + k]! * v[o + k]!;
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let k = 0; k < d; k++) v[o + k] = v[o + k]! * inv;
}

/** Spherical k-means; the first centres are spread over the frequency ranking. */
function kmeans(vec: Float32Array, n: number, d: number, k: number, iterations: number, seed: number, log: (line: string) => void): Int32Array {
  const centres = new Float32Array(k * d);
  for (let c = 0; c < k; c++) {
    const r = Math.min(n - 1, Math.floor((c * n) / k) + (hashPair(seed, c) % Math.max(1, Math.floor(n / k))));
    centres.set(vec.subarray(r * d, r * d + d), c * d);
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let r = 0; r < n; r++) {
      const o = r * d;
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        const co = c * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += vec[o + j]! * centres[co + j]!;
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      if (assign[r] !== best) moved++;
      assign[r] = best;
    }
    centres.fill(0);
    for (let r = 0; r < n; r++) {
      const co = assign[r]! * d;
      const o = r * d;
      for (let j = 0; j < d; j++) centres[co + j] = centres[co + j]! + vec[o + j]!;
    }
    for (let c = 0; c < k; c++) normalise(centres, c * d, d);
    log(`  k-means pass ${it + 1}: ${moved} words moved`);
    if (moved < n / 1000) break;
  }
  return assign;
}
