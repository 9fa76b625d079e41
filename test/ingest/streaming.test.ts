import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ingest/index.js';
import { scratch } from './helpers.js';

const LINES = 200_000;

function jsonLine(i: number): string {
  return `${JSON.stringify({ id: `s-${i}`, title: `Generated article ${i}`, text: `Paragraph ${i}. `.repeat(30), label: i % 2 === 0 ? 'reliable' : 'unreliable' })}\n`;
}

describe('streaming', () => {
  it('yields the first article long before the input is all read', async () => {
    let produced = 0;
    const stdin = Readable.from(
      (function* () {
        for (let i = 0; i < LINES; i += 100) {
          produced += 100;
          yield Array.from({ length: 100 }, (_, j) => jsonLine(i + j)).join('');
        }
      })(),
    );
    const items = readDataset('-', { stdin });
    const first = await items.next();
    expect(first.value).toMatchObject({ kind: 'article', article: { id: 's-0' } });
    expect(produced).toBeLessThan(LINES / 20);
    await items.return(undefined);
  });

  it('reads a 200k-line file with the heap far below the file size', async () => {
    const file = join(scratch(), 'big.jsonl');
    const out = createWriteStream(file);
    for (let i = 0; i < LINES; i++) if (!out.write(jsonLine(i))) await once(out, 'drain');
    out.end();
    await finished(out);
    const size = statSync(file).size;

    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    for await (const item of readDataset(file)) {
      if (item.kind !== 'article') throw new Error(`unexpected ${item.kind}`);
      if (++count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(LINES);
    expect(size).toBeGreaterThan(100 * 1024 * 1024);
    expect(peak).toBeLessThan(size / 4);
  });
});
