/**
 * Rows of a CSV/TSV stream that survive broken ones.
 *
 * We cut the text into records ourselves and let csv-parse parse each record's fields. A record
 * ends at a newline outside quotes, which counting quotes tells (RFC 4180 escapes a quote by
 * doubling it, so the count's parity is exact). Left to itself, csv-parse cannot recover from an
 * unclosed quote: with skip_records_with_error it resumes mid-line, the rows the open quote
 * swallowed are lost, and relax_quotes silently merges them into one row (see
 * test/ingest/table.test.ts). Here a record that fails to parse, or whose quote never closes, is
 * reported at its first line and reading resumes at its second line, so one bad row costs one row.
 */
import { parse } from 'csv-parse/sync';
import type { TextLine } from '../source/lines.js';

export interface Dialect {
  delimiter: ',' | '\t';
  /** RFC 4180 quoting; off for data that is never quoted but has stray quotes (LIAR). */
  quoting: boolean;
}

export type TableRow =
  | { kind: 'row'; line: number; fields: string[] }
  /** Could not be parsed; reading resumed on the next line. */
  | { kind: 'broken'; line: number; reason: string }
  | { kind: 'too-long'; line: number; bytes: number }
  | { kind: 'invalid-utf8'; line: number };

type Line = Extract<TextLine, { kind: 'text' }>;
type Group = Line[];

// Records are parsed many at a time; only a batch with a bad record is parsed record by record.
const BATCH_RECORDS = 256;
const BATCH_CHARS = 256 * 1024;

export async function* tableRows(lines: AsyncIterable<TextLine>, dialect: Dialect, maxRecordChars: number): AsyncGenerator<TableRow> {
  const input = lines[Symbol.asyncIterator]();
  // Lines to read again before new input; `replayAt` instead of shift() keeps a long replay linear.
  let replay: TextLine[] = [];
  let replayAt = 0;
  let group: Group = [];
  let groupChars = 0;
  let inQuotes = false;
  let batch: Group[] = [];
  let batchChars = 0;

  const nextLine = async (): Promise<TextLine | undefined> => {
    if (replayAt < replay.length) return replay[replayAt++];
    const next = await input.next();
    return next.done === true ? undefined : next.value;
  };

  // The group's first line is broken; its other lines are read again as fresh records.
  const breakGroup = (reason: string, before: TextLine[] = []): TableRow => {
    const [first, ...others] = group;
    replay = [...others, ...before, ...replay.slice(replayAt)];
    replayAt = 0;
    group = [];
    groupChars = 0;
    inQuotes = false;
    return { kind: 'broken', line: first!.number, reason };
  };

  function* flushBatch(): Generator<TableRow> {
    const groups = batch;
    batch = [];
    batchChars = 0;
    const all = parseFields(groups.map(joinGroup).join('\n'), dialect);
    if (Array.isArray(all) && all.length === groups.length) {
      for (const [i, fields] of all.entries()) yield { kind: 'row', line: groups[i]![0]!.number, fields };
      return;
    }
    for (const [i, one] of groups.entries()) {
      const fields = parseFields(joinGroup(one), dialect);
      if (Array.isArray(fields) && fields.length === 1) {
        yield { kind: 'row', line: one[0]!.number, fields: fields[0]! };
        continue;
      }
      const reason = Array.isArray(fields) ? 'the record does not parse as one row' : fields;
      if (one.length === 1) {
        yield { kind: 'broken', line: one[0]!.number, reason };
        continue;
      }
      group = one;
      yield breakGroup(reason, groups.slice(i + 1).flat());
      return;
    }
  }

  for (;;) {
    const line = await nextLine();
    if (line === undefined) {
      yield* flushBatch();
      if (group.length === 0) return;
      yield breakGroup('a quoted field is never closed');
      continue;
    }
    if (line.kind !== 'text') {
      yield* flushBatch();
      if (group.length > 0) {
        const first = group[0]!;
        group = [];
        groupChars = 0;
        inQuotes = false;
        yield { kind: 'broken', line: first.number, reason: `a quoted field runs into line ${line.number}, which cannot be read` };
      }
      yield line.kind === 'too-long' ? { kind: 'too-long', line: line.number, bytes: line.bytes } : { kind: 'invalid-utf8', line: line.number };
      continue;
    }
    if (group.length === 0 && line.text.trim() === '') continue;
    group.push(line);
    groupChars += line.text.length + 1;
    if (dialect.quoting && hasOddQuotes(line.text)) inQuotes = !inQuotes;
    if (inQuotes) {
      if (groupChars > maxRecordChars) {
        yield* flushBatch();
        yield breakGroup(`a quoted field runs on for more than ${maxRecordChars.toLocaleString('en-US')} characters without closing`);
      }
      continue;
    }
    batch.push(group);
    batchChars += groupChars;
    group = [];
    groupChars = 0;
    if (batch.length >= BATCH_RECORDS || batchChars >= BATCH_CHARS) yield* flushBatch();
  }
}

function joinGroup(group: Group): string {
  return group.map((line) => line.text).join('\n');
}

function hasOddQuotes(text: string): boolean {
  let odd = false;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) odd = !odd;
  return odd;
}

/** The records csv-parse finds in `text`, or why it could not parse them. */
function parseFields(text: string, dialect: Dialect): string[][] | string {
  try {
    return parse(text, {
      delimiter: dialect.delimiter,
      quote: dialect.quoting ? '"' : false,
      record_delimiter: '\n',
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    return describeCsvError(err);
  }
}

function describeCsvError(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by more text instead of a delimiter';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field';
    default:
      if (err instanceof Error) return err.message;
      throw err;
  }
}
