/**
 * `credence claims worthiness-train`, `worthiness-eval` and the report's claims, end to end on invented
 * sentences (single sentences and transcripts); bad lines with their exact stderr lines and exit codes.
 * One check runs the bundled model on invented sentences; the dataset figures live in BENCHMARKS.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_KINDS } from '../../src/article/report.js';
import { COUNCIL, credence, expectNoStack, REPO, tempFolder } from './helpers.js';

let dir: string;
let remove: () => void;

const PLACES = ['Ohio', 'Texas', 'Maine', 'Oregon', 'Iowa', 'Nevada', 'Utah'];
const THINGS = ['unemployment', 'the deficit', 'crime', 'gas prices', 'the debt', 'enrolment', 'rent'];
const TALK = [
  'I think we have to come together as a country.',
  'Thank you so much for having me tonight.',
  'Let me tell you, that is a wonderful question.',
  'We love our families and we love our towns.',
  'I want to talk about the future with you.',
  'Well, you know, I really do believe in this.',
];

/** Other talk, for the test transcripts: sentences with the text of a test sentence never train. */
const OTHER_TALK = [
  'I am so glad to be here with all of you.',
  'We need to listen to each other more.',
  'Good evening and welcome to the debate.',
  'Let us move on to the next question.',
];

/** Invented labelled sentences as JSON-lines records; `debate` names a transcript when given. */
function sentences(n: number, seed: number, debate?: (i: number) => string, talk = TALK): Record<string, unknown>[] {
  let state = seed;
  const next = (k: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % k;
  };
  return Array.from({ length: n }, (_, i) => {
    const worthy = next(10) < 3;
    const text = worthy
      ? `In ${PLACES[next(PLACES.length)]}, ${THINGS[next(THINGS.length)]} rose ${1 + next(60)} percent since ${1980 + next(40)}.`
      : talk[next(talk.length)]!;
    return { id: `${seed}-${i}`, text, label: worthy ? 'check-worthy' : 'not-check-worthy', ...(debate ? { debate: debate(i), line: i + 1 } : {}) };
  });
}

