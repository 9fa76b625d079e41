/** `credence ner-train` refuses what would fail after training, before it trains. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credence, expectNoStack, tempFolder } from './helpers.js';

let dir: string;
let remove: () => void;
beforeAll(() => {
  ({ dir, remove } = tempFolder());
  writeFileSync(join(dir, 'gold.jsonl'), '{"tokens": ["Ana", "Lind", "said"], "tags": ["B-PER", "I-PER", "O"]}\n');
  writeFileSync(join(dir, 'news.csv'), 'id,articleBody\n1,"Ana Lind said the port is open\n');
});
afterAll(() => remove());

describe('ner-train', () => {
  it('checks the output folder, the held-out path and the evaluation files first', () => {
    const cases: [string[], string][] = [
      [['--out', 'nowhere/x.cdm'], 'credence: error: --out nowhere/x.cdm: no such folder "nowhere"'],
      [['--out', 'x.cdm', '--heldout-out', 'nowhere/h.jsonl'], 'credence: error: --heldout-out nowhere/h.jsonl: no such folder "nowhere"'],
      [['--out', 'x.cdm', '--eval', 'missing.jsonl'], 'credence: error: missing.jsonl: no such file'],
    ];
    for (const [args, line] of cases) {
      const run = credence(['ner-train', '--data', 'gold.jsonl', '--news', 'news.csv', ...args], dir);
      expect(run.code).toBe(1);
      expect(run.errLines).toEqual([line]);
      expectNoStack(run);
    }
    // A bad weight is refused before any file is read (the news file named here does not exist).
    const weight = credence(['ner-train', '--data', 'gold.jsonl@abc', '--news', 'no-such-news.csv', '--out', 'x.cdm'], dir);
    expect(weight.code).toBe(1);
    expect(weight.errLines).toEqual(['credence: error: --data gold.jsonl@abc: the weight after @ must be a positive number']);
  });

  it('reports a news CSV it cannot read, with the file', () => {
    const run = credence(['ner-train', '--data', 'gold.jsonl', '--news', 'news.csv', '--out', 'x.cdm'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines.at(-1)).toMatch(/^credence: error: news\.csv: cannot read it as CSV: Quote Not Closed/);
    expectNoStack(run);
  });
});
