import { describe, expect, it } from 'vitest';
import { arr, bool, byKind, check, nullable, num, obj, oneOf, refine, str } from '../../src/learn/header-shape.js';

const shape = obj({
  n: num({ int: true, min: 1, max: 9 }),
  flag: bool,
  name: str,
  mode: oneOf(['a', 'b']),
  list: arr(num()),
  maybe: nullable(obj({ x: num() })),
  cal: byKind('kind', { platt: obj({ a: num() }), iso: refine(obj({ t: arr(num()) }), (c: { t: number[] }) => c.t.length > 0, 't must not be empty') }),
});
const good = { n: 3, flag: true, name: 'm', mode: 'a', list: [1, 2], maybe: null, cal: { kind: 'platt', a: 1 }, extra: 'kept' };

function problem(value: unknown): string {
  try {
    check(shape, value, (field, message) => {
      throw new Error(`${field}: ${message}`);
    });
  } catch (e) {
    return (e as Error).message;
  }
  return 'fits';
}

describe('header shapes', () => {
  it('accepts a value that fits, extra fields included', () => {
    expect(problem(good)).toBe('fits');
    expect(problem({ ...good, maybe: { x: 1 }, cal: { kind: 'iso', t: [0] } })).toBe('fits');
  });

  it('names the first field that does not fit and says what was expected', () => {
    expect(problem({ ...good, n: 2.5 })).toBe('n: expected an integer, got 2.5');
    expect(problem({ ...good, n: 10 })).toBe('n: expected at most 9, got 10');
    expect(problem({ ...good, n: Number.NaN })).toBe('n: expected a number, got NaN');
    expect(problem({ ...good, flag: 'yes' })).toBe('flag: expected true or false, got "yes"');
    expect(problem({ ...good, name: undefined })).toBe('name: expected a string, got nothing');
    expect(problem({ ...good, mode: 'c' })).toBe('mode: expected one of "a", "b", got "c"');
    expect(problem({ ...good, list: [1, 'x'] })).toBe('list.1: expected a number, got "x"');
    expect(problem({ ...good, maybe: { x: 'no' } })).toBe('maybe.x: expected a number, got "no"');
    expect(problem({ ...good, cal: { kind: 'other' } })).toBe('cal.kind: expected one of "platt", "iso", got "other"');
    expect(problem({ ...good, cal: { kind: 'iso', t: [] } })).toBe('cal: t must not be empty');
    expect(problem([])).toBe(': expected an object, got an array');
  });
});
