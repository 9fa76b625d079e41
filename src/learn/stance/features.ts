/**
 * Stance features of a (headline, body) pair: how much of the headline the body covers, where, and in
 * which sentences (TF-IDF cosine over the whole body and per sentence, IDF-weighted coverage, coverage
 * in the lead, bigram overlap, BM25); and the stance cues (refuting, hedging, supporting, negating,
 * reporting words) in the headline, in the body, in its lead, in the sentences most like the headline,
 * and near the headline's words in the body.
 *
 * A body is prepared once (`prepareBody`) and paired with any number of prepared headlines. The IDF is
 * fitted on training texts by the model and passed in; nothing here is fitted.
 */
import { hashPair, hashString } from '../../text/hash.js';
import { cueBits, CUE_CATEGORIES } from './cues.js';
import type { Side } from './text.js';

/** What feature extraction reads from a fitted model: the IDF. */
export interface FeatureContext {
  idf: StanceIdf;
}

/** Inverse document frequencies over hashed stems. */
export interface StanceIdf {
  /** log2 of the number of buckets. */
  bits: number;
  /** Smoothed IDF per bucket. */
  values: Float32Array;
}

export function idfOf(idf: StanceIdf, id: number): number {
  return idf.values[id & ((1 << idf.bits) - 1)]!;
}

/** Fit a smoothed IDF, ln((1 + N) / (1 + df)) + 1, over documents given as lists of stem ids. */
export function fitIdf(documents: Iterable<Int32Array>, bits: number): StanceIdf {
  const mask = (1 << bits) - 1;
  const df = new Float64Array(1 << bits);
  const seen = new Int32Array(1 << bits).fill(-1);
  let n = 0;
  for (const ids of documents) {
    for (const id of ids) {
      const b = id & mask;
      if (seen[b] !== n) {
        seen[b] = n;
        df[b]!++;
      }
    }
    n++;
  }
  const values = new Float32Array(1 << bits);
  for (let b = 0; b < values.length; b++) values[b] = Math.log((1 + n) / (1 + df[b]!)) + 1;
  return { bits, values };
}

const K = CUE_CATEGORIES.length;
const LEAD_SENTENCES = 3;
const TOP_SENTENCES = 3;
const NEAR = 6;
const PREFIX = 4;

function prefixHash(form: string): number {
  return hashString(form.length > PREFIX ? form.slice(0, PREFIX) : form, 0x2545f491);
}

export interface PreparedBody {
  side: Side;
  /** Content-token positions (indices into side.stems) of each content stem id. */
  positions: Map<number, number[]>;
  /** Content tokens. */
  content: number;
  /** L2 norm of the body's sublinear TF-IDF vector. */
  norm: number;
  /** Per sentence: L2 norm of its TF-IDF vector. */
  sentenceNorm: Float64Array;
  /** Content bigrams (adjacent content tokens) as hashes. */
  bigrams: Set<number>;
  /** cuePrefix[c * (n + 1) + i]: tokens of category c among the first i tokens. */
  cuePrefix: Int32Array;
  /** Cue bits of every token. */
  cues: Uint8Array;
  /** Token index where the lead (first sentences) ends. */
  leadEnd: number;
  /** Hashes of the first PREFIX letters of the content words, with the first position of each. */
  prefixes: Map<number, number>;
  /** Per-model values that depend on the body alone (text-view decisions), filled by whoever computes them. */
  memo: WeakMap<object, Float64Array>;
}

export interface PreparedHeadline {
  side: Side;
  /** Distinct content stem ids with their counts. */
  terms: Map<number, number>;
  weights: Map<number, number>;
  norm: number;
  bigrams: number[];
  cueCounts: Float64Array;
  /** Cue bits of every token. */
  cues: Uint8Array;
  /** Distinct content words' prefix hashes with the word's IDF. */
  prefixes: Map<number, number>;
}

function isContent(side: Side, i: number): boolean {
  return side.stop[i] === 0 && side.forms[i]!.length > 1;
}

