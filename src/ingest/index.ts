/**
 * Ingest: every reader that turns a file into Articles.
 *
 *   for await (const item of readDataset('isot:data/True.csv')) …
 *
 * Items are articles, errors (a bad file or record: report it, skip it) and warnings (report it;
 * the article follows). Usage problems throw a UsageError before anything is read.
 */
export { readDataset } from './read.js';
export { parseSpec } from './spec.js';
export { PRESETS, type PresetName } from './presets.js';
export { FIELDS, FORMATS, type ColumnMap, type DatasetSpec, type Field, type FormatName, type ReadItem, type ReadOptions } from './types.js';
export { DEFAULT_MAX_ARTICLE_BYTES } from './settings.js';
