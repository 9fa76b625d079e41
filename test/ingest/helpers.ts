/** Shared by the ingest tests: fixture paths, a scratch folder, and reading a dataset into lists. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { Article } from '../../src/article/article.js';
import type { InputError } from '../../src/article/errors.js';
import { readDataset, type DatasetSpec, type ReadItem, type ReadOptions } from '../../src/ingest/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export interface Read {
  items: ReadItem[];
  articles: Article[];
  errors: InputError[];
  warnings: InputError[];
}

export async function read(spec: DatasetSpec | string, options?: ReadOptions): Promise<Read> {
  const items: ReadItem[] = [];
  for await (const item of readDataset(spec, options)) items.push(item);
  return {
    items,
    articles: items.flatMap((item) => (item.kind === 'article' ? [item.article] : [])),
    errors: items.flatMap((item) => (item.kind === 'error' ? [item.error] : [])),
    warnings: items.flatMap((item) => (item.kind === 'warning' ? [item.error] : [])),
  };
}

/** Reads `content` as if piped to stdin. */
export function readStdin(content: string | Buffer, options: ReadOptions = {}): Promise<Read> {
  return read('-', { ...options, stdin: Readable.from([Buffer.from(content)]) });
}

/** A fresh folder for files a test writes; removed after each test. */
export function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'credence-ingest-'));
  created.push(dir);
  return dir;
}

const created: string[] = [];
afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});
