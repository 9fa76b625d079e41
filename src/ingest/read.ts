/**
 * readDataset: from a spec to a stream of articles and problems. Files are read one at a time,
 * each by the reader its format needs; a bad file is an error item and the run goes on.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../article/errors.js';
import { detectFormat, extensionOf, isArticleFileName, sniffFormat } from './detect.js';
import { NEWS_CONTENT_FILE, readFakeNewsNet } from './formats/fakenewsnet.js';
import { objectLayout } from './formats/json-object.js';
import { readJson } from './formats/json.js';
import { readJsonl } from './formats/jsonl.js';
import { readHtml } from './formats/html.js';
import { readPlainText } from './formats/plain-text.js';
import { readRecord } from './formats/record.js';
import { readTable, tableLayout } from './formats/table.js';
import { isLabelCode } from './labels.js';
import { getPreset, type Preset } from './presets.js';
import { resolveSettings, type FileContext, type Settings } from './settings.js';
import { fsProblem } from './source/fs-errors.js';
import { openFile, openStream, type Source } from './source/open.js';
import { parseSpec } from './spec.js';
import type { DatasetSpec, FormatName, ReadItem, ReadOptions } from './types.js';
import { walkFiles } from './walk.js';

const STDIN = '<stdin>';

/**
 * Every article in a file, a directory (walked recursively) or stdin ('-'), streamed. Usage
 * problems (unknown preset, a column that is not there, a bad label map) throw a UsageError; a bad
 * file or record is an error item, and reading goes on.
 */
export async function* readDataset(spec: DatasetSpec | string, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const { preset: presetName, path } = typeof spec === 'string' ? parseSpec(spec) : spec;
  const settings = resolveSettings(options, presetName === undefined ? undefined : getPreset(presetName));

  if (path === '-') {
    yield* readSource(await openStream(settings.stdin ?? process.stdin, STDIN), { file: STDIN, idPrefix: 'stdin', settings });
    return;
  }
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (err) {
    const problem = fsProblem(err, path);
    if (problem === undefined) throw err;
    yield { kind: 'error', error: problem };
    return;
  }
  if (!isDirectory) {
    yield* readFile(path, settings);
    return;
  }
  for await (const entry of walkFiles(path, filesFor(settings))) {
    if (entry.kind === 'error') yield { kind: 'error', error: entry.error };
    else yield* readFile(entry.path, settings);
  }
}

async function* readFile(path: string, settings: Settings): AsyncGenerator<ReadItem> {
  yield* readSource(await openFile(path), { file: path, idPrefix: basename(path), settings });
}

/** One input, start to end; its InputErrors, thrown at any depth, become error items. */
async function* readSource(source: Source | InputError, context: FileContext): AsyncGenerator<ReadItem> {
  if (source instanceof InputError) {
    yield { kind: 'error', error: source };
    return;
  }
  try {
    yield* readerFor(source, context);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    yield { kind: 'error', error: err };
  } finally {
    await source.close();
  }
}

function readerFor(source: Source, context: FileContext): AsyncGenerator<ReadItem> {
  const { settings } = context;
  const preset = settings.preset;
  if (preset?.kind === 'fakenewsnet') return readFakeNewsNet(source, context);
  const isLabel = isLabelCode(settings.labels);
  const format = settings.format ?? presetFormat(preset, source, isLabel) ?? detectFormat(context.file, source.head, isLabel);
  const columns = preset?.kind === 'table' ? preset.columns : undefined;
  switch (format) {
    case 'record':
      return readRecord(source, context);
    case 'text':
      return readPlainText(source, context);
    case 'jsonl':
      return readJsonl(source, context, objectLayout(settings, columns));
    case 'json':
      return readJson(source, context, objectLayout(settings, columns));
    case 'csv':
    case 'tsv':
      return readTable(source, context, tableLayout(settings, format, context.file));
    case 'html':
      return readHtml(source, context);
  }
}

/**
 * A preset names the format, except that a table preset also reads the same data as JSON Lines
 * (the shared LIAR set is JSONL with the TSV's column names).
 */
function presetFormat(preset: Preset | undefined, source: Source, isLabel: (code: string) => boolean): FormatName | undefined {
  if (preset === undefined) return undefined;
  const sniffed = sniffFormat(source.head.toString('utf8'), isLabel);
  const json = sniffed === 'jsonl' || sniffed === 'json' ? sniffed : undefined;
  if (preset.kind === 'jsonl') return json ?? 'jsonl';
  if (preset.kind === 'table') return json ?? (preset.dialect.delimiter === '\t' ? 'tsv' : 'csv');
  return undefined;
}

/** Which files of a directory to read: the preset's kind of file, else every article format. */
function filesFor(settings: Settings): (name: string) => boolean {
  const preset = settings.preset;
  if (settings.format !== undefined || preset === undefined) return isArticleFileName;
  switch (preset.kind) {
    case 'fakenewsnet':
      return (name) => name === NEWS_CONTENT_FILE;
    case 'jsonl':
      return (name) => ['.jsonl', '.ndjson', '.json'].includes(extensionOf(name));
    case 'table':
      return (name) => extensionOf(name) === (preset.dialect.delimiter === '\t' ? '.tsv' : '.csv');
  }
}
