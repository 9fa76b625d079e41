/**
 * Opening an input as a stream of bytes: gunzipped when its first bytes say gzip (whatever its
 * name), refused when it is binary, with its first 8 KiB at hand for sniffing the format.
 * Nothing here reads more than it must; readers pull the rest as they go.
 */
import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../article/errors.js';
import { fsProblem, gzipProblem } from './fs-errors.js';
import { isGzip, sniffBytes } from './sniff.js';

export const HEAD_BYTES = 8 * 1024;

export interface Source {
  /** The name messages use: the path as given, or "<stdin>". */
  name: string;
  /** The first bytes (at most HEAD_BYTES) of the content, after gunzip. */
  head: Buffer;
  /** The whole content from its first byte, after gunzip. Iterate it once. */
  chunks: AsyncIterable<Buffer>;
  /** Releases the file; safe to call whether or not `chunks` was read to the end. */
  close(): Promise<void>;
}

export async function openFile(path: string, name: string = path): Promise<Source | InputError> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const problem = fsProblem(err, name);
    if (problem === undefined) throw err;
    return problem;
  }
  return prepare(handle.createReadStream({ highWaterMark: 64 * 1024 }), name);
}

export function openStream(stream: NodeJS.ReadableStream, name: string): Promise<Source | InputError> {
  return prepare(stream, name);
}

async function prepare(raw: AsyncIterable<Buffer | string>, name: string): Promise<Source | InputError> {
  const bytes = translateErrors(raw, name);
  try {
    const magic = await peek(bytes, 2);
    const content = isGzip(magic.head) ? translateErrors(gunzip(magic.rest), name) : magic.rest;
    const { head, rest, close } = await peek(content, HEAD_BYTES);
    const sniffed = sniffBytes(head);
    if (sniffed.kind === 'text') return { name, head, chunks: rest, close };
    await close();
    return sniffed.kind === 'binary'
      ? new InputError('E_BINARY', `expected text; got a binary file (${sniffed.what})`, { file: name })
      : new InputError('E_ENCODING', `expected UTF-8 text; got UTF-16 (byte-order mark ${sniffed.bom})`, { file: name });
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
}

function gunzip(compressed: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  // pipeline, not pipe: an error on either side must end the iteration, not hang it.
  return pipeline(Readable.from(compressed), createGunzip(), () => {});
}

/** The chunks as Buffers, with I/O and gzip failures turned into InputErrors. */
async function* translateErrors(chunks: AsyncIterable<Buffer | string>, name: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  } catch (err) {
    throw fsProblem(err, name) ?? gzipProblem(err, name) ?? err;
  }
}

interface Peeked {
  head: Buffer;
  /** The whole input again from its start; closes the source when its consumer stops early. */
  rest: AsyncIterable<Buffer>;
  /** Closes the source, for when `rest` is never read (a generator that never started has no finally to run). */
  close(): Promise<void>;
}

/** The first `bytes` bytes of a source (fewer if it is shorter), without losing them for the reader. */
async function peek(source: AsyncIterable<Buffer>, bytes: number): Promise<Peeked> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let exhausted = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done === true) {
      exhausted = true;
      break;
    }
    taken.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(taken, size).subarray(0, bytes);
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      yield* taken;
      if (exhausted) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return {
    head,
    rest: rest(),
    close: async () => {
      await iterator.return?.();
    },
  };
}
