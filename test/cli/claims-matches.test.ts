/**
 * Claims carry their matches: `credence analyze` looks every check-worthy sentence up in the fact-check
 * store (`--db`, else CREDENCE_DB, else the default folder when it exists), end to end through the real
 * binary, on fact-checks and articles invented here.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimReview } from '../store/helpers.js';
import { credence, expectNoStack, tempFolder } from './helpers.js';

interface Match {
  claim: string;
  key: string;
  score: number;
  level: string;
  verdict: string;
  verdictText?: string;
  publisher?: string;
  url?: string;
}
interface Report {
  claims: { start: number; end: number; score: number; matches?: Match[] }[];
}

const CHEESE = 'The moon is made of green cheese, say scientists at the lunar dairy institute';
const ARTICLE = `Lunar dairy institute makes a bold claim about the moon

The moon is made of green cheese, say scientists at the lunar dairy institute, who published 40 pages of findings on Monday. The city council approved a budget of $12 million for new bus routes on Tuesday.
`;

/** 360 invented fact-checks about other things: places × measures × changes. */
function inventedReviews(): Record<string, unknown>[] {
  const places = ['Ruritania', 'Freedonia', 'Genovia', 'Latveria', 'Sokovia', 'Wakanda', 'Elbonia', 'Zamunda', 'Florin', 'Krakozhia', 'Qumar', 'Tazbekistan'];
  const measures = ['the tax on bread', 'unemployment among teachers', 'the price of train tickets', 'spending on rural clinics', 'the number of city buses', 'crime in the capital', 'the minimum wage', 'rents in the old town', 'the cost of school meals', 'coal exports'];
  const changes = ['doubled last year', 'fell by half since 2019', 'rose faster than anywhere in Europe'];
  const out: Record<string, unknown>[] = [];
  places.forEach((p, i) =>
    measures.forEach((m, j) =>
      changes.forEach((c, k) => out.push(claimReview({ url: `https://checks.example.org/${i}-${j}-${k}`, claimReviewed: `In ${p}, ${m} ${c}` }))),
    ),
  );
  return out;
}

let dir: string;
let remove: () => void;
let db: string;

beforeAll(() => {
  ({ dir, remove } = tempFolder('credence-matches-'));
  db = join(dir, 'store');
  // A store of some size: match scores read term rarity, which a store of two fact-checks cannot tell.
  const reviews = [claimReview(), ...inventedReviews()];
  writeFileSync(join(dir, 'reviews.json'), JSON.stringify(reviews));
  const r = credence(['factchecks', 'import', '--db', db, 'reviews.json'], dir);
  expect(r.code).toBe(0);
  writeFileSync(join(dir, 'moon.txt'), ARTICLE);
});
afterAll(() => remove());

