/** The shapes the ingest API speaks: what a caller passes in and what every reader yields. */
import type { Article, Label } from '../article/article.js';
import type { InputError } from '../article/errors.js';
import type { PresetName } from './presets.js';

export type ReadItem =
  | { kind: 'article'; article: Article }
  /** A bad file or record: reported and skipped by the caller. */
  | { kind: 'error'; error: InputError }
  /** Reported; the article still follows (e.g. an empty title). */
  | { kind: 'warning'; error: InputError };

/** The article fields a column (CSV) or key (JSON) can be mapped to. */
export const FIELDS = ['id', 'title', 'body', 'label', 'author', 'url', 'published', 'site'] as const;
export type Field = (typeof FIELDS)[number];
export type ColumnMap = Record<Field, string>;

export const FORMATS = ['record', 'text', 'jsonl', 'json', 'csv', 'tsv', 'html'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface DatasetSpec {
  preset?: PresetName;
  /** A file or directory; '-' is stdin. */
  path: string;
}

export interface ReadOptions {
  /** Dataset code → label. Replaces the preset's map (or the default one) as a whole. */
  labelMap?: Record<string, Label>;
  /** Article field → column (CSV) or key (JSON) name. */
  columns?: Partial<ColumnMap>;
  /** Larger articles are error items (E_TOO_LARGE). Default 8 MiB. */
  maxArticleBytes?: number;
  /**
   * A gold label the map does not know: 'skip' the article (an error item; the default, for training
   * and evaluation), or 'warn' and read it without a label (for analysis, which has no use for labels).
   */
  unknownLabels?: 'skip' | 'warn';
  /** Read every file in this format instead of detecting it. */
  format?: FormatName;
  /** For tests; default process.stdin. */
  stdin?: NodeJS.ReadableStream;
}
