/**
 * The claims analyser: which sentences of the title and body state checkable facts. Each sentence of
 * the Doc is scored by the check-worthiness model; those at or above its threshold are listed, the most
 * check-worthy first, with the rule-based kinds of what they claim.
 */
import type { Claim, ClaimMatch } from '../article/report.js';
import type { Doc } from '../text/doc.js';
import { TokenKind } from '../text/tokens.js';
import type { LoadedWorthiness } from '../learn/worthiness/file.js';
import { scoreSpan } from '../learn/worthiness/model.js';

/** Fewer words than this cannot state a checkable fact ("Thank you.", "Yes."). */
const MIN_WORDS = 3;

/** Stored fact-checks that check a sentence (the text of a claim), best first. */
export type ClaimMatcher = (text: string) => ClaimMatch[];

export function analyseClaims(doc: Doc, loaded: LoadedWorthiness, match?: ClaimMatcher): Claim[] {
  const { model } = loaded;
  const claims: Claim[] = [];
  for (const s of doc.sentences) {
    if (countWords(doc, s.tokenStart, s.tokenEnd) < MIN_WORDS) continue;
    const { p, checkWorthy, cues } = scoreSpan(model, doc, s.tokenStart, s.tokenEnd);
    if (!checkWorthy) continue;
    const claim: Claim = { start: s.start, end: s.end, score: Math.round(p * 10000) / 10000, kinds: cues.kinds };
    if (match !== undefined) claim.matches = match(doc.text.slice(s.start, s.end));
    claims.push(claim);
  }
  return claims.sort((a, b) => b.score - a.score || a.start - b.start);
}

function countWords(doc: Doc, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t++) if (doc.tokens.kind[t] === TokenKind.Word && doc.masked[t] !== 1) n++;
  return n;
}
