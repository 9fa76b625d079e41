/** The one shape every reader yields and every stage reads. */

export const LABELS = ['reliable', 'unreliable'] as const;
export type Label = (typeof LABELS)[number];

/** Where an article was read from, for messages that name the file and line. */
export interface Origin {
  file: string;
  /** 1-based line where the record starts, when the format has lines. */
  line?: number;
  /** 1-based record number within the file. */
  record?: number;
}

export interface Article {
  id: string;
  title: string;
  body: string;
  /** Gold label, mapped from the dataset's own code. Never a feature. */
  label?: Label;
  /** The dataset's own label value before mapping ("FAKE", "0", "pants-fire"). */
  sourceLabel?: string;
  url?: string;
  author?: string;
  /** Publication date as given (ISO 8601 when the source had one). */
  published?: string;
  /** Outlet or site name. */
  site?: string;
  /** Every other field the source carried. */
  meta: Record<string, unknown>;
  origin: Origin;
}

/**
 * The text every span in a report points into: the title, a blank line, the body.
 * Kept in one place so readers, the Doc and the web page agree on offsets.
 */
export const TITLE_BODY_SEPARATOR = '\n\n';

export function articleText(article: Pick<Article, 'title' | 'body'>): string {
  if (article.title === '') return article.body;
  if (article.body === '') return article.title;
  return article.title + TITLE_BODY_SEPARATOR + article.body;
}

export function parseLabel(value: string): Label | undefined {
  const v = value.trim().toLowerCase();
  return (LABELS as readonly string[]).includes(v) ? (v as Label) : undefined;
}
