import { describe, expect, it } from 'vitest';
import { Random } from '../../src/learn/random.js';
import { DEFAULT_GBDT, fitGbdt, gbdtProbabilities } from '../../src/learn/stance/gbdt.js';
import { stem } from '../../src/text/stem.js';

describe('fitGbdt', () => {
  const rng = new Random(3);
  const X: Float64Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const x = Float64Array.from({ length: 4 }, () => rng.next());
    X.push(x);
    // An exclusive-or of two features, which no linear model can learn; features 2 and 3 are noise.
    y.push((x[0]! > 0.5) !== (x[1]! > 0.5) ? 1 : 0);
  }

  it('learns an exclusive-or (binary)', () => {
    const m = fitGbdt(X, y, 2, { ...DEFAULT_GBDT, rounds: 60, maxDepth: 3 }, 1);
    let right = 0;
    X.forEach((x, i) => (right += (gbdtProbabilities(m, x)[1]! > 0.5 ? 1 : 0) === y[i] ? 1 : 0));
    expect(right / X.length).toBeGreaterThan(0.95);
  });

  it('learns three classes with softmax and is deterministic per seed', () => {
    const y3 = X.map((x) => (x[0]! < 0.33 ? 0 : x[0]! < 0.66 ? 1 : 2));
    const a = fitGbdt(X, y3, 3, { ...DEFAULT_GBDT, rounds: 30, maxDepth: 2 }, 7);
    const b = fitGbdt(X, y3, 3, { ...DEFAULT_GBDT, rounds: 30, maxDepth: 2 }, 7);
    expect(a.value).toEqual(b.value);
    let right = 0;
    X.forEach((x, i) => {
      const p = gbdtProbabilities(a, x);
      expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 12);
      right += p.indexOf(Math.max(...p)) === y3[i] ? 1 : 0;
    });
    expect(right / X.length).toBeGreaterThan(0.95);
  });
});

describe('stem (Porter)', () => {
  it('stems as the reference implementation does', () => {
    const cases: [string, string][] = [
      ['caresses', 'caress'], ['ponies', 'poni'], ['running', 'run'], ['hopping', 'hop'], ['relational', 'relat'],
      ['conditional', 'condit'], ['generalization', 'gener'], ['denied', 'deni'], ['denies', 'deni'], ['deny', 'deni'],
      ['hoaxes', 'hoax'], ['debunked', 'debunk'], ['agreed', 'agre'], ['reportedly', 'reportedli'], ['allegedly', 'allegedli'],
      ['adjustment', 'adjust'], ['controlling', 'control'], ['happy', 'happi'], ['sky', 'sky'], ['us', 'us'],
    ];
    for (const [w, s] of cases) expect(stem(w), w).toBe(s);
  });
});

describe('fitLsa', () => {
  it('puts stems that share documents close together and apart from other topics', async () => {
    const { cosine, fitLsa, lsaIndex, lsaVector } = await import('../../src/learn/stance/lsa.js');
    const rng = new Random(5);
    // Topic A uses ids 1..5, topic B ids 11..15; 1 and 2 never co-occur directly but share context.
    const docs: Int32Array[] = [];
    for (let d = 0; d < 60; d++) {
      const topicB = d % 2 === 1;
      const base = topicB ? 11 : 1;
      const words = [base + 2, base + 3, base + 4, base + (rng.next() < 0.5 ? 0 : 1)];
      docs.push(Int32Array.from(words));
    }
    const m = fitLsa(docs, () => 1, { rank: 2, minDf: 2, powerIterations: 2 }, 1);
    const ix = lsaIndex(m);
    const v = (id: number): Float64Array => lsaVector(m, ix, [id], () => 1);
    expect(cosine(v(1), v(2))).toBeGreaterThan(0.8);
    expect(Math.abs(cosine(v(1), v(11)))).toBeLessThan(0.2);
  });
});
