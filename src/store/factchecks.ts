/**
 * The fact_checks table and its full-text index. Writes go through prepared statements; callers
 * batch them in one transaction (Store.transaction) for speed. A fact-check is identified by its
 * key (see factCheckKey), so importing it again updates the row instead of adding one.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { ftsQuery, indexText, queryTerms } from './terms.js';
import type { Verdict } from './verdict.js';

/** A fact-check as Credence keeps it: the ClaimReview fields, plus where it came from. */
export interface FactCheckInput {
  claim: string;
  title?: string | undefined;
  claimant?: string | undefined;
  claimDate?: string | undefined;
  appearances?: string[] | undefined;
  url?: string | undefined;
  publisher?: string | undefined;
  publisherUrl?: string | undefined;
  reviewDate?: string | undefined;
  verdictText?: string | undefined;
  verdict: Verdict;
  ratingValue?: number | undefined;
  bestRating?: number | undefined;
  worstRating?: number | undefined;
  language?: string | undefined;
  /** claimreview, factcheck-api, liar, vclaims. */
  source: string;
  /** The dataset's own id (LIAR's statement id, a verified claim's id); also gives the key when there is no url. */
  sourceId?: string | undefined;
  /** An explicit key (a ClaimReview's `identifier` written by our own export). */
  key?: string | undefined;
  extra?: Record<string, unknown> | undefined;
}

export interface FactCheck extends Omit<FactCheckInput, 'key' | 'appearances'> {
  id: number;
  key: string;
  appearances: string[];
  importedAt: string;
  updatedAt: string;
}

/**
 * The stable identity of a fact-check: its review URL; else a key it carries (our export's
 * `identifier`); else the dataset's id; else publisher + a hash of the claim text.
 */
export function factCheckKey(f: FactCheckInput): string {
  if (f.url !== undefined && f.url !== '') return `url:${f.url.trim()}`;
  if (f.key !== undefined && f.key !== '') return f.key;
  if (f.sourceId !== undefined && f.sourceId !== '') return `id:${f.source}:${f.sourceId}`;
  const claim = f.claim.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  const hash = createHash('sha1').update(claim).digest('hex');
  return `hash:${(f.publisher ?? '').trim().toLowerCase()}:${hash}`;
}

interface Row {
  id: number;
  key: string;
  claim: string;
  title: string | null;
  claimant: string | null;
  claim_date: string | null;
  appearances: string;
  url: string | null;
  publisher: string | null;
  publisher_url: string | null;
  review_date: string | null;
  verdict_text: string | null;
  verdict: Verdict;
  rating_value: number | null;
  best_rating: number | null;
  worst_rating: number | null;
  language: string | null;
  source: string;
  source_id: string | null;
  extra: string | null;
  imported_at: string;
  updated_at: string;
}

const COLUMNS = 'id, key, claim, title, claimant, claim_date, appearances, url, publisher, publisher_url, review_date, verdict_text, verdict, rating_value, best_rating, worst_rating, language, source, source_id, extra, imported_at, updated_at';

export function fromRow(r: Row): FactCheck {
  const f: FactCheck = {
    id: r.id,
    key: r.key,
    claim: r.claim,
    appearances: JSON.parse(r.appearances) as string[],
    verdict: r.verdict,
    source: r.source,
    importedAt: r.imported_at,
    updatedAt: r.updated_at,
  };
  if (r.title !== null) f.title = r.title;
  if (r.claimant !== null) f.claimant = r.claimant;
  if (r.claim_date !== null) f.claimDate = r.claim_date;
  if (r.url !== null) f.url = r.url;
  if (r.publisher !== null) f.publisher = r.publisher;
  if (r.publisher_url !== null) f.publisherUrl = r.publisher_url;
  if (r.review_date !== null) f.reviewDate = r.review_date;
  if (r.verdict_text !== null) f.verdictText = r.verdict_text;
  if (r.rating_value !== null) f.ratingValue = r.rating_value;
  if (r.best_rating !== null) f.bestRating = r.best_rating;
  if (r.worst_rating !== null) f.worstRating = r.worst_rating;
  if (r.language !== null) f.language = r.language;
  if (r.source_id !== null) f.sourceId = r.source_id;
  if (r.extra !== null) f.extra = JSON.parse(r.extra) as Record<string, unknown>;
  return f;
}

