/**
 * `credence stance train|eval` and `credence stance --claim` end to end on invented FNC-1 layout files,
 * and the headline section `credence analyze` adds to every report with a title and a body.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toyPairs, type Toy } from '../helpers/stance-toy.js';
import { COUNCIL, credence, expectNoStack, REPO, tempFolder } from './helpers.js';

const SMALL = [
  ['idfBits', 12],
  ['related.rounds', 20],
  ['related.maxDepth', 3],
  ['stance.rounds', 30],
  ['stance.maxDepth', 3],
  ['stanceBags', 1],
  ['text.bits', 12],
  ['text.folds', 2],
].flatMap(([k, v]) => ['--set', `${k}=${v}`]);

/** Writes toy pairs as an FNC-1 bodies file and stances file; returns their names. */
function writeFnc1(dir: string, name: string, toys: Toy[], gzip = false): { bodies: string; stances: string } {
  const ids = new Map<string, number>();
  for (const t of toys) if (!ids.has(t.body)) ids.set(t.body, ids.size + 1);
  const bodies = stringify([['Body ID', 'articleBody'], ...[...ids].map(([text, id]) => [String(id), text])]);
  const stances = stringify([['Headline', 'Body ID', 'Stance'], ...toys.map((t) => [t.headline, String(ids.get(t.body)), t.stance])]);
  const ext = gzip ? '.csv.gz' : '.csv';
  const files = { bodies: `${name}-bodies${ext}`, stances: `${name}-stances${ext}` };
  writeFileSync(join(dir, files.bodies), gzip ? gzipSync(bodies) : bodies);
  writeFileSync(join(dir, files.stances), gzip ? gzipSync(stances) : stances);
  return files;
}

interface EvalJson {
  fncScore: number;
  maxScore: number;
  relativeScore: number;
  macroF1: number;
  perClassF1: Record<string, number>;
  confusion: number[][];
}

let dir: string;
let remove: () => void;
let train: { bodies: string; stances: string };
let test: { bodies: string; stances: string };
let testToys: Toy[];

