import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CredenceError } from '../../src/article/errors.js';
import { readFnc1 } from '../../src/evaluate/fnc1.js';
import { DEV, DROPPED, stanceFolds, stanceSplit, TRAIN, unrelatedShareWeights } from '../../src/evaluate/stance-split.js';

function files(bodies: string, stances: string, gzip = false): { b: string; s: string } {
  const dir = mkdtempSync(join(tmpdir(), 'credence-fnc1-'));
  const b = join(dir, gzip ? 'bodies.csv.gz' : 'bodies.csv');
  const s = join(dir, gzip ? 'stances.csv.gz' : 'stances.csv');
  writeFileSync(b, gzip ? gzipSync(bodies) : bodies);
  writeFileSync(s, gzip ? gzipSync(stances) : stances);
  return { b, s };
}

const BODIES = 'Body ID,articleBody\n1,"A body\n\nwith two paragraphs, and ""quotes""."\n2,Another body.\n';

describe('readFnc1', () => {
  it('reads plain and gzipped files in the FNC-1 layout', () => {
    for (const gzip of [false, true]) {
      const { b, s } = files(BODIES, 'Headline,Body ID,Stance\nA claim,1,agree\nOther claim,2,unrelated\n', gzip);
      const d = readFnc1(b, s);
      expect(d.bodies.get('1')).toBe('A body\n\nwith two paragraphs, and "quotes".');
      expect(d.pairs).toEqual([
        { headline: 'A claim', bodyId: '1', stance: 'agree', line: 2 },
        { headline: 'Other claim', bodyId: '2', stance: 'unrelated', line: 3 },
      ]);
    }
  });

  it('reads an unlabelled stances file (no Stance column)', () => {
    const { b, s } = files(BODIES, 'Headline,Body ID\nA claim,2\n');
    expect(readFnc1(b, s).pairs).toEqual([{ headline: 'A claim', bodyId: '2', line: 2 }]);
  });

  it('reports each bad row on one line with file and line, and goes on', () => {
    const { b, s } = files(BODIES, 'Headline,Body ID,Stance\nOk,1,discuss\nMissing body,9,agree\nBad label,1,refutes\n,1,agree\nShort row\nOk too,2,DISAGREE\n');
    const problems: CredenceError[] = [];
    const d = readFnc1(b, s, (e) => problems.push(e));
    expect(d.pairs.map((p) => p.headline)).toEqual(['Ok', 'Ok too']);
    expect(d.pairs[1]!.stance).toBe('disagree');
    expect(d.skipped.stances).toBe(4);
    const lines = problems.map((p) => p.describe());
    expect(lines[0]).toMatch(/stances\.csv:3: field "Body ID": .*"9"/);
    expect(lines[1]).toMatch(/stances\.csv:4: field "Stance": expected one of agree, disagree, discuss, unrelated; got "refutes"/);
    expect(lines[2]).toMatch(/stances\.csv:5: field "Headline": expected a headline/);
    expect(lines[3]).toMatch(/stances\.csv:6: expected 3 columns/);
  });

  it('reports an empty body and skips the headlines on it, instead of scoring them against nothing', () => {
    const { b, s } = files('Body ID,articleBody\n1,Some text.\n2,""\n3,"   "\n', 'Headline,Body ID,Stance\nA,1,agree\nB,2,agree\nC,3,discuss\n');
    const problems: CredenceError[] = [];
    const d = readFnc1(b, s, (e) => problems.push(e));
    expect(d.pairs.map((p) => p.headline)).toEqual(['A']);
    expect(d.skipped).toEqual({ bodies: 2, stances: 2 });
    const lines = problems.map((p) => p.describe());
    expect(lines[0]).toMatch(/bodies\.csv:3: field "articleBody": expected the text of body "2"; got an empty value/);
    expect(lines[2]).toMatch(/stances\.csv:3: field "Body ID": body "2" of .*bodies\.csv is empty/);
  });

  it('refuses a file without a required column', () => {
    const { b, s } = files('Body ID,text\n1,x\n', 'Headline,Body ID,Stance\n');
    expect(() => readFnc1(b, s)).toThrow(/expected a "articleBody" column/);
  });
});

describe('stanceSplit', () => {
  // Two bodies per claim, two headlines per claim; claim c's pairs are related, cross-claim pairs unrelated.
  const claims = 20;
  const bodies = new Map<string, string>();
  const pairs: { headline: string; bodyId: string; stance: 'agree' | 'discuss' | 'unrelated' }[] = [];
  for (let c = 0; c < claims; c++) {
    for (const k of [0, 1]) bodies.set(`${c}-${k}`, `body ${c} ${k}`);
  }
  bodies.set('dup', 'BODY 3  0'); // the same text as body 3-0: must stay with it
  for (let c = 0; c < claims; c++) {
    for (const h of [0, 1]) {
      for (const k of [0, 1]) pairs.push({ headline: `Headline ${c} ${h}`, bodyId: `${c}-${k}`, stance: k === 0 ? 'agree' : 'discuss' });
      pairs.push({ headline: `Headline ${c} ${h}`, bodyId: `${(c + 5) % claims}-0`, stance: 'unrelated' });
    }
  }
  pairs.push({ headline: 'Headline 7 0', bodyId: 'dup', stance: 'unrelated' });

  it('puts no body text and no headline on both sides', () => {
    const split = stanceSplit(pairs, bodies, 0.25, 1);
    const side = (key: (i: number) => string): void => {
      const seen = new Map<string, number>();
      pairs.forEach((_, i) => {
        if (split.part[i] === DROPPED) return;
        const k = key(i);
        const before = seen.get(k);
        if (before !== undefined) expect(split.part[i]).toBe(before);
        else seen.set(k, split.part[i]!);
      });
    };
    side((i) => pairs[i]!.headline.toLowerCase());
    side((i) => bodies.get(pairs[i]!.bodyId)!.toLowerCase().replace(/\s+/g, ' '));
    expect([...split.part].filter((p) => p === DEV).length).toBeGreaterThan(0);
    expect([...split.part].filter((p) => p === TRAIN).length).toBeGreaterThan(0);
    // Only unrelated pairs are ever dropped.
    pairs.forEach((p, i) => {
      if (split.part[i] === DROPPED) expect(p.stance).toBe('unrelated');
    });
    expect(split.claims).toBe(claims);
  });

  it('makes folds whose test pairs share no claim with their training pairs', () => {
    const folds = stanceFolds(pairs, bodies, 4, 1);
    for (let f = 0; f < 4; f++) {
      const testHeads = new Set(pairs.filter((_, i) => folds.testFold[i] === f).map((p) => p.headline));
      const trainHeads = pairs.filter((_, i) => folds.headlineFold[i] !== f && folds.bodyFold[i] !== f).map((p) => p.headline);
      for (const h of trainHeads) expect(testHeads.has(h)).toBe(false);
    }
  });

  it('reweighs unrelated pairs to a given share', () => {
    const w = unrelatedShareWeights([3, 3, 0, 1], 0.75);
    // 2 related weigh 1 each; 2 unrelated must weigh 6 in all.
    expect(w[0]! + w[1]!).toBeCloseTo(6, 12);
    expect(w[2]).toBe(1);
  });
});
