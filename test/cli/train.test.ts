/** `credence train` end to end: the model, its card, determinism, configs and every refusal. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReliability } from '../../src/learn/reliability-file.js';
import { credence, expectNoStack, tempFolder, TINY, trainTiny, writeJsonl, type Run } from './helpers.js';

let dir: string;
let remove: () => void;
let first: Run;
let counts: { n: number; unreliable: number };

beforeAll(() => {
  ({ dir, remove } = tempFolder());
  counts = writeJsonl(join(dir, 'train.jsonl'), 60, 202);
  writeJsonl(join(dir, 'other.jsonl'), 30, 203);
  first = trainTiny(dir, 'train.jsonl', 'first.cdm');
});
afterAll(() => remove());

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('train', () => {
  it('reports what it trained on, the held-out figures and where it wrote the model and card', () => {
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^trained on 60 articles from 1 dataset in [\d.]+ s$/);
    expect(lines[1]).toMatch(/^held-out \(\d+ articles\): ROC-AUC [\d.]+ {2}balanced accuracy [\d.]+ {2}F1 [\d.]+ {2}Brier [\d.]+ {2}ECE [\d.]+$/);
    expect(lines.slice(2)).toEqual(['model: first.cdm', 'card:  first.md']);
  });

  it('writes a model that loads, with a card that records the data by content hash and size', () => {
    const { model, card } = loadReliability(join(dir, 'first.cdm'));
    expect(model.settings.features.bucketsLog2).toBe(12);
    expect(model.settings.calibration.holdout).toBe(0.3);
    expect(card.trainingData).toHaveLength(1);
    const d = card.trainingData[0]!;
    expect(d.spec).toBe('train.jsonl');
    expect(d.sha256).toBe(sha256(join(dir, 'train.jsonl')));
    expect(d.bytes).toBe(readFileSync(join(dir, 'train.jsonl')).length);
    expect(d.articles).toBe(counts.n);
    expect(d.unreliable).toBe(counts.unreliable);
    expect(d.reliable).toBe(counts.n - counts.unreliable);
    expect(card.fit.articles).toBe(60);
    expect(card.command).toContain('train --data train.jsonl --out first.cdm');
    expect(card.metrics.heldOut?.n).toBeGreaterThan(0);
    // a held-out set of a fifth of the articles
    expect(card.metrics.heldOut!.n).toBeLessThan(30);
  });

  it('renders the card as Markdown from the same metadata', () => {
    const md = readFileSync(join(dir, 'first.md'), 'utf8');
    const { card } = loadReliability(join(dir, 'first.cdm'));
    expect(md.startsWith(`# ${card.name}\n`)).toBe(true);
    expect(md).toContain(`| \`train.jsonl\` | 60 | ${counts.n - counts.unreliable} | ${counts.unreliable} | 0 |`);
    expect(md).toContain(card.trainingData[0]!.sha256.slice(0, 16));
    expect(md).toContain('"bucketsLog2": 12');
    expect(md).toContain(`| ${card.metrics.heldOut!.n} | ${card.metrics.heldOut!.rocAuc!.toFixed(3)} |`);
  });

  it('gives the same weights for the same data and seed, and different ones for another seed', () => {
    trainTiny(dir, 'train.jsonl', 'second.cdm');
    const a = loadReliability(join(dir, 'first.cdm')).model;
    const b = loadReliability(join(dir, 'second.cdm')).model;
    expect(bytesOf(b.weights).equals(bytesOf(a.weights))).toBe(true);
    expect(b.bias).toBe(a.bias);
    expect(b.calibrator).toEqual(a.calibrator);
    const run = credence(['train', '--data', 'train.jsonl', '--out', 'seed2.cdm', ...TINY, '--set', 'seed=2'], dir);
    expect(run.code).toBe(0);
    const c = loadReliability(join(dir, 'seed2.cdm')).model;
    expect(c.settings.seed).toBe(2);
    expect(bytesOf(c.weights).equals(bytesOf(a.weights))).toBe(false);
  });

  it('--cross-dataset measures each set with a model trained on the others', () => {
    const run = credence(['train', '--data', 'train.jsonl', 'other.jsonl', '--out', 'two.cdm', ...TINY, '--holdout', '0', '--cross-dataset'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^without train\.jsonl \(60 articles\): ROC-AUC [\d.]+ {2}balanced accuracy [\d.]+$/m);
    expect(run.stdout).toMatch(/^without other\.jsonl \(30 articles\): ROC-AUC [\d.]+ {2}balanced accuracy [\d.]+$/m);
    const { card } = loadReliability(join(dir, 'two.cdm'));
    expect(card.metrics.crossDataset?.map((c) => [c.test, c.train, c.n])).toEqual([
      ['train.jsonl', ['other.jsonl'], 60],
      ['other.jsonl', ['train.jsonl'], 30],
    ]);
  });

  it('reads a config whose data paths are relative to the config file (and --holdout 0 skips the held-out figures)', () => {
    mkdirSync(join(dir, 'conf'));
    writeFileSync(
      join(dir, 'conf', 'model.json'),
      JSON.stringify({
        name: 'test-model',
        description: 'Trained from a config in a test.',
        data: ['../train.jsonl'],
        settings: { features: { bucketsLog2: 12 }, calibration: { holdout: 0.3 } },
        notes: ['Invented data only.'],
      }),
    );
    const run = credence(['train', '--config', 'conf/model.json', '--out', 'from-config.cdm', '--holdout', '0'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { model, card } = loadReliability(join(dir, 'from-config.cdm'));
    expect(card.name).toBe('test-model');
    expect(card.notes).toEqual(['Invented data only.']);
    expect(card.trainingData.map((d) => d.spec)).toEqual(['../train.jsonl']);
    expect(model.settings.features.bucketsLog2).toBe(12);
    expect(run.stdout).not.toContain('held-out');
    expect(card.metrics.heldOut).toBeUndefined();
    const md = readFileSync(join(dir, 'from-config.md'), 'utf8');
    expect(md).toContain('- Invented data only.');
    expect(md).toContain('No held-out metrics were computed for this model.');
  });
});

describe('train: refusals', () => {
  /** Runs a train command that must fail before writing anything. */
  function refused(args: string[], out = 'never.cdm'): Run {
    const run = credence(['train', ...args], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(existsSync(join(dir, out))).toBe(false);
    expectNoStack(run);
    return run;
  }

  it('an unknown setting, with "did you mean"', () => {
    const run = refused(['--data', 'train.jsonl', '--out', 'never.cdm', '--set', 'logistc.C=2']);
    expect(run.errLines).toEqual(['credence: error: --set logistc.C=2: unknown setting "logistc" (did you mean "logistic"?)']);
  });

  it('a setting of the wrong type or out of range', () => {
    expect(refused(['--data', 'train.jsonl', '--out', 'never.cdm', '--set', 'logistic.C=strong']).errLines).toEqual([
      'credence: error: --set logistic.C=strong: setting "logistic.C": expected a finite number, got string "strong"',
    ]);
    expect(refused(['--data', 'train.jsonl', '--out', 'never.cdm', '--set', 'features.bucketsLog2=40']).errLines[0]).toMatch(
      /^credence: error: --set: setting "features\.bucketsLog2": /,
    );
    expect(refused(['--data', 'train.jsonl', '--out', 'never.cdm', '--set', 'calibration.method=isotnic']).errLines[0]).toContain(
      'got "isotnic" (did you mean "isotonic"?)',
    );
  });

  it('too few articles, or one class only', () => {
    writeFileSync(join(dir, 'five.jsonl'), readFileSync(join(dir, 'train.jsonl'), 'utf8').split('\n').slice(0, 5).join('\n') + '\n');
    expect(refused(['--data', 'five.jsonl', '--out', 'never.cdm']).errLines).toEqual([
      'credence: error: need at least 10 labelled articles of both classes to train; got 5 (2 classes)',
    ]);
    const reliableOnly = readFileSync(join(dir, 'train.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"label":"reliable"'));
    writeFileSync(join(dir, 'one-class.jsonl'), reliableOnly.join('\n') + '\n');
    expect(refused(['--data', 'one-class.jsonl', '--out', 'never.cdm']).errLines).toEqual([
      `credence: error: need at least 10 labelled articles of both classes to train; got ${reliableOnly.length} (1 class)`,
    ]);
  });

  it('a missing data file is named before the refusal', () => {
    expect(refused(['--data', 'does-not-exist.jsonl', '--out', 'never.cdm']).errLines).toEqual([
      'credence: error: does-not-exist.jsonl: no such file',
      'credence: error: need at least 10 labelled articles of both classes to train; got 0 (0 classes)',
    ]);
  });

  it('an --out folder that does not exist, or a folder as --out', () => {
    expect(refused(['--data', 'train.jsonl', '--out', 'no-such-folder/m.cdm'], 'no-such-folder/m.cdm').errLines).toEqual([
      'credence: error: --out no-such-folder/m.cdm: no such folder "no-such-folder"',
    ]);
    expect(refused(['--data', 'train.jsonl', '--out', '']).errLines).toEqual(['credence: error: --out: expected a file name for the model; got an empty value']);
    mkdirSync(join(dir, 'a-folder.cdm'));
    expect(refused(['--data', 'train.jsonl', '--out', 'a-folder.cdm'], 'a-folder.cdm/x').errLines).toEqual([
      'credence: error: --out a-folder.cdm: expected a file name for the model; got a folder',
    ]);
  });

  it('an --out, or the card beside it, that would overwrite an input file', () => {
    const before = readFileSync(join(dir, 'train.jsonl'), 'utf8');
    for (const [args, message] of [
      [['--data', 'train.jsonl', '--out', 'train.jsonl'], 'credence: error: --out train.jsonl: that is an input file (train.jsonl); writing the model there would overwrite it'],
      [['--data', 'jsonl:train.jsonl', '--out', './train.jsonl'], 'credence: error: --out ./train.jsonl: that is an input file (train.jsonl); writing the model there would overwrite it'],
    ] as const) {
      const run = credence(['train', ...args], dir);
      expect(run.code).toBe(1);
      expect(run.errLines).toEqual([message]);
      expectNoStack(run);
    }
    writeFileSync(join(dir, 'notes.md'), before);
    const card = credence(['train', '--data', 'notes.md', '--input-format', 'jsonl', '--out', 'notes'], dir);
    expect(card.code).toBe(1);
    expect(card.errLines).toEqual(['credence: error: --out (its card) notes.md: that is an input file (notes.md); writing the model card there would overwrite it']);
    expect(readFileSync(join(dir, 'train.jsonl'), 'utf8')).toBe(before);
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe(before);
  });

  it('a bad --holdout, a missing --out, no data', () => {
    expect(refused(['--data', 'train.jsonl', '--out', 'never.cdm', '--holdout', '1.5']).errLines).toEqual([
      'credence: error: --holdout: expected a fraction in [0, 1), got "1.5"',
    ]);
    expect(refused(['--data', 'train.jsonl']).errLines).toEqual(["credence: error: required option '-o, --out <file>' not specified"]);
    expect(refused(['--out', 'never.cdm']).errLines).toEqual(['credence: error: no training data: give --data SPEC (or a --config with "data")']);
  });

  it('a config that is not JSON, or has an unknown key', () => {
    writeFileSync(join(dir, 'broken.json'), '{"data": ["train.jsonl"');
    expect(refused(['--config', 'broken.json', '--out', 'never.cdm']).errLines[0]).toMatch(/^credence: error: broken\.json: not valid JSON \(/);
    writeFileSync(join(dir, 'typo.json'), '{"data": ["train.jsonl"], "setings": {}}');
    expect(refused(['--config', 'typo.json', '--out', 'never.cdm']).errLines).toEqual([
      'credence: error: typo.json: unknown key "setings" (expected name, description, data, settings, notes)',
    ]);
    expect(refused(['--config', 'missing.json', '--out', 'never.cdm']).errLines).toEqual(['credence: error: missing.json: cannot read the training config']);
  });
});

/** The bytes of a typed array only (a loaded model's arrays are views of the whole file). */
function bytesOf(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}
