/**
 * One file to fact-checks, whatever its layout: the content (gunzipped when its first bytes are the
 * gzip signature) is sniffed, not trusted to its name. `<` starts an HTML page; a JSON document is
 * ClaimReview JSON-LD or a Fact Check Tools API response; lines of JSON are ClaimReviews, LIAR
 * records or verified claims, each line on its own; tab-separated lines are LIAR's TSV.
 */
import { InputError, type Where } from '../../article/errors.js';
import { readFileText } from '../../text/file-text.js';
import { fromClaimReview, fromJsonDocument, isClaimReview, isFactCheckApiResponse, fromFactCheckApi } from './claimreview.js';
import { fromLiar, fromLiarTsvLine, fromVerifiedClaim, isLiarRecord, isVerifiedClaim } from './datasets.js';
import { jsonLdBlocks } from './html.js';
import type { ImportItem } from './types.js';

/** The text of a file; an InputError when it cannot be read. */
export function readText(path: string): string | InputError {
  const r = readFileText(path);
  return r instanceof InputError ? r : r.text;
}

/** Every fact-check (or bad record) in one file. */
export function* readFactChecks(path: string): Generator<ImportItem> {
  const text = readText(path);
  if (text instanceof InputError) {
    yield { kind: 'error', error: text };
    return;
  }
  yield* parseFactChecks(text, path);
}

/** Every fact-check (or bad record) in the content of one file named `file`. */
export function* parseFactChecks(text: string, file: string): Generator<ImportItem> {
  const head = text.trimStart();
  if (head === '') {
    yield { kind: 'error', error: new InputError('E_EMPTY', 'the file is empty; expected ClaimReview JSON-LD, an HTML page, LIAR TSV or JSON lines', { file }) };
    return;
  }
  const expected = 'expected ClaimReview JSON-LD, an HTML page, LIAR TSV or JSON lines';
  if (text.includes('\u0000')) {
    yield { kind: 'error', error: new InputError('E_BINARY', `the file holds NUL bytes: binary data, or UTF-16 text (save it as UTF-8); ${expected}`, { file }) };
    return;
  }
  if (head.startsWith('<')) {
    yield* fromHtml(text, file);
    return;
  }
  if (head.startsWith('{') || head.startsWith('[')) {
    let doc: unknown;
    let error: Error | undefined;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      error = err as Error;
    }
    if (error === undefined) {
      // One line of JSON lines holding a dataset record is JSON too.
      if (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && !isClaimReview(doc) && !isFactCheckApiResponse(doc)) {
        const o = doc as Record<string, unknown>;
        if (isLiarRecord(o) || isVerifiedClaim(o)) {
          yield* fromJsonLine(o, { file, line: 1 });
          return;
        }
      }
      yield* fromJsonDocument(doc, { file }, 'no ClaimReview found: expected a ClaimReview object, an array of them, an @graph holding them, or a Fact Check Tools response with claims[]');
      return;
    }
    if (looksLikeJsonLines(text)) {
      yield* fromJsonLines(text, file);
      return;
    }
    yield { kind: 'error', error: new InputError('E_PARSE', `malformed JSON: ${jsonMessage(error, text)}; expected ClaimReview JSON-LD or JSON lines`, { file }) };
    return;
  }
  if (/^(?:-?\d|"|null\b|true\b|false\b)/.test(head)) {
    let scalar: unknown;
    try {
      scalar = JSON.parse(text);
    } catch {
      /* not a JSON value: TSV decides */
    }
    if (scalar !== undefined) {
      yield { kind: 'error', error: new InputError('E_PARSE', `the file is the JSON value ${oneLine(JSON.stringify(scalar))}; ${expected}`, { file }) };
      return;
    }
  }
  if (!text.includes('\t')) {
    yield { kind: 'error', error: new InputError('E_PARSE', `no line starts with { or <, and none has a tab; ${expected}`, { file }) };
    return;
  }
  yield* fromTsv(text, file);
}

function looksLikeJsonLines(text: string): boolean {
  const nl = text.indexOf('\n', text.search(/\S/));
  if (nl < 0) return false;
  try {
    const first = JSON.parse(text.slice(0, nl)) as unknown;
    return typeof first === 'object' && first !== null && !Array.isArray(first);
  } catch {
    return false;
  }
}

