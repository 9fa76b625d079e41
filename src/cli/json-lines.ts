/**
 * The labelled files the evaluation and training commands read: JSON lines, one object each, plain or
 * gzipped. Every line that is not a JSON object is reported (file:line, what was expected) and skipped;
 * `each` gets the others in order, checks their fields and reports a bad one through `bad` the same way,
 * so the reports come in line order.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../article/errors.js';
import { readMaybeGzipFile } from '../evaluate/fnc1.js';
import type { Problems } from './io.js';

export interface JsonLine {
  /** 1-based line in the file. */
  line: number;
  record: Record<string, unknown>;
  /** Reports this line as bad (with the field, when one is to blame) and counts it skipped. */
  bad(message: string, field?: string): void;
}

export interface JsonLines {
  sha256: string;
  /** Lines reported and skipped, here or through `bad`. */
  readonly skipped: number;
}

/**
 * @param layout how the expected object is written in messages, in full and short: `{"text": ..., "label": "check-worthy" | "not-check-worthy"}`
 *   and `{"text": ..., "label": ...}`.
 */
export function readJsonLines(file: string, problems: Problems, layout: { full: string; short: string }, each: (l: JsonLine) => void): JsonLines {
  const { bytes, text } = readMaybeGzipFile(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let skipped = 0;
  const badAt =
    (line: number) =>
    (message: string, field?: string): void => {
      skipped++;
      problems.error(new InputError('E_PARSE', message, { file, line, ...(field !== undefined ? { field } : {}) }));
    };
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const bad = badAt(i + 1);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return bad(`expected a JSON object ${layout.full}; got a line that is not JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(`expected a JSON object ${layout.short}; got ${describeValue(value)}`);
    each({ line: i + 1, record: value as Record<string, unknown>, bad });
  });
  return {
    sha256,
    get skipped() {
      return skipped;
    },
  };
}

/** A value as an error message names it: "nothing", "null", "an array", "an object", or the JSON. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}
