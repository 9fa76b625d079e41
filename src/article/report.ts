/**
 * The Report: everything Credence says about one article. Every span is a [start, end) offset into
 * the article text, `title + "\n\n" + body` (see `articleText`); `article.bodyStart` says where the body begins.
 */
import type { Label } from './article.js';
import type { EntityType } from './entity.js';
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

/** Someone's words: quoted (direct) or reported (indirect), with who said them. */
export interface Quote extends Span {
  direct: boolean;
  /** The attribution cue ("said", "told", "according to"), when one was found. */
  cue?: Span & { text: string };
  /** The mention of the speaker nearest the quote ("he", "Khalimov", "officials"). */
  speaker?: Span & { text: string };
  /** Index of the speaker in `sourcing.sources`. */
  source?: number;
  /** A direct quote whose closing mark never came: it ends at its paragraph's end. */
  unclosed?: true;
}

/**
 * How a source is cited: a named person, an organisation (named or an institution such as "police"),
 * a document or recording, an unnamed person or group (anonymous), or a pronoun with no name to go to.
 */
export type SourceKind = 'person' | 'organisation' | 'document' | 'anonymous' | 'unresolved';

export const SOURCE_NOTES = ['not reached', 'declined to comment', 'did not respond', 'not named'] as const;
export type SourceNoteKind = (typeof SOURCE_NOTES)[number];

export interface SourceNote extends Span {
  note: SourceNoteKind;
}

export interface Source {
  /** The person's or organisation's fullest name; an unnamed source's description as written. */
  name: string;
  kind: SourceKind;
  /** Title, job or description given with the name ("Government spokeswoman", "a 40-year-old native of …"). */
  role?: string;
  /** Index into `entities`, when the source is a recognised name. */
  entity?: number;
  /** How many direct quotes and indirect attributions are theirs. */
  quotes: number;
  attributions: number;
  /** The speaker mentions that point to this source. */
  mentions: Span[];
  notes: SourceNote[];
}

export interface SourcingSection {
  quotes: Quote[];
  /** Each source once, most quoted first. */
  sources: Source[];
}

/** A person, organisation, place or other name, all its mentions merged. */
export interface Entity {
  name: string;
  type: EntityType;
  /** Mentions: names and the pronouns resolved to them. */
  count: number;
  /** Offset of the first mention. */
  first: number;
  mentions: Span[];
}

export interface LanguageSection {
  /** ISO 639-1 code, or "und" when it cannot be told. */
  code: string;
  name: string;
  confidence: number;
  /** Whether Credence's models cover this language (English only). Nothing is scored when not. */
  covered: boolean;
}

export type SignalStatus = 'pass' | 'warn' | 'fail' | 'n/a';

export const SIGNAL_IDS = [
  'language',
  'clickbait-headline',
  'headline-form',
  'named-sources',
  'anonymous-sources',
  'claims-attributed',
  'loaded-language',
  'hedging',
  'direct-address',
  'readability',
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

/** One line of the credibility checklist, with the spans that back it. */
export interface Signal {
  id: SignalId;
  /** The question the item answers, for a person. */
  label: string;
  status: SignalStatus;
  /** One line: why this status. */
  reason: string;
  evidence: Span[];
  /** The measure the status was read from, when there is one (a share, a rate, a probability). */
  value?: number;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  article: ReportArticle;
  language: LanguageSection;
  /** The credibility checklist: what a person reads first. */
  signals?: Signal[];
  /** Absent when the article's language is not covered. */
  reliability?: ReliabilitySection;
  headline?: HeadlineSection;
  /**
   * The sentences the check-worthiness model calls check-worthy (calibrated score at or above its
   * threshold), the most check-worthy first; empty when none is. Absent when the check was turned off.
   */
  claims?: Claim[];
  sourcing?: SourcingSection;
  entities?: Entity[];
}
