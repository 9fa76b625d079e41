/**
 * The wording of every per-file and per-record problem, in one place so that all readers say the
 * same thing the same way: what was expected, what was found, on one line.
 */
import { InputError, type Where } from '../article/errors.js';

export const MiB = 1024 * 1024;

/** "8 MiB", "9.0 MiB", "12.5 KiB", "300 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [size, unit] = bytes < MiB ? [bytes / 1024, 'KiB'] : [bytes / MiB, 'MiB'];
  return Number.isInteger(size) ? `${size} ${unit}` : `${size.toFixed(1)} ${unit}`;
}

export function articleTooLarge(where: Where, bytes: number, limit: number): InputError {
  return new InputError(
    'E_TOO_LARGE',
    `expected an article of at most ${formatBytes(limit)}; got ${formatBytes(bytes)} (${bytes.toLocaleString('en-US')} bytes)`,
    where,
  );
}

/** Raw input too big to even parse as one article; `got` is e.g. "a line of 17.0 MiB". */
export function inputTooLarge(where: Where, limit: number, got: string): InputError {
  return new InputError('E_TOO_LARGE', `expected an article of at most ${formatBytes(limit)}; got ${got}`, where);
}

export function invalidUtf8(where: Where): InputError {
  return new InputError(
    'E_ENCODING',
    'expected UTF-8 text; got bytes that are not valid UTF-8 (convert the file first, e.g. iconv -f windows-1252 -t utf-8)',
    where,
  );
}

export function emptyBody(where: Where, unreadable?: string): InputError {
  if (unreadable !== undefined) return new InputError('E_FIELD', `expected the article body as text; got ${unreadable}`, where);
  return new InputError('E_EMPTY', 'expected the article body; got an empty value', where);
}

export function emptyTitle(where: Where): InputError {
  return new InputError('E_EMPTY', 'expected a title; got an empty value (the article is read with an empty title)', where);
}

/** `got` as the message shows it: a quoted code, or what the field held instead ("an object without text"). */
export function unknownLabel(where: Where, expected: readonly string[], got: string, kept: boolean): InputError {
  return new InputError('E_FIELD', `expected one of ${expected.join(', ')}; got ${got}${kept ? ' (the article is read without a gold label)' : ''}`, where);
}

export function parseProblem(where: Where, expected: string, got: string): InputError {
  return new InputError('E_PARSE', `expected ${expected}; got ${got}`, where);
}
