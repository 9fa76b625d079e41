/**
 * Near-duplicate groups of headlines and the seeded held-out split that keeps each group on one side:
 * "10 Things You Didn't Know About Cats" and "10 Things You Didn't Know About Dogs" are not the same
 * headline, but a copy with other casing or punctuation is, and so is one differing in a word or two of ten.
 */
import { groupNearDuplicates } from '../groups.js';
import { stratifiedGroupSplit } from '../split.js';
import { minhashSignature, wordShingles } from '../../text/minhash.js';
import type { Doc } from '../../text/doc.js';
import { TokenKind } from '../../text/tokens.js';

/** Least estimated Jaccard similarity of word unigram-and-bigram sets that makes two headlines one group. */
export const HEADLINE_DUPLICATE_THRESHOLD = 0.7;

/**
 * The MinHash signature of a headline's word (and number) unigrams and bigrams, punctuation and case
 * ignored: one word added to ten keeps about 0.8 of the set; a listicle template with two words swapped
 * ("17 Dogs Who Forgot How To Dog" / "17 Cats Who Forgot How To Cat") about 0.5.
 */
export function headlineSignature(doc: Doc, tokenStart = 0, tokenEnd = doc.tokens.length): Uint32Array {
  const forms: string[] = [];
  for (let t = tokenStart; t < tokenEnd; t++) {
    const k = doc.tokens.kind[t];
    if (k === TokenKind.Word || k === TokenKind.Number) forms.push(doc.tokens.norm[t]!);
  }
  return minhashSignature([...wordShingles(forms, 1), ...wordShingles(forms, 2)], 64, 7);
}

/** A group id per headline: near-duplicates (and exact copies) share one. */
export function headlineGroups(signatures: readonly Uint32Array[]): Int32Array {
  return groupNearDuplicates(signatures, { threshold: HEADLINE_DUPLICATE_THRESHOLD });
}

/** 1 for every held-out row, 0 for every training row; stratified by label, groups kept whole, seeded. */
export function headlineSplit(y: ArrayLike<number>, groups: Int32Array, fraction: number, seed: number): Uint8Array {
  return stratifiedGroupSplit(y, groups, fraction, seed);
}
