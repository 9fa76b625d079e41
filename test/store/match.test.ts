import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimsMatch } from '../../src/cli/claims-match.js';
import { claimsMatchEval } from '../../src/cli/claims-match-eval.js';
import type { FactCheckInput } from '../../src/store/factchecks.js';
import { cleanText, matchClaims } from '../../src/store/match.js';
import { Store } from '../../src/store/store.js';
import { memoryIo } from './helpers.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'credence-match-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Invented fact-checks: a few near neighbours and many distractors so IDF means something.
const CLAIMS: [string, string][] = [
  ['The governor of Ohio signed a law banning plastic straws in all restaurants', 'Did Ohio ban plastic straws?'],
  ['Eating two carrots a day makes your eyesight perfect within a month', 'Carrots and perfect eyesight'],
  ['The city of Springfield paid 4 million dollars for a statue of its mayor', 'Springfield mayor statue cost'],
  ['A new study shows coffee drinkers live 20 years longer', 'Coffee and a 20-year longer life'],
  ['Ohio restaurants must serve free water by law since 2019', 'Free water in Ohio restaurants'],
];
const TOPICS = ['bridge', 'tax', 'school', 'river', 'vaccine', 'election', 'train', 'farm', 'bank', 'wind', 'solar', 'hospital', 'police', 'army', 'museum'];
function store(): Store {
  const s = Store.open(':memory:');
  s.transaction(() => {
    CLAIMS.forEach(([claim, title], i) => s.factChecks.upsert({ claim, title, verdict: i % 2 === 0 ? 'false' : 'mostly-false', verdictText: i % 2 === 0 ? 'False' : 'Misleading', publisher: 'Example Checks', url: `https://c.example/${i}`, reviewDate: `202${i}-01-01`, language: i === 4 ? 'de' : 'en', source: 'claimreview' }));
    let n = 0;
    for (const a of TOPICS) for (const b of TOPICS) if (a !== b) {
      const f: FactCheckInput = { claim: `The ${a} plan will cost the ${b} budget ${n} dollars next year`, verdict: 'other', source: 'claimreview', url: `https://d.example/${n++}` };
      s.factChecks.upsert(f);
    }
  });
  return s;
}

describe('matchClaims', () => {
  it('puts the fact-check of a reworded claim first, with its verdict, publisher, url and date', () => {
    const s = store();
    const m = matchClaims(s, 'BREAKING: Ohio governor bans plastic straws in every restaurant across the state', { all: true });
    expect(m[0]!.url).toBe('https://c.example/0');
    expect(m[0]).toMatchObject({ verdict: 'false', verdictText: 'False', publisher: 'Example Checks', date: '2020-01-01' });
    expect(m[0]!.score).toBeGreaterThan(m[1]!.score);
    expect(m[0]!.score).toBeGreaterThanOrEqual(0);
    expect(m[0]!.score).toBeLessThanOrEqual(1);
    s.close();
  });

  it('shows nothing for a text no fact-check is about, and nothing for empty or operator-only text', () => {
    const s = store();
    expect(matchClaims(s, 'The orchestra will tour Japan with a new violinist in spring')).toEqual([]);
    for (const q of ['', '   ', '"', 'AND OR NOT', 'NEAR(', '*']) expect(matchClaims(s, q, { all: true })).toEqual([]);
    s.close();
  });

  it('labels by the two thresholds, and holds short texts to a stricter rule', () => {
    const s = store();
    const long = 'Ohio governor signs a law that bans plastic straws in restaurants';
    const top = matchClaims(s, long, { all: true })[0]!;
    expect(matchClaims(s, long, { suggest: top.score - 0.01, confirm: top.score + 0.01 })[0]!.level).toBe('suggest');
    expect(matchClaims(s, long, { suggest: top.score - 0.02, confirm: top.score - 0.01 })[0]!.level).toBe('confirm');
    expect(matchClaims(s, long, { suggest: top.score + 0.01, confirm: top.score + 0.02 })).toEqual([]);

    const short = 'Ohio straws';
    const shortTop = matchClaims(s, short, { all: true })[0]!;
    const t = { suggest: shortTop.score - 0.05, confirm: shortTop.score - 0.04 };
    expect(matchClaims(s, short, { ...t, shortMargin: 0 })[0]!.level).toBe('confirm');
    expect(matchClaims(s, short, { ...t, shortMargin: 0.045 })[0]!.level).toBe('suggest');
    expect(matchClaims(s, short, { ...t, shortMargin: 0.1 })).toEqual([]);
    // The same thresholds and margin leave a long text alone.
    expect(matchClaims(s, long, { suggest: top.score - 0.05, confirm: top.score - 0.04, shortMargin: 0.1 })[0]!.level).toBe('confirm');
    s.close();
  });

  it('filters by recency and language', () => {
    const s = store();
    const q = 'Ohio restaurants plastic straws free water law';
    const all = matchClaims(s, q, { all: true }).map((m) => m.url);
    expect(all.slice(0, 2).sort()).toEqual(['https://c.example/0', 'https://c.example/4']);
    expect(matchClaims(s, q, { all: true, since: '2022-01-01' }).map((m) => m.url)).toContain('https://c.example/4');
    expect(matchClaims(s, q, { all: true, since: '2022-01-01' }).map((m) => m.url)).not.toContain('https://c.example/0');
    expect(matchClaims(s, q, { all: true, language: 'en' }).map((m) => m.url)).not.toContain('https://c.example/4');
    s.close();
  });

  it('drops links and splits hashtags and handles', () => {
    expect(cleanText('Straws banned! https://t.co/abc pic.twitter.com/xyz — Jo Bloggs (@jo_b) January 6, 2020').replace(/\s+/g, ' ').trim()).toBe('Straws banned! — Jo Bloggs ( jo b ) January 6, 2020');
    expect(cleanText('#AustralianFires are out').trim()).toBe('Australian Fires  are out');
    expect(cleanText('No footer here - just text')).toBe('No footer here - just text');
  });
});

