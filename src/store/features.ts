/**
 * What the claim matcher's re-ranker reads about one (text, fact-check) pair, after BM25 has picked
 * the candidates: BM25 (whole and by field), IDF-weighted overlap of stems with the claim and with
 * the title (cosine, coverage both ways), shared stem bigrams, character trigram similarity, numbers
 * and capitalised names in common, the lengths; soft matches through the word vectors' nearest
 * neighbours (src/store/vectors.ts); and what a tweet embed says beside its words: the coverage of
 * the tweet's own text without its footer, its author named in the fact-check, its year, a linked
 * picture against a fact-check about a photograph or a video.
 */
import type { SearchHit } from './factchecks.js';
import { stem } from '../text/stem.js';
import { STOP_STEMS, STOPWORDS, terms, words } from './terms.js';
import type { WordVectors } from './vectors.js';

export const FEATURES = [
  'bm25',
  'bm25Claim',
  'bm25Title',
  'cosineClaim',
  'cosineTitle',
  'queryCoverage',
  'claimCoverage',
  'sharedBigrams',
  'charTrigrams',
  'sharedNumbers',
  'numberMismatch',
  'sharedNames',
  'nameCoverage',
  'queryLength',
  'claimLength',
  'unsharedNames',
  'softQuery',
  'softClaim',
  'bodyCoverage',
  'authorCoverage',
  'yearShared',
  'otherYear',
  'pictureVisual',
  'visualNoPicture',
] as const;

/**
 * The sign each feature's weight must have: more shared evidence never lowers a score, a number or a
 * name the fact-check lacks never raises it (0: either sign). The fitted model stays monotone where
 * the training tweets are thin, such as a fact-check that repeats the text almost word for word.
 */
export const FEATURE_SIGNS: Readonly<Record<(typeof FEATURES)[number], 1 | -1 | 0>> = {
  bm25: 1,
  bm25Claim: 1,
  bm25Title: 1,
  cosineClaim: 1,
  cosineTitle: 1,
  queryCoverage: 1,
  claimCoverage: 1,
  sharedBigrams: 1,
  charTrigrams: 1,
  sharedNumbers: 1,
  numberMismatch: -1,
  sharedNames: 1,
  nameCoverage: 1,
  queryLength: 0,
  claimLength: 0,
  unsharedNames: -1,
  softQuery: 1,
  softClaim: 1,
  bodyCoverage: 1,
  authorCoverage: 1,
  yearShared: 1,
  otherYear: -1,
  pictureVisual: 1,
  visualNoPicture: 0,
};

/** Okapi BM25 (k1 1.2, b 0.75) of the query stems against one field's stems. */
function bm25Field(q: ReadonlySet<string>, field: readonly string[], avg: number, idf: (t: string) => number): number {
  if (field.length === 0) return 0;
  const tf = new Map<string, number>();
  for (const t of field) if (q.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
  let score = 0;
  const norm = 1.2 * (0.25 + (0.75 * field.length) / Math.max(avg, 1));
  for (const [t, f] of tf) score += (idf(t) * f * 2.2) / (f + norm);
  return score;
}

/** The query side, computed once per text. */
export interface QuerySide {
  stems: string[];
  stemSet: Set<string>;
  bigrams: Set<string>;
  /** Character trigrams of the content words, as codes (trigramCodes). */
  trigrams: Set<number>;
  /** Scratch space for the fact-checks' trigrams. */
  trigramTable: TrigramTable;
  numbers: Set<string>;
  names: Set<string>;
  /** The stems of the text without a tweet-embed footer (the very `stemSet` when it has none). */
  bodyStems: Set<string>;
  /** The footer's author name, as words (empty without a footer). */
  author: Set<string>;
  /** The footer's year, if any. */
  year?: string;
  /** The text links a picture (pic.twitter.com, an image file). */
  picture: boolean;
  /** The query's stems in the word vectors, once vectors are attached (attachVectors). */
  vectors?: QueryVectors;
}

export interface QueryVectors {
  space: WordVectors;
  /** Distinct content stems of the query and their IDF weights. */
  stems: string[];
  weights: Float64Array;
  weightSum: number;
  /** Query stem index by vector row. */
  byRow: Map<number, number>;
  /** For a row that is a nearest neighbour of query stems: [stem index, cosine, …]. */
  near: Map<number, number[]>;
  /** Per fact-check stem (shared by every candidate of the query). */
  cache: Map<string, StemVectors>;
  /** Scratch space: each query stem's best similarity to one fact-check. */
  best: Float64Array;
}

const NUMBER = /^\d/;
const CAPITALISED = /\b\p{Lu}[\p{L}'’-]*/gu;

/** Capitalised words that are not at the start of a sentence and not stopwords, lower-cased. */
export function names(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(CAPITALISED)) {
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    if (m.index === 0 || /[.!?]\s?$|\n\s?$/.test(before)) continue;
    const w = m[0].toLowerCase().replace(/['’-]+$/, '');
    if (w.length > 1 && !STOPWORDS.has(w)) out.add(w);
  }
  return out;
}

/**
 * The character trigrams of " w1 w2 … " as numbers (three UTF-16 units in one exact float), distinct,
 * in order of first appearance.
 */
export function trigramCodes(ws: readonly string[]): Float64Array {
  const s = ' ' + ws.join(' ') + ' ';
  const n = Math.max(0, s.length - 2);
  const seen = new Set<number>();
  const codes = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) * 4294967296 + s.charCodeAt(i + 1) * 65536 + s.charCodeAt(i + 2);
    if (!seen.has(c)) {
      seen.add(c);
      codes[k++] = c;
    }
  }
  return codes.subarray(0, k);
}

/** Jaccard similarity of the query's trigram codes (as a set) and a fact-check's text, counted without building its set. */
function trigramJaccard(q: ReadonlySet<number>, ws: readonly string[], scratch: TrigramTable): number {
  const s = ' ' + ws.join(' ') + ' ';
  const n = s.length - 2;
  if (q.size === 0 || n <= 0) return 0;
  scratch.clear(n);
  let distinct = 0;
  let shared = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) * 4294967296 + s.charCodeAt(i + 1) * 65536 + s.charCodeAt(i + 2);
    if (scratch.add(c)) {
      distinct++;
      if (q.has(c)) shared++;
    }
  }
  return shared / (q.size + distinct - shared);
}

