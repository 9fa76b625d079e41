/**
 * The Report: everything Credence says about one article. Every span is a [start, end) offset into
 * the article text, `title + "\n\n" + body` (see `articleText`); `article.bodyStart` says where the body begins.
 */
import type { Label } from './article.js';

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

export interface Report {
  schema: typeof REPORT_SCHEMA;
  article: ReportArticle;
  reliability: ReliabilitySection;
}
