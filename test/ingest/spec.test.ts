import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/ingest/index.js';
import { scratch } from './helpers.js';

describe('parseSpec', () => {
  it('reads PATH and PRESET:PATH', () => {
    expect(parseSpec('data/train.csv')).toEqual({ path: 'data/train.csv' });
    expect(parseSpec('isot:data/True.csv')).toEqual({ preset: 'isot', path: 'data/True.csv' });
    expect(parseSpec('jsonl:-')).toEqual({ preset: 'jsonl', path: '-' });
    expect(parseSpec('-')).toEqual({ path: '-' });
  });

  it('takes a colon after something that is not a preset name as part of the path', () => {
    expect(parseSpec('./data:2020/x.csv')).toEqual({ path: './data:2020/x.csv' });
  });

  it('lets a path that exists win over a preset split', () => {
    const file = join(scratch(), 'liar:train.tsv');
    writeFileSync(file, 'x');
    const cwd = process.cwd();
    process.chdir(join(file, '..'));
    try {
      expect(parseSpec('liar:train.tsv')).toEqual({ path: 'liar:train.tsv' });
    } finally {
      process.chdir(cwd);
    }
  });

  it('throws a UsageError with a did-you-mean for an unknown preset', () => {
    expect(() => parseSpec('isott:Fake.csv')).toThrow(
      'unknown preset "isott" in "isott:Fake.csv" (did you mean "isot"?); the presets are kaggle-fake-news, isot, mcintire, welfake, liar, fakenewsnet, jsonl (and no file "isott:Fake.csv" exists)',
    );
  });

  it('throws a UsageError for a preset without a path', () => {
    expect(() => parseSpec('liar:')).toThrow('expected PRESET:PATH; got nothing after "liar:"');
  });
});
