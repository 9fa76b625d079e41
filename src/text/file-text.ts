/**
 * The text of a file read whole: gunzipped when its first bytes are the gzip signature (whatever its
 * name), UTF-8 with any byte-order mark dropped. A file too large to hold as one string, a gzip stream
 * that unpacks past that size, a device or a folder is an InputError naming the file, never a crash.
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../article/errors.js';

/** The most a file may hold (after gunzip): V8 strings stop a little above 512 MiB. */
export const MAX_TEXT_BYTES = 500 * 1024 * 1024;

export interface FileText {
  /** The file's bytes as stored (gzip included), e.g. for a hash of the input. */
  bytes: Buffer;
  text: string;
}

const MB = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

export function readFileText(path: string, maxBytes = MAX_TEXT_BYTES): FileText | InputError {
  const where = { file: path };
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return new InputError('E_UNREADABLE', 'expected a file, got a folder', where);
    if (st.isCharacterDevice() || st.isBlockDevice() || st.isSocket()) return new InputError('E_UNREADABLE', 'expected a file, got a device', where);
    if (st.isFile() && st.size > maxBytes) return new InputError('E_TOO_LARGE', `the file holds ${MB(st.size)}, more than the ${MB(maxBytes)} read at once: split it into smaller files`, where);
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return new InputError('E_NO_FILE', 'no such file', where);
    return new InputError('E_UNREADABLE', `cannot read the file (${code ?? String(err)})`, where);
  }
  let plain = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      plain = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return new InputError('E_TOO_LARGE', `the gzip data unpacks to more than the ${MB(maxBytes)} read at once: split it into smaller files`, where);
      }
      return new InputError('E_UNREADABLE', 'expected gzip (the file starts with the gzip signature), got a corrupt or truncated stream', where);
    }
  }
  if (plain.length > maxBytes) return new InputError('E_TOO_LARGE', `the file holds ${MB(plain.length)}, more than the ${MB(maxBytes)} read at once: split it into smaller files`, where);
  let text = plain.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { bytes, text };
}
