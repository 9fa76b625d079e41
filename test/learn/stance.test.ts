import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/article/errors.js';
import { stanceMetrics, STANCE_INDEX, type Stance } from '../../src/evaluate/stance-metrics.js';
import { toyPairs, type Toy } from '../helpers/stance-toy.js';
import { DEFAULT_GBDT } from '../../src/learn/stance/gbdt.js';
import type { StanceCard } from '../../src/learn/stance/card.js';
import { decodeStance, encodeStance, loadStance, saveStance } from '../../src/learn/stance/file.js';
import { DEFAULT_STANCE, fitStance, predictSides, predictStance, StanceCache, type StanceExample, type StanceSettings } from '../../src/learn/stance/model.js';
import { readSide } from '../../src/learn/stance/text.js';
import { makeDoc } from '../../src/text/doc.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function examples(toys: Toy[]): StanceExample[] {
  const heads = new Map<string, ReturnType<typeof readSide>>();
  const bodies = new Map<string, ReturnType<typeof readSide>>();
  return toys.map((t) => {
    let h = heads.get(t.headline);
    if (h === undefined) heads.set(t.headline, (h = readSide(makeDoc({ title: t.headline, body: '' }), 'headline')));
    let b = bodies.get(t.body);
    if (b === undefined) bodies.set(t.body, (b = readSide(makeDoc({ title: '', body: t.body }), 'body')));
    return { headline: h, body: b, stance: t.stance };
  });
}

const SMALL: StanceSettings = {
  ...DEFAULT_STANCE,
  idfBits: 12,
  related: { ...DEFAULT_GBDT, rounds: 20, maxDepth: 3 },
  stance: { ...DEFAULT_GBDT, rounds: 30, maxDepth: 3 },
  text: { ...DEFAULT_STANCE.text, bits: 12, folds: 2, minClaims: 1 },
};

const CARD: StanceCard = {
  name: 'test-stance',
  description: 'toy',
  createdAt: '2026-01-01T00:00:00.000Z',
  credenceVersion: '0.0.0',
  command: 'none',
  trainingData: [],
  notes: [],
  metrics: {},
  fit: { seconds: 0, pairs: 0, related: 0 },
};

describe('stance model on a toy task', () => {
  const train = examples(toyPairs(1, 24));
  const test = toyPairs(2, 8, 24);
  const { model } = fitStance(train, SMALL);

  it('learns related vs unrelated and the three stances of unseen claims', () => {
    const gold = test.map((t) => STANCE_INDEX[t.stance]);
    const pred = test.map((t) => STANCE_INDEX[predictStance(model, makeDoc({ title: t.headline, body: t.body })).stance]);
    const m = stanceMetrics(gold, pred);
    expect(m.relativeScore).toBeGreaterThan(90);
    expect(m.macroF1).toBeGreaterThan(0.85);
  });

  it('gives probabilities that sum to 1 and evidence inside the body', () => {
    const t = test.find((x) => x.stance === 'disagree')!;
    const doc = makeDoc({ title: t.headline, body: t.body });
    const p = predictStance(model, doc);
    const sum = Object.values(p.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 9);
    expect(p.evidence.length).toBeGreaterThan(0);
    for (const e of p.evidence) {
      expect(e.start).toBeGreaterThanOrEqual(doc.bodyStart);
      expect(e.end).toBeLessThanOrEqual(doc.text.length);
      expect(['supports', 'contradicts', 'discusses']).toContain(e.role);
    }
    expect(p.evidence.some((e) => e.role === 'contradicts')).toBe(true);
  });

  it('copes with an empty headline, an empty body and a body of one word', () => {
    for (const [title, body] of [['', 'Some body text here.'], ['A headline', ''], ['A headline', 'Word']] as const) {
      const p = predictStance(model, makeDoc({ title, body }));
      expect(Object.values(p.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      for (const v of Object.values(p.probabilities)) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('scores prepared sides exactly as it scores a Doc', () => {
    const cache = new StanceCache(model);
    const ex = examples(test);
    ex.forEach((e, i) => {
      const a = predictSides(model, cache.headline(e.headline), cache.body(e.body));
      const b = predictStance(model, makeDoc({ title: test[i]!.headline, body: test[i]!.body }));
      expect(a.probabilities).toEqual(b.probabilities);
    });
  });

  it('fits the same model from the same seed, and another from another seed', () => {
    const again = fitStance(train, SMALL).model;
    expect(encodeStance(again, CARD).equals(encodeStance(model, CARD))).toBe(true);
    const other = fitStance(train, { ...SMALL, seed: 2 }).model;
    expect(encodeStance(other, CARD).equals(encodeStance(model, CARD))).toBe(false);
  });

  it('round-trips through a model file with identical predictions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-stance-'));
    const path = join(dir, 'stance.cdm');
    saveStance(path, model, CARD);
    const loaded = loadStance(path);
    expect(loaded.card.name).toBe('test-stance');
    for (const t of test.slice(0, 12)) {
      const doc = makeDoc({ title: t.headline, body: t.body });
      expect(predictStance(loaded.model, doc)).toEqual(predictStance(model, doc));
    }
  });

  it('blends an MLP into stage 2 when asked, and keeps it through a model file', () => {
    const withMlp = fitStance(train, { ...SMALL, mlp: { hidden: 8, epochs: 5, batch: 32, learningRate: 0.01, l2: 1e-4, weight: 0.5 } }).model;
    expect(withMlp.mlp).not.toBeNull();
    const again = decodeStance(encodeStance(withMlp, CARD)).model;
    for (const t of test.slice(0, 6)) {
      const doc = makeDoc({ title: t.headline, body: t.body });
      expect(predictStance(again, doc)).toEqual(predictStance(withMlp, doc));
    }
  });

  it('refuses a corrupt, truncated or foreign file', () => {
    const bytes = encodeStance(model, CARD);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length >> 1]! ^= 0xff;
    expect(() => decodeStance(flipped)).toThrow(UsageError);
    expect(() => decodeStance(flipped)).toThrow(/checksum/);
    expect(() => decodeStance(bytes.subarray(0, bytes.length - 100))).toThrow(UsageError);
    const dir = mkdtempSync(join(tmpdir(), 'credence-stance-'));
    const path = join(dir, 'junk.cdm');
    writeFileSync(path, 'not a model at all, just text');
    expect(() => loadStance(path)).toThrow(/signature/);
    expect(() => loadStance(join(dir, 'missing.cdm'))).toThrow(/no such model file/);
    expect(readFileSync(path, 'utf8')).toContain('not a model');
  });
});
