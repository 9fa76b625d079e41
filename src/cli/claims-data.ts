/**
 * Check-worthiness data as JSON lines: `{"text", "label": "check-worthy" | "not-check-worthy"}`, plain or
 * gzipped (the layout of ClaimBuster's and CheckThat!'s files in ../shared/datasets). A record with a
 * `debate` string is a sentence of that transcript. A bad line is reported (file:line and what was
 * expected) and skipped; the rest are read.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../article/errors.js';
import { readMaybeGzip } from '../evaluate/fnc1.js';
import type { Problems } from './io.js';

export interface WorthinessRecord {
  id: string | null;
  text: string;
  y: 0 | 1;
  /** The transcript the sentence belongs to, when the record names one. */
  debate: string | null;
  /** The record's line in its file (from 1). */
  line: number;
}

export interface WorthinessFile {
  file: string;
  sha256: string;
  records: WorthinessRecord[];
  skipped: number;
}

const LABELS: Record<string, 0 | 1> = { 'check-worthy': 1, 'not-check-worthy': 0 };

export function readWorthinessFile(file: string, problems: Problems): WorthinessFile {
  const text = readMaybeGzip(file);
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  const records: WorthinessRecord[] = [];
  let skipped = 0;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
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
      return bad('expected a JSON object {"text": ..., "label": "check-worthy" | "not-check-worthy"}; got a line that is not JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return bad(`expected a JSON object {"text": ..., "label": ...}; got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
    }
    const r = value as Record<string, unknown>;
    if (typeof r.text !== 'string' || r.text.trim() === '') return bad(`expected a non-empty string; got ${describe(r.text)}`, 'text');
    const y = typeof r.label === 'string' ? LABELS[r.label] : undefined;
    if (y === undefined) return bad(`expected "check-worthy" or "not-check-worthy"; got ${describe(r.label)}`, 'label');
    if (r.debate !== undefined && typeof r.debate !== 'string') return bad(`expected a transcript name (a string); got ${describe(r.debate)}`, 'debate');
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : null;
    records.push({ id, text: r.text, y, debate: typeof r.debate === 'string' && r.debate !== '' ? r.debate : null, line });
  });
  return { file, sha256, records, skipped };
}

/** The form two sentences share when they are the same sentence: lower case, single spaces. */
export function sentenceKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}