export function prepareBody(side: Side, ctx: FeatureContext): PreparedBody {
  const idf = ctx.idf;
  const n = side.stems.length;
  const positions = new Map<number, number[]>();
  const bigrams = new Set<number>();
  const prefixes = new Map<number, number>();
  const cues = new Uint8Array(n);
  const cuePrefix = new Int32Array(K * (n + 1));
  let content = 0;
  let prev = 0;
  let hasPrev = false;
  for (let i = 0; i < n; i++) {
    const bits = cueBits(side.stems[i]!, side.forms[i]!);
    cues[i] = bits;
    for (let c = 0; c < K; c++) cuePrefix[c * (n + 1) + i + 1] = cuePrefix[c * (n + 1) + i]! + ((bits >> c) & 1);
    if (!isContent(side, i)) continue;
    content++;
    const ph = prefixHash(side.forms[i]!);
    if (!prefixes.has(ph)) prefixes.set(ph, i);
    const id = side.ids[i]!;
    let list = positions.get(id);
    if (list === undefined) positions.set(id, (list = []));
    list.push(i);
    if (hasPrev && side.sentence[i - 1] === side.sentence[i]) bigrams.add(hashPair(prev, id));
    prev = id;
    hasPrev = true;
  }
  const sentences = side.sentenceSpans.length;
  const sentenceSq = new Float64Array(sentences);
  let sq = 0;
  const perSentence = new Map<number, number>();
  for (const [id, list] of positions) {
    const w = idfOf(idf, id);
    const tf = 1 + Math.log(list.length);
    sq += (tf * w) ** 2;
    perSentence.clear();
    for (const p of list) {
      const s = side.sentence[p]!;
      perSentence.set(s, (perSentence.get(s) ?? 0) + 1);
    }
    for (const [s, c] of perSentence) sentenceSq[s]! += ((1 + Math.log(c)) * w) ** 2;
  }
  const sentenceNorm = sentenceSq.map(Math.sqrt);
  const leadEnd = side.sentenceTokens[Math.min(LEAD_SENTENCES, sentences)] ?? n;
  return { side, positions, content, norm: Math.sqrt(sq), sentenceNorm, bigrams, cuePrefix, cues, leadEnd, prefixes, memo: new WeakMap() };
}

export function prepareHeadline(side: Side, ctx: FeatureContext): PreparedHeadline {
  const idf = ctx.idf;
  const terms = new Map<number, number>();
  const bigrams: number[] = [];
  const cues = new Uint8Array(side.stems.length);
  const cueCounts = new Float64Array(K);
  const prefixes = new Map<number, number>();
  let prev = 0;
  let hasPrev = false;
  for (let i = 0; i < side.stems.length; i++) {
    const bits = cueBits(side.stems[i]!, side.forms[i]!);
    cues[i] = bits;
    for (let c = 0; c < K; c++) cueCounts[c]! += (bits >> c) & 1;
    if (!isContent(side, i)) continue;
    const id = side.ids[i]!;
    terms.set(id, (terms.get(id) ?? 0) + 1);
    prefixes.set(prefixHash(side.forms[i]!), idfOf(idf, id));
    if (hasPrev) bigrams.push(hashPair(prev, id));
    prev = id;
    hasPrev = true;
  }
  const weights = new Map<number, number>();
  let sq = 0;
  for (const [id, c] of terms) {
    const w = (1 + Math.log(c)) * idfOf(idf, id);
    weights.set(id, w);
    sq += w * w;
  }
  return { side, terms, weights, norm: Math.sqrt(sq), bigrams, cueCounts, cues, prefixes };
}

const SIMILARITY_NAMES = [
  'cos',
  'coverage',
  'coverageIdf',
  'coverageLead1',
  'coverageLead3',
  'sentenceMax',
  'sentenceTop3',
  'sentenceMaxCoverage',
  'firstHit',
  'bigramCoverage',
  'bm25',
  'hitDensity',
  'headLength',
  'bodyLength',
  'headQuestion',
  'headQuotes',
  'headNegationFirst',
  'headNumbers',
  'bodySentences',
  'prefixCoverage',
  'prefixLead',
] as const;
const CUE_PLACES = ['head', 'body', 'lead', 'top', 'near', 'nearHit', 'best', 'both', 'headOnly', 'bestOnly'] as const;

