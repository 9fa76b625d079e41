/**
 * Clickbait data as JSON lines: `{"title", "label": "clickbait" | "not-clickbait"}`, plain or gzipped (the
 * layout of ../shared/datasets/clickbait). A bad line is reported (file:line, the field and what was
 * expected) and skipped; the rest are read.
 */
import type { Problems } from './io.js';
import { describeValue, readJsonLines } from './json-lines.js';

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
  const records: HeadlineRecord[] = [];
  const layout = { full: '{"title": ..., "label": "clickbait" | "not-clickbait"}', short: '{"title": ..., "label": ...}' };
  const read = readJsonLines(file, problems, layout, ({ line, record: r, bad }) => {
    if (typeof r.title !== 'string' || r.title.trim() === '') {
      bad(`expected a non-empty string; got ${describeValue(r.title)}`, 'title');
      return;
    }
    const y = typeof r.label === 'string' ? LABELS[r.label] : undefined;
    if (y === undefined) {
      bad(`expected "clickbait" or "not-clickbait"; got ${describeValue(r.label)}`, 'label');
      return;
    }
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : null;
    records.push({ id, title: r.title, y, line });
  });
  return { file, sha256: read.sha256, records, skipped: read.skipped };
}