/** A reusable open-addressing set of trigram codes (one per query side: no allocation per candidate). */
class TrigramTable {
  private keys = new Float64Array(256);
  private stamp = new Uint32Array(256);
  private now = 0;
  clear(atMost: number): void {
    if (atMost * 2 > this.keys.length) {
      let size = this.keys.length;
      while (atMost * 2 > size) size *= 2;
      this.keys = new Float64Array(size);
      this.stamp = new Uint32Array(size);
      this.now = 0;
    }
    this.now++;
  }
  /** Adds a code; false if it was there. */
  add(c: number): boolean {
    const mask = this.keys.length - 1;
    let h = (Math.imul((c / 65536) | 0, 0x9e3779b1) ^ (c & 0xffff)) & mask;
    for (;;) {
      if (this.stamp[h] !== this.now) {
        this.stamp[h] = this.now;
        this.keys[h] = c;
        return true;
      }
      if (this.keys[h] === c) return false;
      h = (h + 1) & mask;
    }
  }
}

/** Jaccard similarity of two distinct code lists. */
export function codeJaccard(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  let shared = 0;
  for (const x of b) if (set.has(x)) shared++;
  return shared / (a.length + b.length - shared);
}

function bigrams(stems: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < stems.length; i++) out.add(stems[i] + ' ' + stems[i + 1]);
  return out;
}

/** What a tweet embed's footer says: "— Name (@handle) Month D, YYYY" at the very end of the text. */
export interface Embed {
  body: string;
  author?: string;
  year?: string;
}

const FOOTER = /\s*[—–]\s*([^—–\n]{1,80}?)\s*\(@\w{1,30}\)\s*(?:\p{L}+\.? \d{1,2}, (\d{4})|[\p{L}\d ,.]{0,24})\s*$/u;

export function tweetEmbed(text: string): Embed {
  const m = FOOTER.exec(text);
  if (m === null) return { body: text };
  const out: Embed = { body: text.slice(0, m.index), author: m[1]! };
  if (m[2] !== undefined) out.year = m[2];
  return out;
}

const PICTURE = /pic\.twitter\.com\/|\.(?:jpe?g|png|gif)\b/i;
const VISUAL = new Set(['photo', 'photograph', 'photographs', 'photos', 'picture', 'pictures', 'pic', 'image', 'images', 'video', 'videos', 'footage', 'meme', 'memes', 'clip', 'screenshot', 'photographed', 'photoshopped', 'filmed', 'shows']);
const YEAR = /^(?:19|20)\d\d$/;

/**
 * The query side of a text. `raw` is the text as given (a tweet's footer and picture links are read
 * from it); `clean` the text the index is searched with (match.ts cleanText).
 */
