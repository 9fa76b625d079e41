/** CSV and TSV files: a header row (or a preset's fixed column names), one article per row. */
import { basename } from 'node:path';
import { UsageError } from '../../article/errors.js';
import { assemble, type Draft, type Found, type KnownLabel } from '../assemble.js';
import { DEFAULT_COLUMNS, NameIndex, requireOverrides, resolveFields } from '../columns.js';
import type { LabelMap } from '../labels.js';
import type { ColumnCandidates, TablePreset } from '../presets.js';
import { formatBytes, inputTooLarge, invalidUtf8, parseProblem } from '../problems.js';
import { assembleRules, rawLimit, type FileContext, type Settings } from '../settings.js';
import { textLines } from '../source/lines.js';
import type { Source } from '../source/open.js';
import type { Field, ReadItem } from '../types.js';
import type { Dialect } from './table-rows.js';

export interface TableLayout {
  dialect: Dialect;
  /** A header row (which a preset may require columns of), or fixed names for a headerless file. */
  header: TablePreset['header'];
  candidates: ColumnCandidates;
  /** A label stated once for the whole file (ISOT's file names); else the label column, if any. */
  fileLabel?: KnownLabel;
  titleless: boolean;
  /** The preset's name, for messages about files that do not fit it. */
  preset?: string;
}

export function tableLayout(settings: Settings, format: 'csv' | 'tsv', file: string): TableLayout {
  const preset = settings.preset?.kind === 'table' ? settings.preset : undefined;
  if (preset === undefined) {
    return {
      dialect: { delimiter: format === 'tsv' ? '\t' : ',', quoting: true },
      header: { kind: 'row', required: [] },
      candidates: DEFAULT_COLUMNS,
      titleless: false,
    };
  }
  const layout: TableLayout = {
    dialect: preset.dialect,
    header: preset.header,
    candidates: preset.columns,
    titleless: preset.titleless,
    preset: preset.name,
  };
  if (preset.labelFrom === 'file-name') layout.fileLabel = labelFromFileName(file, settings.labels, preset.name);
  return layout;
}

/** ISOT tells the label by file name only: Fake.csv, True.csv (or names with those words in them). */
function labelFromFileName(file: string, labels: LabelMap, preset: string): KnownLabel {
  const words = basename(file).split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const found = words.flatMap((word) => {
    const label = labels.lookup(word);
    return label === undefined ? [] : [{ kind: 'known' as const, label, sourceLabel: word }];
  });
  if (found.length > 0 && found.every((f) => f.label === found[0]!.label)) return found[0]!;
  throw new UsageError(
    'E_PRESET',
    `${preset}: cannot tell the label from the file name ${JSON.stringify(basename(file))}: expected one of ` +
      `${labels.codes.join(', ')} in it (as in Fake.csv, True.csv); for other names pass a label map such as ` +
      `--label-map ${words[0] ?? 'name'}=reliable`,
  );
}

interface Plan {
  names: readonly string[];
  /** Column index of the text, which every table must have… */
  body: number;
  /** …and of each other field the table has. */
  at: Partial<Record<Exclude<Field, 'body'>, number>>;
}

