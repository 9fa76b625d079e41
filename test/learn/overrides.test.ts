import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/article/errors.js';
import { mergeSettings, parseAssignment } from '../../src/learn/overrides.js';

/** A settings tree shaped like the real ones, written here so the test does not move with the defaults. */
const BASE = {
  seed: 1,
  idf: true,
  name: 'model',
  features: { bucketsLog2: 20, wordNgramMax: 2, blockWeights: { word: 1, title: 0.5 } },
  logistic: { C: 1, tolerance: 0.1 },
  sources: ['a', 'b'],
};

function usageError(f: () => unknown): UsageError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('no error was thrown');
}

describe('parseAssignment', () => {
  it('turns a dotted key into nested objects', () => {
    expect(parseAssignment('a.b=1')).toEqual({ a: { b: 1 } });
    expect(parseAssignment('a.b.c=2')).toEqual({ a: { b: { c: 2 } } });
    expect(parseAssignment('seed=7')).toEqual({ seed: 7 });
  });

  it('reads the value as JSON when it parses, else as a string', () => {
    expect(parseAssignment('x=true')).toEqual({ x: true });
    expect(parseAssignment('x=0.25')).toEqual({ x: 0.25 });
    expect(parseAssignment('x=null')).toEqual({ x: null });
    expect(parseAssignment('x=[1,2]')).toEqual({ x: [1, 2] });
    expect(parseAssignment('x={"y":1}')).toEqual({ x: { y: 1 } });
    expect(parseAssignment('x="quoted"')).toEqual({ x: 'quoted' });
    expect(parseAssignment('x=isotonic')).toEqual({ x: 'isotonic' });
    expect(parseAssignment('x=')).toEqual({ x: '' });
  });

  it('splits at the first "=" only and trims the key', () => {
    expect(parseAssignment('x=a=b')).toEqual({ x: 'a=b' });
    expect(parseAssignment(' logistic.C =2')).toEqual({ logistic: { C: 2 } });
  });

  it('refuses text without a key', () => {
    for (const bad of ['noequals', '=1', '']) {
      const e = usageError(() => parseAssignment(bad));
      expect(e.message).toBe(`--set: expected key=value, got "${bad}"`);
    }
  });

  it('refuses empty parts of a dotted key', () => {
    for (const bad of ['a..b=1', 'a.=1', '.a=1']) {
      expect(usageError(() => parseAssignment(bad)).message).toMatch(/expected a dotted key/);
    }
  });
});

describe('mergeSettings', () => {
  it('overrides only what the patch names and leaves the base alone', () => {
    const before = structuredClone(BASE);
    const out = mergeSettings(BASE, { logistic: { C: 4 }, features: { blockWeights: { title: 0 } } }, 'test');
    expect(out.logistic).toEqual({ C: 4, tolerance: 0.1 });
    expect(out.features).toEqual({ bucketsLog2: 20, wordNgramMax: 2, blockWeights: { word: 1, title: 0 } });
    expect(out.seed).toBe(1);
    expect(BASE).toEqual(before);
    // a deep copy: changing the result does not reach the base
    out.features.blockWeights.word = 9;
    expect(BASE.features.blockWeights.word).toBe(1);
  });

  it('returns a copy when there is nothing to merge', () => {
    const out = mergeSettings(BASE, undefined, 'test');
    expect(out).toEqual(BASE);
    expect(out).not.toBe(BASE);
  });

  it('applies --set assignments one after the other', () => {
    let s = BASE;
    for (const a of ['logistic.C=2', 'seed=9', 'logistic.C=3']) s = mergeSettings(s, parseAssignment(a), `--set ${a}`);
    expect(s.logistic.C).toBe(3);
    expect(s.seed).toBe(9);
  });

  it('replaces lists whole', () => {
    expect(mergeSettings(BASE, { sources: ['c'] }, 'test').sources).toEqual(['c']);
  });

  it('refuses unknown keys, with "did you mean" when one is close', () => {
    expect(usageError(() => mergeSettings(BASE, parseAssignment('logistic.c=2'), '--set logistic.c=2')).message).toBe(
      '--set logistic.c=2: unknown setting "logistic.c" (did you mean "logistic.C"?)',
    );
    expect(usageError(() => mergeSettings(BASE, { logistc: { C: 2 } }, 'config.json')).message).toBe(
      'config.json: unknown setting "logistc" (did you mean "logistic"?)',
    );
    expect(usageError(() => mergeSettings(BASE, { features: { bucketLog2: 12 } }, 'x')).message).toContain('(did you mean "features.bucketsLog2"?)');
    // nothing close: no guess
    expect(usageError(() => mergeSettings(BASE, { zzzzzzzz: 1 }, 'x')).message).toBe('x: unknown setting "zzzzzzzz"');
  });

  it('does not take inherited names for settings', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const e = usageError(() => mergeSettings(BASE, JSON.parse(`{"${key}": 1}`), 'x'));
      expect(e.message).toBe(`x: unknown setting "${key}"`);
    }
  });

  it('refuses values of the wrong type, saying what was expected and what was found', () => {
    const cases: [unknown, string][] = [
      [{ logistic: { C: '2' } }, 'setting "logistic.C": expected a finite number, got string "2"'],
      [{ idf: 'yes' }, 'setting "idf": expected a boolean, got string "yes"'],
      [{ name: 3 }, 'setting "name": expected a string, got number 3'],
      [{ logistic: 2 }, 'setting "logistic": expected an object, got number 2'],
      [{ seed: { x: 1 } }, 'setting "seed": expected a finite number, got an object'],
      [{ seed: null }, 'setting "seed": expected a finite number, got null'],
      [{ sources: 'a' }, 'setting "sources": expected a list, got string "a"'],
      [{ features: [1] }, 'setting "features": expected an object, got a list'],
    ];
    for (const [patch, message] of cases) {
      expect(usageError(() => mergeSettings(BASE, patch, 'cfg')).message).toBe(`cfg: ${message}`);
    }
  });

  it('refuses numbers that are not finite', () => {
    expect(usageError(() => mergeSettings(BASE, parseAssignment('logistic.C=1e400'), 's')).message).toBe(
      's: setting "logistic.C": expected a finite number, got number Infinity',
    );
  });

  it('reports the error with the E_CONFIG code', () => {
    expect(usageError(() => mergeSettings(BASE, { nope: 1 }, 'x')).code).toBe('E_CONFIG');
  });
});
