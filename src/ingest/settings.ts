/** ReadOptions checked once, up front, and resolved against the preset: what every reader is given. */
import { UsageError, didYouMean } from '../article/errors.js';
import { checkColumnOverrides } from './columns.js';
import { DEFAULT_LABELS, LabelMap } from './labels.js';
import type { Preset } from './presets.js';
import { MiB } from './problems.js';
import type { AssembleRules } from './assemble.js';
import { FORMATS, type ColumnMap, type FormatName, type ReadOptions } from './types.js';

export const DEFAULT_MAX_ARTICLE_BYTES = 8 * MiB;

export interface Settings {
  preset?: Preset;
  /** The user's map if given, else the preset's, else the default one. */
  labels: LabelMap;
  /** Whether `labels` came from the user: JSON records then map their original `source_label`. */
  userLabels: boolean;
  columns: Partial<ColumnMap>;
  maxArticleBytes: number;
  unknownLabels: 'skip' | 'warn';
  format?: FormatName;
  /** Unset: process.stdin, touched only when '-' is read. */
  stdin?: NodeJS.ReadableStream;
}

/** What a reader knows about the file it reads. */
export interface FileContext {
  /** The name messages and `origin.file` use. */
  file: string;
  settings: Settings;
  /** Ids default to `<idPrefix>:<record number>`. */
  idPrefix: string;
}

export function resolveSettings(options: ReadOptions, preset: Preset | undefined): Settings {
  const max = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  if (!Number.isSafeInteger(max) || max <= 0) {
    throw new UsageError('E_USAGE', `maxArticleBytes: expected a positive whole number of bytes; got ${String(max)}`);
  }
  const format = options.format;
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError('E_USAGE', `unknown format ${JSON.stringify(format)}${didYouMean(format, FORMATS)}; the formats are ${FORMATS.join(', ')}`);
  }
  const settings: Settings = {
    labels: options.labelMap === undefined ? (preset?.labels ?? DEFAULT_LABELS) : LabelMap.from(options.labelMap),
    userLabels: options.labelMap !== undefined,
    columns: checkColumnOverrides(options.columns ?? {}),
    maxArticleBytes: max,
    unknownLabels: options.unknownLabels ?? 'skip',
  };
  if (options.stdin !== undefined) settings.stdin = options.stdin;
  if (preset !== undefined) settings.preset = preset;
  if (format !== undefined) settings.format = format;
  return settings;
}

export function assembleRules(context: FileContext): AssembleRules {
  return { labels: context.settings.labels, maxArticleBytes: context.settings.maxArticleBytes, unknownLabels: context.settings.unknownLabels, idPrefix: context.idPrefix };
}

/**
 * How much raw input may hold one article of `maxArticleBytes` of text: JSON escapes, CSV quoting
 * and metadata take room, HTML markup far more. Past this, input is refused before it is parsed.
 */
export function rawLimit(maxArticleBytes: number, kind: 'text' | 'html'): number {
  return kind === 'html' ? 8 * maxArticleBytes : 2 * maxArticleBytes + 64 * 1024;
}
