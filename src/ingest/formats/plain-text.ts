/** Plain text (.txt, .md): the first non-empty line is the title, the rest the body. */
import { assemble, type Draft, type Found } from '../assemble.js';
import { assembleRules, type FileContext } from '../settings.js';
import type { Source } from '../source/open.js';
import type { ReadItem } from '../types.js';
import { joinBlocks, splitBlocks } from './blocks.js';
import { readOneArticle } from './one-article.js';

export interface ParsedText {
  title: Found;
  body: Found;
}

export function parsePlainText(text: string, markdown: boolean): ParsedText {
  const [first, ...rest] = splitBlocks(text);
  if (first === undefined) return { title: { value: '', field: 'title', line: 1 }, body: { value: '', field: 'body', line: 1 } };
  const [titleLine = '', ...restOfFirst] = first.lines;
  const bodyBlocks = restOfFirst.length > 0 ? [{ line: first.line + 1, lines: restOfFirst }, ...rest] : rest;
  return {
    title: { value: markdown ? stripHeadingMarks(titleLine) : titleLine, field: 'title', line: first.line },
    body: { value: joinBlocks(bodyBlocks), field: 'body', line: bodyBlocks[0]?.line ?? first.line },
  };
}

/** "## A heading" → "A heading" (a Markdown ATX heading). */
function stripHeadingMarks(line: string): string {
  let i = 0;
  while (i < line.length && i < 6 && line[i] === '#') i++;
  return i > 0 && (line[i] === ' ' || line[i] === '\t') ? line.slice(i).trim() : line.trim();
}

export async function* readPlainText(source: Source, context: FileContext): AsyncGenerator<ReadItem> {
  const text = await readOneArticle(source, context);
  const parsed = parsePlainText(text, isMarkdown(context.file));
  const draft: Draft = {
    origin: { file: context.file, line: 1, record: 1 },
    title: parsed.title,
    body: parsed.body,
    label: { kind: 'none' },
    meta: {},
  };
  yield* assemble(draft, assembleRules(context));
}

function isMarkdown(file: string): boolean {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  return name.endsWith('.md') || name.endsWith('.markdown');
}