export function querySide(clean: string, raw: string = clean, cleanBody: (t: string) => string = (t) => t): QuerySide {
  const ws = words(clean);
  const stems = terms(clean).filter((t, i) => !STOPWORDS.has(ws[i]!));
  const embed = tweetEmbed(raw);
  const bodyWords = embed.author === undefined ? undefined : words(cleanBody(embed.body));
  const stemSet = new Set(stems);
  const q: QuerySide = {
    stems,
    stemSet,
    bigrams: bigrams(stems),
    trigrams: new Set(trigramCodes(ws.filter((w) => !STOPWORDS.has(w)))),
    trigramTable: new TrigramTable(),
    numbers: new Set(ws.filter((w) => NUMBER.test(w))),
    names: names(clean),
    bodyStems: bodyWords === undefined ? stemSet : new Set(bodyWords.filter((w) => !STOPWORDS.has(w)).map(stem)),
    author: new Set(embed.author === undefined ? [] : words(embed.author).filter((w) => w.length > 1 && !STOPWORDS.has(w))),
    picture: PICTURE.test(raw),
  };
  if (embed.year !== undefined) q.year = embed.year;
  return q;
}

/** Gives the query side its word vectors (once per text): each query stem's neighbours, by row. */
export function attachVectors(q: QuerySide, space: WordVectors, idf: (t: string) => number): void {
  const stems = [...q.stemSet];
  const weights = Float64Array.from(stems, (t) => idf(t));
  const byRow = new Map<number, number>();
  const near = new Map<number, number[]>();
  const { k, rows, cosines } = space.neighbours;
  stems.forEach((t, i) => {
    const r = space.row(t);
    if (r < 0) return;
    byRow.set(r, i);
    for (let p = r * k; p < (r + 1) * k; p++) {
      const m = rows[p]!;
      if (m < 0) continue;
      let list = near.get(m);
      if (list === undefined) near.set(m, (list = []));
      list.push(i, cosines[p]!);
    }
  });
  q.vectors = { space, stems, weights, weightSum: weights.reduce((x, y) => x + y, 0), byRow, near, cache: new Map(), best: new Float64Array(stems.length) };
}

/** What the vectors say about one fact-check stem against this query (shared by every candidate of the query). */
interface StemVectors {
  idf: number;
  /** Similarity to each query stem: 1 for the same stem, the cosine for a nearest neighbour either way, else 0. */
  sim: Float32Array;
  /** The best of those. */
  top: number;
}

function stemVectors(v: QueryVectors, stem: string, idf: (t: string) => number): StemVectors {
  let out = v.cache.get(stem);
  if (out !== undefined) return out;
  const n = v.stems.length;
  const sim = new Float32Array(n);
  const r = v.space.row(stem);
  if (r >= 0) {
    const same = v.byRow.get(r);
    if (same !== undefined) sim[same] = 1;
    const fromQuery = v.near.get(r);
    if (fromQuery !== undefined) for (let p = 0; p < fromQuery.length; p += 2) sim[fromQuery[p]!] = Math.max(sim[fromQuery[p]!]!, fromQuery[p + 1]!);
    const { k, rows, cosines } = v.space.neighbours;
    for (let p = r * k; p < (r + 1) * k; p++) {
      const i = v.byRow.get(rows[p]!);
      if (i !== undefined) sim[i] = Math.max(sim[i]!, cosines[p]!);
    }
  } else {
    for (let i = 0; i < n; i++) if (v.stems[i] === stem) sim[i] = 1;
  }
  let top = 0;
  for (let i = 0; i < n; i++) if (sim[i]! > top) top = sim[i]!;
  out = { idf: idf(stem), sim, top };
  v.cache.set(stem, out);
  return out;
}

/**
 * Soft matching through the word vectors' nearest neighbours: each query stem's best similarity to a
 * fact-check stem, IDF-weighted mean (softQuery); each fact-check stem's best similarity to a query
 * stem, likewise (softClaim). A stem both sides share counts 1, a nearest neighbour its cosine.
 */
function vectorFeatures(v: QueryVectors, doc: ReadonlySet<string>, idf: (t: string) => number): [number, number] {
  const n = v.stems.length;
  const best = v.best;
  best.fill(0);
  let claimSum = 0;
  let claimWeight = 0;
  for (const t of doc) {
    const sv = stemVectors(v, t, idf);
    const sim = sv.sim;
    if (sv.top > 0) for (let i = 0; i < n; i++) if (sim[i]! > best[i]!) best[i] = sim[i]!;
    claimSum += sv.idf * sv.top;
    claimWeight += sv.idf;
  }
  let querySum = 0;
  for (let i = 0; i < n; i++) querySum += v.weights[i]! * best[i]!;
  return [v.weightSum === 0 ? 0 : querySum / v.weightSum, claimWeight === 0 ? 0 : claimSum / claimWeight];
}

