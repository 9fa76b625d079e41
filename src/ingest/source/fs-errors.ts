/** Turning what the file system says into InputErrors a user can act on. */
import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { InputError, didYouMean } from '../../article/errors.js';

function errnoCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}

/** An InputError for a failed open/stat/readdir/read, or undefined when `err` is not an I/O error. */
export function fsProblem(err: unknown, file: string, what: 'file' | 'directory' = 'file'): InputError | undefined {
  const code = errnoCode(err);
  if (code === undefined || !code.startsWith('E')) return undefined; // not a system error (zlib's are Z_…)
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new InputError('E_NO_FILE', `no such file${siblingHint(file)}`, { file });
    case 'EACCES':
    case 'EPERM':
      return new InputError('E_UNREADABLE', `cannot read this ${what}: permission denied`, { file });
    default:
      return new InputError('E_UNREADABLE', `cannot read this ${what}: ${(err as Error).message}`, { file });
  }
}

/** A did-you-mean against the names next to a missing path, when its folder can be listed. */
function siblingHint(path: string): string {
  try {
    return didYouMean(basename(path), readdirSync(dirname(path)));
  } catch {
    return '';
  }
}

/** zlib's errors while gunzipping, as an InputError; undefined for anything else. */
export function gzipProblem(err: unknown, file: string): InputError | undefined {
  const code = errnoCode(err);
  if (code === undefined || !code.startsWith('Z_')) return undefined;
  return new InputError('E_PARSE', `expected gzip data; got a corrupt or truncated gzip stream (${(err as Error).message})`, {
    file,
  });
}
