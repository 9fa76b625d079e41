import { describe, expect, it } from 'vitest';
import { nearestNeighbours, orthonormalise, randomizedSvd, symmetricEigen, TokenStream, trainVectors, VECTOR_DEFAULTS, type Csr } from '../../src/learn/vectors/ppmi.js';
import { encodeModel } from '../../src/learn/model-file.js';
import { decodeWordVectors, encodeVectors, WordVectors } from '../../src/store/vectors.js';

describe('linear algebra for the word vectors', () => {
  it('finds the eigenvalues and eigenvectors of a symmetric matrix', () => {
    // [[2,1,0],[1,2,0],[0,0,5]]: eigenvalues 1, 3, 5.
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect([...values].sort((a, b) => a - b).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1, 3, 5]);
    // A v = λ v for each column.
    const m = [2, 1, 0, 1, 2, 0, 0, 0, 5];
    for (let c = 0; c < 3; c++) {
      for (let r = 0; r < 3; r++) {
        let av = 0;
        for (let k = 0; k < 3; k++) av += m[r * 3 + k]! * vectors[k * 3 + c]!;
        expect(av).toBeCloseTo(values[c]! * vectors[r * 3 + c]!, 8);
      }
    }
  });

  it('orthonormalises columns', () => {
    const x = Float64Array.from([1, 1, 1, 2, 0, 3]); // 3 × 2
    orthonormalise(x, 3, 2);
    const dot = (a: number, b: number) => x[a]! * x[b]! + x[2 + a]! * x[2 + b]! + x[4 + a]! * x[4 + b]!;
    expect(dot(0, 0)).toBeCloseTo(1, 10);
    expect(dot(1, 1)).toBeCloseTo(1, 10);
    expect(dot(0, 1)).toBeCloseTo(0, 10);
  });

  it('recovers the top singular values of a sparse matrix, the same for the same seed', () => {
    // diag(5, 3, 1, 0.5) with one off-diagonal pair, as compressed rows.
    const a: Csr = { rows: 4, cols: 4, start: Int32Array.from([0, 1, 2, 3, 4]), col: Int32Array.from([0, 1, 2, 3]), value: Float32Array.from([5, 3, 1, 0.5]) };
    const one = randomizedSvd(a, 2, 2, 3, 11);
    expect(one.sigma[0]).toBeCloseTo(5, 6);
    expect(one.sigma[1]).toBeCloseTo(3, 6);
    const two = randomizedSvd(a, 2, 2, 3, 11);
    expect([...two.u]).toEqual([...one.u]);
  });

  it('lists the nearest rows by cosine, best first', () => {
    // Unit rows in 2-D at angles 0°, 10°, 90°, 100°.
    const rad = (d: number) => (d * Math.PI) / 180;
    const v = Float32Array.from([0, 10, 90, 100].flatMap((d) => [Math.cos(rad(d)), Math.sin(rad(d))]));
    const nb = nearestNeighbours(v, 4, 2, 2);
    expect(nb.k).toBe(2);
    expect([...nb.rows.subarray(0, 2)]).toEqual([1, 2]);
    expect([...nb.rows.subarray(4, 6)]).toEqual([3, 1]);
    expect(nb.cosines[0]).toBeCloseTo(Math.cos(rad(10)), 5);
  });
});

describe('word vectors', () => {
  it('puts words used in the same contexts next to each other', () => {
    const s = new TokenStream();
    const pets = ['cat', 'dog'];
    const tools = ['hammer', 'wrench'];
    for (let i = 0; i < 300; i++) {
      const pet = pets[i % 2]!;
      const tool = tools[(i >> 1) % 2]!;
      s.add(['feed', 'the', pet, 'fur', 'purr', 'bark', 'leash'].map((w) => (w === 'the' ? pet : w)));
      s.add(['grab', tool, 'nail', 'bolt', 'workshop', 'steel']);
    }
    const v = trainVectors(s, { ...VECTOR_DEFAULTS, vocabulary: 100, dimensions: 4, minCount: 2, neighbours: 3, oversample: 4 });
    const words = new WordVectors(v.words, v.dimensions, v.vectors, v.neighbours);
    const near = (w: string) => words.nearest(w).map((x) => x.word);
    expect(near('cat')).toContain('dog');
    expect(near('hammer')).toContain('wrench');
    expect(near('cat')).not.toContain('hammer');
    // Same input, same vectors.
    const again = trainVectors(s, { ...VECTOR_DEFAULTS, vocabulary: 100, dimensions: 4, minCount: 2, neighbours: 3, oversample: 4 });
    expect([...again.vectors]).toEqual([...v.vectors]);
  });

  it('survives the model file: words, neighbours, and vectors within int8 rounding', () => {
    const words = ['alpha', 'beta', 'gamma'];
    const data = Float32Array.from([0.6, 0.8, 0, 1, -0.28, 0.96]);
    const neighbours = { k: 1, rows: Int32Array.from([1, 0, 0]), cosines: Float32Array.from([0.8, 0.8, -0.168]) };
    const bytes = encodeModel(encodeVectors(words, 2, data, neighbours, { test: true }));
    const back = decodeWordVectors(bytes);
    expect(back.words).toEqual(words);
    expect(back.row('gamma')).toBe(2);
    expect(back.row('delta')).toBe(-1);
    expect(back.nearest('alpha')).toEqual([{ word: 'beta', cosine: expect.closeTo(0.8, 2) }]);
    for (let i = 0; i < data.length; i++) expect(back.data[i]).toBeCloseTo(data[i]!, 2);
    expect(() => decodeWordVectors(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated|checksum|past the end/);
  });
});