describe('claims matched against the fact-check store', () => {
  it('gives the claim that was fact-checked its match, with verdict, publisher and url', () => {
    const r = credence(['analyze', '--db', db, '--format', 'json', 'moon.txt'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const text = ARTICLE.trim().replace(/\n\n/, '\n\n');
    const moon = report.claims.find((c) => text.slice(c.start, c.end).startsWith('The moon is made of green cheese'))!;
    expect(moon).toBeDefined();
    const best = moon.matches![0]!;
    expect(best.claim).toBe(CHEESE);
    expect(['confirm', 'suggest']).toContain(best.level);
    expect(best.verdict).toBe('false');
    expect(best.verdictText).toBe('False');
    expect(best.publisher).toBe('Example Checks');
    expect(best.url).toBe('https://checks.example.org/2024/moon-cheese');
    expect(best.score).toBeGreaterThanOrEqual(0.3);
    // Every listed claim was looked up; the bus budget was never fact-checked.
    for (const c of report.claims) expect(Array.isArray(c.matches)).toBe(true);
    const bus = report.claims.find((c) => text.slice(c.start, c.end).includes('bus routes'));
    if (bus !== undefined) expect(bus.matches!.filter((m) => m.claim === CHEESE)).toEqual([]);
  });

  it('counts claims and fact-checked claims in the CSV view', () => {
    const csv = credence(['analyze', '--db', db, '--format', 'csv', 'moon.txt'], dir).stdout.trim().split('\n');
    const header = csv[0]!.split(',');
    const row = csv[1]!.split(',');
    const json = JSON.parse(credence(['analyze', '--db', db, '--format', 'json', 'moon.txt'], dir).stdout) as Report;
    expect(Number(row[header.indexOf('claims')])).toBe(json.claims.length);
    expect(Number(row[header.indexOf('fact_checked')])).toBe(json.claims.filter((c) => c.matches!.some((m) => m.level === 'confirm')).length);
  });

  it('says so in the readable report', () => {
    const r = credence(['analyze', '--db', db, 'moon.txt'], dir);
    expect(r.stdout).toMatch(/fact-checked(?: \(confirm by eye\))?: false \("False"\) — Example Checks, 2024-03-05: "The moon is made of green cheese/);
  });

  it('finds the store through CREDENCE_DB, and carries no matches without a store', () => {
    const viaEnv = JSON.parse(credence(['analyze', '--format', 'json', 'moon.txt'], dir, undefined, { CREDENCE_DB: db }).stdout) as Report;
    expect(viaEnv.claims.some((c) => (c.matches ?? []).length > 0)).toBe(true);
    const none = JSON.parse(credence(['analyze', '--format', 'json', 'moon.txt'], dir, undefined, { CREDENCE_DB: join(dir, 'nothing-here') }).stdout) as Report;
    for (const c of none.claims) expect(c.matches).toBeUndefined();
    // Looking is not creating: analyze never makes a store.
    expect(existsSync(join(dir, 'nothing-here'))).toBe(false);
  });

  it('refuses a --db with no store in it, and --db with --no-claims', () => {
    const missing = credence(['analyze', '--db', join(dir, 'nope'), 'moon.txt'], dir);
    expect(missing.code).toBe(1);
    expect(missing.errLines).toEqual([expect.stringMatching(/--db .*nope: no fact-check store there \(credence factchecks import --db .* FILE creates one\)/)]);
    expectNoStack(missing);
    const aFile = credence(['analyze', '--db', 'moon.txt', 'moon.txt'], dir);
    expect(aFile.code).toBe(1);
    expect(aFile.errLines).toEqual([expect.stringMatching(/--db moon\.txt: expected the store's folder, got a file/)]);
    const both = credence(['analyze', '--db', db, '--no-claims', 'moon.txt'], dir);
    expect(both.code).toBe(1);
    expect(both.errLines[0]).toMatch(/--db and --no-claims: choose one/);
  });

  it('credence claims match looks one sentence up from the command line', () => {
    // --all lists the candidates below the thresholds too: the moon's fact-check must rank first.
    const r = credence(['claims', 'match', '--db', db, '--all', '--format', 'jsonl', 'Scientists say the moon is made of green cheese'], dir);
    expect(r.code).toBe(0);
    const ranked = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { claim: string; score: number });
    expect(ranked[0]!.claim).toBe(CHEESE);
    for (const other of ranked.slice(1)) expect(other.score).toBeLessThan(ranked[0]!.score);
    // Nothing shares a word: --all has nothing nearer to show, and says so rather than suggesting itself.
    const none = credence(['claims', 'match', '--db', db, '--all', 'Zyxwv qwertz plumbus'], dir);
    expect(none.code).toBe(0);
    expect(none.errLines).toEqual([expect.stringMatching(/no fact-check matches this text \(\d+ stored; no stored fact-check shares a word with it\)/)]);
    const empty = credence(['claims', 'match', '--db', db, '"*" ( )'], dir);
    expect(empty.code).toBe(1);
    expect(empty.errLines).toEqual([expect.stringMatching(/the text to match has no words/)]);
  });
});
