import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/article/errors.js';
import { factCheckKey, type FactCheckInput } from '../../src/store/factchecks.js';
import { storeFailure } from '../../src/store/failure.js';
import { MIGRATIONS, migrate, Store, storeDir } from '../../src/store/store.js';
import { ftsQuery, queryTerms, terms } from '../../src/store/terms.js';
import { normaliseVerdict } from '../../src/store/verdict.js';
import { normaliseDate } from '../../src/store/import/claimreview.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'credence-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const fc = (over: Partial<FactCheckInput> = {}): FactCheckInput => ({
  claim: 'Drinking seawater cures the common cold',
  verdict: 'false',
  verdictText: 'Pants on Fire',
  publisher: 'Example Checks',
  source: 'claimreview',
  url: 'https://checks.example.org/seawater',
  ...over,
});

describe('store folder', () => {
  it('takes --db, else CREDENCE_DB, else XDG_DATA_HOME, else ~/.local/share', () => {
    expect(storeDir('/a/b', { CREDENCE_DB: '/c' })).toBe('/a/b');
    expect(storeDir(undefined, { CREDENCE_DB: '/c' })).toBe('/c');
    expect(storeDir(undefined, { XDG_DATA_HOME: '/x' })).toBe('/x/credence');
    expect(storeDir(undefined, { HOME: '/home/u' })).toBe('/home/u/.local/share/credence');
  });

  it('expands a leading ~ that reached it unexpanded, and refuses an empty --db', () => {
    expect(storeDir(undefined, { CREDENCE_DB: '~/store', HOME: '/home/u' })).toBe('/home/u/store');
    expect(storeDir('~', { HOME: '/home/u' })).toBe('/home/u');
    expect(storeDir('a~b', { HOME: '/home/u' })).toBe(join(process.cwd(), 'a~b'));
    expect(() => storeDir('', {})).toThrow(/--db expects the store's folder, got an empty value/);
    expect(storeDir(undefined, { CREDENCE_DB: '', HOME: '/home/u' })).toBe('/home/u/.local/share/credence');
  });
});

describe('IDF weights', () => {
  it('follow writes made here and by another connection to the same store', () => {
    const dir = tmp();
    const reader = Store.open(dir);
    const writer = Store.open(dir);
    reader.factChecks.upsert(fc());
    const before = reader.factChecks.idf()('seawat');
    reader.factChecks.upsert(fc({ claim: 'Seawater is safe to drink', url: 'https://checks.example.org/drink' }));
    const mine = reader.factChecks.idf()('seawat');
    expect(mine).toBeLessThan(before);
    writer.factChecks.upsert(fc({ claim: 'Boiled seawater cures flu', url: 'https://checks.example.org/flu' }));
    expect(reader.factChecks.idf()('seawat')).toBeLessThan(mine);
    reader.close();
    writer.close();
  });
});

describe('migrations', () => {
  it('creates the folder and the schema on first use, and does nothing the second time', () => {
    const dir = join(tmp(), 'nested', 'store');
    const s = Store.open(dir);
    expect(s.schemaVersion).toBe(MIGRATIONS.length);
    s.factChecks.upsert(fc());
    s.close();
    const again = Store.open(dir);
    expect(again.schemaVersion).toBe(MIGRATIONS.length);
    expect(again.factChecks.count()).toBe(1);
    again.close();
  });

  it('applies only the migrations a database has not had, each in a transaction', () => {
    const db = new Database(':memory:');
    const steps = [
      { name: 'one', sql: 'CREATE TABLE a (x)' },
      { name: 'two', sql: 'CREATE TABLE b (y)' },
    ];
    expect(migrate(db, 'mem', steps.slice(0, 1))).toBe(1);
    expect(migrate(db, 'mem', steps)).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    // A failing migration leaves nothing half-done.
    expect(() => migrate(db, 'mem', [...steps, { name: 'bad', sql: 'CREATE TABLE c (z); CREATE TABLE a (x)' }])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'c'").get()).toEqual({ n: 0 });
  });

  it('fills the document-frequency table of migration 2 from a version-1 database', () => {
    const dir = tmp();
    const db = new Database(join(dir, 'credence.db'));
    migrate(db, 'v1', MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO fact_checks_fts (rowid, claim, title) VALUES (1, 'sea water cure', 'sea'), (2, 'tax rise', '')").run();
    db.close();
    const s = Store.open(dir);
    expect(s.schemaVersion).toBe(MIGRATIONS.length);
    expect(s.factChecks.documentFrequency('sea')).toBe(1);
    expect(s.factChecks.documentFrequency('tax')).toBe(1);
    expect(s.factChecks.documentFrequency('nothing')).toBe(0);
    s.close();
  });

  it('says so when the store folder named is a file', () => {
    const d = tmp();
    writeFileSync(join(d, 'notes.txt'), 'not a folder');
    expect(() => Store.open(join(d, 'notes.txt'))).toThrow(/expected the store's folder \(--db or CREDENCE_DB name a folder\), got a file/);
  });

  it.skipIf(!existsSync('/proc/self'))('fails at once on a file system that refuses folders, where a recursive mkdir would spin', () => {
    expect(() => Store.open('/proc/credence-no-such-store')).toThrow(/cannot create the store folder \(ENOENT\)/);
  });

  it('refuses a database that holds tables of its own, and leaves them be', () => {
    const d = tmp();
    const other = new Database(join(d, 'credence.db'));
    other.exec('CREATE TABLE fact_checks (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO fact_checks (note) VALUES (\'mine\')');
    other.close();
    expect(() => Store.open(d)).toThrow(/not a Credence store: the database already holds tables of its own/);
    const again = new Database(join(d, 'credence.db'));
    expect(again.prepare('SELECT note FROM fact_checks').pluck().all()).toEqual(['mine']);
    again.close();
  });

  it('says a damaged store is damaged, naming the file, when it opens', () => {
    const d = tmp();
    const s = Store.open(d);
    s.transaction(() => {
      for (let i = 0; i < 300; i++) s.factChecks.upsert(fc({ claim: `Claim number ${i} about seawater and ${i % 7} otters`, url: `https://c.example/${i}` }));
    });
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    // The header stays; every page after the first is overwritten.
    const file = join(d, 'credence.db');
    const bytes = readFileSync(file);
    let seed = 11;
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    writeFileSync(file, bytes);
    let thrown: unknown;
    try {
      Store.open(d).close();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).describe()).toMatch(/credence\.db.*(damaged|not a database)/);
  });

  it('reports a store another process keeps locked as busy, not as an internal error', () => {
    const d = tmp();
    Store.open(d).close();
    const holder = new Database(join(d, 'credence.db'));
    holder.exec('BEGIN EXCLUSIVE');
    const waiter = new Database(join(d, 'credence.db'), { timeout: 0 });
    let thrown: unknown;
    try {
      waiter.exec('BEGIN IMMEDIATE');
    } catch (err) {
      thrown = err;
    }
    holder.exec('ROLLBACK');
    holder.close();
    waiter.close();
    expect(storeFailure(thrown, 'x/credence.db')?.describe()).toMatch(/x\/credence\.db.*in use by another Credence process/);
    expect(storeFailure(new Error('not SQLite'))).toBeUndefined();
  });

  it('refuses a database from a newer Credence', () => {
    const dir = tmp();
    const db = new Database(join(dir, 'credence.db'));
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => Store.open(dir)).toThrow(UsageError);
  });
});

describe('fact-checks', () => {
  it('updates on a second import of the same fact-check instead of adding one', () => {
    const s = Store.open(':memory:');
    expect(s.factChecks.upsert(fc()).result).toBe('imported');
    expect(s.factChecks.upsert(fc({ verdictText: 'False' })).result).toBe('updated');
    expect(s.factChecks.count()).toBe(1);
    expect(s.factChecks.search('seawater')[0]!.factCheck.verdictText).toBe('False');
    // The old index entry is gone: one hit, not two.
    expect(s.factChecks.search('seawater cold')).toHaveLength(1);
    s.close();
  });

  it('stores a lone surrogate as U+FFFD, so that importing its export again updates it', () => {
    const s = Store.open(':memory:');
    const broken = fc({ claim: 'Seawater boils at \ud83d degrees', url: 'https://checks.example/\ud83d' });
    expect(s.factChecks.upsert(broken).result).toBe('imported');
    const [stored] = [...s.factChecks.all()];
    expect(stored!.claim).toBe('Seawater boils at \ufffd degrees');
    expect(stored!.key).toBe('url:https://checks.example/\ufffd');
    // What an export writes (the stored text) and the original both find the same row.
    expect(s.factChecks.upsert(fc({ claim: stored!.claim, url: stored!.url })).result).toBe('updated');
    expect(s.factChecks.upsert(broken).result).toBe('updated');
    expect(s.factChecks.count()).toBe(1);
    s.close();
  });

  it('keeps document frequencies equal to the index\'s own through inserts and updates', () => {
    const s = Store.open(':memory:');
    s.factChecks.upsert(fc());
    s.factChecks.upsert(fc({ url: 'u2', claim: 'Seawater is salty', title: 'Salty seawater' }));
    s.factChecks.upsert(fc({ url: 'u2', claim: 'Tap water is salty' }));
    s.factChecks.upsert(fc({ url: 'u3', claim: 'Tap water is salty' }));
    const ours = s.db.prepare('SELECT term, df FROM fact_check_terms WHERE df > 0 ORDER BY term').all();
    const fts = s.db.prepare('SELECT term, doc AS df FROM fact_checks_terms ORDER BY term').all();
    expect(ours).toEqual(fts);
    expect(s.factChecks.documentFrequency('salti')).toBe(2);
    expect(s.factChecks.documentFrequency('seawat')).toBe(1);
    s.close();
  });

  it('searches only the rarest terms within the posting budget, never fewer than three', () => {
    const s = Store.open(':memory:');
    s.transaction(() => {
      for (let i = 0; i < 50; i++) s.factChecks.upsert(fc({ url: `c${i}`, claim: `common words ${i % 2 === 0 ? 'even' : 'odd'} ${i < 5 ? 'rare' : ''} ${i === 0 ? 'unique' : ''}` }));
    });
    expect(s.factChecks.prune(['common', 'word', 'even', 'rare', 'uniqu', 'absent'], 10)).toEqual(['uniqu', 'rare', 'even']);
    expect(s.factChecks.prune(['common', 'word', 'even', 'rare', 'uniqu'], 31)).toEqual(['uniqu', 'rare', 'even']);
    expect(s.factChecks.prune(['common', 'word', 'even', 'rare', 'uniqu'], 100).sort()).toEqual(['common', 'even', 'rare', 'uniqu']);
    expect(s.factChecks.prune(['common', 'uniqu'], Infinity)).toEqual(['common', 'uniqu']);
    s.close();
  });

  it('keys by url, else dataset id, else publisher and claim text', () => {
    expect(factCheckKey(fc())).toBe('url:https://checks.example.org/seawater');
    expect(factCheckKey(fc({ url: undefined, source: 'liar', sourceId: '12' }))).toBe('id:liar:12');
    const a = factCheckKey(fc({ url: undefined }));
    expect(a).toMatch(/^hash:example checks:[0-9a-f]{40}$/);
    expect(factCheckKey(fc({ url: undefined, claim: '  drinking SEAWATER cures the common   cold' }))).toBe(a);
    expect(factCheckKey(fc({ url: undefined, publisher: 'Other' }))).not.toBe(a);
  });

  it('ranks by BM25 and finds inflected forms', () => {
    const s = Store.open(':memory:');
    s.factChecks.upsert(fc());
    s.factChecks.upsert(fc({ url: 'u2', claim: 'The senator voted against the budget for schools' }));
    s.factChecks.upsert(fc({ url: 'u3', claim: 'Seawater is salty', title: 'Is seawater salty?' }));
    const hits = s.factChecks.search('does drinking sea water cure colds? seawater');
    expect(hits.map((h) => h.factCheck.url)).toEqual(['https://checks.example.org/seawater', 'u3']);
    expect(hits[0]!.bm25).toBeGreaterThan(hits[1]!.bm25);
    s.close();
  });

  it('filters by date and language', () => {
    const s = Store.open(':memory:');
    s.factChecks.upsert(fc({ reviewDate: '2019-01-01', language: 'en' }));
    s.factChecks.upsert(fc({ url: 'u2', reviewDate: '2024-01-01', language: 'fr' }));
    expect(s.factChecks.search('seawater', { since: '2020-01-01' }).map((h) => h.factCheck.url)).toEqual(['u2']);
    expect(s.factChecks.search('seawater', { language: 'en' }).map((h) => h.factCheck.url)).toEqual(['https://checks.example.org/seawater']);
    // A date kept as given because it could not be read is never inside a window ("not…" sorts after "2…").
    s.factChecks.upsert(fc({ url: 'u3', reviewDate: 'not a date' }));
    expect(s.factChecks.search('seawater', { since: '2020-01-01' }).map((h) => h.factCheck.url)).toEqual(['u2']);
    expect(s.factChecks.search('seawater').map((h) => h.factCheck.url)).toContain('u3');
    s.close();
  });

  it('keeps dates as ISO text: a timestamp\'s date as written, other readable dates as their day, the rest as given', () => {
    const cases: [string, string][] = [
      ['2024-03-05', '2024-03-05'],
      ['2024-03-05T23:30:00-05:00', '2024-03-05'],
      ['2024-03', '2024-03'],
      ['2024', '2024'],
      ['March 5, 2024', '2024-03-05'],
      ['2024/03/05', '2024-03-05'],
      ['12', '12'],
      ['not a date', 'not a date'],
    ];
    for (const [given, kept] of cases) expect(normaliseDate(given), given).toBe(kept);
  });
});

describe('search text never reaches FTS5 as syntax', () => {
  const nasty = [
    '"',
    '""',
    '"unbalanced',
    '*',
    'sea*',
    'NEAR(seawater cold, 2)',
    'seawater AND',
    'OR OR OR',
    'NOT seawater',
    '(seawater',
    'seawater)',
    'claim: seawater',
    'title:seawater',
    '^seawater',
    '- + : ; \\ \' ` { } [ ]',
    "'; DROP TABLE fact_checks; --",
    'AND',
    '',
    '   ',
    '\u0000 seawater',
    'sëawàter',
    'x'.repeat(10_000),
  ];
  it.each(nasty)('%j runs and returns fact-checks or nothing', (q) => {
    const s = Store.open(':memory:');
    s.factChecks.upsert(fc());
    s.factChecks.upsert(fc({ url: 'u2', claim: 'Near the river, and not or the claim about seawater' }));
    expect(() => s.factChecks.search(q)).not.toThrow();
    expect(s.factChecks.count()).toBe(2);
    s.close();
  });

  it('quotes every term', () => {
    expect(ftsQuery(queryTerms('NEAR(a* "b" OR c:d)'))).toBe('"near" OR "b" OR "c" OR "d"');
    expect(ftsQuery([])).toBeUndefined();
    expect(terms('Vaccines CAUSED Élan')).toEqual(['vaccin', 'caus', 'elan']);
  });
});

describe('verdicts', () => {
  it.each([
    ['pants-fire', 'false'],
    ['Pants on Fire!', 'false'],
    ['false', 'false'],
    ['barely-true', 'mostly-false'],
    ['half-true', 'mixed'],
    ['mostly-true', 'mostly-true'],
    ['TRUE', 'true'],
    ['Mixture', 'mixed'],
    ['Mostly False', 'mostly-false'],
    ['Miscaptioned', 'other'],
    ['Labeled Satire', 'other'],
    ['Full Flop', 'other'],
    ['False. The photo was taken in 2015 in another country.', 'false'],
    ['This claim leaves out that the figure includes pensions.', 'other'],
    ['Correct.', 'true'],
  ])('%j → %s', (text, verdict) => {
    expect(normaliseVerdict(text)).toBe(verdict);
  });

  it('places a bare numeric rating on its own scale', () => {
    expect(normaliseVerdict(undefined, { value: 1, best: 5, worst: 1 })).toBe('false');
    expect(normaliseVerdict(undefined, { value: 3, best: 5, worst: 1 })).toBe('mixed');
    expect(normaliseVerdict(undefined, { value: 5, best: 5, worst: 1 })).toBe('true');
    expect(normaliseVerdict(undefined, { value: 3 })).toBe('other');
  });
});
