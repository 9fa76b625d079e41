/**
 * The record format (shared/examples/record-example.txt): a title block, a blank line, a metadata
 * block (the gold label, then the record id), a blank line, then the body's paragraphs. One file,
 * one article.
 */
import { assemble, type Draft, type Found } from '../assemble.js';
import { isLabelCode } from '../labels.js';
import { assembleRules, type FileContext } from '../settings.js';
import type { Source } from '../source/open.js';
import type { ReadItem } from '../types.js';
import { type Block, joinBlocks, splitBlocks } from './blocks.js';
import { readOneArticle } from './one-article.js';

export interface ParsedRecord {
  title: Found;
  body: Found;
  label?: Found;
  id?: Found;
}

interface Metadata {
  label?: Found;
  id?: Found;
}

const MAX_METADATA_LINE = 64;
const WHITESPACE = /\s/;

/**
 * A metadata block is one or two short lines without spaces: label then id. A lone line is the
 * label when it looks like one, else the id if it has a digit in it ("Introduction" is a heading,
 * not an id).
 */
function metadataOf(block: Block | undefined, isLabel: (code: string) => boolean): Metadata | undefined {
  if (block === undefined || block.lines.length > 2) return undefined;
  const lines = block.lines.map((line) => line.trim());
  if (lines.some((line) => line.length > MAX_METADATA_LINE || WHITESPACE.test(line))) return undefined;
  const [first, second] = lines as [string, string | undefined];
  const at = (value: string, offset: number): Found => ({ value, field: offset === 0 ? 'label' : 'id', line: block.line + offset });
  if (second !== undefined) return { label: at(first, 0), id: at(second, 1) };
  if (isLabel(first)) return { label: at(first, 0) };
  if (hasDigit(first)) return { id: { value: first, field: 'id', line: block.line } };
  return undefined;
}

function hasDigit(text: string): boolean {
  for (const char of text) if (char >= '0' && char <= '9') return true;
  return false;
}

/** Whether a text (or its first few KiB) is in the record format rather than plain text. */
export function looksLikeRecord(text: string, isLabel: (code: string) => boolean): boolean {
  return metadataOf(splitBlocks(text)[1], isLabel) !== undefined;
}

/** Tolerates CRLF, trailing spaces, several blank lines and a missing metadata block. */
export function parseRecord(text: string, isLabel: (code: string) => boolean): ParsedRecord {
  const blocks = splitBlocks(text);
  const [titleBlock] = blocks;
  const title: Found = {
    value: titleBlock?.lines.map((line) => line.trim()).join(' ') ?? '',
    field: 'title',
    line: titleBlock?.line ?? 1,
  };
  const metadata = metadataOf(blocks[1], isLabel);
  const bodyBlocks = blocks.slice(metadata === undefined ? 1 : 2);
  const parsed: ParsedRecord = { title, body: { value: joinBlocks(bodyBlocks), field: 'body', line: bodyBlocks[0]?.line ?? 1 } };
  if (metadata?.label !== undefined) parsed.label = metadata.label;
  if (metadata?.id !== undefined) parsed.id = metadata.id;
  return parsed;
}

export async function* readRecord(source: Source, context: FileContext): AsyncGenerator<ReadItem> {
  const text = await readOneArticle(source, context);
  const parsed = parseRecord(text, isLabelCode(context.settings.labels));
  const draft: Draft = {
    origin: { file: context.file, line: 1, record: 1 },
    id: parsed.id?.value,
    title: parsed.title,
    body: parsed.body,
    label: parsed.label === undefined ? { kind: 'none' } : { kind: 'code', ...parsed.label },
    meta: {},
  };
  yield* assemble(draft, assembleRules(context));
}
