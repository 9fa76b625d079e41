/** Which reader a file needs: by its name where the name is clear, by its first bytes where not. */
import { extname } from 'node:path';
import { DEFAULT_COLUMNS } from './columns.js';
import { looksLikeRecord } from './formats/record.js';
import { stripBom } from './source/utf8.js';
import type { FormatName } from './types.js';

/** Plain text or the record format: only the content tells them apart. */
type ByName = FormatName | 'text-or-record';

const BY_EXTENSION: Readonly<Record<string, ByName>> = {
  '.txt': 'text-or-record',
  '.md': 'text-or-record',
  '.markdown': 'text-or-record',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.tsv': 'tsv',
};

/** ".jsonl" for "a/b.JSONL.gz": gzip is told by content, so a ".gz" suffix only hides the real extension. */
export function extensionOf(name: string): string {
  const lower = name.toLowerCase();
  return extname(lower.endsWith('.gz') ? lower.slice(0, -3) : lower);
}

/** The files a directory walk picks up. */
export function isArticleFileName(name: string): boolean {
  return extensionOf(name) in BY_EXTENSION;
}

export function detectFormat(name: string, head: Buffer, isLabel: (code: string) => boolean): FormatName {
  const byName = BY_EXTENSION[extensionOf(name)];
  const text = stripBom(head.toString('utf8'));
  if (byName === 'text-or-record') return looksLikeRecord(text, isLabel) ? 'record' : 'text';
  return byName ?? sniffFormat(text, isLabel);
}

/** For stdin and unknown names: JSON, HTML, a CSV or TSV table with a header, the record format, else plain text. */
export function sniffFormat(text: string, isLabel: (code: string) => boolean): FormatName {
  const start = text.trimStart();
  if (start.startsWith('{')) return isPrettyJson(start) ? 'json' : 'jsonl';
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('<')) return 'html';
  const table = tableHeader(start);
  if (table !== undefined) return table;
  return looksLikeRecord(text, isLabel) ? 'record' : 'text';
}

/**
 * A first line that is a table header naming an article-text column ("id,title,text,label"): prose
 * never has one, so a piped table is read as rows, not as one article.
 */
function tableHeader(start: string): 'csv' | 'tsv' | undefined {
  const [first = '', second = ''] = start.split('\n', 2).map((line) => line.replace(/\r$/, ''));
  for (const [format, separator] of [['tsv', '\t'], ['csv', ',']] as const) {
    const cells = first.split(separator).map((c) => c.trim().replace(/^"(.*)"$/, '$1').toLowerCase());
    const names = cells.length >= 2 && cells.every((c) => /^[\w.-]{1,40}$/.test(c)) && cells.some((c) => BODY_NAMES.has(c));
    // A title such as "Text, lies" is followed by a blank line; a header by a row at least as wide.
    if (names && second.trim() !== '' && second.split(separator).length >= cells.length) return format;
  }
  return undefined;
}

const BODY_NAMES = new Set(DEFAULT_COLUMNS.body.map((c) => c.toLowerCase()));

/** A document whose first line is a lone "{" is one pretty-printed object, not JSON Lines. */
function isPrettyJson(start: string): boolean {
  const newline = start.indexOf('\n');
  return (newline === -1 ? start : start.slice(0, newline)).trim() === '{';
}
