/** `credence analyze`: a report for every article read from files, folders or stdin. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { articleText, type Article } from '../article/article.js';
import { UsageError } from '../article/errors.js';
import type { Report } from '../article/report.js';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimMatcher } from '../analyse/claims.js';
import { createEngine, engineOptions, type AnalyzeOutcome, type Engine, type EngineSpec } from '../analyse/engine.js';
import { threadCount, WorkerPool } from '../parallel/pool.js';
import { parseSpec, readDataset } from '../ingest/index.js';
import { renderReport } from '../render/terminal.js';
import { colourEnabled, coloursFor, EXIT, Problems, type Io } from './io.js';
import { readOptions, type DataFlags } from './options.js';
import { progressFor } from './progress.js';

const OUTPUT_FORMATS = ['text', 'json', 'jsonl', 'csv'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

interface AnalyzeFlags extends DataFlags {
  format: string;
  model?: string;
  stanceModel?: string;
  /** False with --no-headline. */
  headline: boolean;
  worthinessModel?: string;
  /** False with --no-claims. */
  claims: boolean;
  db?: string;
  nerModel?: string;
  /** False with --no-sourcing. */
  sourcing: boolean;
}

export async function analyze(io: Io, inputs: string[], flags: AnalyzeFlags): Promise<number> {
  const format = outputFormat(flags.format);
  // A report needs no gold label: one the map does not know is a warning, not a lost article.
  const options = { ...readOptions(flags), stdin: io.stdin, unknownLabels: 'warn' as const };
  const specs = inputs.map(parseSpec);
  if (!flags.headline && flags.stanceModel !== undefined) throw new UsageError('E_USAGE', '--stance-model and --no-headline: choose one');
  if (!flags.claims && flags.worthinessModel !== undefined) throw new UsageError('E_USAGE', '--worthiness-model and --no-claims: choose one');
  if (!flags.claims && flags.db !== undefined) throw new UsageError('E_USAGE', '--db and --no-claims: choose one (the store is searched for the claims)');
  if (!flags.sourcing && flags.nerModel !== undefined) throw new UsageError('E_USAGE', '--ner-model and --no-sourcing: choose one');
  const store = flags.claims ? await openStoreIfAny(flags.db, io.env) : undefined;
  const spec: EngineSpec = {
    ...(store !== undefined ? { db: store.dir } : {}),
    ...(flags.model !== undefined ? { reliabilityModel: flags.model } : {}),
    ...(flags.headline ? (flags.stanceModel !== undefined ? { stanceModel: flags.stanceModel } : {}) : { stanceModel: null }),
    ...(flags.claims ? (flags.worthinessModel !== undefined ? { worthinessModel: flags.worthinessModel } : {}) : { worthinessModel: null }),
    ...(flags.sourcing ? (flags.nerModel !== undefined ? { nerModel: flags.nerModel } : {}) : { sourcing: false }),
  };
  const engine = createEngine(engineOptions(spec, store?.matcher));
  const problems = new Problems(io);
  const progress = progressFor(io);
  const out = outputFor(format, io);
  let analysed = 0;

  // One article, or a few, are analysed here (a cold start stays short); a corpus goes to the worker
  // threads in batches, each loading the models once, and the reports are written in input order.
  const threads = threadCount(io.env);
  let pool: WorkerPool | null | undefined;
  const inFlight: { articles: Article[]; outcomes: Promise<AnalyzeOutcome[]> }[] = [];
  const drainOne = async (): Promise<void> => {
    const head = inFlight.shift()!;
    const outcomes = await head.outcomes;
    for (let i = 0; i < head.articles.length; i++) {
      const article = head.articles[i]!;
      const o = outcomes[i]!;
      if ('error' in o) {
        // A bug met inside one article: report it with its stack, skip the article, go on (exit 2).
        const e = new Error(o.error);
        if (o.stack !== undefined) e.stack = o.stack;
        problems.bug(e, article.origin);
        continue;
      }
      if ('json' in o) await out.writeJson(o.json, articleText(article));
      else await out.write(o.report, articleText(article));
      analysed++;
      progress.update('analysing', analysed);
    }
  };
  let batches = 0;
  const dispatch = async (articles: Article[]): Promise<void> => {
    // The first batch is analysed here; the workers start with the second.
    if (pool === undefined && batches > 0) pool = threads >= 2 ? WorkerPool.shared(threads) : null;
    batches++;
    const outcomes = pool ? pool.run<AnalyzeOutcome[]>({ kind: 'analyze', spec, articles }) : Promise.resolve(articles.map((a) => analyseHere(engine, a)));
    inFlight.push({ articles, outcomes });
    while (inFlight.length > Math.max(2, threads * 2)) await drainOne();
  };
  let batch: Article[] = [];
  for (const input of specs) {
    for await (const item of readDataset(input, options)) {
      if (item.kind === 'error') problems.error(item.error);
      else if (item.kind === 'warning') problems.warning(item.error);
      else {
        batch.push(item.article);
        if (batch.length === BATCH) {
          await dispatch(batch);
          batch = [];
        }
      }
    }
  }
  if (batch.length > 0) await dispatch(batch);
  while (inFlight.length > 0) await drainOne();
  progress.stop();
  store?.close();
  await out.end();
  if (analysed === 0 && problems.skipped === 0) {
    throw new UsageError('E_EMPTY', `no articles found in ${inputs.join(', ')}`);
  }
  if (problems.skipped > 0 || analysed > 1) {
    const skipped = problems.skipped > 0 ? `; ${problems.skipped} skipped (listed above)` : '';
    problems.note(`analysed ${analysed} article${analysed === 1 ? '' : 's'}${skipped}`);
  }
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}