/** IDF-weighted cosine of two stem sets, and the share of each side's weight the other covers. */
function overlap(q: ReadonlySet<string>, d: ReadonlySet<string>, idf: (t: string) => number): { cosine: number; qCover: number; dCover: number } {
  let qq = 0;
  let dd = 0;
  let shared = 0;
  let qSum = 0;
  let dSum = 0;
  let sharedSum = 0;
  for (const t of q) {
    const w = idf(t);
    qq += w * w;
    qSum += w;
    if (d.has(t)) {
      shared += w * w;
      sharedSum += w;
    }
  }
  for (const t of d) {
    const w = idf(t);
    dd += w * w;
    dSum += w;
  }
  return {
    cosine: qq === 0 || dd === 0 ? 0 : shared / Math.sqrt(qq * dd),
    qCover: qSum === 0 ? 0 : sharedSum / qSum,
    dCover: dSum === 0 ? 0 : sharedSum / dSum,
  };
}

/**
 * The feature vector of one candidate (in FEATURES order). Every feature is about the pair alone,
 * never relative to the other candidates: the score is compared with fixed thresholds, and the best
 * of a poor list must still score low.
 */
export function pairFeatures(q: QuerySide, hit: SearchHit, idf: (t: string) => number, avg: { claim: number; title: number }): number[] {
  const claimStems = hit.claimStems === '' ? [] : hit.claimStems.split(' ');
  const titleStems = hit.titleStems === '' ? [] : hit.titleStems.split(' ');
  const content = claimStems.filter((t) => !STOP_STEMS.has(t));
  const claimSet = new Set(content);
  const titleSet = new Set(titleStems.filter((t) => !STOP_STEMS.has(t)));
  const both = new Set([...claimSet, ...titleSet]);
  const c = overlap(q.stemSet, claimSet, idf);
  const t = overlap(q.stemSet, titleSet, idf);
  const all = overlap(q.stemSet, both, idf);
  const f = hit.factCheck;
  const claimWords = words(f.claim);
  const docWords = new Set(claimWords);
  if (f.title !== undefined) for (const w of words(f.title)) docWords.add(w);
  let sharedBigrams = 0;
  const docBigrams = bigrams(content);
  for (const b of q.bigrams) if (docBigrams.has(b)) sharedBigrams++;
  let docHasNumber = false;
  let visual = false;
  let otherYear = false;
  for (const w of docWords) {
    const c0 = w.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) {
      docHasNumber = true;
      if (q.year !== undefined && w.length === 4 && w !== q.year && YEAR.test(w)) otherYear = true;
    } else if (VISUAL.has(w)) visual = true;
  }
  let sharedNumbers = 0;
  for (const n of q.numbers) if (docWords.has(n)) sharedNumbers++;
  // A name in the text counts when the fact-check has the word at all (claims are often lower-cased).
  let sharedNames = 0;
  for (const n of q.names) if (docWords.has(n)) sharedNames++;
  const body = q.bodyStems === q.stemSet ? all : overlap(q.bodyStems, both, idf);
  let author = 0;
  for (const w of q.author) if (docWords.has(w)) author++;
  const yearShared = q.year !== undefined && docWords.has(q.year);
  return [
    hit.bm25,
    bm25Field(q.stemSet, claimStems, avg.claim, idf),
    bm25Field(q.stemSet, titleStems, avg.title, idf),
    c.cosine,
    t.cosine,
    all.qCover,
    c.dCover,
    sharedBigrams,
    trigramJaccard(q.trigrams, claimWords.filter((w) => !STOPWORDS.has(w)), q.trigramTable),
    sharedNumbers,
    q.numbers.size > 0 && docHasNumber && sharedNumbers === 0 ? 1 : 0,
    sharedNames,
    q.names.size === 0 ? 0 : sharedNames / q.names.size,
    Math.log1p(q.stemSet.size),
    Math.log1p(claimSet.size),
    q.names.size - sharedNames,
    ...(q.vectors === undefined ? [0, 0] : vectorFeatures(q.vectors, both, idf)),
    body.qCover,
    q.author.size === 0 ? 0 : author / q.author.size,
    yearShared ? 1 : 0,
    otherYear && !yearShared ? 1 : 0,
    q.picture && visual ? 1 : 0,
    !q.picture && visual ? 1 : 0,
  ];
}
