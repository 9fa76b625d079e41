/** JSON Lines, plain or gzipped: one article object per line; a bad line is an error item and the rest go on. */
import { assemble } from '../assemble.js';
import { NameIndex, requireOverrides } from '../columns.js';
import { formatBytes, inputTooLarge, invalidUtf8, parseProblem } from '../problems.js';
import { assembleRules, rawLimit, type FileContext } from '../settings.js';
import { textLines } from '../source/lines.js';
import type { Source } from '../source/open.js';
import type { ReadItem } from '../types.js';
import { draftFromObject, parseJsonObject, type ObjectLayout } from './json-object.js';

export async function* readJsonl(source: Source, context: FileContext, layout: ObjectLayout): AsyncGenerator<ReadItem> {
  const max = context.settings.maxArticleBytes;
  const rules = assembleRules(context);
  let record = 0;
  let overridesChecked = false;
  for await (const line of textLines(source.chunks, rawLimit(max, 'text'))) {
    if (line.kind === 'text' && line.text.trim() === '') continue;
    record++;
    const where = { file: context.file, line: line.number, record };
    if (line.kind === 'too-long') {
      yield { kind: 'error', error: inputTooLarge(where, max, `a line of ${formatBytes(line.bytes)}`) };
      continue;
    }
    if (line.kind === 'invalid-utf8') {
      yield { kind: 'error', error: invalidUtf8(where) };
      continue;
    }
    const parsed = parseJsonObject(line.text);
    if ('found' in parsed) {
      yield { kind: 'error', error: parseProblem(where, 'a JSON object', parsed.found) };
      continue;
    }
    if (!overridesChecked) {
      requireOverrides(new NameIndex(Object.keys(parsed.object)), layout.overrides, context.file);
      overridesChecked = true;
    }
    yield* assemble(draftFromObject(parsed.object, layout, where), rules);
  }
}
