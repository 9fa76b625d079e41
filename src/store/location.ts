/**
 * Where the store lives: one file, credence.db, in the folder --db names, else $CREDENCE_DB, else
 * $XDG_DATA_HOME/credence (~/.local/share/credence). Apart from the store itself so that a command can ask
 * whether there is one without loading the SQLite binding.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DB_FILE = 'credence.db';

export function storeDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  if (env.CREDENCE_DB !== undefined && env.CREDENCE_DB !== '') return resolve(env.CREDENCE_DB);
  const data = env.XDG_DATA_HOME !== undefined && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(env.HOME ?? homedir(), '.local', 'share');
  return join(data, 'credence');
}
