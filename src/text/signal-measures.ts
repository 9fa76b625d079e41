/**
 * The lexical and readability measures of one Doc, gathered for the credibility checklist
 * (src/analyse/signals.ts): the word-list measures of signals-lexicon.ts with their evidence, and the
 * readability of readability.ts. Each measure is cheap (one pass over the tokens); together they cost
 * well under a tenth of a millisecond for a 1,000-word article (bench/signals-dist.js measures it).
 */
import type { Doc } from './doc.js';
import { readability, type Readability } from './readability.js';
import {
  bodyTokens,
  bodyWords,
  headlineCaps,
  headlineMarks,
  hedging,
  loadedLanguage,
  personAddress,
  quotationMarks,
  type HeadlineCaps,
  type HeadlineMarks,
  type Hits,
  type InQuote,
} from './signals-lexicon.js';

export interface LexicalMeasures {
  /** Words in the body: the denominator of the rates. */
  bodyWords: number;
  /** Loaded or emotional words and phrases, in the headline and the body. */
  loaded: Hits;
  /** Hedges and vague attributions, in the headline and the body. */
  hedges: Hits;
  /** First-person words in the body, outside quotations. */
  firstPerson: Hits;
  /** Second-person words in the body, outside quotations. */
  secondPerson: Hits;
  headlineCaps: HeadlineCaps;
  headlineMarks: HeadlineMarks;
  /** Of the body; null when it has no words. */
  readability: Readability | null;
}

/**
 * Every measure for one Doc. Without `inQuote`, quotations are found by `quotationMarks` (pass the
 * sourcing analyser's test when there is one, so both agree on what is quoted).
 */
export function measureLexical(doc: Doc, inQuote: InQuote = quotationMarks(doc)): LexicalMeasures {
  const body = bodyTokens(doc);
  const persons = personAddress(doc, inQuote, body);
  return {
    bodyWords: bodyWords(doc, body),
    loaded: loadedLanguage(doc),
    hedges: hedging(doc),
    firstPerson: persons.first,
    secondPerson: persons.second,
    headlineCaps: headlineCaps(doc),
    headlineMarks: headlineMarks(doc),
    readability: readability(doc),
  };
}

/** Hits per 1,000 body words (0 for an empty body). */
export function per1000(hits: Hits, words: number): number {
  return words === 0 ? 0 : (1000 * hits.count) / words;
}