export const DENSE_NAMES: readonly string[] = [
  ...SIMILARITY_NAMES,
  ...CUE_PLACES.flatMap((p) => CUE_CATEGORIES.map((c) => `${p}:${c}`)),
];

export interface PairAnalysis {
  dense: Float64Array;
  /** Body sentences ranked by TF-IDF cosine with the headline (best first), with their cosines. */
  sentenceOrder: Int32Array;
  sentenceCos: Float64Array;
}

/** Dense features of one pair, in `DENSE_NAMES` order, and the body sentences ranked by similarity. */
export function pairFeatures(h: PreparedHeadline, b: PreparedBody, idf: StanceIdf): PairAnalysis {
  const out = new Float64Array(DENSE_NAMES.length);
  const bs = b.side;
  const n = bs.stems.length;
  const sentences = bs.sentenceSpans.length;
  const sentDot = new Float64Array(sentences);
  const sentCov = new Float64Array(sentences);
  let dot = 0;
  let found = 0;
  let foundIdf = 0;
  let totalIdf = 0;
  let lead1 = 0;
  let lead3 = 0;
  let firstHit = n;
  let hits = 0;
  let bm25 = 0;
  const lead1End = bs.sentenceTokens[Math.min(1, sentences)] ?? n;
  const avgLen = 350;
  const k1 = 1.2;
  const bb = 0.75;
  // Cues near the headline's words in the body: per category, the share of hits with such a cue within ±NEAR tokens.
  const near = new Float64Array(K);
  const nearHit = new Float64Array(K);
  const perSentence = new Map<number, number>();
  for (const [id, w] of h.weights) {
    const idfw = idfOf(idf, id);
    totalIdf += idfw;
    const list = b.positions.get(id);
    if (list === undefined) continue;
    found++;
    foundIdf += idfw;
    const tf = list.length;
    dot += w * (1 + Math.log(tf)) * idfw;
    bm25 += (idfw * (tf * (k1 + 1))) / (tf + k1 * (1 - bb + (bb * b.content) / avgLen));
    if (list[0]! < lead1End) lead1 += idfw;
    if (list[0]! < b.leadEnd) lead3 += idfw;
    if (list[0]! < firstHit) firstHit = list[0]!;
    hits += tf;
    perSentence.clear();
    for (const p of list) {
      const s = bs.sentence[p]!;
      perSentence.set(s, (perSentence.get(s) ?? 0) + 1);
      const lo = Math.max(0, p - NEAR);
      const hi = Math.min(n, p + NEAR + 1);
      for (let c = 0; c < K; c++) {
        const row = c * (n + 1);
        const cnt = b.cuePrefix[row + hi]! - b.cuePrefix[row + lo]! - ((b.cues[p]! >> c) & 1);
        if (cnt > 0) near[c]!++;
      }
    }
    for (const [s, c] of perSentence) {
      sentDot[s]! += w * (1 + Math.log(c)) * idfw;
      sentCov[s]! += idfw;
    }
  }
  for (let c = 0; c < K; c++) nearHit[c] = hits > 0 ? near[c]! / hits : 0;

  const sentenceCos = new Float64Array(sentences);
  for (let s = 0; s < sentences; s++) {
    const d = h.norm * b.sentenceNorm[s]!;
    sentenceCos[s] = d > 0 ? sentDot[s]! / d : 0;
  }
  const sentenceOrder = Int32Array.from({ length: sentences }, (_, s) => s).sort((x, y) => sentenceCos[y]! - sentenceCos[x]! || x - y);
  let top3 = 0;
  const topN = Math.min(TOP_SENTENCES, sentences);
  for (let j = 0; j < topN; j++) top3 += sentenceCos[sentenceOrder[j]!]!;
  let maxCov = 0;
  for (let s = 0; s < sentences; s++) maxCov = Math.max(maxCov, sentCov[s]!);

  let bigramHits = 0;
  for (const g of h.bigrams) if (b.bigrams.has(g)) bigramHits++;

  const distinct = h.weights.size;
  const hs = h.side;
  let headNumbers = 0;
  for (const f of hs.forms) if (/^[0-9]/.test(f)) headNumbers++;
  const negationBit = 1 << CUE_CATEGORIES.indexOf('negation');
  const refuteBit = 1 << CUE_CATEGORIES.indexOf('refute');

  let i = 0;
  const denomN = h.norm * b.norm;
  out[i++] = denomN > 0 ? dot / denomN : 0;
  out[i++] = distinct > 0 ? found / distinct : 0;
  out[i++] = totalIdf > 0 ? foundIdf / totalIdf : 0;
  out[i++] = totalIdf > 0 ? lead1 / totalIdf : 0;
  out[i++] = totalIdf > 0 ? lead3 / totalIdf : 0;
  out[i++] = sentences > 0 ? sentenceCos[sentenceOrder[0]!]! : 0;
  out[i++] = topN > 0 ? top3 / topN : 0;
  out[i++] = totalIdf > 0 ? maxCov / totalIdf : 0;
  out[i++] = n > 0 ? firstHit / n : 1;
  out[i++] = h.bigrams.length > 0 ? bigramHits / h.bigrams.length : 0;
  out[i++] = totalIdf > 0 ? bm25 / totalIdf : 0;
  out[i++] = b.content > 0 ? hits / b.content : 0;
  out[i++] = Math.log1p(hs.stems.length);
  out[i++] = Math.log1p(n);
  out[i++] = hs.questionMarks > 0 ? 1 : 0;
  out[i++] = Math.min(hs.quoteMarks, 4);
  out[i++] = h.cues.length > 0 && (h.cues[0]! & (negationBit | refuteBit)) !== 0 ? 1 : 0;
  out[i++] = headNumbers;
  out[i++] = Math.log1p(sentences);
  let prefixFound = 0;
  let prefixLead = 0;
  let prefixTotal = 0;
  for (const [ph, w] of h.prefixes) {
    prefixTotal += w;
    const first = b.prefixes.get(ph);
    if (first === undefined) continue;
    prefixFound += w;
    if (first < b.leadEnd) prefixLead += w;
  }
  out[i++] = prefixTotal > 0 ? prefixFound / prefixTotal : 0;
  out[i++] = prefixTotal > 0 ? prefixLead / prefixTotal : 0;

  // Cues: headline counts; body per 100 tokens; lead per 100 tokens; top sentences; near the headline's words.
  const row = (c: number, from: number, to: number): number => b.cuePrefix[c * (n + 1) + to]! - b.cuePrefix[c * (n + 1) + from]!;
  for (let c = 0; c < K; c++) out[i++] = h.cueCounts[c]!;
  for (let c = 0; c < K; c++) out[i++] = n > 0 ? (100 * row(c, 0, n)) / n : 0;
  for (let c = 0; c < K; c++) out[i++] = b.leadEnd > 0 ? (100 * row(c, 0, b.leadEnd)) / b.leadEnd : 0;
  for (let c = 0; c < K; c++) {
    let cnt = 0;
    for (let j = 0; j < topN; j++) {
      const s = sentenceOrder[j]!;
      cnt += row(c, bs.sentenceTokens[s]!, bs.sentenceTokens[s + 1]!);
    }
    out[i++] = cnt;
  }
  for (let c = 0; c < K; c++) out[i++] = near[c]!;
  for (let c = 0; c < K; c++) out[i++] = nearHit[c]!;
  // The sentence most like the headline: its cues, and whether headline and sentence agree on each
  // ("North Korea denies reports …" against "North Korea has moved to deny reports …").
  const best = sentences > 0 ? sentenceOrder[0]! : -1;
  const bestCount = (c: number): number => (best < 0 ? 0 : row(c, bs.sentenceTokens[best]!, bs.sentenceTokens[best + 1]!));
  for (let c = 0; c < K; c++) out[i++] = bestCount(c);
  for (let c = 0; c < K; c++) out[i++] = h.cueCounts[c]! > 0 && bestCount(c) > 0 ? 1 : 0;
  for (let c = 0; c < K; c++) out[i++] = h.cueCounts[c]! > 0 && bestCount(c) === 0 ? 1 : 0;
  for (let c = 0; c < K; c++) out[i++] = h.cueCounts[c]! === 0 && bestCount(c) > 0 ? 1 : 0;
  return { dense: out, sentenceOrder, sentenceCos };
}
