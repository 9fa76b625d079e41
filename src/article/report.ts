/**
 * The Report: everything Credence says about one article. Every span is a [start, end) offset into
 * the article text, `title + "\n\n" + body` (see `articleText`); `article.bodyStart` says where the body begins.
 */
import type { Label } from './article.js';
import type { EvidenceRole, Stance } from './stance.js';
import type { Verdict } from './verdict.js';

export const REPORT_SCHEMA = 'credence.report/1';

export interface Span {
  start: number;
  end: number;
}

export interface ReportArticle {
  id: string;
  title: string;
  /** Gold label, when the input had one (never used by the analysers). */
  label?: Label;
  url?: string;
  author?: string;
  published?: string;
  site?: string;
  /** Where the body starts in the article text. */
  bodyStart: number;
  /** Length of the article text. */
  length: number;
  words: number;
}

export type Band = 'likely reliable' | 'uncertain' | 'likely unreliable';

export interface ReliabilitySection {
  /** Calibrated probability that the article is unreliable. */
  pUnreliable: number;
  band: Band;
  model: string;
  explanation: {
    features: { text: string; kind: string; weight: number; spans: Span[] }[];
    sentences: (Span & { contribution: number })[];
  };
}

/**
 * Does the body back its own headline (FNC-1 stance of the body towards the title)? Present when the
 * article has both a title and a body.
 */
export interface HeadlineSection {
  stance: Stance;
  /** Probabilities of the four stances (rounded to 4 places; they sum to 1). */
  probabilities: Record<Stance, number>;
  /** The body sentences that bear most on the headline, the most similar first, with what each does to it. */
  evidence: (Span & { role: EvidenceRole })[];
  model: string;
}

/**
 * What a check-worthy sentence claims, by rule: a number or statistic, a comparison, cause and effect,
 * a prediction, a quoted or attributed claim, a law or rule.
 */
export type ClaimKind = 'number' | 'comparison' | 'cause' | 'prediction' | 'quote' | 'law';

export const CLAIM_KINDS: readonly ClaimKind[] = ['number', 'comparison', 'cause', 'prediction', 'quote', 'law'];

/** A sentence of the title or body that states a checkable fact. */
export interface Claim extends Span {
  /** Calibrated probability that the sentence is check-worthy (rounded to 4 places). */
  score: number;
  /** Rule-based kinds; empty when no rule fired. */
  kinds: ClaimKind[];
  /**
   * Stored fact-checks that check this sentence, best first: `confirm` is stated as a match, `suggest`
   * is shown for a person to confirm. Present when a fact-check store was searched.
   */
  matches?: ClaimMatch[];
}

export interface ClaimMatch {
  /** The fact-checked claim as stored, and the store's key for it. */
  claim: string;
  key: string;
  /** 0..1: how likely this fact-check checks the sentence (rounded to 4 places). */
  score: number;
  level: 'confirm' | 'suggest';
  verdict: Verdict;
  /** The publisher's own verdict. */
  verdictText?: string;
  publisher?: string;
  url?: string;
  date?: string;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  article: ReportArticle;
  reliability: ReliabilitySection;
  headline?: HeadlineSection;
  /**
   * The sentences the check-worthiness model calls check-worthy (calibrated score at or above its
   * threshold), the most check-worthy first; empty when none is. Absent when the check was turned off.
   */
  claims?: Claim[];
}
