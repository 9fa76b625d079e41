/**
 * The files under a directory, found lazily (one directory listed at a time), in a fixed order
 * (names sorted by code unit, not by locale) so every run reads the same files in the same order.
 */
import type { Dirent } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputError } from '../article/errors.js';
import { fsProblem } from './source/fs-errors.js';

export type WalkEntry = { kind: 'file'; path: string } | { kind: 'error'; error: InputError };

/**
 * Hidden names (".git", ".DS_Store") are skipped. An unreadable directory is an error entry and
 * the walk goes on. Symbolic links are followed, each directory entered once, so a link cycle ends.
 */
export async function* walkFiles(root: string, accept: (name: string) => boolean): AsyncGenerator<WalkEntry> {
  const entered = new Set<string>();
  async function* visit(dir: string): AsyncGenerator<WalkEntry> {
    let entries: Dirent[];
    try {
      const identity = await stat(dir);
      const key = `${identity.dev}:${identity.ino}`;
      if (entered.has(key)) return;
      entered.add(key);
      entries = [];
      for await (const entry of await opendir(dir)) entries.push(entry);
    } catch (err) {
      const problem = fsProblem(err, dir, 'directory');
      if (problem === undefined) throw err;
      yield { kind: 'error', error: problem };
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      const kind = await kindOf(entry, path);
      if (kind === 'directory') yield* visit(path);
      else if (kind === 'file' && accept(entry.name)) yield { kind: 'file', path };
    }
  }
  yield* visit(root);
}

async function kindOf(entry: Dirent, path: string): Promise<'file' | 'directory' | 'other'> {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = await stat(path);
    return target.isDirectory() ? 'directory' : target.isFile() ? 'file' : 'other';
  } catch {
    return 'other'; // a dangling link: nothing to read
  }
}
