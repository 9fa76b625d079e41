/** `credence factchecks import FILE...`: every file's fact-checks into the store, in one transaction. */
import { readFactChecks } from '../store/import/read.js';
import { Store, storeDir } from '../store/store.js';
import { EXIT, Problems, type Io } from './io.js';

export interface FactchecksImportFlags {
  db?: string;
}

export async function factchecksImport(io: Io, files: string[], flags: FactchecksImportFlags): Promise<number> {
  const problems = new Problems(io);
  const store = Store.open(storeDir(flags.db, io.env));
  const counts = { imported: 0, updated: 0 };
  try {
    const now = new Date().toISOString();
    store.transaction(() => {
      for (const file of files) {
        for (const item of readFactChecks(file)) {
          if (item.kind === 'error') problems.error(item.error);
          else counts[store.factChecks.upsert(item.factCheck, now).result]++;
        }
      }
    });
  } finally {
    store.close();
  }
  problems.note(`fact-checks: ${counts.imported} imported, ${counts.updated} updated, ${problems.skipped} skipped (${store.path})`);
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}
