/**
 * Claims matched against the fact-check store: the matcher the engine gives the claims analyser.
 * Kept apart from the engine so that the store (a native SQLite module) loads only when there is one.
 */
import type { ClaimMatch } from '../article/report.js';
import { matchClaims, type MatchOptions } from '../store/match.js';
import type { Store } from '../store/store.js';
import type { ClaimMatcher } from './claims.js';

export function claimMatcher(store: Store, opts: MatchOptions = {}): ClaimMatcher {
  return (text) =>
    matchClaims(store, text, { ...opts, all: false }).flatMap((m): ClaimMatch[] => {
      if (m.level === 'below') return [];
      const out: ClaimMatch = { claim: m.factCheck.claim, key: m.factCheck.key, score: Math.round(m.score * 10000) / 10000, level: m.level, verdict: m.verdict };
      if (m.verdictText !== undefined) out.verdictText = m.verdictText;
      if (m.publisher !== undefined) out.publisher = m.publisher;
      if (m.url !== undefined) out.url = m.url;
      if (m.date !== undefined) out.date = m.date;
      return [out];
    });
}
