/** Reading a whole input as one text, for the formats that hold one article (or one document) per file. */
import type { InputError } from '../../article/errors.js';
import { invalidUtf8 } from '../problems.js';
import type { Source } from './open.js';
import { decodeUtf8, firstInvalidLine, stripBom } from './utf8.js';

/**
 * The text of `source`. Throws `tooLarge()` past `maxBytes` of input (reading stops there), and an
 * E_ENCODING error naming the line for invalid UTF-8.
 */
export async function readWholeText(source: Source, maxBytes: number, tooLarge: () => InputError): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source.chunks) {
    size += chunk.length;
    if (size > maxBytes) {
      throw tooLarge();
    }
    parts.push(chunk);
  }
  const bytes = Buffer.concat(parts, size);
  const text = decodeUtf8(bytes);
  if (text === undefined) throw invalidUtf8({ file: source.name, line: firstInvalidLine(bytes) });
  return stripBom(text);
}
