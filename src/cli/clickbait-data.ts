/**
 * Clickbait data as JSON lines: `{"title", "label": "clickbait" | "not-clickbait"}`, plain or gzipped (the
 * layout of ../shared/datasets/clickbait). A bad line is reported (file:line, the field and what was
 * expected) and skipped; the rest are read.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../article/errors.js';
import { readMaybeGzip } from '../evaluate/fnc1.js';
import type { Problems } from './io.js';

export interface HeadlineRecord {
  id: string | null;
  title: string;
  y: 0 | 1;
  /** The record's line in its file (from 1). */
  line: number;
}

export interface HeadlineFile {
  file: string;
  sha256: string;
  records: HeadlineRecord[];
  skipped: number;
}

const LABELS: Record<string, 0 | 1> = { clickbait: 1, 'not-clickbait': 0 };

export function readHeadlineFile(file: string, problems: Problems): HeadlineFile {
  const text = readMaybeGzip(file);
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  const records: HeadlineRecord[] = [];
  let skipped = 0;
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const bad = (message: string, field?: string): void => {
      skipped++;
      problems.error(new InputError('E_PARSE', message, { file, line, ...(field !== undefined ? { field } : {}) }));
    };
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return bad('expected a JSON object {"title": ..., "label": "clickbait" | "not-clickbait"}; got a line that is not JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return bad(`expected a JSON object {"title": ..., "label": ...}; got ${describe(value)}`);
    }
    const r = value as Record<string, unknown>;
    if (typeof r.title !== 'string' || r.title.trim() === '') return bad(`expected a non-empty string; got ${describe(r.title)}`, 'title');
    const y = typeof r.label === 'string' ? LABELS[r.label] : undefined;
    if (y === undefined) return bad(`expected "clickbait" or "not-clickbait"; got ${describe(r.label)}`, 'label');
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : null;
    records.push({ id, title: r.title, y, line });
  });
  return { file, sha256, records, skipped };
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}
