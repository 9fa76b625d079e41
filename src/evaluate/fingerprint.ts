/** Content hashes of training data, for model cards: the same bytes give the same hash, wherever they live. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface Fingerprint {
  sha256: string;
  bytes: number;
}

/** SHA-256 of a file, or of a folder's files (sorted relative paths and their hashes); '-' has none. */
export async function fingerprint(path: string): Promise<Fingerprint> {
  if (path === '-') return { sha256: 'stdin', bytes: 0 };
  try {
    const s = await stat(path);
    if (!s.isDirectory()) return { sha256: await fileHash(path), bytes: s.size };
    const h = createHash('sha256');
    let bytes = 0;
    for (const file of await listFiles(path)) {
      const f = await stat(file);
      bytes += f.size;
      h.update(`${relative(path, file)}\u0000${await fileHash(file)}\n`);
    }
    return { sha256: h.digest('hex'), bytes };
  } catch {
    // Unreadable data is reported by the reader; the card records what could be hashed.
    return { sha256: 'unreadable', bytes: 0 };
  }
}

async function fileHash(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