export interface SearchHit {
  factCheck: FactCheck;
  /** BM25 relevance (FTS5's bm25() negated: higher is better). */
  bm25: number;
  /** The indexed stems of the claim and the title, space-separated (as terms() makes them). */
  claimStems: string;
  titleStems: string;
}

export interface SearchOptions {
  limit?: number;
  /** Weights of the claim and title columns in BM25. */
  weights?: readonly [number, number];
  /** Only fact-checks reviewed (or, without a review date, claimed) on or after this ISO date. */
  since?: string;
  /** Only fact-checks in this language (or with no language recorded). */
  language?: string;
  /**
   * FTS5 scores every row holding any query term, so common words cost time and add little rank:
   * terms are taken rarest first until their rows (document frequencies) add up to this budget; the
   * three rarest are always kept (default 3,000; Infinity keeps every term).
   */
  postingBudget?: number;
}

export const DEFAULT_POSTING_BUDGET = 3_000;

export type Upserted = 'imported' | 'updated';

function distinctStems(claim: string, title: string): Set<string> {
  const out = new Set<string>();
  for (const t of claim.split(' ')) if (t !== '') out.add(t);
  for (const t of title.split(' ')) if (t !== '') out.add(t);
  return out;
}

// A UTF-16 surrogate without its pair (JSON allows "\ud83d" alone).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The record with every lone surrogate replaced by U+FFFD, as the store would write it anyway: so
 * its key is the one the stored text gives, and importing an export of it finds it again.
 */
function wellFormed(f: FactCheckInput): FactCheckInput {
  const fix = <T>(v: T): T => (typeof v === 'string' ? (v.replace(LONE_SURROGATE, '\ufffd') as T) : v);
  const out = { ...f } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) out[k] = Array.isArray(v) ? v.map(fix) : fix(v);
  return out as unknown as FactCheckInput;
}

export class FactCheckTable {
  private readonly findKey: Database.Statement<[string], { id: number }>;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;
  private readonly ftsInsert: Database.Statement;
  private readonly ftsDelete: Database.Statement;
  private readonly counter: Database.Statement<[], { n: number }>;
  private readonly docFreq: Database.Statement<[string], { doc: number }>;
  private readonly byId: Database.Statement<[number], Row>;
  private readonly changes: Database.Statement;
  private readonly ftsRow: Database.Statement<[number], { claim: string; title: string }>;
  private readonly dfUp: Database.Statement<[string]>;
  private readonly dfDown: Database.Statement<[string]>;

