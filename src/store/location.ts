/**
 * Where the store lives: one file, credence.db, in the folder --db names, else $CREDENCE_DB, else
 * $XDG_DATA_HOME/credence (~/.local/share/credence). Apart from the store itself so that a command can ask
 * whether there is one without loading the SQLite binding.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../article/errors.js';

export const DB_FILE = 'credence.db';

export function storeDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const home = () => env.HOME ?? homedir();
  // A quoted "~/store" reaches us unexpanded; a folder literally named "~" is never what was meant.
  const expand = (p: string) => (p === '~' ? home() : p.startsWith('~/') ? join(home(), p.slice(2)) : p);
  if (flag !== undefined) {
    if (flag.trim() === '') throw new UsageError('E_USAGE', '--db expects the store\'s folder, got an empty value');
    return resolve(expand(flag));
  }
  if (env.CREDENCE_DB !== undefined && env.CREDENCE_DB !== '') return resolve(expand(env.CREDENCE_DB));
  const data = env.XDG_DATA_HOME !== undefined && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(home(), '.local', 'share');
  return join(data, 'credence');
}
