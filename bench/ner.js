// @ts-check
/**
 * The entity recogniser against the libraries users already have, on the same sentences in the same run:
 * entity-level precision, recall and F1 (exact span and type; overall over PER, ORG and LOC, MISC apart) on
 *   - the news gold set (eval/ner/news-test.jsonl, materialised by bench/gold-ner.js),
 *   - the Wikigold articles ner-train holds out (every 4th article, in file order),
 *   - the WNUT-17 test set,
 * for Credence (the bundled models/ner.cdm, through `recogniseEntities` on a Doc, exactly as ner-eval),
 * compromise (people()/places()/organizations() as PER/LOC/ORG) and, having no entity types, wink-nlp's
 * runs of PROPN tokens, scored on spans alone (all four types, untyped) beside ours and compromise's;
 * then tokens per second of each on the same texts, and Credence's cost per 1,000 tokens on a Doc.
 *
 * Every system reads the same text: an article's sentences, tokens joined by spaces, sentences by a blank
 * line (our Doc's text). A peer's mention, trimmed of surrounding punctuation and white space, is mapped to
 * the gold tokens its first and last characters fall in. Build first (npm run build).
 *
 *   node bench/ner.js [--model models/ner.cdm] [--no-news]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { REPO, DATASETS_DIR } from './lib/data.js';
import { align, groupSentences, parseIobLine } from '../dist/learn/ner/data.js';
import { predictedSpans } from '../dist/learn/ner/evaluate.js';
import { loadNer, recogniseEntities } from '../dist/learn/ner/ner.js';
import { EntityScore } from '../dist/learn/ner/score.js';
import { makeDoc } from '../dist/text/doc.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const modelPath = args.includes('--model') ? String(args[args.indexOf('--model') + 1]) : join(REPO, 'models', 'ner.cdm');
const withNews = !args.includes('--no-news');

/** @typedef {import('../dist/learn/ner/data.js').IobSentence} IobSentence */
/** @typedef {import('../dist/learn/ner/data.js').Span} Span */

/** @param {string} name @param {string} text @returns {IobSentence[]} */
function parseLines(name, text) {
  /** @type {IobSentence[]} */
  const out = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const r = parseIobLine(line, name, i + 1);
    if (r instanceof Error) throw r;
    out.push(r);
  });
  return out;
}

/** @param {string} path */
const gz = (path) => gunzipSync(readFileSync(path)).toString('utf8');

/** @type {{ name: string, groups: IobSentence[][] }[]} */
const sets = [];
if (withNews) {
  const news = execFileSync(process.execPath, [join(REPO, 'bench', 'gold-ner.js'), join(REPO, 'eval', 'ner', 'news-test.jsonl')], { encoding: 'utf8', maxBuffer: 64 << 20 });
  sets.push({ name: 'news test (eval/ner)', groups: groupSentences(parseLines('news-test', news)) });
}
{
  const all = groupSentences(parseLines('wikigold', gz(join(DATASETS_DIR, 'wikigold', 'data.jsonl.gz'))));
  // ner-train's rule: articles numbered in order of first appearance, every 4th (index % 4 === 3) held out.
  sets.push({ name: 'Wikigold held-out articles', groups: all.filter((_, i) => i % 4 === 3) });
}
sets.push({ name: 'WNUT-17 test', groups: groupSentences(parseLines('wnut17-test', gz(join(DATASETS_DIR, 'wnut17', 'test.jsonl.gz')))) });

const model = loadNer(modelPath);
const nlp = require('compromise');
const winkNLP = require('wink-nlp');
const wink = winkNLP(require('wink-eng-lite-web-model'));
const its = wink.its;

/** @param {import('../dist/learn/ner/data.js').AlignedSentence} a @returns {Int32Array} gold token per character, -1 outside tokens */
function charMap(a) {
  const m = new Int32Array(a.doc.text.length).fill(-1);
  for (let i = 0; i < a.doc.tokens.length; i++) for (let c = a.doc.tokens.start[i]; c < a.doc.tokens.end[i]; c++) m[c] = a.goldToken[i];
  return m;
}

const WORDISH = /[\p{L}\p{N}]/u;
/** A character span as gold tokens, trimmed of punctuation and space at both ends; null when nothing is left. */
function toSpan(/** @type {string} */ text, /** @type {Int32Array} */ map, /** @type {number} */ s, /** @type {number} */ e, /** @type {any} */ type) {
  while (s < e && (map[s] === -1 || !WORDISH.test(text[s] ?? ''))) s++;
  while (e > s && (map[e - 1] === -1 || !WORDISH.test(text[e - 1] ?? ''))) e--;
  if (e <= s) return null;
  return { start: map[s], end: map[e - 1] + 1, type };
}

/** @param {string} text */
function compromiseSpans(text) {
  const d = nlp(text);
  /** @type {{ s: number, e: number, type: string }[]} */
  const out = [];
  for (const [list, type] of [[d.people(), 'PER'], [d.places(), 'LOC'], [d.organizations(), 'ORG']]) {
    for (const m of list.json({ offset: true })) out.push({ s: m.offset.start, e: m.offset.start + m.offset.length, type: /** @type {string} */ (type) });
  }
  return out;
}