  constructor(private readonly db: Database.Database) {
    this.findKey = db.prepare('SELECT id FROM fact_checks WHERE key = ?');
    const fields = 'claim, title, claimant, claim_date, appearances, url, publisher, publisher_url, review_date, verdict_text, verdict, rating_value, best_rating, worst_rating, language, source, source_id, extra';
    this.insert = db.prepare(
      `INSERT INTO fact_checks (key, ${fields}, imported_at, updated_at) VALUES (@key, ${fields
        .split(', ')
        .map((f) => '@' + f)
        .join(', ')}, @now, @now)`,
    );
    // An update replaces every ClaimReview field; where the record came from (source, its id, its
    // dataset fields) is kept when the new record does not say, so a round trip through ClaimReview
    // JSON-LD loses nothing.
    this.update = db.prepare(
      `UPDATE fact_checks SET claim = @claim, title = @title, claimant = @claimant, claim_date = @claim_date,
         appearances = @appearances, url = @url, publisher = @publisher, publisher_url = @publisher_url,
         review_date = @review_date, verdict_text = @verdict_text, verdict = @verdict, rating_value = @rating_value,
         best_rating = @best_rating, worst_rating = @worst_rating, language = @language,
         source = CASE WHEN @source_id IS NULL AND source_id IS NOT NULL THEN source ELSE @source END,
         source_id = COALESCE(@source_id, source_id), extra = COALESCE(@extra, extra), updated_at = @now
       WHERE id = @id`,
    );
    this.ftsInsert = db.prepare('INSERT INTO fact_checks_fts (rowid, claim, title) VALUES (?, ?, ?)');
    this.ftsDelete = db.prepare('DELETE FROM fact_checks_fts WHERE rowid = ?');
    this.counter = db.prepare('SELECT count(*) AS n FROM fact_checks');
    this.docFreq = db.prepare('SELECT df AS doc FROM fact_check_terms WHERE term = ?');
    this.ftsRow = db.prepare('SELECT claim, title FROM fact_checks_fts WHERE rowid = ?');
    this.dfUp = db.prepare('INSERT INTO fact_check_terms (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1');
    this.dfDown = db.prepare('UPDATE fact_check_terms SET df = df - 1 WHERE term = ?');
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM fact_checks WHERE id = ?`);
    // This connection's writes, and (data_version) other connections' commits since it opened.
    this.changes = db.prepare('SELECT total_changes() * 4294967296 + (SELECT data_version FROM pragma_data_version) AS c');
  }

  /** Adds a fact-check, or updates the one with the same key. Call inside a transaction for speed. */
  upsert(input: FactCheckInput, now = new Date().toISOString()): { id: number; result: Upserted } {
    const f = wellFormed(input);
    const key = factCheckKey(f);
    const params = {
      key,
      claim: f.claim,
      title: f.title ?? null,
      claimant: f.claimant ?? null,
      claim_date: f.claimDate ?? null,
      appearances: JSON.stringify(f.appearances ?? []),
      url: f.url ?? null,
      publisher: f.publisher ?? null,
      publisher_url: f.publisherUrl ?? null,
      review_date: f.reviewDate ?? null,
      verdict_text: f.verdictText ?? null,
      verdict: f.verdict,
      rating_value: f.ratingValue ?? null,
      best_rating: f.bestRating ?? null,
      worst_rating: f.worstRating ?? null,
      language: f.language ?? null,
      source: f.source,
      source_id: f.sourceId ?? null,
      extra: f.extra === undefined ? null : JSON.stringify(f.extra),
      now,
    };
    const existing = this.findKey.get(key);
    const claimStems = indexText(f.claim);
    const titleStems = indexText(f.title);
    if (existing === undefined) {
      const id = Number(this.insert.run(params).lastInsertRowid);
      this.index(id, claimStems, titleStems);
      return { id, result: 'imported' };
    }
    const id = existing.id;
    this.update.run({ ...params, id });
    const old = this.ftsRow.get(id);
    if (old === undefined || old.claim !== claimStems || old.title !== titleStems) {
      if (old !== undefined) {
        for (const t of distinctStems(old.claim, old.title)) this.dfDown.run(t);
        this.ftsDelete.run(id);
      }
      this.index(id, claimStems, titleStems);
    }
    return { id, result: 'updated' };
  }

  private index(id: number, claimStems: string, titleStems: string): void {
    this.ftsInsert.run(id, claimStems, titleStems);
    for (const t of distinctStems(claimStems, titleStems)) this.dfUp.run(t);
  }

  count(): number {
    return this.counter.get()!.n;
  }

  get(id: number): FactCheck | undefined {
    const r = this.byId.get(id);
    return r === undefined ? undefined : fromRow(r);
  }

  /** How many fact-checks hold the stem `term` (claim or title): for IDF weights. */
  documentFrequency(term: string): number {
    return this.docFreq.get(term)?.doc ?? 0;
  }

  private idfCache: { n: number; changes: number; map: Map<string, number> } | undefined;

  /**
   * BM25's IDF of a stem over the stored fact-checks, ln(1 + (N - df + 0.5) / (df + 0.5)), cached
   * until the table changes.
   */
  idf(): (term: string) => number {
    // The change stamp moves with every write, here or in another process; counting 100,000 rows on
    // every query instead would cost a tenth of a millisecond.
    const changes = (this.changes.get() as { c: number }).c;
    if (this.idfCache === undefined || this.idfCache.changes !== changes) this.idfCache = { n: this.count(), changes, map: new Map() };
    const n = this.idfCache.n;
    const cache = this.idfCache.map;
    return (term) => {
      let v = cache.get(term);
      if (v === undefined) {
        const df = this.documentFrequency(term);
        v = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        if (cache.size < 500_000) cache.set(term, v);
      }
      return v;
    };
  }

  private avgCache: { changes: number; claim: number; title: number } | undefined;

  /** The mean length in stems of the indexed claims and titles (for BM25 by field), cached until the table changes. */
  averageLengths(): { claim: number; title: number } {
    const changes = (this.changes.get() as { c: number }).c;
    if (this.avgCache === undefined || this.avgCache.changes !== changes) {
      const r = this.db
        .prepare("SELECT avg(CASE claim WHEN '' THEN 0 ELSE length(claim) - length(replace(claim, ' ', '')) + 1 END) AS c, avg(CASE title WHEN '' THEN 0 ELSE length(title) - length(replace(title, ' ', '')) + 1 END) AS t FROM fact_checks_fts")
        .get() as { c: number | null; t: number | null };
      this.avgCache = { changes, claim: r.c ?? 1, title: r.t ?? 1 };
    }
    return { claim: this.avgCache.claim, title: this.avgCache.title };
  }

  /** Every fact-check, oldest id first, streamed. */
  *all(): Generator<FactCheck> {
    for (const r of this.db.prepare(`SELECT ${COLUMNS} FROM fact_checks ORDER BY id`).iterate() as IterableIterator<Row>) yield fromRow(r);
  }

  /** Fact-checks sharing words with `text`, best BM25 first. The text is never read as FTS5 syntax. */
  search(text: string, opts: SearchOptions = {}): SearchHit[] {
    return this.searchTerms(queryTerms(text), opts);
  }

  /** The query stems FTS5 will search for: rarest first, within the posting budget. */
  prune(stems: readonly string[], budget = DEFAULT_POSTING_BUDGET): string[] {
    if (!Number.isFinite(budget)) return [...stems];
    const byDf = stems.map((t) => ({ t, df: this.documentFrequency(t) })).filter((x) => x.df > 0);
    byDf.sort((a, b) => a.df - b.df);
    const kept: string[] = [];
    let total = 0;
    for (const { t, df } of byDf) {
      if (kept.length >= 3 && total + df > budget) break;
      kept.push(t);
      total += df;
    }
    return kept;
  }

  /** As search, from query stems already made by queryTerms. */
  searchTerms(stems: readonly string[], opts: SearchOptions = {}): SearchHit[] {
    const match = ftsQuery(this.prune(stems, opts.postingBudget));
    if (match === undefined) return [];
    const [wClaim, wTitle] = opts.weights ?? [1, 0.5];
    const bm25 = `bm25(fact_checks_fts, ${Number(wClaim)}, ${Number(wTitle)})`;
    const columns = COLUMNS.split(', ')
      .map((c) => 'f.' + c)
      .join(', ');
    const params: Record<string, unknown> = { match, limit: opts.limit ?? 10 };
    let sql: string;
    if (opts.since === undefined && opts.language === undefined) {
      // Rank inside FTS5 first, then fetch only the rows kept, their indexed stems included: joining
      // every match costs twice as much, and reading every match's stems a tenth more.
      sql = `SELECT ${columns}, c.claim AS s_claim, c.title AS s_title, t.score FROM (
          SELECT rowid AS id, -${bm25} AS score
          FROM fact_checks_fts WHERE fact_checks_fts MATCH @match ORDER BY score DESC LIMIT @limit
        ) t JOIN fact_checks f ON f.id = t.id JOIN fact_checks_fts c ON c.rowid = t.id ORDER BY t.score DESC`;
    } else {
      const where: string[] = ['fact_checks_fts MATCH @match'];
      if (opts.since !== undefined) {
        // Dates are ISO text; a date kept as given because it could not be read is never in the window.
        where.push("COALESCE(f.review_date, f.claim_date) >= @since AND COALESCE(f.review_date, f.claim_date) GLOB '[0-9][0-9][0-9][0-9]*'");
        params.since = opts.since;
      }
      if (opts.language !== undefined) {
        where.push("(f.language IS NULL OR lower(f.language) = lower(@language) OR lower(f.language) LIKE lower(@language) || '-%')");
        params.language = opts.language;
      }
      sql = `SELECT ${columns}, fact_checks_fts.claim AS s_claim, fact_checks_fts.title AS s_title, -${bm25} AS score
        FROM fact_checks_fts JOIN fact_checks f ON f.id = fact_checks_fts.rowid
        WHERE ${where.join(' AND ')} ORDER BY ${bm25} LIMIT @limit`;
    }
    const rows = this.statement(sql).all(params) as (Row & { score: number; s_claim: string; s_title: string })[];
    return rows.map((r) => ({ factCheck: fromRow(r), bm25: r.score, claimStems: r.s_claim, titleStems: r.s_title }));
  }

  private readonly cache = new Map<string, Database.Statement>();
  private statement(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
