/**
 * A model file: a self-describing binary container.
 *
 *   "CREDENCE" · u32 format version · u32 header length · header JSON · padding to 8 · arrays · u32 CRC-32
 *
 * The header holds the model's kind, its settings and small learned values, the card metadata and
 * the place of every typed array. The CRC covers everything before it, so a truncated or corrupted
 * file is refused instead of predicting nonsense; a file from another format version is refused
 * with what to do about it.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { UsageError } from '../article/errors.js';

export const MAGIC = 'CREDENCE';
export const FORMAT_VERSION = 1;

type ArrayType = 'f32' | 'f64' | 'i32';
type TypedArrayOf<T extends ArrayType> = T extends 'f32' ? Float32Array : T extends 'f64' ? Float64Array : Int32Array;
export type StoredArray = Float32Array | Float64Array | Int32Array;

interface ArrayEntry {
  type: ArrayType;
  offset: number;
  length: number;
}

export interface ModelContainer<H> {
  /** What the file holds ("reliability", "stance", …); a loader refuses a file of another kind. */
  kind: string;
  header: H;
  arrays: Record<string, StoredArray>;
}

export function encodeModel<H>(m: ModelContainer<H>): Buffer {
  const entries: Record<string, ArrayEntry> = {};
  let offset = 0;
  for (const [name, a] of Object.entries(m.arrays)) {
    entries[name] = { type: typeOf(a), offset, length: a.length };
    offset += align8(a.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ kind: m.kind, header: m.header, arrays: entries }), 'utf8');
  const start = align8(16 + header.length);
  const body = Buffer.alloc(start + offset + 4);
  body.write(MAGIC, 0, 'latin1');
  body.writeUInt32LE(FORMAT_VERSION, 8);
  body.writeUInt32LE(header.length, 12);
  header.copy(body, 16);
  for (const [name, a] of Object.entries(m.arrays)) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(body, start + entries[name]!.offset);
  }
  body.writeUInt32LE(crc32(body.subarray(0, body.length - 4)), body.length - 4);
  return body;
}

/** Writes atomically: a crash never leaves a half-written model where a good one was. */
export function saveModel<H>(path: string, m: ModelContainer<H>): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, encodeModel(m));
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(err));
    throw new UsageError('E_MODEL', `cannot write the model file: ${why}`, { file: path });
  }
}

export function loadModel(path: string, kind: string): ModelContainer<unknown> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      'E_MODEL',
      code === 'ENOENT' ? 'no such model file' : `cannot read the model file (${code ?? String(err)})`,
      { file: path },
    );
  }
  return decodeModel(bytes, kind, path);
}

export function decodeModel(bytes: Buffer, kind: string, file: string): ModelContainer<unknown> {
  const bad = (why: string): UsageError => new UsageError('E_MODEL', `not a usable Credence model: ${why}`, { file });
  if (bytes.length === 0) throw bad('the file is empty');
  if (bytes.toString('latin1', 0, Math.min(8, bytes.length)) !== MAGIC.slice(0, Math.min(8, bytes.length))) {
    throw bad('it does not start with the Credence model signature');
  }
  if (bytes.length < 20) throw bad(`the file is truncated (${bytes.length} bytes)`);
  const version = bytes.readUInt32LE(8);
  if (version !== FORMAT_VERSION) {
    throw new UsageError(
      'E_MODEL_VERSION',
      `model file format version ${version}, but this Credence reads version ${FORMAT_VERSION}; retrain it with this version (credence train) or use a matching Credence`,
      { file },
    );
  }
  const stored = bytes.readUInt32LE(bytes.length - 4);
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== stored) throw bad('the checksum does not match (the file is truncated or corrupt)');
  const headerLength = bytes.readUInt32LE(12);
  if (16 + headerLength > bytes.length - 4) throw bad('the header runs past the end of the file');
  let parsed: { kind?: unknown; header?: unknown; arrays?: Record<string, ArrayEntry> };
  try {
    parsed = JSON.parse(bytes.toString('utf8', 16, 16 + headerLength));
  } catch {
    throw bad('the header is not valid JSON');
  }
  if (parsed.kind !== kind) throw bad(`it holds a "${String(parsed.kind)}" model, not a "${kind}" model`);
  const start = align8(16 + headerLength);
  const arrays: Record<string, StoredArray> = {};
  for (const [name, e] of Object.entries(parsed.arrays ?? {})) {
    const size = BYTES[e.type];
    if (size === undefined) throw bad(`array "${name}" has an unknown type "${String(e.type)}"`);
    const from = start + e.offset;
    const to = from + e.length * size;
    if (from < start || to > bytes.length - 4) throw bad(`array "${name}" runs past the end of the file`);
    // A view of the file's bytes when they are aligned for the element type (a large file read whole is);
    // otherwise a copy into a fresh, aligned buffer.
    let buffer: ArrayBufferLike = bytes.buffer;
    let at = bytes.byteOffset + from;
    if (at % size !== 0) {
      buffer = new ArrayBuffer(e.length * size);
      new Uint8Array(buffer).set(bytes.subarray(from, to));
      at = 0;
    }
    arrays[name] = e.type === 'f32' ? new Float32Array(buffer, at, e.length) : e.type === 'f64' ? new Float64Array(buffer, at, e.length) : new Int32Array(buffer, at, e.length);
  }
  return { kind, header: parsed.header, arrays };
}

/** The array of that name and type, or a clear refusal. */
export function requireArray<T extends ArrayType>(m: ModelContainer<unknown>, name: string, type: T, file: string, length?: number): TypedArrayOf<T> {
  const a = m.arrays[name];
  if (a === undefined || typeOf(a) !== type || (length !== undefined && a.length !== length)) {
    throw new UsageError('E_MODEL', `not a usable Credence model: array "${name}" is missing or has the wrong shape`, { file });
  }
  return a as TypedArrayOf<T>;
}

const BYTES: Record<ArrayType, number> = { f32: 4, f64: 8, i32: 4 };

function typeOf(a: StoredArray): ArrayType {
  return a instanceof Float32Array ? 'f32' : a instanceof Float64Array ? 'f64' : 'i32';
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
