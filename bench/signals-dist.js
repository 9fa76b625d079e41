// @ts-check
/**
 * `node bench/signals-dist.js`: the distribution of each lexical measure (src/text/signal-measures.ts)
 * and of the clickbait score on reliable- and unreliable-labelled articles of FakeNewsNet PolitiFact and
 * GossipCop: median, 75th, 90th and 97.5th percentile, to ground the checklist's pass/warn/fail
 * thresholds; and the cost of the measures per 1,000 words. Articles with fewer than 150 body words are
 * left out of the rates (the checklist gives n/a below that). Build first (`npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { makeDoc } from '../dist/text/doc.js';
import { measureLexical, per1000 } from '../dist/text/signal-measures.js';
import { quotationMarks } from '../dist/text/signals-lexicon.js';
import { detectLanguageOfDoc } from '../dist/text/language.js';
import { loadClickbait } from '../dist/learn/clickbait/file.js';
import { clickbaitProbability } from '../dist/learn/clickbait/model.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const DATA = process.env.CREDENCE_DATASETS ?? new URL('../../shared/datasets/', import.meta.url).pathname;
const MIN_WORDS = 150;
const clickbait = loadClickbait(new URL('../models/clickbait.cdm', import.meta.url).pathname).model;

/** @type {Record<string, (m: any, doc: any) => number | null>} */
const MEASURES = {
  'loaded /1k words': (m) => per1000(m.loaded, m.bodyWords),
  'hedges /1k words': (m) => per1000(m.hedges, m.bodyWords),
  'first person /1k (unquoted)': (m) => per1000(m.firstPerson, m.bodyWords),
  'second person /1k (unquoted)': (m) => per1000(m.secondPerson, m.bodyWords),
  'headline caps share': (m) => (m.headlineCaps.words === 0 ? null : m.headlineCaps.share),
  'headline ! count': (m) => m.headlineMarks.exclamation.count,
  'headline ? count': (m) => m.headlineMarks.question.count,
  'Flesch reading ease': (m) => m.readability?.fleschReadingEase ?? null,
  'Flesch-Kincaid grade': (m) => m.readability?.fleschKincaidGrade ?? null,
  'clickbait p (headline)': (_m, doc) => clickbaitProbability(clickbait, doc),
};
/** Shares of articles, per group: how often a measure is above zero. */
const NONZERO = ['loaded /1k words', 'hedges /1k words', 'first person /1k (unquoted)', 'second person /1k (unquoted)', 'headline caps share', 'headline ! count', 'headline ? count'];

const q = (/** @type {number[]} */ s, /** @type {number} */ p) => (s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))]);
const fmt = (/** @type {number} */ x) => (Number.isNaN(x) ? '   n/a' : Math.abs(x) >= 100 ? x.toFixed(0).padStart(6) : x.toFixed(2).padStart(6));

let totalWords = 0;
let totalMs = 0;
let quoteMs = 0;
for (const set of ['politifact', 'gossipcop']) {
  const f = join(DATA, `fakenewsnet-${set}`, 'data.jsonl.gz');
  if (!existsSync(f)) {
    console.error(`no ${f}; set CREDENCE_DATASETS`);
    process.exit(1);
  }
  const rows = gunzipSync(readFileSync(f)).toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  /** @type {Record<string, Record<string, number[]>>} */
  const values = { reliable: {}, unreliable: {} };
  const counted = { reliable: 0, unreliable: 0 };
  const skipped = { short: 0, notEnglish: 0 };
  for (const r of rows) {
    const doc = makeDoc({ title: r.title ?? '', body: r.text ?? '' });
    if (detectLanguageOfDoc(doc).code !== 'en' && detectLanguageOfDoc(doc).code !== 'und') {
      skipped.notEnglish++;
      continue;
    }
    const tq = performance.now();
    const inQuote = quotationMarks(doc);
    const t0 = performance.now();
    const m = measureLexical(doc, inQuote);
    totalMs += performance.now() - t0;
    quoteMs += t0 - tq;
    totalWords += m.bodyWords;
    if (m.bodyWords < MIN_WORDS) {
      skipped.short++;
      continue;
    }
    const label = r.label === 'unreliable' ? 'unreliable' : 'reliable';
    counted[label]++;
    for (const [name, fn] of Object.entries(MEASURES)) {
      const v = fn(m, doc);
      if (v === null || !Number.isFinite(v)) continue;
      (values[label][name] ??= []).push(v);
    }
  }
  console.log(`\nfakenewsnet-${set}: ${counted.reliable} reliable, ${counted.unreliable} unreliable articles of ≥ ${MIN_WORDS} body words (left out: ${skipped.short} shorter, ${skipped.notEnglish} not English)`);
  console.log(`${'measure'.padEnd(30)} ${'reliable: median   p75   p90 p97.5  >0 %'.padStart(44)}   ${'unreliable: median   p75   p90 p97.5  >0 %'.padStart(44)}`);
  for (const name of Object.keys(MEASURES)) {
    const cells = ['reliable', 'unreliable'].map((label) => {
      const s = (values[label][name] ?? []).slice().sort((a, b) => a - b);
      const nz = NONZERO.includes(name) ? `${((100 * s.filter((v) => v > 0).length) / Math.max(1, s.length)).toFixed(0).padStart(4)}` : '    ';
      return `${fmt(q(s, 0.5))} ${fmt(q(s, 0.75))} ${fmt(q(s, 0.9))} ${fmt(q(s, 0.975))}  ${nz}`;
    });
    console.log(`${name.padEnd(30)} ${cells[0].padStart(44)}   ${cells[1].padStart(44)}`);
  }
}
console.log(`\ncost over these articles, per 1,000 body words (${totalWords} words, first pass, caches cold): measureLexical given the quotes ${((totalMs / totalWords) * 1e6).toFixed(1)} µs; finding the quotes (quotationMarks) ${((quoteMs / totalWords) * 1e6).toFixed(1)} µs`);

// Steady-state cost on 1,000-word texts.
const sample = Array.from({ length: 200 }, (_, i) => `"We have to act now," the minister said on day ${i}. Sources say the plan may have been delayed, reportedly by the committee. You can read the shocking details in our report.`).join('\n\n');
const doc = makeDoc({ title: 'Minister SLAMS committee over delay!', body: sample.split(/\s+/).slice(0, 1000).join(' ') });
for (let i = 0; i < 200; i++) measureLexical(doc);
const inQuote = quotationMarks(doc);
const t0 = performance.now();
for (let i = 0; i < 2000; i++) measureLexical(doc, inQuote);
const t1 = performance.now();
for (let i = 0; i < 2000; i++) quotationMarks(doc);
console.log(`steady state on a 1,000-word article: measureLexical given the quotes ${(((t1 - t0) / 2000) * 1000).toFixed(1)} µs; quotationMarks ${(((performance.now() - t1) / 2000) * 1000).toFixed(1)} µs`);
