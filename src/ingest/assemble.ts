/**
 * The last step of every reader: what it found in one record (a Draft) becomes an Article, or an
 * error item, after the checks every format shares: size, empty body, label, empty title, id.
 */
import type { Article, Label, Origin } from '../article/article.js';
import type { Where } from '../article/errors.js';
import type { LabelMap } from './labels.js';
import { articleTooLarge, emptyBody, emptyTitle, unknownLabel } from './problems.js';
import type { ReadItem } from './types.js';

/** A value and the field (column, key, line) it came from, so messages can name it. */
export interface Found {
  value: string;
  field?: string;
  line?: number;
  /** What the field held when it held no text (a JSON object, an array), for the message. */
  unreadable?: string;
}

/** Already decided: a label the data states as such, or one told by a file name. */
export interface KnownLabel {
  kind: 'known';
  label: Label;
  sourceLabel: string;
}

export type DraftLabel =
  /** The data has no gold label here. */
  | { kind: 'none' }
  /** A dataset code still to be mapped. */
  | ({ kind: 'code' } & Found)
  | KnownLabel;

export interface Draft {
  origin: Origin & { record: number };
  id?: string;
  /** Absent when the data has no title at all (LIAR, a CSV without a title column): no warning then. */
  title?: Found;
  body: Found;
  label: DraftLabel;
  url?: string;
  author?: string;
  published?: string;
  site?: string;
  meta: Record<string, unknown>;
}

export interface AssembleRules {
  labels: LabelMap;
  maxArticleBytes: number;
  unknownLabels: 'skip' | 'warn';
  /** Ids default to `<idPrefix>:<record number>`: the file's base name. */
  idPrefix: string;
}

export function* assemble(draft: Draft, rules: AssembleRules): Generator<ReadItem> {
  const where = (found?: { field?: string; line?: number }): Where => ({
    file: draft.origin.file,
    line: found?.line ?? draft.origin.line,
    record: draft.origin.record,
    ...(found?.field === undefined ? {} : { field: found.field }),
  });

  const title = oneLine(tidy(draft.title?.value ?? ''));
  const body = tidy(draft.body.value);
  const bytes = Buffer.byteLength(title) + Buffer.byteLength(body);
  if (bytes > rules.maxArticleBytes) {
    yield { kind: 'error', error: articleTooLarge(where(), bytes, rules.maxArticleBytes) };
    return;
  }
  if (body === '') {
    yield { kind: 'error', error: emptyBody(where(draft.body), draft.body.unreadable) };
    return;
  }

  let label: Label | undefined;
  let sourceLabel: string | undefined;
  const given = draft.label;
  if (given.kind === 'known') {
    label = given.label;
    sourceLabel = given.sourceLabel;
  } else if (given.kind === 'code' && (given.value.trim() !== '' || given.unreadable !== undefined)) {
    label = rules.labels.lookup(given.value);
    if (given.value.trim() !== '') sourceLabel = given.value.trim();
    if (label === undefined) {
      const got = given.unreadable ?? JSON.stringify(given.value);
      if (rules.unknownLabels === 'skip') {
        yield { kind: 'error', error: unknownLabel(where(given), rules.labels.codes, got, false) };
        return;
      }
      yield { kind: 'warning', error: unknownLabel(where(given), rules.labels.codes, got, true) };
    }
  }

  if (draft.title !== undefined && title === '') yield { kind: 'warning', error: emptyTitle(where(draft.title)) };

  const article: Article = {
    id: draft.id?.trim() || `${rules.idPrefix}:${draft.origin.record}`,
    title,
    body,
    meta: draft.meta,
    origin: draft.origin,
  };
  if (label !== undefined) article.label = label;
  if (sourceLabel !== undefined) article.sourceLabel = sourceLabel;
  for (const key of ['url', 'author', 'published', 'site'] as const) {
    const value = draft[key]?.trim();
    if (value) article[key] = value;
  }
  yield { kind: 'article', article };
}

/** One line-ending convention and no surrounding blank space, whatever the source. */
function tidy(text: string): string {
  return text.replaceAll('\r\n', '\n').trim();
}

/** A title broken over lines (a quoted CSV field, a wrapped heading) is still one line. */
function oneLine(text: string): string {
  if (!text.includes('\n')) return text;
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}
