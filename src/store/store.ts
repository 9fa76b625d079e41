/**
 * The embedded store: one SQLite file (better-sqlite3, FTS5) in a folder chosen by `--db DIR`, else
 * CREDENCE_DB, else a per-user data folder. Created and migrated on first use: PRAGMA user_version
 * is the schema version, MIGRATIONS are applied in order, each in its own transaction. A database
 * made by a newer Credence is refused rather than guessed at.
 *
 * Today it holds fact-checks. Articles (the corpus, for corroboration) will arrive as a further
 * migration with their own table and FTS index beside these; nothing here assumes they are absent.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../article/errors.js';
import { FactCheckTable } from './factchecks.js';
import { BUSY_TIMEOUT_MS, storeFailure } from './failure.js';

import { DB_FILE, storeDir } from './location.js';

export { DB_FILE, storeDir };

/** One schema change: SQL run in a transaction, after which user_version is its position (1-based). */
export interface Migration {
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'fact-checks with their full-text index',
    sql: `
      CREATE TABLE fact_checks (
        id            INTEGER PRIMARY KEY,
        key           TEXT NOT NULL UNIQUE,      -- url:…, id:<source>:…, or hash:<publisher>:<sha1 of claim>
        claim         TEXT NOT NULL,             -- claimReviewed
        title         TEXT,                      -- the fact-check's headline
        claimant      TEXT,                      -- itemReviewed.author.name
        claim_date    TEXT,                      -- itemReviewed.datePublished
        appearances   TEXT NOT NULL DEFAULT '[]',-- JSON array of URLs where the claim appeared
        url           TEXT,                      -- the fact-check article
        publisher     TEXT,                      -- author.name of the ClaimReview
        publisher_url TEXT,
        review_date   TEXT,                      -- datePublished of the ClaimReview (ISO date)
        verdict_text  TEXT,                      -- the publisher's own rating text
        verdict       TEXT NOT NULL,             -- false | mostly-false | mixed | mostly-true | true | other
        rating_value  REAL,
        best_rating   REAL,
        worst_rating  REAL,
        language      TEXT,
        source        TEXT NOT NULL,             -- claimreview | factcheck-api | liar | vclaims
        source_id     TEXT,                      -- the dataset's own id, when it has one
        extra         TEXT,                      -- JSON of dataset fields with no ClaimReview home
        imported_at   TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX fact_checks_review_date ON fact_checks(review_date);
      CREATE INDEX fact_checks_source ON fact_checks(source, source_id);
      -- Stems written by src/store/terms.ts; rowid = fact_checks.id.
      CREATE VIRTUAL TABLE fact_checks_fts USING fts5(claim, title, tokenize = 'unicode61 remove_diacritics 0');
      CREATE VIRTUAL TABLE fact_checks_terms USING fts5vocab(fact_checks_fts, 'row');
    `,
  },
  {
    // fts5vocab counts a term's documents by walking its whole posting list (a common word costs a
    // millisecond); the matcher needs document frequencies per query term, so they are kept here.
    name: 'document frequencies of fact-check stems',
    sql: `
      CREATE TABLE fact_check_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO fact_check_terms (term, df) SELECT term, doc FROM fact_checks_terms;
    `,
  },
];

/** The folder the store lives in: --db, else CREDENCE_DB, else $XDG_DATA_HOME/credence or ~/.local/share/credence. */

export class Store {
  readonly factChecks: FactCheckTable;
  private constructor(
    readonly db: Database.Database,
    readonly path: string,
  ) {
    this.factChecks = new FactCheckTable(db);
  }

  /** Opens (creating and migrating as needed) the store in `dir`, or a throwaway one for ':memory:'. */
  static open(dir: string): Store {
    let path = ':memory:';
    if (dir !== ':memory:') {
      const notAFolder = () => new UsageError('E_UNREADABLE', 'expected the store\'s folder (--db or CREDENCE_DB name a folder), got a file', { file: dir });
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw notAFolder();
      try {
        // Only the missing parents are made recursively: Node's recursive mkdir spins forever on a
        // file system that refuses a folder with ENOENT, as /proc does.
        if (!existsSync(dir)) mkdirSync(dir, { recursive: !existsSync(dirname(dir)) });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' || code === 'ENOTDIR') throw notAFolder();
        throw new UsageError('E_UNREADABLE', `cannot create the store folder (${code ?? String(err)})`, { file: dir });
      }
      path = join(dir, DB_FILE);
    }
    let db: Database.Database;
    try {
      // Another process's import holds the write lock for its whole transaction: wait for it.
      db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = NORMAL');
    } catch (err) {
      throw new UsageError('E_UNREADABLE', `cannot open the store (${(err as Error).message})`, { file: path });
    }
    try {
      migrate(db, path);
      // Reading the index's own tables finds most damage now, with the file named, not mid-command.
      db.prepare('SELECT count(*) FROM fact_checks_fts WHERE rowid = 0').get();
    } catch (err) {
      db.close();
      throw storeFailure(err, path) ?? err;
    }
    return new Store(db, path);
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Runs `fn` in one transaction (rolled back if it throws). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}

/** Applies the migrations this database has not had yet, each in its own transaction. */
export function migrate(db: Database.Database, path: string, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new UsageError('E_CONFIG', `the store has schema version ${current}, newer than this Credence knows (${migrations.length}); upgrade Credence`, { file: path });
  }
  if (current === 0) {
    const own = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
    if (own.n > 0) throw new UsageError('E_CONFIG', 'not a Credence store: the database already holds tables of its own; give --db an empty folder or a Credence store', { file: path });
  }
  for (let v = current; v < migrations.length; v++) {
    const m = migrations[v]!;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return migrations.length - current;
}
