/**
 * What the claim matcher's re-ranker reads about one (text, fact-check) pair, after BM25 has picked
 * the candidates: BM25 (whole and by field), IDF-weighted overlap of
 * stems with the claim and with the title (cosine, coverage both ways), shared stem bigrams,
 * character trigram similarity, numbers and capitalised names in common, and the lengths.
 */
import type { SearchHit } from './factchecks.js';
import { STOP_STEMS, STOPWORDS, terms, words } from './terms.js';

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
  trigrams: Set<string>;
  numbers: Set<string>;
  names: Set<string>;
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

function trigrams(ws: readonly string[]): Set<string> {
  const s = ' ' + ws.join(' ') + ' ';
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

function bigrams(stems: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < stems.length; i++) out.add(stems[i] + ' ' + stems[i + 1]);
  return out;
}

export function querySide(text: string): QuerySide {
  const ws = words(text);
  const stems = terms(text).filter((t, i) => !STOPWORDS.has(ws[i]!));
  return {
    stems,
    stemSet: new Set(stems),
    bigrams: bigrams(stems),
    trigrams: trigrams(ws.filter((w) => !STOPWORDS.has(w))),
    numbers: new Set(ws.filter((w) => NUMBER.test(w))),
    names: names(text),
  };
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / (a.size + b.size - n);
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
  for (const w of docWords) if (NUMBER.test(w)) docHasNumber = true;
  let sharedNumbers = 0;
  for (const n of q.numbers) if (docWords.has(n)) sharedNumbers++;
  // A name in the text counts when the fact-check has the word at all (claims are often lower-cased).
  let sharedNames = 0;
  for (const n of q.names) if (docWords.has(n)) sharedNames++;
  return [
    hit.bm25,
    bm25Field(q.stemSet, claimStems, avg.claim, idf),
    bm25Field(q.stemSet, titleStems, avg.title, idf),
    c.cosine,
    t.cosine,
    all.qCover,
    c.dCover,
    sharedBigrams,
    jaccard(q.trigrams, trigrams(claimWords.filter((w) => !STOPWORDS.has(w)))),
    sharedNumbers,
    q.numbers.size > 0 && docHasNumber && sharedNumbers === 0 ? 1 : 0,
    sharedNames,
    q.names.size === 0 ? 0 : sharedNames / q.names.size,
    Math.log1p(q.stemSet.size),
    Math.log1p(claimSet.size),
    q.names.size - sharedNames,
  ];
}
