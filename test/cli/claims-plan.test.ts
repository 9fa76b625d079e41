/**
 * Which sentences train and which are held out in `credence claims worthiness-train`: the guard against
 * leaks between ClaimBuster's overlapping files, between CheckThat! editions, and into test sets.
 */
import { describe, expect, it } from 'vitest';
import type { WorthinessFile, WorthinessRecord } from '../../src/cli/claims-data.js';
import { planRows } from '../../src/cli/claims-train.js';

let line = 0;
const single = (id: string, text: string, y: 0 | 1): WorthinessRecord => ({ id, text, y, debate: null, line: ++line, speaker: null, position: line });
const spoken = (debate: string, text: string, y: 0 | 1): WorthinessRecord => ({ id: `${debate}:${line}`, text, y, debate, line: ++line, speaker: 'A', position: line });
const file = (name: string, records: WorthinessRecord[]): WorthinessFile => ({ file: name, sha256: name, records, skipped: 0 });

describe('planRows', () => {
  const singlesA = Array.from({ length: 40 }, (_, i) => single(`s${i}`, `Sentence number ${i} says a thing.`, (i % 4 === 0 ? 1 : 0) as 0 | 1));
  // The second file repeats half of the first by id, and one more by text under a new id.
  const singlesB = [...singlesA.slice(0, 20), single('other-id', 'Sentence number 3 says a thing.', 0), single('s99', 'A sentence of its own.', 1)];
  const edition2019 = file('2019', [spoken('shared', 'Old label of a line.', 0), spoken('only2019', 'Only in 2019.', 1), spoken('tested', 'A line of the test debate.', 1)]);
  const edition2020 = file('2020', [spoken('shared', 'New label of a line.', 1), spoken('d2020', 'Sentence number 5 says a thing.', 1), spoken('d2020', 'Thank you.', 0)]);
  const files = [file('a', singlesA), file('b', singlesB), edition2019, edition2020];
  const plan = planRows(files, new Set(['tested']), new Set(['thank you.']), 0.25, 5);
  const trainTexts = plan.train.map((p) => p.record.text.toLowerCase());

  it('counts each single sentence once, by id and then by text', () => {
    expect(plan.singles).toBe(41);
    const ids = plan.train.filter((p) => p.record.debate === null).map((p) => p.record.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('other-id');
  });

  it('holds out a stratified share, and never trains on a held-out text, whichever file has it', () => {
    // 41 distinct: 30 not check-worthy, 11 check-worthy → round(0.25 × 30) + round(0.25 × 11).
    expect(plan.heldOut.length).toBe(8 + 3);
    expect(plan.heldOut.filter((r) => r.y === 1).length).toBe(3);
    for (const r of plan.heldOut) expect(trainTexts).not.toContain(r.text.toLowerCase());
  });

  it('takes a transcript from the last file that has it, and drops excluded transcripts and texts', () => {
    const shared = plan.train.filter((p) => p.record.debate === 'shared');
    expect(shared.map((p) => p.record.text)).toEqual(['New label of a line.']);
    expect(shared[0]!.file).toBe(3);
    expect(plan.train.some((p) => p.record.debate === 'only2019')).toBe(true);
    expect(plan.train.some((p) => p.record.debate === 'tested')).toBe(false);
    expect(trainTexts).not.toContain('thank you.');
  });

  it('is the same split from the same seed, and another from another', () => {
    const again = planRows(files, new Set(['tested']), new Set(['thank you.']), 0.25, 5);
    expect(again.heldOut.map((r) => r.id)).toEqual(plan.heldOut.map((r) => r.id));
    const other = planRows(files, new Set(['tested']), new Set(['thank you.']), 0.25, 6);
    expect(other.heldOut.map((r) => r.id)).not.toEqual(plan.heldOut.map((r) => r.id));
  });
});
