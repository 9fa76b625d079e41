/**
 * FNC-1 layout files: bodies (`Body ID,articleBody`) and stances (`Headline,Body ID[,Stance]`), plain or
 * gzipped. Bad rows are reported one line each (file, line, what was expected) and skipped; the rest go on.
 */
import { parse } from 'csv-parse/sync';
import { InputError, UsageError, type CredenceError } from '../article/errors.js';
import { readFileText } from '../text/file-text.js';
import { parseStance, STANCES, type Stance } from './stance-metrics.js';

export interface StancePair {
  headline: string;
  bodyId: string;
  /** Absent in an unlabelled stances file (no Stance column). */
  stance?: Stance;
  /** 1-based line of the row in the stances file. */
  line: number;
}

export interface Fnc1Data {
  /** Body id → article body. */
  bodies: Map<string, string>;
  pairs: StancePair[];
  /** Rows reported and skipped, per file. */
  skipped: { bodies: number; stances: number };
}

/** The text of a file, gunzipped when it starts with the gzip signature. */
export function readMaybeGzip(path: string): string {
  return readMaybeGzipFile(path).text;
}

/** A file's bytes as stored (for its hash) and its text, gunzipped when it starts with the gzip signature. */
export function readMaybeGzipFile(path: string): { bytes: Buffer; text: string } {
  const r = readFileText(path);
  if (r instanceof InputError) throw new UsageError(r.code, r.message, r.where);
  return r;
}

interface Row {
  cells: string[];
  line: number;
}

function readRows(path: string): { header: string[]; rows: Row[] } {
  const text = readMaybeGzip(path);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: false }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new UsageError('E_PARSE', `expected CSV (RFC 4180 quoting); got ${e.message ?? String(err)}`, { file: path, line: e.lines });
  }
  if (records.length === 0) throw new UsageError('E_EMPTY', 'expected a header row; got an empty file', { file: path });
  const header = records[0]!.record.map((h) => h.trim());
  const rows: Row[] = [];
  let prevEnd = records[0]!.info.lines;
  for (let i = 1; i < records.length; i++) {
    const r = records[i]!;
    rows.push({ cells: r.record, line: prevEnd + 1 });
    prevEnd = r.info.lines;
  }
  return { header, rows };
}

function column(header: string[], name: string, path: string, required: boolean): number {
  const i = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  if (i === -1 && required) {
    throw new UsageError('E_COLUMN', `expected a "${name}" column in the header; got ${header.map((h) => JSON.stringify(h)).join(', ')}`, { file: path, line: 1 });
  }
  return i;
}

export interface Fnc1Options {
  /** Refuse a stances file without a Stance column (training and evaluation need the gold stance). */
  requireStance?: boolean;
}

/** Read an FNC-1 bodies file and stances file; `report` hears every skipped row. */
export function readFnc1(bodiesPath: string, stancesPath: string, report: (e: CredenceError) => void = () => {}, opts: Fnc1Options = {}): Fnc1Data {
  const b = readRows(bodiesPath);
  const idCol = column(b.header, 'Body ID', bodiesPath, true);
  const textCol = column(b.header, 'articleBody', bodiesPath, true);
  const bodies = new Map<string, string>();
  const emptyBodies = new Set<string>();
  let skippedBodies = 0;
  for (const r of b.rows) {
    const where = { file: bodiesPath, line: r.line };
    const id = r.cells[idCol]?.trim();
    const body = r.cells[textCol];
    if (id === undefined || body === undefined) {
      report(new InputError('E_FIELD', `expected ${b.header.length} columns (Body ID, articleBody); got ${r.cells.length}`, where));
      skippedBodies++;
    } else if (id === '') {
      report(new InputError('E_FIELD', 'expected a body id; got an empty value', { ...where, field: 'Body ID' }));
      skippedBodies++;
    } else if (bodies.has(id) || emptyBodies.has(id)) {
      report(new InputError('E_FIELD', `expected each body id once; got body id ${JSON.stringify(id)} again (the first is kept)`, { ...where, field: 'Body ID' }));
      skippedBodies++;
    } else if (body.trim() === '') {
      report(new InputError('E_EMPTY', `expected the text of body ${JSON.stringify(id)}; got an empty value (its headlines are skipped)`, { ...where, field: 'articleBody' }));
      emptyBodies.add(id);
      skippedBodies++;
    } else bodies.set(id, body);
  }

  const s = readRows(stancesPath);
  const hCol = column(s.header, 'Headline', stancesPath, true);
  const bCol = column(s.header, 'Body ID', stancesPath, true);
  const sCol = column(s.header, 'Stance', stancesPath, opts.requireStance === true);
  const pairs: StancePair[] = [];
  let skippedStances = 0;
  for (const r of s.rows) {
    const where = { file: stancesPath, line: r.line };
    const skip = (e: InputError): void => {
      report(e);
      skippedStances++;
    };
    const headline = r.cells[hCol];
    const bodyId = r.cells[bCol]?.trim();
    const stanceText = sCol === -1 ? undefined : r.cells[sCol];
    if (headline === undefined || bodyId === undefined || (sCol !== -1 && stanceText === undefined)) {
      skip(new InputError('E_FIELD', `expected ${s.header.length} columns (${s.header.join(', ')}); got ${r.cells.length}`, where));
      continue;
    }
    if (headline.trim() === '') {
      skip(new InputError('E_EMPTY', 'expected a headline; got an empty value', { ...where, field: 'Headline' }));
      continue;
    }
    if (emptyBodies.has(bodyId)) {
      skip(new InputError('E_EMPTY', `body ${JSON.stringify(bodyId)} of ${bodiesPath} is empty`, { ...where, field: 'Body ID' }));
      continue;
    }
    if (!bodies.has(bodyId)) {
      skip(new InputError('E_FIELD', `expected a body id from ${bodiesPath}; got ${JSON.stringify(bodyId)}, which it does not have`, { ...where, field: 'Body ID' }));
      continue;
    }
    let stance: Stance | undefined;
    if (stanceText !== undefined) {
      stance = parseStance(stanceText);
      if (stance === undefined) {
        skip(new InputError('E_FIELD', `expected one of ${STANCES.join(', ')}; got ${JSON.stringify(stanceText)}`, { ...where, field: 'Stance' }));
        continue;
      }
    }
    pairs.push(stance === undefined ? { headline, bodyId, line: r.line } : { headline, bodyId, stance, line: r.line });
  }
  return { bodies, pairs, skipped: { bodies: skippedBodies, stances: skippedStances } };
}
