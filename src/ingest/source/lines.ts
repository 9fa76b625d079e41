/**
 * Lines of a byte stream, decoded one at a time: memory stays flat however big the file, an
 * invalid byte is reported with its line number, and one huge line cannot exhaust the heap.
 */
import { decodeUtf8, stripBom } from './utf8.js';

export type TextLine =
  /** `text` has no line terminator (LF or CRLF). */
  | { kind: 'text'; number: number; text: string }
  /** Longer than the reader allows; its bytes were counted, not kept. */
  | { kind: 'too-long'; number: number; bytes: number }
  | { kind: 'invalid-utf8'; number: number };

const LF = 0x0a;
const CR = 0x0d;

export async function* textLines(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<TextLine> {
  let number = 1;
  let parts: Buffer[] = [];
  let size = 0;

  const append = (piece: Buffer): void => {
    size += piece.length;
    if (size > maxLineBytes) parts = [];
    else parts.push(piece);
  };
  const finish = (): TextLine => {
    if (size > maxLineBytes) return { kind: 'too-long', number, bytes: size };
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    if (bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1);
    const text = decodeUtf8(bytes);
    if (text === undefined) return { kind: 'invalid-utf8', number };
    return { kind: 'text', number, text: number === 1 ? stripBom(text) : text };
  };

  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, start);
      if (newline === -1) {
        if (start < chunk.length) append(chunk.subarray(start));
        break;
      }
      append(chunk.subarray(start, newline));
      yield finish();
      parts = [];
      size = 0;
      number++;
      start = newline + 1;
    }
  }
  if (size > 0) yield finish();
}
