import { describe, expect, it } from 'vitest';
import { Counter } from '../../src/text/counter.js';
import { DEFAULT_FEATURES, hashedFeatures } from '../../src/text/features.js';
import { LEXICON, Lexicon } from '../../src/text/lexicon.js';
import { makeDoc } from '../../src/text/doc.js';

describe('Lexicon', () => {
  it('gives one id per form, whether looked up from text or as a string', () => {
    const lex = new Lexicon();
    const text = 'The Council said THE council';
    const a = lex.asciiId(text, 0, 3);
    const b = lex.asciiId(text, 17, 20);
    expect(a).toBe(b);
    expect(lex.id('the')).toBe(a);
    expect(lex.form(a)).toBe('the');
    expect(lex.asciiId(text, 4, 11)).toBe(lex.asciiId(text, 21, 28));
    expect(lex.id('council')).toBe(lex.asciiId(text, 4, 11));
    expect(lex.size).toBe(2);
  });

  it('finds an ASCII form first added as a string, and keeps forms apart that share a hash slot', () => {
    const lex = new Lexicon();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    const ids = words.map((w) => lex.id(w));
    const text = words.join(' ').toUpperCase();
    let at = 0;
    words.forEach((w, i) => {
      expect(lex.asciiId(text, at, at + w.length)).toBe(ids[i]);
      at += w.length + 1;
    });
    expect(new Set(ids).size).toBe(words.length);
  });

  it('stores forms as strings of their own, not views of the text', () => {
    const lex = new Lexicon();
    const text = 'x'.repeat(1000) + ' Extraordinarily ' + 'y'.repeat(1000);
    const id = lex.asciiId(text, 1001, 1016);
    expect(lex.form(id)).toBe('extraordinarily');
  });

  it('starts afresh past its limit with a new generation, and features do not change', () => {
    const doc = makeDoc({ title: 'Budget vote', body: 'The council voted 7-2 on Tuesday. “It’s done,” she said.' });
    const before = hashedFeatures(doc, DEFAULT_FEATURES);
    const generation = LEXICON.generation;
    LEXICON.trim(1);
    expect(LEXICON.generation).toBe(generation + 1);
    expect(LEXICON.size).toBe(0);
    // The Doc still holds ids of the old generation: features must re-intern from its forms.
    expect(doc.tokens.lexiconGeneration).toBe(generation);
    const after = hashedFeatures(doc, DEFAULT_FEATURES);
    const asMap = (v: typeof before) => new Map([...v.idx].map((i, j) => [i, v.val[j]]));
    expect(asMap(after)).toEqual(asMap(before));
  });
});

describe('Counter', () => {
  it('sums deltas per key like a Map, in insertion order, past the size it was told', () => {
    const c = new Counter();
    const m = new Map<number, number>();
    c.reset(4);
    let seed = 7;
    for (let i = 0; i < 20000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const key = seed % 3001;
      const delta = (seed >>> 16) % 2 === 0 ? 1 : -1;
      c.add(key, delta);
      m.set(key, (m.get(key) ?? 0) + delta);
    }
    const got = new Map<number, number>();
    c.forEach((k, v) => got.set(k, v));
    expect(got).toEqual(m);
    expect([...got.keys()]).toEqual([...m.keys()]);
  });

  it('is empty after reset', () => {
    const c = new Counter();
    c.reset(10);
    c.add(5, 1);
    c.reset(10);
    expect(c.size).toBe(0);
    c.add(5, 2);
    expect(c.valueAt(0)).toBe(2);
  });
});