/** JSON.parse's message, with a line number when it gives a position. */
export function jsonMessage(err: Error, text?: string): string {
  const m = /position (\d+)/.exec(err.message);
  if (m === null || text === undefined) return oneLine(err.message);
  const pos = Number(m[1]);
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return `${oneLine(err.message.replace(/ in JSON at position \d+.*$/s, ''))} at line ${line}`;
}

/** A parser's message on one line, not too long (Node quotes the bad input, newlines and all). */
function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 160 ? t.slice(0, 157) + '...' : t;
}

function* fromHtml(html: string, file: string): Generator<ImportItem> {
  const blocks = jsonLdBlocks(html);
  let found = 0;
  const errors: ImportItem[] = [];
  const items: ImportItem[] = [];
  for (const b of blocks) {
    const where: Where = { file, line: b.line };
    let doc: unknown;
    try {
      doc = JSON.parse(b.json);
    } catch (err) {
      errors.push({ kind: 'error', error: new InputError('E_PARSE', `malformed JSON-LD in <script type="application/ld+json">: ${jsonMessage(err as Error)}`, where) });
      continue;
    }
    if (findsAny(doc)) {
      for (const item of fromJsonDocument(doc, where, '')) {
        found++;
        items.push(item);
      }
    }
  }
  yield* errors;
  yield* items;
  if (found === 0 && errors.length === 0) {
    yield {
      kind: 'error',
      error: new InputError('E_EMPTY', `no ClaimReview in this HTML page: expected a <script type="application/ld+json"> holding one (found ${blocks.length} JSON-LD block${blocks.length === 1 ? '' : 's'} without)`, { file }),
    };
  }
}

function findsAny(doc: unknown): boolean {
  if (isFactCheckApiResponse(doc)) return true;
  const s = JSON.stringify(doc);
  return s.includes('ClaimReview');
}

function* fromJsonLines(text: string, file: string): Generator<ImportItem> {
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end).trim();
    line++;
    start = end + 1;
    if (raw === '') continue;
    const where: Where = { file, line };
    let o: unknown;
    try {
      o = JSON.parse(raw);
    } catch (err) {
      yield { kind: 'error', error: new InputError('E_PARSE', `malformed JSON line: ${jsonMessage(err as Error)}; expected one JSON object per line`, where) };
      continue;
    }
    yield* fromJsonLine(o, where);
  }
}

function* fromJsonLine(o: unknown, where: Where): Generator<ImportItem> {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    yield { kind: 'error', error: new InputError('E_PARSE', 'expected a JSON object on this line', where) };
    return;
  }
  const rec = o as Record<string, unknown>;
  // A record with a dataset's telling field ("statement", a "label" without "claim", "claim") gets that dataset's own message.
  let f;
  if (isClaimReview(rec)) f = fromClaimReview(rec, where);
  else if (isFactCheckApiResponse(rec)) {
    yield* fromFactCheckApi(rec, where);
    return;
  } else if (Array.isArray((o as Record<string, unknown>).claimReview) && typeof (o as Record<string, unknown>).text === 'string') {
    yield* fromFactCheckApi({ claims: [o] }, where);
    return;
  } else if (isLiarRecord(rec) || 'statement' in rec || ('label' in rec && !('claim' in rec))) f = fromLiar(rec, where);
  else if (isVerifiedClaim(rec) || 'claim' in rec) f = fromVerifiedClaim(rec, where);
  else {
    yield {
      kind: 'error',
      error: new InputError('E_FIELD', 'unknown record: expected a ClaimReview (@type), a LIAR record (id, label, statement) or a verified claim (id, claim)', where),
    };
    return;
  }
  yield f instanceof InputError ? { kind: 'error', error: f } : { kind: 'fact-check', factCheck: f };
}

function* fromTsv(text: string, file: string): Generator<ImportItem> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    const f = fromLiarTsvLine(l, { file, line: i + 1 });
    yield f instanceof InputError ? { kind: 'error', error: f } : { kind: 'fact-check', factCheck: f };
  }
}
