/**
 * `credence factchecks import|search|export` end to end, in-process, on invented fact-checks written by
 * the tests (LIAR and CLEF files from ../shared/datasets only when present).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { claimReview, factchecks } from '../store/helpers.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'credence-fc-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function write(dir: string, name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const summary = (stderr: string) => /(\d+) imported, (\d+) updated, (\d+) skipped/.exec(stderr)!.slice(1).map(Number);

const LIAR_LINE = ['11.json', 'barely-true', 'The city spends more on parking meters than on its libraries.', 'budget', 'pat-example', 'Mayor', 'Ohio', 'democrat', '1', '0', '0', '0', '0', 'a radio interview'].join('\t');

describe('factchecks import', () => {
  it('reads a single object, an array, an @graph, an HTML page and gzip, and says what it did', async () => {
    const d = tmp();
    const db = join(d, 'db');
    const one = write(d, 'one.json', JSON.stringify(claimReview()));
    const arr = write(d, 'arr.json', JSON.stringify([claimReview({ url: 'https://c.example/a' }), claimReview({ url: 'https://c.example/b', claimReviewed: 'Tax on bread doubled last year' })]));
    const graph = write(d, 'graph.json.gz', gzipSync(JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', name: 'x' }, claimReview({ url: 'https://c.example/g' })] })));
    const html = write(
      d,
      'page.html',
      `<!doctype html><html><head>\n<title>x</title>\n<SCRIPT type="application/ld+json">{"@type":"NewsArticle","headline":"x"}</SCRIPT>\n<script type='application/ld+json'>\n${JSON.stringify(claimReview({ url: 'https://c.example/h' }))}\n</script></head><body>hi</body></html>`,
    );
    const r = await factchecks(['import', '--db', db, one, arr, graph, html]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(summary(r.stderr)).toEqual([5, 0, 0]);

    const s = await factchecks(['search', '--db', db, '--format', 'jsonl', 'bread tax']);
    const hits = s.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(hits[0].url).toBe('https://c.example/b');
    expect(hits[0].claim).toBe('Tax on bread doubled last year');
    expect(hits[0].verdict).toBe('false');
    expect(hits[0].verdictText).toBe('False');
    expect(hits[0].claimant).toBe('Jo Bloggs');
    expect(hits[0].appearances).toEqual(['https://social.example.com/p/123']);
  });

  it('updates instead of duplicating when the same file is imported twice', async () => {
    const d = tmp();
    const f = write(d, 'a.json', JSON.stringify([claimReview(), claimReview({ url: undefined, claimReviewed: 'Bread costs ten pounds' })]));
    expect(summary((await factchecks(['import', f], { CREDENCE_DB: join(d, 'db') })).stderr)).toEqual([2, 0, 0]);
    expect(summary((await factchecks(['import', f], { CREDENCE_DB: join(d, 'db') })).stderr)).toEqual([0, 2, 0]);
    const e = await factchecks(['export'], { CREDENCE_DB: join(d, 'db') });
    expect(JSON.parse(e.stdout)).toHaveLength(2);
  });

  it('reads the Fact Check Tools API response layout', async () => {
    const d = tmp();
    const api = {
      claims: [
        {
          text: 'Wind turbines cause cancer',
          claimant: 'A blog',
          claimDate: '2023-05-01T00:00:00Z',
          claimReview: [
            { publisher: { name: 'Check One', site: 'checkone.example' }, url: 'https://checkone.example/wind', title: 'Turbines and cancer', reviewDate: '2023-05-03T00:00:00Z', textualRating: 'False', languageCode: 'en' },
            { publisher: { name: 'Check Two', site: 'checktwo.example' }, url: 'https://checktwo.example/wind', textualRating: 'There is no evidence that wind turbines cause cancer.', languageCode: 'en' },
          ],
        },
      ],
      nextPageToken: 'abc',
    };
    const r = await factchecks(['import', '--db', join(d, 'db'), write(d, 'api.json', JSON.stringify(api))]);
    expect(summary(r.stderr)).toEqual([2, 0, 0]);
    const s = await factchecks(['search', '--db', join(d, 'db'), '--format', 'jsonl', 'turbines']);
    const hits = s.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(hits.map((h) => [h.publisher, h.verdict]).sort()).toEqual([
      ['Check One', 'false'],
      ['Check Two', 'other'],
    ]);
    expect(hits[0].claimant).toBe('A blog');
  });

  it('reads LIAR as TSV and as JSON lines with PolitiFact verdicts', async () => {
    const d = tmp();
    const tsv = write(d, 'liar.tsv', LIAR_LINE + '\n' + LIAR_LINE.replace('11.json', '12.json').replace('barely-true', 'pants-fire') + '\n');
    const jsonl = write(d, 'liar.jsonl', JSON.stringify({ id: '13.json', label: 'half-true', statement: 'Parking fines rose by half in two years.', subject: 'budget', speaker: 'pat-example', job: '', state: '', party: 'none', barely_true_count: 0, false_count: 0, half_true_count: 1, mostly_true_count: 0, pants_on_fire_count: 0, context: '' }) + '\n');
    const r = await factchecks(['import', '--db', join(d, 'db'), tsv, jsonl]);
    expect(r.code).toBe(0);
    expect(summary(r.stderr)).toEqual([3, 0, 0]);
    const s = await factchecks(['search', '--db', join(d, 'db'), '--format', 'jsonl', 'parking']);
    const hits = s.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const byId = Object.fromEntries(hits.map((h) => [h.sourceId, h]));
    expect(byId['11']).toMatchObject({ publisher: 'PolitiFact', verdictText: 'barely-true', verdict: 'mostly-false', claimant: 'Pat Example', source: 'liar' });
    expect(byId['12'].verdict).toBe('false');
    expect(byId['13'].verdict).toBe('mixed');
  });

  it('reports each bad record on one line with file and place, imports the good ones, exits 2', async () => {
    const d = tmp();
    const malformed = write(d, 'broken.json', '{"@type": "ClaimReview", "claimReviewed": "x",\n  "url": }');
    const missing = write(d, 'missing.json', JSON.stringify([claimReview({ url: 'https://c.example/ok' }), claimReview({ url: 'https://c.example/no-rating', reviewRating: undefined }), claimReview({ url: 'https://c.example/no-claim', claimReviewed: '' })]));
    const noReview = write(d, 'page.html', '<html><head><script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body>Nothing here</body></html>');
    const badHtmlJson = write(d, 'bad-block.html', '<html>\n<script type="application/ld+json">{ nope </script>\n</html>');
    const liar = write(d, 'liar.tsv', LIAR_LINE + '\nonly\tthree\tcolumns\n' + LIAR_LINE.replace('11.json', '14.json') + '\n');
    const r = await factchecks(['import', '--db', join(d, 'db'), malformed, missing, noReview, badHtmlJson, liar, join(d, 'absent.json')]);
    expect(r.code).toBe(2);
    const errs = r.errLines.filter((l) => l.includes('error'));
    expect(errs).toHaveLength(7);
    expect(errs[0]).toMatch(/broken\.json: malformed JSON: .*; expected ClaimReview JSON-LD or JSON lines$/);
    expect(errs[1]).toMatch(/missing\.json: record 2: ClaimReview is missing its required field "reviewRating"/);
    expect(errs[2]).toMatch(/missing\.json: record 3: ClaimReview is missing its required field "claimReviewed"/);
    expect(errs[3]).toMatch(/page\.html: no ClaimReview in this HTML page/);
    expect(errs[4]).toMatch(/bad-block\.html:2: malformed JSON-LD/);
    expect(errs[5]).toMatch(/liar\.tsv:2: expected 14 tab-separated columns .*got 3/);
    expect(errs[6]).toMatch(/absent\.json: no such file/);
    expect(summary(r.stderr)).toEqual([3, 0, 7]);
    for (const l of r.errLines) expect(l).not.toMatch(/^\s+at /);
  });

  it('says which field of a JSON line is wrong, and how, rather than calling the record unknown', async () => {
    const d = tmp();
    const lines = [
      { id: '9.json', label: 'false' },
      { id: '10.json', label: 'false', statement: { text: 'no' } },
      { claim: 'Otters own the bank' },
      { id: 'v1', claim: 42 },
      { '@type': 'ClaimReview', claimReviewed: { '@type': 'Claim' }, reviewRating: { alternateName: 'False' }, url: 'https://c.example/obj' },
      { '@type': 'ClaimReview', claimReviewed: 'Otters own the bank', reviewRating: { ratingValue: 'lots' }, url: 'https://c.example/val' },
    ];
    const f = write(d, 'lines.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await factchecks(['import', '--db', join(d, 'db'), f]);
    expect(r.code).toBe(2);
    const errs = r.errLines.filter((l) => l.includes('error'));
    expect(errs).toHaveLength(6);
    expect(errs[0]).toMatch(/lines\.jsonl:1: LIAR record is missing its statement/);
    expect(errs[1]).toMatch(/lines\.jsonl:2: LIAR record has a statement that is not text/);
    expect(errs[2]).toMatch(/lines\.jsonl:3: verified claim is missing its required field "id"/);
    expect(errs[3]).toMatch(/lines\.jsonl:4: verified claim has a "claim" that is not text/);
    expect(errs[4]).toMatch(/lines\.jsonl:5: ClaimReview has an object without text for its required field "claimReviewed"/);
    expect(errs[5]).toMatch(/lines\.jsonl:6: ClaimReview has a string for its required field "reviewRating\.alternateName"/);
  });

  it('names what a file is when it is none of the layouts, instead of blaming LIAR columns', async () => {
    const d = tmp();
    const utf16 = write(d, 'utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(claimReview()), 'utf16le')]));
    const scalar = write(d, 'scalar.json', '42\n');
    const prose = write(d, 'notes.txt', 'The moon is made of cheese.\nSo they say.\n');
    const r = await factchecks(['import', '--db', join(d, 'db'), utf16, scalar, prose]);
    expect(r.code).toBe(2);
    const errs = r.errLines.filter((l) => l.includes('error'));
    expect(errs).toHaveLength(3);
    expect(errs[0]).toMatch(/utf16\.json: the file holds NUL bytes: binary data, or UTF-16 text \(save it as UTF-8\)/);
    expect(errs[1]).toMatch(/scalar\.json: the file is the JSON value 42; expected ClaimReview JSON-LD/);
    expect(errs[2]).toMatch(/notes\.txt: no line starts with \{ or <, and none has a tab/);
    for (const l of errs) expect(l).not.toMatch(/tab-separated columns/);
  });
});

describe('factchecks search', () => {
  it('shows the best match first and takes any text without a syntax error', async () => {
    const d = tmp();
    const db = join(d, 'db');
    await factchecks(['import', '--db', db, write(d, 'a.json', JSON.stringify([claimReview(), claimReview({ url: 'https://c.example/2', claimReviewed: 'Bread prices doubled near the border' })]))]);
    const r = await factchecks(['search', '--db', db, 'moon cheese']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/moon is made of green cheese/);
    expect(r.stdout).toMatch(/false \(False\) · Example Checks · 2024-03-05/);
    for (const q of ['NEAR(bread border)', '"bread', 'bread AND (', 'title:bread*', 'OR', '"; DROP TABLE fact_checks; --']) {
      const s = await factchecks(['search', '--db', db, '--format', 'jsonl', q]);
      expect(s.code, q).toBe(0);
      expect(s.stderr, q).not.toMatch(/error/);
    }
    const near = await factchecks(['search', '--db', db, '--format', 'jsonl', 'NEAR(bread border)']);
    expect(JSON.parse(near.stdout.split('\n')[0]!).url).toBe('https://c.example/2');
    // A long text is searched whole: the one rare word after fifty others still finds its fact-check.
    const padding = Array.from({ length: 50 }, (_, i) => `filler${i}`).join(' ');
    const long = await factchecks(['search', '--db', db, '--format', 'jsonl', `${padding} border`]);
    expect(JSON.parse(long.stdout.split('\n')[0]!).url).toBe('https://c.example/2');
    const wordless = await factchecks(['search', '--db', db, '"*" ( )']);
    expect(wordless.code).toBe(1);
    expect(wordless.stderr).toMatch(/the text to search for has no words/);
    const bad = await factchecks(['search', '--db', db, '--limit', 'x', 'bread']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--limit expects a whole number/);
    // --since takes a year, a month or a day, and only days the calendar has.
    for (const since of ['2024', '2024-02', '2024-02-29']) expect((await factchecks(['search', '--db', db, '--since', since, 'bread'])).code, since).toBe(0);
    for (const since of ['2023-02-29', '2023-13-01', '2023-99-99', '2023-00']) {
      const r = await factchecks(['search', '--db', db, '--since', since, 'bread']);
      expect(r.code, since).toBe(1);
      expect(r.stderr, since).toMatch(/--since expects a date as YYYY-MM-DD, got .*not a day of the calendar/);
    }
  });
});

describe('factchecks export', () => {
  it('writes valid ClaimReview JSON-LD that imports again without duplicates and with every field', async () => {
    const d = tmp();
    const db1 = join(d, 'db1');
    const liar = write(d, 'liar.tsv', LIAR_LINE + '\n');
    await factchecks(['import', '--db', db1, write(d, 'a.json', JSON.stringify([claimReview(), claimReview({ url: undefined, claimReviewed: 'No-url claim about bread', inLanguage: 'en' })])), liar]);
    const e1 = await factchecks(['export', '--db', db1, '--format', 'claimreview']);
    expect(e1.code).toBe(0);
    const exported = JSON.parse(e1.stdout) as Record<string, any>[];
    expect(exported).toHaveLength(3);
    const moon = exported.find((x) => x.url === 'https://checks.example.org/2024/moon-cheese')!;
    expect(moon).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: claimReview().claimReviewed,
      datePublished: '2024-03-05',
      author: { '@type': 'Organization', name: 'Example Checks', url: 'https://checks.example.org' },
      reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
      itemReviewed: { '@type': 'Claim', author: { name: 'Jo Bloggs' }, datePublished: '2024-03-01', appearance: [{ url: 'https://social.example.com/p/123' }] },
    });
    const liarOut = exported.find((x) => x.author?.name === 'PolitiFact')!;
    expect(liarOut.reviewRating.alternateName).toBe('barely-true');

    // Import the export into the same store (updates only) and into a fresh one (same fields).
    const file = write(d, 'export.json', e1.stdout);
    const again = await factchecks(['import', '--db', db1, file]);
    expect(summary(again.stderr)).toEqual([0, 3, 0]);
    const db2 = join(d, 'db2');
    expect(summary((await factchecks(['import', '--db', db2, file])).stderr)).toEqual([3, 0, 0]);
    const e2 = await factchecks(['export', '--db', db2]);
    const e1again = await factchecks(['export', '--db', db1]);
    expect(JSON.parse(e2.stdout)).toEqual(JSON.parse(e1again.stdout));
    expect(JSON.parse(e1again.stdout)).toEqual(exported);
    const jl = await factchecks(['export', '--db', db1, '--format', 'jsonl']);
    expect(jl.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual(exported);
  });
});

const LIAR = join(__dirname, '../../../shared/datasets/liar/valid.jsonl.gz');
const VCLAIMS = join(__dirname, '../../../shared/datasets/clef2020-claim-retrieval/vclaims.jsonl.gz');
describe.skipIf(!existsSync(LIAR) || !existsSync(VCLAIMS))('shared datasets', () => {
  it('imports LIAR valid and the CLEF verified claims, twice without duplicates', async () => {
    const d = tmp();
    const db = join(d, 'db');
    const r = await factchecks(['import', '--db', db, LIAR, VCLAIMS]);
    expect(r.code).toBe(0);
    expect(summary(r.stderr)).toEqual([1284 + 10375, 0, 0]);
    const again = await factchecks(['import', '--db', db, LIAR]);
    expect(summary(again.stderr)).toEqual([0, 1284, 0]);
  });
});
