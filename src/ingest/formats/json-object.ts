/**
 * One JSON object as a Draft: the shared datasets' layout (id, title, text, label, source_label,
 * url, authors, publish_date, source / publisher …) and the common variants (body, content …).
 * Every key not used for a field is kept in `meta`.
 */
import { parseLabel } from '../../article/article.js';
import type { Draft, DraftLabel, Found } from '../assemble.js';
import { DEFAULT_COLUMNS, NameIndex, resolveFields } from '../columns.js';
import type { ColumnCandidates } from '../presets.js';
import type { Settings } from '../settings.js';
import type { ColumnMap, Field } from '../types.js';

export interface ObjectLayout {
  candidates: ColumnCandidates;
  overrides: Partial<ColumnMap>;
  /** A user label map applies to the original `source_label` when there is one. */
  userLabels: boolean;
  /** No titles by nature (LIAR): a missing title is not worth a warning. */
  titleless: boolean;
}

export function objectLayout(settings: Settings, candidates: ColumnCandidates = DEFAULT_COLUMNS): ObjectLayout {
  return {
    candidates,
    overrides: settings.columns,
    userLabels: settings.userLabels,
    titleless: settings.preset?.kind === 'table' && settings.preset.titleless,
  };
}

const SOURCE_LABEL = 'source_label';

export type JsonObject = Record<string, unknown>;

/** The parsed object, or what was found instead ("an array", "invalid JSON (…)"). */
export function parseJsonObject(text: string): { object: JsonObject } | { found: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { found: `invalid JSON (${(err as Error).message})` };
  }
  return isJsonObject(value) ? { object: value } : { found: describeJson(value) };
}

/** "null", "an array", "a string"…: what a message says was found instead of an object. */
export function describeJson(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function draftFromObject(object: JsonObject, layout: ObjectLayout, origin: Draft['origin']): Draft {
  const keys = new NameIndex(Object.keys(object));
  const fields = resolveFields(keys, layout.candidates, layout.overrides);
  const used = new Set<string>();
  const take = (field: Field): Found | undefined => {
    const key = fields[field];
    if (key === undefined) return undefined;
    used.add(key);
    const value = object[key];
    const text = textOf(value);
    if (text !== undefined || value === null || value === undefined) return { value: text ?? '', field: key };
    return { value: '', field: key, unreadable: Array.isArray(value) ? 'an array without text' : 'an object without text' };
  };

  const sourceKey = keys.find(SOURCE_LABEL);
  const sourceValue = sourceKey === undefined ? undefined : textOf(object[sourceKey]);
  const original = sourceKey === undefined || sourceValue === undefined ? undefined : { value: sourceValue, field: sourceKey };
  const label = labelOf(take('label'), original, layout.userLabels);
  if (original !== undefined && (label.kind === 'known' || (label.kind === 'code' && label.field === original.field))) used.add(original.field);

  const draft: Draft = {
    origin,
    body: take('body') ?? { value: '', field: layout.candidates.body?.[0] ?? 'text' },
    label,
    meta: {},
  };
  const title = layout.titleless ? undefined : take('title');
  if (title !== undefined) draft.title = title;
  const id = take('id')?.value;
  if (id) draft.id = id;
  for (const field of ['url', 'author', 'site'] as const) {
    const value = take(field)?.value;
    if (value) draft[field] = value;
  }
  const publishedKey = fields.published;
  if (publishedKey !== undefined) {
    used.add(publishedKey);
    const published = dateOf(object[publishedKey]);
    if (published !== undefined) draft.published = published;
  }
  // fromEntries defines keys, so a "__proto__" key is kept as data rather than setting a prototype.
  draft.meta = Object.fromEntries(Object.entries(object).filter(([key, value]) => !used.has(key) && value !== undefined));
  return draft;
}

/**
 * The shared datasets state `label` as reliable/unreliable and keep the dataset's own code in
 * `source_label`: a user's label map applies to that code. Any other label is a code to map.
 */
function labelOf(label: Found | undefined, original: Found | undefined, userLabels: boolean): DraftLabel {
  if (userLabels && original !== undefined) return { kind: 'code', ...original };
  if (label === undefined) return { kind: 'none' };
  const stated = userLabels ? undefined : parseLabel(label.value);
  if (stated !== undefined) return { kind: 'known', label: stated, sourceLabel: original?.value ?? label.value };
  return { kind: 'code', ...label };
}

/** Strings as they are, numbers and booleans spelled out, lists (of authors…) joined by commas. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((item) => (isJsonObject(item) ? textOf(item['name']) : textOf(item))).filter((part) => part);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (isJsonObject(value)) return textOf(value['name']);
  return undefined;
}

/** A date as given; a number is a Unix time (seconds, or milliseconds when that large) made ISO 8601. */
export function dateOf(value: unknown): string | undefined {
  if (typeof value !== 'number') return textOf(value);
  if (!Number.isFinite(value)) return undefined;
  const date = new Date(Math.abs(value) < 1e11 ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