export async function* readTable(source: Source, context: FileContext, layout: TableLayout): AsyncGenerator<ReadItem> {
  const max = context.settings.maxArticleBytes;
  const limit = rawLimit(max, 'text');
  const rules = assembleRules(context);
  let plan = layout.header.kind === 'fixed' ? planColumns(layout.header.names, layout, context) : undefined;
  let record = 0;

  // The CSV parser loads with the first table read, not with every command (start-up time).
  const { tableRows } = await import('./table-rows.js');
  for await (const row of tableRows(textLines(source.chunks, limit), layout.dialect, limit)) {
    const where = { file: context.file, line: row.line };
    if (plan === undefined && row.kind !== 'row') {
      yield { kind: 'error', error: parseProblem(where, 'a header row', 'a row that cannot be read; nothing in this file is read') };
      return;
    }
    if (row.kind === 'too-long') {
      yield { kind: 'error', error: inputTooLarge(where, max, `a line of ${formatBytes(row.bytes)}`) };
    } else if (row.kind === 'invalid-utf8') {
      yield { kind: 'error', error: invalidUtf8(where) };
    } else if (row.kind === 'broken') {
      const expected = `a ${layout.dialect.delimiter === ',' ? 'CSV' : 'TSV'} record`;
      yield { kind: 'error', error: parseProblem(where, expected, `a broken one: ${row.reason} (reading resumes on the next line)`) };
    } else if (plan === undefined) {
      plan = planColumns(row.fields, layout, context);
    } else {
      record++;
      if (row.fields.length !== plan.names.length) {
        yield { kind: 'error', error: parseProblem({ ...where, record }, ...fieldCounts(plan, layout, row.fields.length)) };
        continue;
      }
      yield* assemble(draftFromRow(row.fields, plan, layout, { ...where, record }), rules);
    }
  }
  if (plan === undefined) yield { kind: 'error', error: parseProblem({ file: context.file }, 'a header row', 'an empty file') };
}

/** What a row with the wrong number of fields was expected to have, and had. */
function fieldCounts(plan: Plan, layout: TableLayout, got: number): [string, string] {
  return layout.header.kind === 'fixed'
    ? [`${plan.names.length} columns (the ${layout.preset ?? 'preset'} layout)`, `${got} columns`]
    : [`${plan.names.length} fields, as in the header`, `${got} fields`];
}

function planColumns(header: readonly string[], layout: TableLayout, context: FileContext): Plan {
  const names = header.map((name) => name.trim());
  const available = new NameIndex(names);
  if (layout.header.kind === 'row') {
    const missing = layout.header.required.filter((name) => available.find(name) === undefined);
    if (missing.length > 0) {
      throw new UsageError(
        'E_PRESET',
        `${layout.preset}: ${context.file} does not fit the preset: missing ${missing.map((name) => JSON.stringify(name)).join(', ')}; ` +
          `the columns are ${names.map((name) => JSON.stringify(name)).join(', ')}`,
      );
    }
  }
  requireOverrides(available, context.settings.columns, context.file);
  const { body, ...others } = resolveFields(available, layout.candidates, context.settings.columns);
  if (body === undefined) {
    throw new UsageError(
      'E_COLUMN',
      `${context.file}: expected a column with the article text (${DEFAULT_COLUMNS.body.join(', ')}); ` +
        `got ${names.map((name) => JSON.stringify(name)).join(', ')}; name it with --body-col (columns.body in a config or in code)`,
    );
  }
  const at: Plan['at'] = {};
  for (const [field, name] of Object.entries(others) as [keyof Plan['at'], string][]) at[field] = names.indexOf(name);
  return { names, body: names.indexOf(body), at };
}

function draftFromRow(fields: readonly string[], plan: Plan, layout: TableLayout, origin: Draft['origin']): Draft {
  const column = (index: number): Found => ({ value: fields[index]!, field: plan.names[index]! });
  const found = (field: keyof Plan['at']): Found | undefined => {
    const index = plan.at[field];
    return index === undefined ? undefined : column(index);
  };
  const label = found('label');
  const draft: Draft = {
    origin,
    body: column(plan.body),
    label: layout.fileLabel ?? (label === undefined ? { kind: 'none' } : { kind: 'code', ...label }),
    meta: {},
  };
  const title = found('title');
  if (title !== undefined && !layout.titleless) draft.title = title;
  for (const field of ['id', 'url', 'author', 'published', 'site'] as const) {
    const value = found(field)?.value;
    if (value !== undefined) draft[field] = value;
  }
  const mapped = new Set([plan.body, ...Object.values(plan.at)]);
  draft.meta = Object.fromEntries(
    plan.names.flatMap((name, index) => (mapped.has(index) ? [] : [[name === '' ? `column ${index + 1}` : name, fields[index]]])),
  );
  return draft;
}
