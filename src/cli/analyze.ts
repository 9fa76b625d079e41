/** `credence analyze`: a report for every article read from files, folders or stdin. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { articleText } from '../article/article.js';
import { UsageError } from '../article/errors.js';
import type { Report } from '../article/report.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimMatcher } from '../analyse/claims.js';
import { createEngine } from '../analyse/engine.js';
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
  const options = { ...readOptions(flags), stdin: io.stdin };
  const specs = inputs.map(parseSpec);
  if (!flags.headline && flags.stanceModel !== undefined) throw new UsageError('E_USAGE', '--stance-model and --no-headline: choose one');
  if (!flags.claims && flags.worthinessModel !== undefined) throw new UsageError('E_USAGE', '--worthiness-model and --no-claims: choose one');
  if (!flags.claims && flags.db !== undefined) throw new UsageError('E_USAGE', '--db and --no-claims: choose one (the store is searched for the claims)');
  if (!flags.sourcing && flags.nerModel !== undefined) throw new UsageError('E_USAGE', '--ner-model and --no-sourcing: choose one');
  const store = flags.claims ? await openStoreIfAny(flags.db, io.env) : undefined;
  const engine = createEngine({
    ...(store !== undefined ? { matchClaim: store.matcher } : {}),
    ...(flags.model !== undefined ? { reliabilityModel: flags.model } : {}),
    ...(flags.headline ? (flags.stanceModel !== undefined ? { stanceModel: flags.stanceModel } : {}) : { stanceModel: null }),
    ...(flags.claims ? (flags.worthinessModel !== undefined ? { worthinessModel: flags.worthinessModel } : {}) : { worthinessModel: null }),
    ...(flags.sourcing ? (flags.nerModel !== undefined ? { nerModel: flags.nerModel } : {}) : { sourcing: false }),
  });
  const problems = new Problems(io);
  const progress = progressFor(io);
  const out = outputFor(format, io);
  let analysed = 0;
  for (const spec of specs) {
    for await (const item of readDataset(spec, options)) {
      if (item.kind === 'error') problems.error(item.error);
      else if (item.kind === 'warning') problems.warning(item.error);
      else {
        let report: Report;
        try {
          report = engine.analyze(item.article);
        } catch (err) {
          // A bug met inside one article: report it with its stack, skip the article, go on (exit 2).
          problems.bug(err, item.article.origin);
          continue;
        }
        await out.write(report, articleText(item.article));
        analysed++;
        progress.update('analysing', analysed);
      }
    }
  }
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

function outputFormat(value: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new UsageError('E_USAGE', `--format: expected one of ${OUTPUT_FORMATS.join(', ')}; got "${value}"`);
}

interface Output {
  write(report: Report, text: string): Promise<void>;
  end(): Promise<void>;
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
      return { write: (r, text) => write(stdout, renderReport(r, text, c, colour) + '\n'), end: async () => {} };
    }
    case 'jsonl':
      return { write: (r) => write(stdout, JSON.stringify(r) + '\n'), end: async () => {} };
    case 'csv': {
      let header = false;
      return {
        write: async (r) => {
          // The CSV writer loads only when CSV is asked for (start-up time).
          const { csvHeader, csvRow } = await import('../render/csv.js');
          if (!header) await write(stdout, csvHeader());
          header = true;
          await write(stdout, csvRow(r));
        },
        end: async () => {},
      };
    }
    case 'json': {
      // One article: one pretty object. More than one: JSON Lines, streamed from the second on.
      let first: Report | undefined;
      let streaming = false;
      return {
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
      };
    }
  }
}

/**
 * The fact-check store the claims are matched against: the one --db names (which must exist), else the
 * default one if it exists. Never created here: `credence factchecks import` creates it. The store's
 * modules (a native SQLite binding) load only when there is a store.
 */
async function openStoreIfAny(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<{ matcher: ClaimMatcher; close(): void } | undefined> {
  const { DB_FILE, storeDir } = await import('../store/location.js');
  const dir = storeDir(flag, env);
  if (!existsSync(join(dir, DB_FILE))) {
    if (flag !== undefined) throw new UsageError('E_USAGE', `--db ${flag}: no fact-check store there (credence factchecks import --db ${flag} FILE creates one)`);
    return undefined;
  }
  const { claimMatcher } = await import('../analyse/matches.js');
  const { Store } = await import('../store/store.js');
  const store = Store.open(dir);
  return { matcher: claimMatcher(store), close: () => store.close() };
}
