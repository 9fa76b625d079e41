// @ts-check
/**
 * Picks the records our hand-annotated gold sets are made from, the same way every time: news bodies
 * of 1,200–6,000 characters that contain at least two quotation marks, shuffled with a fixed seed, split
 * into disjoint slices per gold set. Prints `set<TAB>dataset<TAB>id<TAB>textHash`.
 *
 *   node bench/gold-sample.js
 */
import { goldText, textHash } from './lib/gold-text.js';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATASETS_DIR } from './lib/gold-text.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

/** @param {number} seed */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {string} dataset @returns {string[]} */
function ids(dataset) {
  if (dataset === 'fnc1') {
    const rows = parse(gunzipSync(readFileSync(join(DATASETS_DIR, 'fnc1', 'bodies.csv.gz'))), { columns: true });
    return rows.map((/** @type {any} */ r) => r['Body ID']);
  }
  return gunzipSync(readFileSync(join(DATASETS_DIR, dataset, 'data.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => String(JSON.parse(l).id));
}

/** @param {string} dataset @param {number} seed */
function candidates(dataset, seed) {
  const r = rng(seed);
  const out = ids(dataset).filter((id) => {
    const t = goldText(dataset, id);
    const marks = (t.match(/["\u201c\u201d]/g) ?? []).length;
    return t.length >= 1200 && t.length <= 6000 && marks >= 2;
  });
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [/** @type {string} */ (out[j]), /** @type {string} */ (out[i])];
  }
  return out;
}

/** Slices of each dataset's shuffled candidates: [set, count] in order, never overlapping; new sets go at the end. */
const PLAN = /** @type {const} */ ({
  fnc1: [['quotes-dev', 15], ['quotes-test-a', 10], ['quotes-test-b', 10], ['ner-news-test', 15], ['ner-news-dev', 10], ['quotes-dev2', 8], ['quotes-dev3', 8], ['quotes-dev4', 8], ['quotes-dev5', 8], ['quotes-dev6', 8], ['quotes-dev7', 8], ['quotes-dev8', 8], ['quotes-test-c', 10], ['quotes-test-d', 10], ['quotes-test-e', 10], ['quotes-test-f', 10]],
  'fakenewsnet-politifact': [['quotes-dev', 10], ['quotes-test-a', 5], ['quotes-test-b', 5], ['ner-news-test', 8], ['ner-news-dev', 5], ['quotes-dev2', 6], ['quotes-dev3', 6], ['quotes-dev4', 6], ['quotes-dev5', 6], ['quotes-dev6', 6], ['quotes-dev7', 6], ['quotes-dev8', 6], ['quotes-test-c', 5], ['quotes-test-d', 5], ['quotes-test-e', 5], ['quotes-test-f', 5]],
  'fakenewsnet-gossipcop': [['quotes-dev', 5], ['quotes-test-a', 5], ['quotes-test-b', 5], ['ner-news-test', 7], ['ner-news-dev', 5], ['quotes-dev2', 6], ['quotes-dev3', 6], ['quotes-dev4', 6], ['quotes-dev5', 6], ['quotes-dev6', 6], ['quotes-dev7', 6], ['quotes-dev8', 6], ['quotes-test-c', 5], ['quotes-test-d', 5], ['quotes-test-e', 5], ['quotes-test-f', 5]],
});

for (const [dataset, slices] of Object.entries(PLAN)) {
  const c = candidates(dataset, 20261126);
  let at = 0;
  for (const [set, n] of slices) {
    for (const id of c.slice(at, at + n)) console.log([set, dataset, id, textHash(goldText(dataset, id))].join('\t'));
    at += n;
  }
}
