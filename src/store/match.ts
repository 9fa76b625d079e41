/**
 * Has this been fact-checked before? `matchClaims` finds stored fact-checks that check a sentence:
 * BM25 over the claim and title (FTS5) picks candidates, the re-ranker (src/store/rerank.ts) scores
 * each as a probability of being a match, from pair features (src/store/features.ts) that include
 * the bundled word vectors (models/wordvectors.cdm, loaded on the first match of a process). Two thresholds, as newsroom tools use them: at or above
 * `suggest` a match is shown for a person to confirm, at or above `confirm` it is stated as a match.
 * Short texts (fewer than `shortWords` content words) share few words with anything by chance, so
 * both thresholds rise by `shortMargin` for them.
 */
import type { FactCheck, SearchHit, SearchOptions } from './factchecks.js';
import { attachVectors, FEATURES, pairFeatures, querySide } from './features.js';
import { rerankScore, type Reranker } from './rerank.js';
import { RERANKER } from './reranker-weights.js';
import type { Store } from './store.js';
import type { Verdict } from './verdict.js';
import { bundledVectors, type WordVectors } from './vectors.js';

export interface MatchOptions {
  /** At most this many matches (default 5). */
  limit?: number;
  /** Show for confirmation at or above this score (default 0.3). */
  suggest?: number;
  /** State as a match at or above this score (default 0.7). */
  confirm?: number;
  /** Texts with fewer content words than this are short (default 5)... */
  shortWords?: number;
  /** ...and need both thresholds raised by this much (default 0.1). */
  shortMargin?: number;
  /** Only fact-checks published on or after this ISO date (YYYY-MM-DD). */
  since?: string;
  /** Only fact-checks in this language (or with none recorded), e.g. "en". */
  language?: string;
  /** BM25 candidates to re-rank (default 30). */
  candidates?: number;
  /** Return every candidate, best first, whatever its score (for evaluation). */
  all?: boolean;
  /** Another re-ranker than the bundled one. */
  reranker?: Reranker;
  /** Rank by BM25 alone, scoring by the re-ranker all the same (the first stage on its own). */
  bm25Only?: boolean;
  /** Other word vectors than the bundled ones (models/wordvectors.cdm, loaded on the first match). */
  vectors?: WordVectors;
}

export type MatchLevel = 'confirm' | 'suggest' | 'below';

export interface ClaimMatch {
  factCheck: FactCheck;
  /** 0..1, the re-ranker's probability that this fact-check checks the text. */
  score: number;
  level: MatchLevel;
  verdict: Verdict;
  verdictText?: string;
  publisher?: string;
  url?: string;
  /** The fact-check's date (its review date, else the claim's). */
  date?: string;
  bm25: number;
}

/**
 * The matcher looks a text up by its first 48 distinct content words (a sentence or a tweet has fewer;
 * the bundled re-ranker was fitted on candidates found this way). `factchecks search` takes them all.
 */
export const MATCH_TERMS = 48;

export const MATCH_DEFAULTS = { limit: 5, suggest: 0.3, confirm: 0.7, shortWords: 5, shortMargin: 0.1, candidates: 30 } as const;

/**
 * Links say nothing about the claim; hashtags and handles are split into words. (A tweet-embed footer,
 * "— Name (@handle) January 6, 2020", is kept whole: on the CLEF 2020 train tweets BM25 ranks better
 * with it, date included, than without.)
 */
export function cleanText(text: string): string {
  let t = text.replace(/\b(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S*/g, ' ');
  // #AustralianFires, @RealDonaldTrump: words run together, split where the case changes.
  t = t.replace(/[#@]([\p{L}\p{N}_]{2,60})/gu, (_, tag: string) => ' ' + tag.replace(/_/g, ' ').replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{L})(\p{N})/gu, '$1 $2') + ' ');
  return t;
}

/** The scored candidates of one text: features and scores, BM25 order. */
export function candidatesFor(store: Store, text: string, opts: MatchOptions = {}): { hits: SearchHit[]; features: number[][]; contentWords: number } {
  const q = querySide(cleanText(text), text, cleanText);
  const search: SearchOptions = { limit: opts.candidates ?? MATCH_DEFAULTS.candidates, weights: [1, 1] };
  if (opts.since !== undefined) search.since = opts.since;
  if (opts.language !== undefined) search.language = opts.language;
  const hits = store.factChecks.searchTerms([...q.stemSet].slice(0, MATCH_TERMS), search);
  const idf = store.factChecks.idf();
  const avg = store.factChecks.averageLengths();
  if (hits.length > 0) attachVectors(q, opts.vectors ?? bundledVectors(), idf);
  return { hits, features: hits.map((h) => pairFeatures(q, h, idf, avg)), contentWords: q.stemSet.size };
}

export function matchClaims(store: Store, text: string, opts: MatchOptions = {}): ClaimMatch[] {
  const model = opts.reranker ?? RERANKER;
  if (model.features.join() !== FEATURES.join()) throw new Error('the re-ranker was fitted on other features than these');
  const { hits, features, contentWords } = candidatesFor(store, text, opts);
  const short = contentWords < (opts.shortWords ?? MATCH_DEFAULTS.shortWords) ? (opts.shortMargin ?? MATCH_DEFAULTS.shortMargin) : 0;
  const suggest = (opts.suggest ?? MATCH_DEFAULTS.suggest) + short;
  const confirm = (opts.confirm ?? MATCH_DEFAULTS.confirm) + short;
  const scored = hits.map((h, i) => ({ h, score: rerankScore(model, features[i]!) }));
  if (opts.bm25Only !== true) scored.sort((a, b) => b.score - a.score || b.h.bm25 - a.h.bm25);
  const out: ClaimMatch[] = [];
  for (const { h, score } of scored) {
    const level: MatchLevel = score >= confirm ? 'confirm' : score >= suggest ? 'suggest' : 'below';
    if (level === 'below' && opts.all !== true) continue;
    const f = h.factCheck;
    const m: ClaimMatch = { factCheck: f, score, level, verdict: f.verdict, bm25: h.bm25 };
    if (f.verdictText !== undefined) m.verdictText = f.verdictText;
    if (f.publisher !== undefined) m.publisher = f.publisher;
    if (f.url !== undefined) m.url = f.url;
    const date = f.reviewDate ?? f.claimDate;
    if (date !== undefined) m.date = date;
    out.push(m);
    if (opts.all !== true && out.length >= (opts.limit ?? MATCH_DEFAULTS.limit)) break;
  }
  return out;
}