describe('claims match (command)', () => {
  it('prints matches and checks its flags', async () => {
    const d = tmp();
    const s = Store.open(d);
    s.factChecks.upsert({ claim: CLAIMS[1]![0], title: CLAIMS[1]![1], verdict: 'false', verdictText: 'False', publisher: 'Example Checks', url: 'https://c.example/carrots', source: 'claimreview' });
    for (let i = 0; i < 30; i++) s.factChecks.upsert({ claim: `The ${TOPICS[i % TOPICS.length]} report number ${i} was delayed`, verdict: 'other', source: 'claimreview', url: `https://d.example/${i}` });
    s.close();
    const { io, out } = memoryIo({ CREDENCE_DB: d });
    expect(await claimsMatch(io, 'Two carrots a day give you perfect eyesight in a month', { format: 'jsonl', suggest: '0', confirm: '0.01' })).toBe(0);
    const first = JSON.parse(out.text.split('\n')[0]!);
    expect(first).toMatchObject({ url: 'https://c.example/carrots', verdict: 'false', publisher: 'Example Checks', level: 'confirm' });
    await expect(claimsMatch(memoryIo({ CREDENCE_DB: d }).io, 'x', { suggest: '2' })).rejects.toThrow(/--suggest expects a number from 0 to 1/);
    await expect(claimsMatch(memoryIo({ CREDENCE_DB: d }).io, 'x', { suggest: '0.9', confirm: '0.5' })).rejects.toThrow(/--confirm/);
  });
});

