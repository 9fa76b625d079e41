/** `credence eval-matrix` end to end on two small invented sets written in different styles of data file. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../helpers/synthetic.js';
import { credence, tempFolder, TINY, writeJsonl } from './helpers.js';

interface Cell {
  train: string;
  test: string;
  n: number;
  rocAuc: number | null;
  balancedAccuracy: number;
  rocAucSd?: number | null;
}
interface MatrixJson {
  sets: string[];
  single: Cell[];
  leaveOneOut: Cell[];
}

let dir: string;
let remove: () => void;

beforeAll(() => {
  ({ dir, remove } = tempFolder());
  writeJsonl(join(dir, 'a.jsonl'), 40, 401);
  // The second set as CSV, with the label codes of the Kaggle layout (1 = unreliable).
  const b = syntheticCorpus(30, 402);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(
    join(dir, 'b.csv'),
    'id,title,author,text,label\n' + b.map((x) => [x.id, quote(x.title), '', quote(x.body), x.label === 'unreliable' ? 1 : 0].join(',')).join('\n') + '\n',
  );
});
afterAll(() => remove());

describe('eval-matrix', () => {
  it('prints the matrix of ROC-AUC and balanced accuracy for every pair of sets', () => {
    const run = credence(['eval-matrix', '--data', 'a.jsonl', '--data', 'kaggle-fake-news:b.csv', '--folds', '2', ...TINY], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual(['datasets:', '  [1] a.jsonl', '  [2] kaggle-fake-news:b.csv']);
    for (const title of ['ROC-AUC', 'balanced accuracy']) {
      const at = lines.findIndex((l) => l.startsWith(`${title} (rows: trained on, columns: tested on`));
      expect(at, title).toBeGreaterThan(0);
      expect(lines[at + 1]!.trim().split(/\s+/)).toEqual(['train', '\\', 'test', '[1]', '[2]']);
      for (const [k, label] of ['[1]', '[2]', 'all but col'].entries()) {
        const row = lines[at + 2 + k]!;
        expect(row.trim().startsWith(label)).toBe(true);
        const cells = row.trim().slice(label.length).trim().split(/\s+/);
        expect(cells).toHaveLength(2);
        for (const c of cells) {
          expect(c).toMatch(/^\d\.\d{3}$/);
          expect(Number(c)).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('--json gives every cell: in-domain folds on the diagonal, each set tested by a model that never saw it', () => {
    const run = credence(['eval-matrix', '--data', 'a.jsonl', '--data', 'kaggle-fake-news:b.csv', '--folds', '2', '--json', ...TINY], dir);
    expect(run.code).toBe(0);
    const m = JSON.parse(run.stdout) as MatrixJson;
    const sets = ['a.jsonl', 'kaggle-fake-news:b.csv'];
    expect(m.sets).toEqual(sets);
    const sizes: Record<string, number> = { 'a.jsonl': 40, 'kaggle-fake-news:b.csv': 30 };
    // one cell per (train, test) pair, diagonal included
    expect(m.single.map((c) => `${c.train} → ${c.test}`).sort()).toEqual(sets.flatMap((t) => sets.map((s) => `${t} → ${s}`)).sort());
    for (const c of m.single) {
      expect(c.n).toBe(sizes[c.test]);
      expect(c.balancedAccuracy).toBeGreaterThanOrEqual(0);
      expect(c.balancedAccuracy).toBeLessThanOrEqual(1);
      if (c.train === c.test) expect(c).toHaveProperty('rocAucSd');
    }
    expect(m.leaveOneOut.map((c) => [c.train, c.test, c.n])).toEqual([
      ['all but a.jsonl', 'a.jsonl', 40],
      ['all but kaggle-fake-news:b.csv', 'kaggle-fake-news:b.csv', 30],
    ]);
    // with two sets, "all but one" is training on the other one alone
    for (const loo of m.leaveOneOut) {
      const other = sets.find((s) => s !== loo.test)!;
      const single = m.single.find((c) => c.train === other && c.test === loo.test)!;
      expect(loo.rocAuc).toBe(single.rocAuc);
      expect(loo.balancedAccuracy).toBe(single.balancedAccuracy);
    }
    // the same style is learnt from either set
    for (const c of m.single) expect(c.rocAuc!).toBeGreaterThan(0.6);
  });

  it('--folds 0 leaves the diagonal out', () => {
    const run = credence(['eval-matrix', '--data', 'a.jsonl', '--data', 'kaggle-fake-news:b.csv', '--folds', '0', '--json', ...TINY], dir);
    expect(run.code).toBe(0);
    const m = JSON.parse(run.stdout) as MatrixJson;
    expect(m.single.filter((c) => c.train === c.test)).toEqual([]);
    expect(m.single).toHaveLength(2);
  });

  it('refuses one set, a bad --folds and a bad setting', () => {
    const one = credence(['eval-matrix', '--data', 'a.jsonl'], dir);
    expect(one.code).toBe(1);
    expect(one.errLines).toEqual(['credence: error: eval-matrix needs two or more datasets (--data A --data B …); got 1']);
    const folds = credence(['eval-matrix', '--data', 'a.jsonl', '--data', 'kaggle-fake-news:b.csv', '--folds', '1'], dir);
    expect(folds.code).toBe(1);
    expect(folds.errLines).toEqual(['credence: error: --folds: expected 0 (no in-domain cells) or a whole number ≥ 2, got "1"']);
    const setting = credence(['eval-matrix', '--data', 'a.jsonl', '--data', 'kaggle-fake-news:b.csv', '--set', 'seeed=2'], dir);
    expect(setting.code).toBe(1);
    expect(setting.errLines).toEqual(['credence: error: --set seeed=2: unknown setting "seeed" (did you mean "seed"?)']);
  });

  it('refuses, naming the set, a set too small to train on and a set that repeats another', () => {
    writeJsonl(join(dir, 'small.jsonl'), 4, 403);
    const small = credence(['eval-matrix', '--data', 'a.jsonl', '--data', 'small.jsonl'], dir);
    expect(small.code).toBe(1);
    expect(small.errLines).toEqual([expect.stringMatching(/^credence: error: small\.jsonl: need at least 5 labelled articles of each class for the matrix; got \d+ unreliable and \d+ reliable$/)]);
    writeJsonl(join(dir, 'a-again.jsonl'), 40, 401);
    const again = credence(['eval-matrix', '--data', 'a.jsonl', '--data', 'a-again.jsonl', '--folds', '0'], dir);
    expect(again.code).toBe(1);
    expect(again.errLines).toEqual(['credence: error: every article of a-again.jsonl tells a story that a.jsonl also holds (near-duplicates): there is nothing unseen to test on']);
  });
});
