/**
 * `credence eval` end to end. The figures are checked against each other (confusion → accuracy, F1 …)
 * and against `credence analyze` scoring the same articles, not against numbers copied from a run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credence, expectNoStack, tempFolder, trainTiny, writeJsonl } from './helpers.js';

interface EvalJson {
  n: number;
  accuracy: number;
  balancedAccuracy: number;
  rocAuc: number | null;
  f1: number;
  brier: number;
  ece: number;
  confusion: { tn: number; fp: number; fn: number; tp: number };
}

let dir: string;
let remove: () => void;
let test: { n: number; unreliable: number };
let result: EvalJson;

beforeAll(() => {
  ({ dir, remove } = tempFolder());
  writeJsonl(join(dir, 'train.jsonl'), 60, 301);
  test = writeJsonl(join(dir, 'test.jsonl'), 40, 302);
  trainTiny(dir, 'train.jsonl');
  const run = credence(['eval', '--model', 'tiny.cdm', '--data', 'test.jsonl', '--json'], dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  result = JSON.parse(run.stdout) as EvalJson;
});
afterAll(() => remove());

describe('eval --json', () => {
  it('prints one object with every measure', () => {
    for (const key of ['n', 'accuracy', 'balancedAccuracy', 'rocAuc', 'f1', 'brier', 'ece', 'confusion']) expect(result).toHaveProperty(key);
    expect(Object.keys(result.confusion).sort()).toEqual(['fn', 'fp', 'tn', 'tp']);
  });

  it('counts every held-out article once, by its gold label', () => {
    const { tn, fp, fn, tp } = result.confusion;
    expect(result.n).toBe(test.n);
    expect(tn + fp + fn + tp).toBe(test.n);
    expect(tp + fn).toBe(test.unreliable);
    expect(tn + fp).toBe(test.n - test.unreliable);
  });

  it('derives accuracy, balanced accuracy and F1 from its own confusion matrix', () => {
    const { tn, fp, fn, tp } = result.confusion;
    expect(result.accuracy).toBeCloseTo((tp + tn) / result.n, 12);
    expect(result.balancedAccuracy).toBeCloseTo((tp / (tp + fn) + tn / (tn + fp)) / 2, 12);
    expect(result.f1).toBeCloseTo((2 * tp) / (2 * tp + fp + fn), 12);
  });

  it('agrees with analyze on the same articles: confusion at 0.5, Brier score and ROC-AUC', () => {
    const run = credence(['analyze', 'test.jsonl', '--model', 'tiny.cdm', '--format', 'jsonl'], dir);
    expect(run.code).toBe(0);
    const scored = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { article: { label: string }; reliability: { pUnreliable: number } })
      .map((r) => ({ y: r.article.label === 'unreliable' ? 1 : 0, p: r.reliability.pUnreliable }));
    expect(scored).toHaveLength(test.n);
    const c = { tn: 0, fp: 0, fn: 0, tp: 0 };
    for (const { y, p } of scored) {
      if (y === 1) p >= 0.5 ? c.tp++ : c.fn++;
      else p >= 0.5 ? c.fp++ : c.tn++;
    }
    expect(c).toEqual(result.confusion);
    // analyze rounds p to 4 decimals
    const brier = scored.reduce((s, { y, p }) => s + (p - y) ** 2, 0) / scored.length;
    expect(result.brier).toBeCloseTo(brier, 3);
    // ROC-AUC as the share of (unreliable, reliable) pairs ranked the right way, ties counting half
    let wins = 0;
    let pairs = 0;
    for (const a of scored) {
      if (a.y !== 1) continue;
      for (const b of scored) {
        if (b.y !== 0) continue;
        pairs++;
        wins += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
      }
    }
    expect(result.rocAuc!).toBeCloseTo(wins / pairs, 2);
  });

  it('keeps the measures in range, and the model beats chance on this data', () => {
    for (const k of ['accuracy', 'balancedAccuracy', 'f1', 'brier', 'ece'] as const) {
      expect(result[k]).toBeGreaterThanOrEqual(0);
      expect(result[k]).toBeLessThanOrEqual(1);
    }
    expect(result.rocAuc!).toBeGreaterThan(0.7);
  });
});

describe('eval: text and plots', () => {
  it('prints a readable table with the same figures', () => {
    const run = credence(['eval', '--model', 'tiny.cdm', '--data', 'test.jsonl'], dir);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('model: tiny.cdm\n');
    expect(out).toContain(`articles: ${test.n}\n`);
    expect(out).toContain(`accuracy           ${result.accuracy.toFixed(3)}\n`);
    expect(out).toContain(`ROC-AUC            ${result.rocAuc!.toFixed(3)}\n`);
    const { tn, fp, fn, tp } = result.confusion;
    expect(out).toMatch(new RegExp(`reliable +${tn} +${fp}\\n`));
    expect(out).toMatch(new RegExp(`unreliable +${fn} +${tp}\\n`));
  });

  it('--plots DIR writes a ROC curve and a reliability diagram as standalone SVG, making the folder', () => {
    const run = credence(['eval', '--model', 'tiny.cdm', '--data', 'test.jsonl', '--json', '--plots', 'out/plots'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const name of ['roc.svg', 'calibration.svg']) {
      const svg = readFileSync(join(dir, 'out', 'plots', name), 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    }
    expect(readFileSync(join(dir, 'out', 'plots', 'roc.svg'), 'utf8')).toContain('<title>ROC curve</title>');
  });

  it('says why there is no ROC plot when the data has one class', () => {
    const lines = readFileSync(join(dir, 'test.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'reliable-only.jsonl'), lines.filter((l) => l.includes('"label":"reliable"')).join('\n') + '\n');
    const run = credence(['eval', '--model', 'tiny.cdm', '--data', 'reliable-only.jsonl', '--json', '--plots', 'one-class'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rocAuc).toBeNull();
    expect(run.errLines).toEqual(['credence: warning: no ROC plot: the labelled articles are all of one class']);
  });

  it('warns when the data is the model\'s own training data', () => {
    const run = credence(['eval', '--model', 'tiny.cdm', '--data', 'train.jsonl', '--json'], dir);
    expect(run.code).toBe(0);
    expect(run.errLines).toEqual(["credence: warning: train.jsonl is part of this model's training data; these figures are not held-out"]);
  });
});

describe('eval: refusals', () => {
  it('a model file that is corrupt: one line, exit 1, no stack trace', () => {
    const bytes = readFileSync(join(dir, 'tiny.cdm'));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(join(dir, 'corrupt.cdm'), bytes);
    const run = credence(['eval', '--model', 'corrupt.cdm', '--data', 'test.jsonl'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.errLines).toEqual(['credence: error: corrupt.cdm: not a usable Credence model: the checksum does not match (the file is truncated or corrupt)']);
    expectNoStack(run);
  });

  it('unlabelled articles are each reported, then the run refused', () => {
    writeFileSync(join(dir, 'unlabelled.jsonl'), '{"id":"a","title":"One","text":"The first body."}\n{"id":"b","title":"Two","text":"The second body."}\n');
    const run = credence(['eval', '--model', 'tiny.cdm', '--data', 'unlabelled.jsonl'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual([
      'credence: error: unlabelled.jsonl:1: field "label": no gold label (training and evaluation need one); record skipped',
      'credence: error: unlabelled.jsonl:2: field "label": no gold label (training and evaluation need one); record skipped',
      'credence: error: no labelled articles in unlabelled.jsonl',
    ]);
  });

  it('a --plots path with a file in the way is refused before any work', () => {
    const run = credence(['eval', '--model', 'tiny.cdm', '--data', 'test.jsonl', '--plots', 'test.jsonl'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual(['credence: error: --plots test.jsonl: cannot make the folder (a file is in the way)']);
    expectNoStack(run);
  });

  it('--data is required', () => {
    const run = credence(['eval', '--model', 'tiny.cdm'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual(["credence: error: required option '-d, --data <spec...>' not specified"]);
  });
});