/** Writes `rows` as JSON lines to d/name and returns the path. */
function jsonLines(d: string, name: string, rows: unknown[]): string {
  writeFileSync(join(d, name), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return join(d, name);
}

// Invented verified claims on other topics, so that word weights mean something in the CLEF layout.
const DISTRACTORS = TOPICS.flatMap((a, i) => TOPICS.map((b, k) => ({ id: `d${i}-${k}`, claim: `The ${a} plan will cost the ${b} budget ${i * k} dollars next year` })));

describe('claims match-eval (command)', () => {
  it('scores an invented CLEF-layout set, with --json', async () => {
    const d = tmp();
    const w = (n: string, rows: unknown[]) => jsonLines(d, n, rows);
    // The five claims among invented distractors.
    const claims = w('v.jsonl', [...CLAIMS.map(([claim, title], i) => ({ id: String(i), claim, title })), ...DISTRACTORS]);
    const queries = w('q.jsonl', [
      { id: 'a', text: 'Ohio governor bans plastic straws in restaurants' },
      { id: 'b', text: 'carrots fix your eyesight in a month' },
      { id: 'c', text: 'Springfield statue of the mayor cost 4 million' },
    ]);
    const qrels = w('r.jsonl', [
      { query: 'a', vclaim: '0' },
      { query: 'b', vclaim: '1' },
      { query: 'c', vclaim: '3' }, // deliberately wrong: the statue claim is 2
    ]);
    const { io, out } = memoryIo();
    expect(await claimsMatchEval(io, { claims, queries, qrels, json: true })).toBe(0);
    const m = JSON.parse(out.text);
    expect(Object.keys(m).sort()).toEqual(['map1', 'map3', 'map5', 'mrr', 'p1']);
    expect(m.p1).toBeCloseTo(2 / 3, 3);
    expect(m.map1).toBeCloseTo(2 / 3, 3);
    expect(m.mrr).toBeLessThan(1);
    expect(m.mrr).toBeGreaterThan(2 / 3);

    // The text output: at each threshold, what is shown and how much of it is right, and the queries
    // that still show a match with their relevant claims left out. Query c's relevant claim (3) is
    // not the one it restates (2), so c shows claim 2 either way; a and b have nothing else to show.
    const text = memoryIo();
    expect(await claimsMatchEval(text.io, { claims, queries, qrels })).toBe(0);
    const withheld = [...text.out.text.matchAll(/left out, (\d+) % of the queries would still show one/g)].map((x) => Number(x[1]));
    expect(withheld).toHaveLength(2);
    expect(withheld[0]).toBe(33);
    expect(withheld[1]).toBeLessThanOrEqual(withheld[0]!);
  });

  it('reports qrels that name unknown queries or claims, repeated ids, and an empty query file', async () => {
    const d = tmp();
    const w = (n: string, rows: unknown[]) => jsonLines(d, n, rows);
    const claims = w('v.jsonl', [...CLAIMS.map(([claim, title], i) => ({ id: String(i), claim, title })), { id: '0', claim: CLAIMS[0]![0], title: CLAIMS[0]![1] }, ...DISTRACTORS]);
    const queries = w('q.jsonl', [
      { id: 'a', text: 'Ohio governor bans plastic straws in restaurants' },
      { id: 'a', text: 'a second query under the same id' },
      { id: 'b', text: 'carrots fix your eyesight in a month' },
    ]);
    const qrels = w('r.jsonl', [
      { query: 'a', vclaim: '0' },
      { query: 'b', vclaim: 'gone' },
      { query: 'zz', vclaim: '1' },
    ]);
    const { io, err } = memoryIo();
    expect(await claimsMatchEval(io, { claims, queries, qrels, json: true })).toBe(2);
    expect(err.text).toMatch(/q\.jsonl:2.*query id "a" again \(the first is kept\)/);
    expect(err.text).toMatch(/1 verified claims repeat an id given earlier/);
    expect(err.text).toMatch(/1 queries of .*r\.jsonl are not in .*q\.jsonl/);
    expect(err.text).toMatch(/1 relevant pairs of .*r\.jsonl name a claim that is not in .*v\.jsonl; each counts as a miss/);
    await expect(claimsMatchEval(memoryIo().io, { claims, queries: w('empty.jsonl', []), qrels })).rejects.toThrow(/no queries to evaluate/);
  });

  it('refuses a --save-reranker it could not write before training anything', async () => {
    const d = tmp();
    const files = { claims: join(d, 'v.jsonl'), queries: join(d, 'q.jsonl'), qrels: join(d, 'r.jsonl'), trainQueries: join(d, 'tq.jsonl'), trainQrels: join(d, 'tr.jsonl') };
    await expect(claimsMatchEval(memoryIo().io, { ...files, saveReranker: join(d, 'no-such-folder', 'r.json') })).rejects.toThrow(/--save-reranker .*no such folder/);
    await expect(claimsMatchEval(memoryIo().io, { ...files, saveReranker: d })).rejects.toThrow(/--save-reranker .*expected a file name for the re-ranker; got a folder/);
  });

  it('does not count a copy of the relevant claim under another id as a false alarm', async () => {
    const d = tmp();
    const w = (n: string, rows: unknown[]) => jsonLines(d, n, rows);
    const [claim, title] = CLAIMS[0]!;
    // The same claim twice, quoted differently, as the CLEF 2020 collection holds 184 of its claims.
    const claims = w('v.jsonl', [{ id: 'first', claim: `"${claim}"`, title }, { id: 'copy', claim: `'${claim}'`, title }, ...DISTRACTORS]);
    const queries = w('q.jsonl', [{ id: 'a', text: 'Ohio governor bans plastic straws in all restaurants' }]);
    const qrels = w('r.jsonl', [{ query: 'a', vclaim: 'first' }]);
    const { io, out } = memoryIo();
    expect(await claimsMatchEval(io, { claims, queries, qrels })).toBe(0);
    // The copy is shown (the first line counts it as a wrong pair), yet no false alarm is counted.
    expect(out.text).toMatch(/at --suggest 0\.3: 2 shown, 50 % of them right/);
    const withheld = [...out.text.matchAll(/left out, (\d+) % of the queries would still show one/g)].map((x) => Number(x[1]));
    expect(withheld).toEqual([0, 0]);
  });
});

const CLEF = join(__dirname, '../../../shared/datasets/clef2020-claim-retrieval');
describe.skipIf(!existsSync(join(CLEF, 'vclaims.jsonl.gz')))('CLEF 2020 task 2 dev', () => {
  it('BM25 alone and the bundled re-ranker both rank most dev tweets\' claims first', async () => {
    const flags = { claims: join(CLEF, 'vclaims.jsonl.gz'), queries: join(CLEF, 'queries-dev.jsonl.gz'), qrels: join(CLEF, 'qrels-dev.jsonl.gz'), json: true };
    const bm = memoryIo();
    await claimsMatchEval(bm.io, { ...flags, bm25: true });
    const rr = memoryIo();
    await claimsMatchEval(rr.io, flags);
    const bm25 = JSON.parse(bm.out.text);
    const reranked = JSON.parse(rr.out.text);
    expect(bm25.map5).toBeGreaterThan(0.7);
    expect(reranked.map5).toBeGreaterThanOrEqual(bm25.map5);
  });
});
