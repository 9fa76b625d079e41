/** `credence factchecks export --format claimreview`: every stored fact-check as ClaimReview JSON-LD. */
import { once } from 'node:events';
import { UsageError } from '../article/errors.js';
import { toClaimReview } from '../store/export.js';
import { Store, storeDir } from '../store/store.js';
import { EXIT, type Io } from './io.js';

export interface FactchecksExportFlags {
  db?: string;
  format?: string;
}

export async function factchecksExport(io: Io, flags: FactchecksExportFlags): Promise<number> {
  const format = flags.format ?? 'claimreview';
  if (format !== 'claimreview' && format !== 'jsonl') throw new UsageError('E_USAGE', `--format expects claimreview or jsonl, got "${format}"`);
  const store = Store.open(storeDir(flags.db, io.env));
  let n = 0;
  try {
    if (format === 'claimreview') await write(io, '[');
    for (const f of store.factChecks.all()) {
      const json = JSON.stringify(toClaimReview(f));
      await write(io, format === 'claimreview' ? `${n === 0 ? '\n' : ',\n'}  ${json}` : json + '\n');
      n++;
    }
    if (format === 'claimreview') await write(io, n === 0 ? ']\n' : '\n]\n');
  } finally {
    store.close();
  }
  io.stderr.write(`credence: ${n} fact-checks exported\n`);
  return EXIT.ok;
}

async function write(io: Io, s: string): Promise<void> {
  if (!io.stdout.write(s)) await once(io.stdout, 'drain');
}
