/**
 * Check-worthiness data as JSON lines: `{"text", "label": "check-worthy" | "not-check-worthy"}`, plain or
 * gzipped (the layout of ClaimBuster's and CheckThat!'s files in ../shared/datasets). A record with a
 * `debate` string is a sentence of that transcript. A bad line is reported (file:line and what was
 * expected) and skipped; the rest are read.
 */
import type { Problems } from './io.js';
import { describeValue, readJsonLines } from './json-lines.js';

export interface WorthinessRecord {
  id: string | null;
  text: string;
  y: 0 | 1;
  /** The transcript the sentence belongs to, when the record names one. */
  debate: string | null;
  /** The record's line in its file (from 1). */
  line: number;
  /** For a line of a transcript: who speaks it (the record's `speaker`), if named. */
  speaker: string | null;
  /** For a line of a transcript: its place in the transcript (the record's `line`, else its order in the file). */
  position: number;
}

export interface WorthinessFile {
  file: string;
  sha256: string;
  records: WorthinessRecord[];
  skipped: number;
}

const LABELS: Record<string, 0 | 1> = { 'check-worthy': 1, 'not-check-worthy': 0 };

export function readWorthinessFile(file: string, problems: Problems): WorthinessFile {
  const records: WorthinessRecord[] = [];
  const layout = { full: '{"text": ..., "label": "check-worthy" | "not-check-worthy"}', short: '{"text": ..., "label": ...}' };
  const read = readJsonLines(file, problems, layout, ({ line, record: r, bad }) => {
    if (typeof r.text !== 'string' || r.text.trim() === '') {
      bad(`expected a non-empty string; got ${describeValue(r.text)}`, 'text');
      return;
    }
    const y = typeof r.label === 'string' ? LABELS[r.label] : undefined;
    if (y === undefined) {
      bad(`expected "check-worthy" or "not-check-worthy"; got ${describeValue(r.label)}`, 'label');
      return;
    }
    if (r.debate !== undefined && typeof r.debate !== 'string') {
      bad(`expected a transcript name (a string); got ${describeValue(r.debate)}`, 'debate');
      return;
    }
    if (r.speaker !== undefined && r.speaker !== null && typeof r.speaker !== 'string') {
      bad(`expected the speaker's name (a string); got ${describeValue(r.speaker)}`, 'speaker');
      return;
    }
    if (r.line !== undefined && !(typeof r.line === 'number' && Number.isFinite(r.line))) {
      bad(`expected the line's place in its transcript (a number); got ${describeValue(r.line)}`, 'line');
      return;
    }
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : null;
    records.push({
      id,
      text: r.text,
      y,
      debate: typeof r.debate === 'string' && r.debate !== '' ? r.debate : null,
      line,
      speaker: typeof r.speaker === 'string' && r.speaker.trim() !== '' ? r.speaker.trim() : null,
      position: typeof r.line === 'number' ? r.line : line,
    });
  });
  return { file, sha256: read.sha256, records, skipped: read.skipped };
}

/** The form two sentences share when they are the same sentence: lower case, single spaces. */
export function sentenceKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