beforeAll(() => {
  ({ dir, remove } = tempFolder('credence-stance-'));
  train = writeFnc1(dir, 'train', toyPairs(1, 24), true);
  testToys = toyPairs(2, 8, 24);
  test = writeFnc1(dir, 'test', testToys);
  const r = credence(['stance', 'train', '--bodies', train.bodies, '--stances', train.stances, '--out', 'toy.cdm', '--holdout', '0.25', ...SMALL], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});
afterAll(() => remove());

describe('credence stance train', () => {
  it('writes the model and a card with held-out figures and the training files’ hashes', () => {
    expect(existsSync(join(dir, 'toy.cdm'))).toBe(true);
    const card = readFileSync(join(dir, 'toy.md'), 'utf8');
    expect(card).toMatch(/^# credence-stance/);
    expect(card).toMatch(/## Metrics/);
    expect(card).toMatch(/claims held out/);
    expect(card).toMatch(/train-bodies\.csv\.gz`: SHA-256 `[0-9a-f]{64}`/);
    expect(card).toMatch(/Confusion matrix/);
  });

  it('refuses a setting out of range before any work, naming it', () => {
    const r = credence(['stance', 'train', '--bodies', train.bodies, '--stances', train.stances, '--out', 'x.cdm', '--set', 'related.maxDepth=99'], dir);
    expect(r.code).toBe(1);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/setting "related\.maxDepth"/);
    expect(existsSync(join(dir, 'x.cdm'))).toBe(false);
  });

  it('refuses a stances file without a Stance column', () => {
    writeFileSync(join(dir, 'nolabel.csv'), 'Headline,Body ID\nA claim,1\n');
    const r = credence(['stance', 'train', '--bodies', train.bodies, '--stances', 'nolabel.csv', '--out', 'x.cdm'], dir);
    expect(r.code).toBe(1);
    expect(r.errLines.join('\n')).toMatch(/nolabel\.csv.*"Stance" column/);
    expectNoStack(r);
  });
});

describe('credence stance eval', () => {
  it('prints the FNC-1 score, macro-F1, per-class F1 and confusion as one JSON object, on claims it never saw', () => {
    const r = credence(['stance', 'eval', '--model', 'toy.cdm', '--bodies', test.bodies, '--stances', test.stances, '--json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as EvalJson;
    expect(Object.keys(m).sort()).toEqual(['confusion', 'fncScore', 'macroF1', 'maxScore', 'perClassF1', 'relativeScore']);
    const related = testToys.filter((t) => t.stance !== 'unrelated').length;
    expect(m.maxScore).toBe(related + 0.25 * (testToys.length - related));
    expect(m.fncScore).toBeLessThanOrEqual(m.maxScore);
    expect(m.relativeScore).toBeCloseTo((100 * m.fncScore) / m.maxScore, 9);
    expect(m.relativeScore).toBeGreaterThan(85);
    expect(m.macroF1).toBeGreaterThan(0.8);
    expect(Object.keys(m.perClassF1)).toEqual(['agree', 'disagree', 'discuss', 'unrelated']);
    expect(m.confusion.flat().reduce((a, b) => a + b, 0)).toBe(testToys.length);
    // Row sums are the gold counts, in FNC-1 order.
    expect(m.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(
      (['agree', 'disagree', 'discuss', 'unrelated'] as const).map((s) => testToys.filter((t) => t.stance === s).length),
    );
  });

  it('prints a readable table by default', () => {
    const r = credence(['stance', 'eval', '--model', 'toy.cdm', '--bodies', test.bodies, '--stances', test.stances], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FNC-1 score\s+[\d.]+ of [\d.]+/);
    expect(r.stdout).toMatch(/relative score\s+[\d.]+ %/);
    expect(r.stdout).toMatch(/^disagree\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\d+$/m);
  });

  it('warns when the files scored are the model’s own training data', () => {
    const r = credence(['stance', 'eval', '--model', 'toy.cdm', '--bodies', train.bodies, '--stances', train.stances, '--json'], dir);
    expect(r.code).toBe(0);
    expect(r.errLines).toEqual([expect.stringMatching(/part of this model's training data; these figures are not held-out/)]);
  });

  it('reports each bad row on one line with file and line, scores the rest, and counts what was skipped', () => {
    const lines = readFileSync(join(dir, test.stances), 'utf8').trimEnd().split('\n');
    const bad = [...lines.slice(0, 4), 'A claim,999,agree', `${lines[1]!.replace(/,[a-z]+$/, ',refutes')}`, ',1,agree', ...lines.slice(4)];
    writeFileSync(join(dir, 'bad-stances.csv'), bad.join('\n') + '\n');
    const r = credence(['stance', 'eval', '--model', 'toy.cdm', '--bodies', test.bodies, '--stances', 'bad-stances.csv', '--json'], dir);
    expect(r.code).toBe(2);
    expectNoStack(r);
    expect(r.errLines[0]).toMatch(/bad-stances\.csv:5: field "Body ID": .*"999"/);
    expect(r.errLines[1]).toMatch(/bad-stances\.csv:6: field "Stance": expected one of agree, disagree, discuss, unrelated; got "refutes"/);
    expect(r.errLines[2]).toMatch(/bad-stances\.csv:7: field "Headline": expected a headline/);
    expect(r.errLines.at(-1)).toMatch(new RegExp(`scored ${testToys.length} pairs; 3 rows skipped`));
    const m = JSON.parse(r.stdout) as EvalJson;
    expect(m.confusion.flat().reduce((a, b) => a + b, 0)).toBe(testToys.length);
  });

  it('refuses a corrupt model file with one clear line', () => {
    writeFileSync(join(dir, 'broken.cdm'), readFileSync(join(dir, 'toy.cdm')).subarray(0, 200));
    const r = credence(['stance', 'eval', '--model', 'broken.cdm', '--bodies', test.bodies, '--stances', test.stances], dir);
    expect(r.code).toBe(1);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/broken\.cdm/);
  });
});

describe('credence stance --claim', () => {
  beforeAll(() => {
    mkdirSync(join(dir, 'articles'), { recursive: true });
    // Three bodies about one toy claim (agree, disagree, discuss) and one about another claim.
    const claim = testToys[0]!.headline;
    const related = testToys.filter((t) => t.headline === claim && t.stance !== 'unrelated');
    const other = testToys.find((t) => t.headline !== claim && t.stance === 'agree')!;
    [...related, other].forEach((t, i) => writeFileSync(join(dir, 'articles', `a${i}.txt`), `Report ${i}\n\n${t.body}\n`));
  });

  it('ranks the articles by stance towards the claim, with evidence offsets into each article', () => {
    const claim = testToys[0]!.headline;
    const r = credence(['stance', '--model', 'toy.cdm', '--claim', claim, '--format', 'jsonl', 'articles'], dir);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; stance: string; probabilities: Record<string, number>; evidence: { start: number; end: number; text: string }[] });
    expect(rows).toHaveLength(4);
    const order = ['agree', 'disagree', 'discuss', 'unrelated'];
    const ranks = rows.map((x) => order.indexOf(x.stance));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rows.at(-1)!.stance).toBe('unrelated');
    expect(new Set(rows.slice(0, 3).map((x) => x.stance))).toEqual(new Set(['agree', 'disagree', 'discuss']));
    for (const row of rows) {
      expect(Object.values(row.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      const name = /a\d\.txt/.exec(row.id)![0];
      const file = readFileSync(join(dir, 'articles', name), 'utf8').trim();
      const text = file; // "Report i", a blank line, the body: as the plain-text reader lays it out
      for (const e of row.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    }
    const text = credence(['stance', '--model', 'toy.cdm', '--claim', claim, 'articles'], dir);
    expect(text.stdout.split('\n')[0]).toMatch(/^id\s+stance\s+agree\s+disagree\s+discuss\s+unrelated\s+best evidence$/);
    expect(text.errLines.at(-1)).toMatch(/read 4 articles against the claim \(1 agree, 1 disagree, 1 discuss, 1 unrelated\)/);
  });

  it('asks for a claim, and for something to read', () => {
    const none = credence(['stance', 'articles'], dir);
    expect(none.code).toBe(1);
    expect(none.errLines[0]).toMatch(/expected --claim "TEXT"/);
    const empty = credence(['stance', '--claim', '  ', 'articles'], dir);
    expect(empty.errLines[0]).toMatch(/--claim: expected the text of a claim/);
    const noInput = credence(['stance', '--claim', 'x'], dir);
    expect(noInput.errLines[0]).toMatch(/expected files, folders or -/);
  });
});

describe('the headline section of credence analyze', () => {
  interface Headline {
    stance: string;
    probabilities: Record<string, number>;
    evidence: { start: number; end: number; role: string }[];
    model: string;
  }

  it('is in every report with a title and a body, on the bundled model, with evidence inside the body', () => {
    writeFileSync(join(dir, 'council.txt'), COUNCIL);
    const r = credence(['analyze', '--format', 'json', 'council.txt'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { article: { bodyStart: number; length: number }; headline: Headline };
    const h = report.headline;
    expect(['agree', 'disagree', 'discuss', 'unrelated']).toContain(h.stance);
    expect(Object.values(h.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(h.probabilities[h.stance]).toBe(Math.max(...Object.values(h.probabilities)));
    expect(h.model).toBe('credence-stance');
    for (const e of h.evidence) {
      expect(e.start).toBeGreaterThanOrEqual(report.article.bodyStart);
      expect(e.end).toBeLessThanOrEqual(report.article.length);
      expect(['supports', 'contradicts', 'discusses']).toContain(e.role);
    }
    expect(existsSync(join(REPO, 'models', 'stance.md'))).toBe(true);
  });

  it('says in words when the headline is not backed by its body', () => {
    // A toy claim read against a body of another claim: the toy model calls it unrelated.
    const t = testToys.find((x) => x.stance === 'unrelated')!;
    writeFileSync(join(dir, 'mismatch.txt'), `${t.headline}\n\n${t.body}\n`);
    const r = credence(['analyze', '--stance-model', 'toy.cdm', 'mismatch.txt'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Headline\s+NOT BACKED\s+the body is about something other than its headline/m);
    const csv = credence(['analyze', '--stance-model', 'toy.cdm', '--format', 'csv', 'mismatch.txt'], dir);
    expect(csv.stdout.split('\n')[0]).toContain('headline_stance');
    expect(csv.stdout.split('\n')[1]).toContain(',unrelated,');
  });

  it('is left out with --no-headline, and for an article without a title', () => {
    const off = JSON.parse(credence(['analyze', '--format', 'json', '--no-headline', 'council.txt'], dir).stdout) as { headline?: unknown };
    expect(off.headline).toBeUndefined();
    const noTitle = credence(['analyze', '--format', 'json', '-'], dir, JSON.stringify({ id: 'x', title: '', text: 'The council met on Tuesday. It approved the budget.' }) + '\n');
    expect(noTitle.code).toBe(0);
    expect((JSON.parse(noTitle.stdout) as { headline?: unknown }).headline).toBeUndefined();
  });

  it('refuses --stance-model with --no-headline', () => {
    const r = credence(['analyze', '--no-headline', '--stance-model', 'toy.cdm', 'council.txt'], dir);
    expect(r.code).toBe(1);
    expect(r.errLines[0]).toMatch(/--stance-model and --no-headline: choose one/);
  });
});