const lines = (records: Record<string, unknown>[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const SMALL = ['--set', 'features.bits=12', '--set', 'cGrid=[1]', '--set', 'folds=3'];

beforeAll(() => {
  ({ dir, remove } = tempFolder());
  writeFileSync(join(dir, 'singles.jsonl'), lines(sentences(300, 7)));
  writeFileSync(join(dir, 'debates.jsonl.gz'), gzipSync(lines(sentences(300, 8, (i) => `debate-${i % 5}`))));
  writeFileSync(join(dir, 'test-debates.jsonl'), lines(sentences(120, 9, (i) => `test-${i % 3}`, OTHER_TALK)));
  const run = credence(
    ['claims', 'worthiness-train', '--data', 'singles.jsonl', '--data', 'debates.jsonl.gz', '--exclude', 'test-debates.jsonl', '--heldout-out', 'heldout.jsonl', '--out', 'w.cdm', ...SMALL],
    dir,
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  writeFileSync(join(dir, 'council.txt'), COUNCIL);
});
afterAll(() => remove());

describe('credence claims worthiness-train', () => {
  it('writes the model, its card with the rebuild command, and the held-out sentences', () => {
    expect(existsSync(join(dir, 'w.cdm'))).toBe(true);
    const card = readFileSync(join(dir, 'w.md'), 'utf8');
    expect(card).toContain('| rebuild with | `credence claims worthiness-train --data singles.jsonl');
    expect(card).toMatch(/Held out: \d+ of the \d+ distinct single sentences/);
    const heldOut = readFileSync(join(dir, 'heldout.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string });
    // 20 % of each class of the distinct single sentences (the invented ones repeat a lot).
    expect(heldOut.length).toBeGreaterThan(0);
    expect(heldOut.some((r) => r.label === 'check-worthy')).toBe(true);
  });

  it('refuses a bad setting and a missing folder before any work', () => {
    const bad = credence(['claims', 'worthiness-train', '--data', 'singles.jsonl', '--out', 'x.cdm', '--set', 'features.bits=40'], dir);
    expect(bad.code).toBe(1);
    expect(bad.errLines).toEqual(['credence: error: --set: setting "features.bits": expected at most 24, got 40']);
    const nowhere = credence(['claims', 'worthiness-train', '--data', 'singles.jsonl', '--out', 'no/such/x.cdm'], dir);
    expect(nowhere.code).toBe(1);
    expect(nowhere.errLines).toEqual(['credence: error: --out no/such/x.cdm: no such folder "no/such"']);
  });
});

describe('credence claims worthiness-eval', () => {
  it('prints precision, recall, F1 and ROC-AUC of single sentences, without MAP', () => {
    const run = credence(['claims', 'worthiness-eval', '--model', 'w.cdm', '--data', 'heldout.jsonl', '--json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const m = JSON.parse(run.stdout) as Record<string, number>;
    expect(Object.keys(m).sort()).toEqual(['f1', 'precision', 'recall', 'rocAuc']);
    expect(m.rocAuc).toBeGreaterThan(0.9);
    expect(m.f1).toBeGreaterThan(0.8);
  });

  it('adds MAP over transcripts when the records name them', () => {
    const run = credence(['claims', 'worthiness-eval', '--model', 'w.cdm', '--data', 'test-debates.jsonl', '--json'], dir);
    expect(run.code).toBe(0);
    const m = JSON.parse(run.stdout) as Record<string, number>;
    expect(m.map).toBeGreaterThan(0.9);
    const text = credence(['claims', 'worthiness-eval', '--model', 'w.cdm', '--data', 'test-debates.jsonl'], dir);
    expect(text.stdout).toMatch(/^MAP over 3 transcripts [01]\.\d{3}$/m);
    expect(text.stdout).toMatch(/^F1 \(check-worthy\) {9}[01]\.\d{3}$/m);
  });

  it('warns when the data is part of the model\'s training data', () => {
    const run = credence(['claims', 'worthiness-eval', '--model', 'w.cdm', '--data', 'singles.jsonl', '--json'], dir);
    expect(run.code).toBe(0);
    expect(run.errLines).toEqual(["credence: warning: singles.jsonl is part of this model's training data; these figures are not held-out"]);
  });

  it('reports each bad line with file:line and what was expected, scores the rest, exits 2', () => {
    const good = sentences(40, 11);
    const body = [
      JSON.stringify(good[0]),
      '{"text": "Taxes rose 4 percent.", "label": "true"}',
      'not json at all',
      '{"label": "check-worthy"}',
      '["text", "label"]',
      '{"text": "Taxes rose.", "label": "check-worthy", "debate": "d1", "speaker": 7}',
      '{"text": "Taxes rose.", "label": "check-worthy", "debate": "d1", "line": "first"}',
      ...good.slice(1).map((r) => JSON.stringify(r)),
    ].join('\n');
    writeFileSync(join(dir, 'bad.jsonl'), body + '\n');
    const run = credence(['claims', 'worthiness-eval', '--model', 'w.cdm', '--data', 'bad.jsonl', '--json'], dir);
    expectNoStack(run);
    expect(run.code).toBe(2);
    expect(run.errLines).toEqual([
      'credence: error: bad.jsonl:2: field "label": expected "check-worthy" or "not-check-worthy"; got "true"',
      'credence: error: bad.jsonl:3: expected a JSON object {"text": ..., "label": "check-worthy" | "not-check-worthy"}; got a line that is not JSON',
      'credence: error: bad.jsonl:4: field "text": expected a non-empty string; got nothing',
      'credence: error: bad.jsonl:5: expected a JSON object {"text": ..., "label": ...}; got an array',
      'credence: error: bad.jsonl:6: field "speaker": expected the speaker\'s name (a string); got 7',
      'credence: error: bad.jsonl:7: field "line": expected the line\'s place in its transcript (a number); got "first"',
      'credence: 6 lines skipped (listed above)',
    ]);
    expect(Object.keys(JSON.parse(run.stdout) as object)).toContain('f1');
  });

  it('refuses a missing data file and a file that is not a model', () => {
    const missing = credence(['claims', 'worthiness-eval', '--model', 'w.cdm', '--data', 'nope.jsonl'], dir);
    expect(missing.code).toBe(1);
    expect(missing.errLines).toEqual(['credence: error: nope.jsonl: no such file']);
    const notModel = credence(['claims', 'worthiness-eval', '--model', 'singles.jsonl', '--data', 'heldout.jsonl'], dir);
    expect(notModel.code).toBe(1);
    expect(notModel.errLines).toEqual(['credence: error: singles.jsonl: not a usable Credence model: it does not start with the Credence model signature']);
  });
});

describe('claims in the report', () => {
  const ARTICLE = `Rents climb again

In Ohio, rent rose 14 percent since 2015. Thank you so much for having me tonight.

In Maine, the deficit rose 9 percent since 1999. We love our families and we love our towns.
`;

  it('lists the check-worthy sentences, most check-worthy first, as spans of the article text with their kinds', () => {
    writeFileSync(join(dir, 'rents.txt'), ARTICLE);
    const run = credence(['analyze', '--format', 'json', '--worthiness-model', 'w.cdm', 'rents.txt'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { claims: { start: number; end: number; score: number; kinds: string[] }[] };
    const text = ARTICLE.trim().split(/\n\s*\n/).join('\n\n');
    const claimed = report.claims.map((c) => text.slice(c.start, c.end));
    expect(claimed).toContain('In Ohio, rent rose 14 percent since 2015.');
    expect(claimed).toContain('In Maine, the deficit rose 9 percent since 1999.');
    expect(claimed).not.toContain('Thank you so much for having me tonight.');
    for (let i = 1; i < report.claims.length; i++) expect(report.claims[i - 1]!.score).toBeGreaterThanOrEqual(report.claims[i]!.score);
    for (const c of report.claims) {
      expect(c.score).toBeGreaterThan(0);
      expect(c.score).toBeLessThanOrEqual(1);
      for (const k of c.kinds) expect(CLAIM_KINDS).toContain(k);
    }
    expect(report.claims.find((c) => text.slice(c.start, c.end).startsWith('In Maine'))!.kinds).toEqual(['number', 'comparison']);
  });

  it('shows the top claims in the terminal report', () => {
    const run = credence(['analyze', '--worthiness-model', 'w.cdm', 'rents.txt'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Check-worthy claims {2}2 sentences$/m);
    expect(run.stdout).toMatch(/^ {2}\s*\d+% {2}In Ohio, rent rose 14 percent since 2015\. \(number, comparison\)$/m);
  });

  it('has no claims with --no-claims, and refuses it with --worthiness-model', () => {
    const off = credence(['analyze', '--format', 'json', '--no-claims', 'council.txt'], dir);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout)).not.toHaveProperty('claims');
    const both = credence(['analyze', '--no-claims', '--worthiness-model', 'w.cdm', 'council.txt'], dir);
    expect(both.code).toBe(1);
    expect(both.errLines).toEqual(['credence: error: --worthiness-model and --no-claims: choose one']);
  });
});

describe('the bundled model', () => {
  it('ranks invented factual claims above talk', () => {
    const article = `Budget row

The state spent $4.2 billion on roads in 2021, twice as much as in 2015. I think we all want the same thing. Thank you all for coming tonight.
`;
    writeFileSync(join(dir, 'budget.txt'), article);
    const run = credence(['analyze', '--format', 'json', 'budget.txt'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { claims: { start: number; end: number; kinds: string[] }[] };
    const text = article.trim().split(/\n\s*\n/).join('\n\n');
    expect(report.claims.map((c) => text.slice(c.start, c.end))).toEqual(['The state spent $4.2 billion on roads in 2021, twice as much as in 2015.']);
    expect(report.claims[0]!.kinds).toEqual(['number', 'comparison']);
    expect(existsSync(join(REPO, 'models', 'worthiness.md'))).toBe(true);
  });
});