/** Articles sent to a worker at a time; also how many are analysed here before the workers start. */
const BATCH = 16;

function analyseHere(engine: Engine, article: Article): AnalyzeOutcome {
  try {
    return { report: engine.analyze(article) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { error: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}) };
  }
}

function outputFormat(value: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new UsageError('E_USAGE', `--format: expected one of ${OUTPUT_FORMATS.join(', ')}; got "${value}"`);
}

interface Output {
  write(report: Report, text: string): Promise<void>;
  /** The same for a report that arrives as its JSON text (from a worker thread). */
  writeJson(json: string, text: string): Promise<void>;
  end(): Promise<void>;
}

/** An output that reads reports as objects also takes them as JSON text. */
function withJson(o: Omit<Output, 'writeJson'>): Output {
  return { ...o, writeJson: (json, text) => o.write(JSON.parse(json) as Report, text) };
}

async function write(stream: Writable, s: string): Promise<void> {
  if (!stream.write(s)) await once(stream, 'drain');
}

function outputFor(format: OutputFormat, io: Io): Output {
  const stdout = io.stdout;
  switch (format) {
    case 'text': {
      const c = coloursFor(io, 'stdout');
      const colour = colourEnabled(io, 'stdout');
      return withJson({ write: (r, text) => write(stdout, renderReport(r, text, c, colour) + '\n'), end: async () => {} });
    }
    case 'jsonl':
      return { write: (r) => write(stdout, JSON.stringify(r) + '\n'), writeJson: (json) => write(stdout, json + '\n'), end: async () => {} };
    case 'csv': {
      let header = false;
      return withJson({
        write: async (r) => {
          // The CSV writer loads only when CSV is asked for (start-up time).
          const { csvHeader, csvRow } = await import('../render/csv.js');
          if (!header) await write(stdout, csvHeader());
          header = true;
          await write(stdout, csvRow(r));
        },
        end: async () => {},
      });
    }
    case 'json': {
      // One article: one pretty object. More than one: JSON Lines, streamed from the second on.
      let first: Report | undefined;
      let streaming = false;
      return withJson({
        write: async (r) => {
          if (streaming) return write(stdout, JSON.stringify(r) + '\n');
          if (first === undefined) {
            first = r;
            return;
          }
          streaming = true;
          await write(stdout, JSON.stringify(first) + '\n' + JSON.stringify(r) + '\n');
        },
        end: async () => {
          if (!streaming && first !== undefined) await write(stdout, JSON.stringify(first, null, 2) + '\n');
        },
      });
    }
  }
}

/**
 * The fact-check store the claims are matched against: the one --db names (which must exist), else the
 * default one if it exists. Never created here: `credence factchecks import` creates it. The store's
 * modules (a native SQLite binding) load only when there is a store.
 */
async function openStoreIfAny(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<{ dir: string; matcher: ClaimMatcher; close(): void } | undefined> {
  const { DB_FILE, storeDir } = await import('../store/location.js');
  const dir = storeDir(flag, env);
  if (!existsSync(join(dir, DB_FILE))) {
    if (flag !== undefined && existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError('E_USAGE', `--db ${flag}: expected the store's folder, got a file`);
    if (flag !== undefined) throw new UsageError('E_USAGE', `--db ${flag}: no fact-check store there (credence factchecks import --db ${flag} FILE creates one)`);
    return undefined;
  }
  const { claimMatcher } = await import('../analyse/matches.js');
  const { Store } = await import('../store/store.js');
  const store = Store.open(dir);
  return { dir, matcher: claimMatcher(store), close: () => store.close() };
}