/** Runs of PROPN tokens, with character offsets found by walking the text. @param {string} text */
function winkSpans(text) {
  const doc = wink.readDoc(text);
  const words = doc.tokens().out();
  const pos = doc.tokens().out(its.pos);
  /** @type {{ s: number, e: number, type: string }[]} */
  const out = [];
  let at = 0;
  /** @type {{ s: number, e: number, type: string } | null} */
  let open = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const found = text.indexOf(w, at);
    const s = found >= 0 ? found : at;
    const e = found >= 0 ? found + w.length : at;
    if (found >= 0) at = e;
    if (pos[i] === 'PROPN' && found >= 0) {
      if (open !== null) open.e = e;
      else {
        open = { s, e, type: 'PROPN' };
        out.push(open);
      }
    } else open = null;
  }
  return out;
}

/** Untyped spans over every type (MISC too). @param {Span[]} spans */
const untyped = (spans) => spans.map((x) => ({ start: x.start, end: x.end, type: /** @type {any} */ ('PER') }));

const f3 = (/** @type {number} */ x) => x.toFixed(3);
const rows = [];
for (const set of sets) {
  const ours = new EntityScore();
  const comp = new EntityScore();
  const oursU = new EntityScore();
  const compU = new EntityScore();
  const winkU = new EntityScore();
  for (const g of set.groups) {
    const a = align(g);
    const map = charMap(a);
    const mine = predictedSpans(a, model);
    ours.add(a.spans, mine);
    oursU.add(untyped(a.spans), untyped(mine));
    const c = /** @type {Span[]} */ (compromiseSpans(a.doc.text).map((x) => toSpan(a.doc.text, map, x.s, x.e, x.type)).filter((x) => x !== null));
    comp.add(a.spans, c);
    compU.add(untyped(a.spans), untyped(c));
    const w = /** @type {Span[]} */ (winkSpans(a.doc.text).map((x) => toSpan(a.doc.text, map, x.s, x.e, 'PER')).filter((x) => x !== null));
    winkU.add(untyped(a.spans), w);
  }
  rows.push({ set, ours: ours.figures(), comp: comp.figures(), oursU: oursU.figures(), compU: compU.figures(), winkU: winkU.figures(), n: set.groups.reduce((k, g) => k + g.length, 0) });
}

console.log(`model: ${modelPath}\n`);
console.log('Entity-level, exact span and type. Overall = PER+ORG+LOC; MISC apart (compromise has no MISC).\n');
console.log('| set | sentences | system | P | R | F1 | PER F1 | ORG F1 | LOC F1 | MISC F1 | untyped span F1 (all types) |');
console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const line = (/** @type {string} */ name, /** @type {any} */ f, /** @type {any} */ u) =>
    f === null
      ? `| ${r.set.name} | ${r.n} | ${name} | – | – | – | – | – | – | – | ${f3(u.f1)} |`
      : `| ${r.set.name} | ${r.n} | ${name} | ${f3(f.precision)} | ${f3(f.recall)} | ${f3(f.f1)} | ${f3(f.perType.PER.f1)} | ${f3(f.perType.ORG.f1)} | ${f3(f.perType.LOC.f1)} | ${name === 'compromise' ? '–' : f3(f.perType.MISC.f1)} | ${f3(u.f1)} |`;
  console.log(line('Credence', r.ours, r.oursU));
  console.log(line('compromise', r.comp, r.compU));
  console.log(line('wink-nlp PROPN runs', null, r.winkU));
}

// Speed: the same texts (every set's articles), each system timed over all of them, best of 3 rounds.
const texts = sets.flatMap((s) => s.groups.map((g) => align(g).doc.text));
const docs = texts.map((t) => makeDoc({ title: '', body: t }));
const tokens = docs.reduce((n, d) => n + d.tokens.length, 0);
/** @param {() => void} fn */
function best(fn) {
  let min = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return min;
}
for (const d of docs) recogniseEntities(d, model); // warm the cache and the JIT once, as a long run would be
const onDoc = best(() => {
  for (const d of docs) recogniseEntities(d, model);
});
const endToEnd = best(() => {
  for (const t of texts) recogniseEntities(makeDoc({ title: '', body: t }), model);
});
const compMs = best(() => {
  for (const t of texts) compromiseSpans(t);
});
const winkMs = best(() => {
  for (const t of texts) winkSpans(t);
});
const t0 = process.hrtime.bigint();
loadNer(modelPath);
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
const kps = (/** @type {number} */ ms) => Math.round(tokens / (ms / 1000)).toLocaleString('en');
console.log(`\nSpeed on the same ${texts.length} texts (${tokens} of our tokens), best of 3, one thread:`);
console.log('| system | tokens/s | ms per 1,000 tokens |');
console.log('|---|---:|---:|');
console.log(`| Credence, recognising on a Doc | ${kps(onDoc)} | ${((onDoc / tokens) * 1000).toFixed(3)} |`);
console.log(`| Credence, text to entities (Doc made too) | ${kps(endToEnd)} | ${((endToEnd / tokens) * 1000).toFixed(3)} |`);
console.log(`| compromise (people, places, organizations) | ${kps(compMs)} | ${((compMs / tokens) * 1000).toFixed(3)} |`);
console.log(`| wink-nlp (readDoc + POS) | ${kps(winkMs)} | ${((winkMs / tokens) * 1000).toFixed(3)} |`);
console.log(`\nmodel load (warm file cache): ${loadMs.toFixed(1)} ms; file ${(readFileSync(modelPath).length / 1e6).toFixed(2)} MB`);
