// @ts-check
/**
 * `node bench/language.js`: Credence's language detector (src/text/language.ts) against franc (all its
 * languages, and with `only` set to the 29 Latin/Cyrillic/Arabic-script languages ours tells apart plus the
 * single-script ones), tinyld and eld (medium), on
 *   1. texts written for this project (test/fixtures/language/texts.json): 2–3 short paragraphs and a
 *      headline with two sentences in 28 languages, and tricky English (foreign quotes, names, capitals);
 *   2. English news from the datasets (FakeNewsNet PolitiFact and GossipCop title + text, FNC-1 bodies):
 *      the share each detector calls English, with our non-English calls printed to judge;
 *   3. speed: µs per article on the PolitiFact articles (per 1,000 words) and cold import time (a fresh
 *      node process each, median of 5).
 * Build first (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { franc } from 'franc';
import { detect as tinyld } from 'tinyld';
import { eld } from 'eld/medium';
import { detectLanguage, detectLanguageOfDoc } from '../dist/text/language.js';
import { makeDoc } from '../dist/text/doc.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const DATA = process.env.CREDENCE_DATASETS ?? new URL('../../shared/datasets/', import.meta.url).pathname;
const texts = JSON.parse(readFileSync(new URL('../test/fixtures/language/texts.json', import.meta.url), 'utf8'));

/** franc answers ISO 639-3; these are the ones our texts need (others stay as they are). */
const ISO3 = {
  eng: 'en', spa: 'es', fra: 'fr', deu: 'de', ita: 'it', por: 'pt', nld: 'nl', swe: 'sv', dan: 'da', nob: 'no', nno: 'no',
  fin: 'fi', pol: 'pl', ces: 'cs', slk: 'sk', ron: 'ro', hun: 'hu', tur: 'tr', ind: 'id', vie: 'vi', cat: 'ca', hrv: 'hr',
  slv: 'sl', est: 'et', lvs: 'lv', lit: 'lt', afr: 'af', tgl: 'tl', swh: 'sw', als: 'sq', rus: 'ru', ukr: 'uk', bul: 'bg',
  srp: 'sr', mkd: 'mk', bel: 'be', arb: 'ar', pes: 'fa', urd: 'ur', hin: 'hi', mar: 'mr', npi: 'ne', ell: 'el', heb: 'he',
  cmn: 'zh', jpn: 'ja', kor: 'ko', tha: 'th', und: 'und',
};
const ONLY = Object.keys(ISO3).filter((k) => k !== 'und' && k !== 'nno');

/** @type {Record<string, (t: string) => string>} */
const detectors = {
  credence: (t) => detectLanguage(t).code,
  franc: (t) => ISO3[/** @type {keyof typeof ISO3} */ (franc(t))] ?? franc(t),
  'franc (only)': (t) => {
    const c = franc(t, { only: ONLY });
    return ISO3[/** @type {keyof typeof ISO3} */ (c)] ?? c;
  },
  tinyld: (t) => tinyld(t) || 'und',
  'eld (medium)': (t) => eld.detect(t).language || 'und',
};

// 1. The written texts.
console.log(`1. texts written for this project: ${texts.length} (${new Set(texts.map((/** @type {any} */ t) => t.lang)).size} languages)`);
const kinds = ['paragraphs', 'short', 'tricky'];
console.log(`${'detector'.padEnd(14)} ${kinds.map((k) => k.padStart(12)).join('')}       all   wrong`);
for (const [name, d] of Object.entries(detectors)) {
  const cells = kinds.map((k) => {
    const rows = texts.filter((/** @type {any} */ t) => t.kind === k);
    const ok = rows.filter((/** @type {any} */ t) => d(t.text) === t.lang).length;
    return `${ok}/${rows.length}`.padStart(12);
  });
  const wrong = texts.filter((/** @type {any} */ t) => d(t.text) !== t.lang).map((/** @type {any} */ t) => `${t.lang}→${d(t.text)}`);
  console.log(`${name.padEnd(14)} ${cells.join('')} ${String(texts.length - wrong.length).padStart(5)}/${texts.length}   ${wrong.join(' ')}`);
}

// 2. English news.
/** @type {Record<string, string[]>} */
const news = {};
const jsonl = (/** @type {string} */ f) => gunzipSync(readFileSync(f)).toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
for (const set of ['politifact', 'gossipcop']) {
  const f = join(DATA, `fakenewsnet-${set}`, 'data.jsonl.gz');
  if (existsSync(f)) news[`fakenewsnet-${set}`] = jsonl(f).map((r) => `${r.title ?? ''}\n\n${r.text ?? ''}`);
}
const bodies = join(DATA, 'fnc1', 'bodies.csv.gz');
if (existsSync(bodies)) news['FNC-1 bodies'] = parse(gunzipSync(readFileSync(bodies)), { columns: true }).map((/** @type {any} */ r) => r.articleBody);
console.log('');
console.log('2. English news from the datasets: share called English');
console.log(`${'detector'.padEnd(14)} ${Object.entries(news).map(([k, v]) => `${k} (${v.length})`.padStart(28)).join('')}`);
for (const [name, d] of Object.entries(detectors)) {
  console.log(`${name.padEnd(14)} ${Object.values(news).map((v) => (v.filter((t) => d(t) === 'en').length / v.length).toFixed(4).padStart(28)).join('')}`);
}
for (const [set, v] of Object.entries(news)) {
  const odd = v.map((t) => ({ t, r: detectLanguage(t) })).filter((x) => x.r.code !== 'en');
  const byCode = new Map();
  for (const o of odd) byCode.set(o.r.code, (byCode.get(o.r.code) ?? 0) + 1);
  console.log(`  credence, not English in ${set}: ${odd.length} (${[...byCode].map(([c, n]) => `${c} ${n}`).join(', ')})`);
  for (const o of odd.slice(0, 4)) console.log(`    ${o.r.code} ${o.r.confidence} ${JSON.stringify(o.t.replace(/\s+/g, ' ').slice(0, 90))}`);
}

// 3. Speed.
const articles = news['fakenewsnet-politifact'] ?? texts.map((/** @type {any} */ t) => t.text);
const words = articles.reduce((s, t) => s + t.split(/\s+/).length, 0);
console.log('');
console.log(`3. speed on ${articles.length} articles (${Math.round(words / articles.length)} words on average; best of 3 rounds)`);
for (const [name, d] of Object.entries(detectors)) {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (const a of articles) d(a);
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${name.padEnd(14)} ${((best / articles.length) * 1000).toFixed(1).padStart(8)} µs/article   ${((best / words) * 1e6).toFixed(1).padStart(8)} µs per 1,000 words`);
}
{
  const docs = articles.map((a) => makeDoc({ title: '', body: a }));
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (const d of docs) detectLanguageOfDoc(d);
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${'credence (Doc)'.padEnd(14)} ${((best / articles.length) * 1000).toFixed(1).padStart(8)} µs/article   (from the article's Doc, its tokens already made)`);
}
const imports = {
  credence: "await import('./dist/text/language.js')",
  franc: "await import('franc')",
  tinyld: "await import('tinyld')",
  'eld (medium)': "await import('eld/medium')",
};
console.log('cold import (fresh node process, median of 5):');
const root = new URL('..', import.meta.url).pathname;
for (const [name, code] of Object.entries(imports)) {
  const ms = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now(); ${code}; console.log(performance.now()-t)`], { cwd: root, encoding: 'utf8' });
    ms.push(Number(r.stdout.trim()));
  }
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(14)} ${ms[2].toFixed(1).padStart(8)} ms`);
}
