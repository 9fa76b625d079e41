/** The data-reading flags every command shares, and their translation into ingest's ReadOptions. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { parseLabel, type Label } from '../article/article.js';
import { UsageError } from '../article/errors.js';
import { FORMATS, type ColumnMap, type FormatName, type ReadOptions } from '../ingest/index.js';

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function dataOptions(cmd: Command): Command {
  return cmd
    .option('--id-col <name>', 'column or key holding the article id')
    .option('--title-col <name>', 'column or key holding the title')
    .option('--body-col <name>', 'column or key holding the body text')
    .option('--label-col <name>', 'column or key holding the gold label')
    .option('--label-map <code=label,...>', 'map dataset codes to reliable/unreliable, e.g. FAKE=unreliable,REAL=reliable')
    .addOption(new Option('--input-format <format>', 'read every input in this format instead of detecting it').choices(FORMATS))
    .option('--max-bytes <n>', 'largest article to read, in bytes', String(8 * 1024 * 1024));
}

export interface DataFlags {
  idCol?: string;
  titleCol?: string;
  bodyCol?: string;
  labelCol?: string;
  labelMap?: string;
  inputFormat?: FormatName;
  maxBytes?: string;
}

export function readOptions(flags: DataFlags): ReadOptions {
  const columns: Partial<ColumnMap> = {};
  if (flags.idCol !== undefined) columns.id = flags.idCol;
  if (flags.titleCol !== undefined) columns.title = flags.titleCol;
  if (flags.bodyCol !== undefined) columns.body = flags.bodyCol;
  if (flags.labelCol !== undefined) columns.label = flags.labelCol;
  const opts: ReadOptions = { columns };
  if (flags.labelMap !== undefined) opts.labelMap = parseLabelMap(flags.labelMap);
  if (flags.inputFormat !== undefined) opts.format = flags.inputFormat;
  if (flags.maxBytes !== undefined) {
    const n = Number(flags.maxBytes);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError('E_USAGE', `--max-bytes: expected a positive whole number of bytes, got "${flags.maxBytes}"`);
    opts.maxArticleBytes = n;
  }
  return opts;
}

function parseLabelMap(text: string): Record<string, Label> {
  const map: Record<string, Label> = {};
  for (const pair of text.split(',')) {
    const eq = pair.lastIndexOf('=');
    const label = eq < 0 ? undefined : parseLabel(pair.slice(eq + 1));
    if (eq <= 0 || label === undefined) {
      throw new UsageError('E_USAGE', `--label-map: expected CODE=reliable or CODE=unreliable, got "${pair}"`);
    }
    map[pair.slice(0, eq).trim()] = label;
  }
  return map;
}
