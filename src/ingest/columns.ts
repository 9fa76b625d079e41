/** Which column (CSV) or key (JSON) holds which article field. */
import { UsageError, didYouMean } from '../article/errors.js';
import type { ColumnCandidates } from './presets.js';
import { FIELDS, type ColumnMap, type Field } from './types.js';

/** The names common files use, tried in order and ignoring case, when no preset or flag says otherwise. */
export const DEFAULT_COLUMNS: Required<ColumnCandidates> = {
  id: ['id', '_id', 'news_id', 'article_id', 'uuid'],
  title: ['title', 'headline', 'heading'],
  body: ['text', 'body', 'content', 'article', 'articleBody', 'maintext', 'article_text'],
  label: ['label', 'class'],
  author: ['author', 'authors', 'byline'],
  url: ['url', 'link', 'news_url'],
  published: ['published', 'date', 'publish_date', 'published_at', 'pubdate', 'date_publish', 'datePublished'],
  site: ['site', 'source', 'publisher', 'source_domain', 'domain'],
};

const fold = (name: string): string => name.trim().toLowerCase();

/** Case-insensitive lookup of the names a header or object has. */
export class NameIndex {
  private readonly exact: ReadonlySet<string>;
  private readonly folded = new Map<string, string>();
  constructor(readonly names: readonly string[]) {
    this.exact = new Set(names);
    for (const name of names) if (!this.folded.has(fold(name))) this.folded.set(fold(name), name);
  }
  /** The name as the data spells it: an exact match first, then one that differs in case or spaces. */
  find(name: string): string | undefined {
    return this.exact.has(name) ? name : this.folded.get(fold(name));
  }
}

/**
 * The data's name for each field: the user's choice where given and present, else the first
 * candidate present that the user has not given to another field.
 */
export function resolveFields(
  available: NameIndex,
  candidates: ColumnCandidates,
  overrides: Partial<ColumnMap>,
): Partial<Record<Field, string>> {
  const resolved: Partial<Record<Field, string>> = {};
  const claimed = new Set<string>();
  for (const field of FIELDS) {
    const wanted = overrides[field];
    const found = wanted === undefined ? undefined : available.find(wanted);
    if (found !== undefined) {
      resolved[field] = found;
      claimed.add(found);
    }
  }
  for (const field of FIELDS) {
    if (overrides[field] !== undefined) continue;
    const found = (candidates[field] ?? []).map((candidate) => available.find(candidate)).find((name) => name !== undefined && !claimed.has(name));
    if (found !== undefined) resolved[field] = found;
  }
  return resolved;
}

/** A UsageError, with a did-you-mean, when a column the user named is not in the data. */
export function requireOverrides(available: NameIndex, overrides: Partial<ColumnMap>, file: string): void {
  for (const field of FIELDS) {
    const wanted = overrides[field];
    if (wanted === undefined || available.find(wanted) !== undefined) continue;
    throw new UsageError(
      'E_COLUMN',
      `${file}: column ${JSON.stringify(wanted)} (given for ${field}) is not there${didYouMean(wanted, available.names)}; ` +
        `the columns are ${available.names.map((name) => JSON.stringify(name)).join(', ')}`,
    );
  }
}

/** Validates `options.columns`: known fields, non-empty names. */
export function checkColumnOverrides(columns: Readonly<Record<string, unknown>>): Partial<ColumnMap> {
  for (const [field, name] of Object.entries(columns)) {
    if (!(FIELDS as readonly string[]).includes(field)) {
      throw new UsageError('E_USAGE', `columns: unknown field ${JSON.stringify(field)}${didYouMean(field, FIELDS)}; the fields are ${FIELDS.join(', ')}`);
    }
    if (typeof name !== 'string') {
      throw new UsageError('E_USAGE', `columns: field ${field}: expected a column name; got ${JSON.stringify(name)}`);
    }
  }
  return columns as Partial<ColumnMap>;
}
