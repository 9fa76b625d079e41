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

