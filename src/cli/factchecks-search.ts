/** `credence factchecks search "TEXT"`: stored fact-checks sharing words with TEXT, best BM25 first. */
import { UsageError } from '../article/errors.js';
import { Store, storeDir } from '../store/store.js';
import { coloursFor, EXIT, type Io } from './io.js';

export interface FactchecksSearchFlags {
  db?: string;
  limit?: string;
  format?: string;
  since?: string;
  language?: string;
}

export function positiveInt(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError('E_USAGE', `${flag} expects a whole number of at least 1, got "${value}"`);
  return n;
}

export function isoDateFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (m === null) throw new UsageError('E_USAGE', `${flag} expects a date as YYYY-MM-DD, got "${value}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) throw new UsageError('E_USAGE', `${flag} expects a date as YYYY-MM-DD, got "${value}", which is not a day of the calendar`);
  return value;
}

export async function factchecksSearch(io: Io, text: string, flags: FactchecksSearchFlags): Promise<number> {
  const limit = positiveInt(flags.limit, 10, '--limit');
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'jsonl') throw new UsageError('E_USAGE', `--format expects text or jsonl, got "${format}"`);
  const since = isoDateFlag(flags.since, '--since');
  if (!/[\p{L}\p{N}]/u.test(text)) throw new UsageError('E_USAGE', 'the text to search for has no words');
  const store = Store.open(storeDir(flags.db, io.env));
  try {
    const opts: Parameters<typeof store.factChecks.search>[1] = { limit };
    if (since !== undefined) opts.since = since;
    if (flags.language !== undefined) opts.language = flags.language;
    const hits = store.factChecks.search(text, opts);
    const c = coloursFor(io, 'stdout');
    for (const h of hits) {
      const f = h.factCheck;
      if (format === 'jsonl') {
        io.stdout.write(JSON.stringify({ score: round(h.bm25), ...f }) + '\n');
        continue;
      }
      const meta = [f.verdict + (f.verdictText !== undefined && f.verdictText !== f.verdict ? ` (${f.verdictText})` : ''), f.publisher, f.reviewDate ?? f.claimDate]
        .filter((x) => x !== undefined && x !== '')
        .join(' · ');
      io.stdout.write(`${c.bold(h.bm25.toFixed(2).padStart(6))}  ${f.claim.replace(/\s+/g, ' ')}\n        ${c.dim(meta)}${f.url !== undefined ? '  ' + f.url : ''}\n`);
    }
    if (hits.length === 0 && format === 'text') io.stderr.write(`credence: no fact-check matches (${store.factChecks.count()} stored)\n`);
  } finally {
    store.close();
  }
  return EXIT.ok;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
