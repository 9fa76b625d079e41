/**
 * The clickbait headline model: its features (casing is not one unless asked for), a fit on invented
 * headlines that must separate the two kinds, the model file's round trip and refusals, the bundled
 * model on headlines written for this test, and `credence clickbait eval` on a file with bad lines.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDoc } from '../src/text/doc.js';
import { DEFAULT_CLICKBAIT_FEATURES, FORM_NAMES, featureColumns, headlineFeatures, type ClickbaitFeatures } from '../src/learn/clickbait/features.js';
import { decodeClickbait, encodeClickbait, loadClickbait } from '../src/learn/clickbait/file.js';
import { clickbaitFigures, titleCase } from '../src/learn/clickbait/metrics.js';
import { clickbaitProbability, DEFAULT_CLICKBAIT, fitClickbait, scoreHeadline, type ClickbaitSettings } from '../src/learn/clickbait/model.js';
import { headlineGroups, headlineSignature } from '../src/learn/clickbait/split.js';
import type { ClickbaitCard } from '../src/learn/clickbait/card.js';
import { credence, expectNoStack, REPO, tempFolder } from './cli/helpers.js';

const CLICKBAIT = [
  '17 Dogs Who Completely Forgot How To Dog',
  "You Won't Believe What This Grandmother Found In Her Attic",
  'This Guy Tried To Cook Pasta And What Happened Next Is Hilarious',
  'Which Pizza Topping Are You Based On Your Zodiac Sign',
  '23 Things Only People Who Hate Mornings Will Understand',
  'Here Is Why You Should Never Put Your Phone In Rice',
  'These Photos Of Sleepy Cats Will Make Your Day Better',
  'Can You Guess The Movie From Just One Emoji',
  'The 15 Best Moments From Last Night Will Make You Cry',
  'We Tried Every Fast Food Burger So You Do Not Have To',
  'This Is The Most Adorable Thing You Will See Today',
  '11 Signs You Are Secretly A Morning Person',
  'Why Everyone Is Obsessed With This Weird Little Lamp',
  '19 Tweets That Perfectly Sum Up Your Monday',
  'What Your Favourite Colour Says About You',
  'People Are Freaking Out Over This Simple Kitchen Trick',
];
const NEWS = [
  'Council approves budget for road repairs after long debate',
  'Central bank holds interest rates steady amid inflation worries',
  'Flooding forces evacuation of villages in northern province',
  'Parliament passes bill to reform pension rules',
  'Court rejects appeal in corruption case against former minister',
  'Strike closes ports as talks on wages stall',
  'Researchers report drop in malaria cases across the region',
  'Police arrest two men after bank robbery in city centre',
  'Trade deficit narrows as exports of machinery rise',
  'Election officials begin recount in disputed district',
  'Hospital workers vote to accept new contract',
  'Wildfire destroys homes as winds fan flames near coast',
  'Government unveils plan to expand rail network by 2030',
  'Oil prices fall after producers agree to raise output',
  'Prime minister meets union leaders over fuel tax',
  'Storm knocks out power to thousands in the south',
];

const TINY: ClickbaitSettings = { ...DEFAULT_CLICKBAIT, features: { ...DEFAULT_CLICKBAIT_FEATURES, bits: 12 }, cGrid: [1, 10], folds: 3 };

function rowsOf(titles: string[], f: ClickbaitFeatures) {
  return titles.map((t) => {
    const d = makeDoc({ title: t, body: '' });
    return headlineFeatures(d, 0, d.tokens.length, f);
  });
}

const card = (): ClickbaitCard => ({
  name: 'test-clickbait',
  description: 'a test',
  createdAt: '2025-01-01T00:00:00.000Z',
  credenceVersion: '0.0.0',
  command: 'none',
  trainingData: [],
  notes: [],
  selection: [],
  metrics: {},
  fit: { seconds: 0, rows: 0, passes: 0, C: 1 },
});

describe('clickbait features', () => {
  const cue = (title: string, name: (typeof FORM_NAMES)[number]): number => {
    const d = makeDoc({ title, body: '' });
    const r = headlineFeatures(d, 0, d.tokens.length, DEFAULT_CLICKBAIT_FEATURES);
    const k = r.idx.indexOf((1 << DEFAULT_CLICKBAIT_FEATURES.bits) + FORM_NAMES.indexOf(name));
    return k === -1 ? 0 : r.val[k]!;
  };

  it('reads the headline-form cues', () => {
    expect(cue('17 Dogs Who Forgot How To Dog', 'starts with a number')).toBeGreaterThan(0);
    expect(cue('Dogs who forgot 17 tricks', 'starts with a number')).toBe(0);
    expect(cue('Dogs who forgot 17 tricks', 'has a number')).toBeGreaterThan(0);
    expect(cue("You won't believe this", 'second person')).toBeGreaterThan(0);
    expect(cue('Is this the end?', 'question')).toBeGreaterThan(0);
    expect(cue('Why the market fell', 'starts with a question word')).toBeGreaterThan(0);
    expect(cue('The best pizza ever', 'superlative')).toBeGreaterThan(0);
    expect(cue('These cats are tired', 'this / these / here')).toBeGreaterThan(0);
    expect(cue('Council approves budget after long debate', 'second person')).toBe(0);
  });

  it('ignores casing by default and sees it only when asked', () => {
    const same = rowsOf(['Council Approves Budget After Long Debate', 'council approves budget after long debate', 'COUNCIL APPROVES BUDGET AFTER LONG DEBATE'], DEFAULT_CLICKBAIT_FEATURES);
    expect(Array.from(same[1]!.idx)).toEqual(Array.from(same[0]!.idx));
    expect(Array.from(same[2]!.val)).toEqual(Array.from(same[0]!.val));
    const cased = rowsOf(['Council Approves Budget After Long Debate', 'council approves budget after long debate'], { ...DEFAULT_CLICKBAIT_FEATURES, cased: true });
    expect(Array.from(cased[1]!.idx)).not.toEqual(Array.from(cased[0]!.idx));
  });

  it('reads only the title tokens of an article Doc', () => {
    const title = "You Won't Believe What This Grandmother Found";
    const withBody = makeDoc({ title, body: 'The council approved the budget on Tuesday. It was a long meeting.' });
    const alone = makeDoc({ title, body: '' });
    const end = withBody.tokens.length;
    expect(end).toBeGreaterThan(alone.tokens.length);
    const a = headlineFeatures(alone, 0, alone.tokens.length, DEFAULT_CLICKBAIT_FEATURES);
    const fit = fitClickbait(rowsOf([...CLICKBAIT, ...NEWS], TINY.features), Uint8Array.from([...CLICKBAIT.map(() => 1), ...NEWS.map(() => 0)]), Int32Array.from({ length: 32 }, (_, i) => i), TINY);
    expect(clickbaitProbability(fit.model, withBody)).toBeCloseTo(scoreHeadline(fit.model, title), 12);
    expect(clickbaitProbability(fit.model, makeDoc({ title: '', body: 'Only a body.' }))).toBeNull();
    expect(a.idx.length).toBeGreaterThan(0);
  });
});

describe('clickbait model', () => {
  it('separates held-out invented headlines after a fit on the rest', () => {
    const trainCb = CLICKBAIT.slice(0, 12);
    const trainNews = NEWS.slice(0, 12);
    const rows = rowsOf([...trainCb, ...trainNews], TINY.features);
    const y = Uint8Array.from([...trainCb.map(() => 1), ...trainNews.map(() => 0)]);
    const fit = fitClickbait(rows, y, Int32Array.from(y, (_, i) => i), TINY);
    expect(fit.selection.map((s) => s.C)).toEqual([1, 10]);
    const test = [...CLICKBAIT.slice(12), ...NEWS.slice(12)];
    const p = test.map((t) => scoreHeadline(fit.model, t));
    const m = clickbaitFigures([1, 1, 1, 1, 0, 0, 0, 0], p);
    expect(m.rocAuc).toBeGreaterThanOrEqual(0.85);
    for (const x of p) expect(x > 0 && x < 1).toBe(true);
  });

  it('round-trips through the model file and refuses a broken one', () => {
    const rows = rowsOf([...CLICKBAIT, ...NEWS], TINY.features);
    const y = Uint8Array.from([...CLICKBAIT.map(() => 1), ...NEWS.map(() => 0)]);
    const { model } = fitClickbait(rows, y, Int32Array.from(y, (_, i) => i), TINY);
    const bytes = encodeClickbait(model, card());
    const back = decodeClickbait(bytes);
    expect(back.model.weights.length).toBe(featureColumns(TINY.features));
    expect(scoreHeadline(back.model, NEWS[0]!)).toBeCloseTo(scoreHeadline(model, NEWS[0]!), 6);
    const broken = Buffer.from(bytes);
    broken[broken.length - 10] = broken[broken.length - 10]! ^ 0xff;
    expect(() => decodeClickbait(broken, 'x.cdm')).toThrow(/checksum/);
    const other = encodeClickbait({ ...model, settings: { ...model.settings, features: { ...model.settings.features, bits: 4 } } }, card());
    expect(() => decodeClickbait(other, 'x.cdm')).toThrow(/features\.bits/);
  });
});

describe('near-duplicate headlines', () => {
  it('groups copies and near copies, not headlines that share a template word or two', () => {
    const titles = [
      'Council approves budget for road repairs after long debate',
      'COUNCIL APPROVES BUDGET FOR ROAD REPAIRS AFTER LONG DEBATE!',
      'Council approves budget for road repairs after a long debate',
      '17 Dogs Who Completely Forgot How To Dog',
      '17 Cats Who Completely Forgot How To Cat',
    ];
    const g = headlineGroups(titles.map((t) => headlineSignature(makeDoc({ title: t, body: '' }))));
    expect(g[1]).toBe(g[0]);
    expect(g[2]).toBe(g[0]);
    expect(g[3]).not.toBe(g[4]);
    expect(g[3]).not.toBe(g[0]);
  });

  it('title-cases as the clickbait sites do', () => {
    expect(titleCase('the "star wars" trailer is here')).toBe('The "Star Wars" Trailer Is Here');
  });
});

describe('the bundled clickbait model', () => {
  const { model, card: c } = loadClickbait(join(REPO, 'models', 'clickbait.cdm'));
  it('says clickbait to clickbait and news to news, in any casing', () => {
    expect(c.metrics.heldOut?.accuracy).toBeGreaterThan(0.93);
    for (const t of ["You won't believe what this grandmother found in her attic", '23 Things Only People Who Hate Mornings Will Understand']) {
      expect(scoreHeadline(model, t)).toBeGreaterThan(0.5);
      expect(scoreHeadline(model, t.toUpperCase())).toBeCloseTo(scoreHeadline(model, t), 12);
    }
    for (const t of ['Central bank holds interest rates steady amid inflation worries', 'Court Rejects Appeal In Corruption Case Against Former Minister']) {
      expect(scoreHeadline(model, t)).toBeLessThan(0.5);
    }
  });
});

describe('credence clickbait eval', () => {
  it('reports bad lines with file and line, skips them, scores the rest and exits 2', () => {
    const tmp = tempFolder();
    try {
      const file = join(tmp.dir, 'h.jsonl');
      const lines = [
        ...CLICKBAIT.slice(0, 4).map((title) => JSON.stringify({ title, label: 'clickbait' })),
        '{"title": "Missing its label"}',
        'not json',
        JSON.stringify({ title: 'x', label: 'maybe' }),
        ...NEWS.slice(0, 4).map((title) => JSON.stringify({ title, label: 'not-clickbait' })),
      ];
      writeFileSync(file, lines.join('\n') + '\n');
      const r = credence(['clickbait', 'eval', '--data', file, '--json'], tmp.dir);
      expectNoStack(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file}:5`);
      expect(r.stderr).toMatch(/label/);
      expect(r.stderr).toContain(`${file}:6`);
      expect(r.stderr).toContain(`${file}:7`);
      const out = JSON.parse(r.stdout) as { n: number; clickbait: number; accuracy: number; rocAuc: number };
      expect(out.n).toBe(8);
      expect(out.clickbait).toBe(4);
      expect(out.rocAuc).toBeGreaterThan(0.8);
    } finally {
      tmp.remove();
    }
  });
});
