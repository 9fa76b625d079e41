/**
 * SQLite's failures as errors a person can act on. Kept apart from store.ts so that the CLI's last
 * line of defence can use it without loading SQLite.
 */
import { UsageError } from '../article/errors.js';

/** How long a write waits for another process's transaction before the store is reported busy. */
export const BUSY_TIMEOUT_MS = 30_000;

/**
 * What an SQLite failure means for someone using the store, as a clear error; undefined for anything
 * that is not an SQLite failure (better-sqlite3's SqliteError carries SQLite's result code).
 */
export function storeFailure(err: unknown, path?: string): UsageError | undefined {
  if (!(err instanceof Error) || err.name !== 'SqliteError') return undefined;
  const code = String((err as Error & { code?: unknown }).code ?? '');
  const where = path === undefined ? {} : { file: path };
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new UsageError('E_UNREADABLE', `the store is in use by another Credence process (an import?) and stayed locked for ${BUSY_TIMEOUT_MS / 1000} s: try again when it has finished`, where);
  }
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code) || /vtable constructor failed|malformed/.test(err.message)) {
    return new UsageError('E_UNREADABLE', `the store's database is damaged (SQLite: ${err.message}): move its folder aside and import again, or restore a copy`, where);
  }
  if (code.startsWith('SQLITE_FULL')) return new UsageError('E_UNREADABLE', 'the disk holding the store is full', where);
  if (/^SQLITE_(READONLY|CANTOPEN|IOERR|PERM|AUTH)/.test(code)) return new UsageError('E_UNREADABLE', `cannot use the store (SQLite: ${err.message})`, where);
  return undefined;
}
