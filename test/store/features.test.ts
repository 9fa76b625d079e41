import { describe, expect, it } from 'vitest';
import type { FactCheck, SearchHit } from '../../src/store/factchecks.js';
import { attachVectors, FEATURES, pairFeatures, querySide, codeJaccard, trigramCodes, tweetEmbed } from '../../src/store/features.js';
import { cleanText } from '../../src/store/match.js';
import { indexText } from '../../src/store/terms.js';
import { WordVectors } from '../../src/store/vectors.js';

const at = (name: (typeof FEATURES)[number]) => FEATURES.indexOf(name);

function hit(claim: string, title?: string): SearchHit {
  const f: FactCheck = { id: 1, key: 'k', claim, verdict: 'false', source: 'claimreview', appearances: [], importedAt: '', updatedAt: '' };
  if (title !== undefined) f.title = title;
  return { factCheck: f, bm25: 5, claimStems: indexText(claim), titleStems: indexText(title) };
}

// Two dimensions are enough: the matcher reads the neighbour lists.
const space = new WordVectors(['photo', 'photograph', 'flood'], 2, Float32Array.from([1, 0, 0.9, 0.436, 0, 1]), {
  k: 1,
  rows: Int32Array.from([1, 0, -1]),
  cosines: Float32Array.from([0.9, 0.9, 0]),
});

describe('pair features', () => {
  it('reads a tweet embed footer: author and year, the body apart', () => {
    expect(tweetEmbed('Water everywhere pic.twitter.com/abc — Jane Q. Doe (@jdoe) May 24, 2019')).toEqual({ body: 'Water everywhere pic.twitter.com/abc', author: 'Jane Q. Doe', year: '2019' });
    expect(tweetEmbed('Cut short — Jane Doe (@jdoe) October 03, 20')).toEqual({ body: 'Cut short', author: 'Jane Doe' });
    expect(tweetEmbed('An ordinary sentence — with a dash, and no handle.')).toEqual({ body: 'An ordinary sentence — with a dash, and no handle.' });
  });

  it('counts a nearest neighbour as a soft match, each side weighted by IDF', () => {
    const raw = 'A photo of the flood pic.twitter.com/xyz';
    const q = querySide(cleanText(raw), raw, cleanText);
    attachVectors(q, space, () => 1);
    const x = pairFeatures(q, hit('A photograph shows the flood'), () => 1, { claim: 4, title: 4 });
    // Query stems photo (0.9 to photograph) and flood (1); claim stems photograph (0.9), show (0), flood (1).
    expect(x[at('softQuery')]).toBeCloseTo((0.9 + 1) / 2, 5);
    expect(x[at('softClaim')]).toBeCloseTo((0.9 + 0 + 1) / 3, 5);
    expect(x[at('pictureVisual')]).toBe(1);
    expect(x[at('visualNoPicture')]).toBe(0);
    // Without vectors, the soft features are 0 and the exact ones unchanged.
    const plain = pairFeatures(querySide(cleanText(raw), raw, cleanText), hit('A photograph shows the flood'), () => 1, { claim: 4, title: 4 });
    expect(plain[at('softQuery')]).toBe(0);
    expect(plain[at('queryCoverage')]).toBeCloseTo(x[at('queryCoverage')]!, 10);
  });

  it('reads the footer: author named in the claim, the year shared or another year', () => {
    const raw = 'The dam will not hold, evacuate now — Mary Smith (@msmith) March 3, 2018';
    const q = querySide(cleanText(raw), raw, cleanText);
    const named = pairFeatures(q, hit('Mary Smith said a dam would break in 2018'), () => 1, { claim: 8, title: 4 });
    expect(named[at('authorCoverage')]).toBe(1);
    expect(named[at('yearShared')]).toBe(1);
    expect(named[at('otherYear')]).toBe(0);
    const other = pairFeatures(q, hit('A dam broke in 1999'), () => 1, { claim: 8, title: 4 });
    expect(other[at('authorCoverage')]).toBe(0);
    expect(other[at('otherYear')]).toBe(1);
    // The body leaves the footer out: "smith" is not part of it.
    const footerOnly = pairFeatures(q, hit('Smith'), () => 1, { claim: 1, title: 4 });
    expect(footerOnly[at('bodyCoverage')]).toBe(0);
    expect(footerOnly[at('queryCoverage')]).toBeGreaterThan(0);
  });

  it('character trigrams as sorted codes give the Jaccard similarity of the trigram sets', () => {
    const a = trigramCodes(['flood', 'water']);
    const b = trigramCodes(['flood', 'waters']);
    const set = (ws: string[]) => {
      const s = ' ' + ws.join(' ') + ' ';
      return new Set(Array.from({ length: s.length - 2 }, (_, i) => s.slice(i, i + 3)));
    };
    const sa = set(['flood', 'water']);
    const sb = set(['flood', 'waters']);
    const shared = [...sa].filter((t) => sb.has(t)).length;
    expect(a.length).toBe(sa.size);
    expect(codeJaccard(a, b)).toBeCloseTo(shared / (sa.size + sb.size - shared), 12);
    expect(codeJaccard(a, new Float64Array(0))).toBe(0);
    // The feature counts the same without building the fact-check's set.
    const q = querySide('flood water');
    const x = pairFeatures(q, hit('flood waters'), () => 1, { claim: 2, title: 4 });
    expect(x[at('charTrigrams')]).toBeCloseTo(codeJaccard(a, b), 12);
  });
});
