/** Strict UTF-8: invalid bytes are an error to report, never a U+FFFD to train on. */
import { isUtf8 } from 'node:buffer';

const BOM = '\uFEFF';
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text, or undefined when the bytes are not valid UTF-8. A BOM is kept; see `stripBom`. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * The 1-based line holding the first invalid sequence. Checking line by line is exact because
 * the byte 0x0A never occurs inside a multi-byte sequence.
 */
export function firstInvalidLine(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (;;) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    if (!isUtf8(bytes.subarray(start, end)) || newline === -1) return line;
    line++;
    start = newline + 1;
  }
}
