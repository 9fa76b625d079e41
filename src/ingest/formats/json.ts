/** A JSON document: one article object, or an array of them. Read whole, so its size is bounded. */
import { InputError } from '../../article/errors.js';
import { assemble } from '../assemble.js';
import { NameIndex, requireOverrides } from '../columns.js';
import { formatBytes, parseProblem } from '../problems.js';
import { assembleRules, type FileContext } from '../settings.js';
import type { Source } from '../source/open.js';
import { readWholeText } from '../source/whole.js';
import type { ReadItem } from '../types.js';
import { describeJson, draftFromObject, isJsonObject, type ObjectLayout } from './json-object.js';

/** How many article-sized pieces a JSON document may hold before JSON Lines is the better choice. */
const DOCUMENT_ARTICLES = 16;

export async function* readJson(source: Source, context: FileContext, layout: ObjectLayout): AsyncGenerator<ReadItem> {
  const limit = DOCUMENT_ARTICLES * context.settings.maxArticleBytes;
  const text = await readWholeText(
    source,
    limit,
    () =>
      new InputError('E_TOO_LARGE', `expected a JSON document of at most ${formatBytes(limit)} (it is read whole; use JSON Lines for more); got more`, {
        file: context.file,
      }),
  );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    yield { kind: 'error', error: parseProblem({ file: context.file }, 'a JSON document', `invalid JSON (${(err as Error).message})`) };
    return;
  }
  const items = Array.isArray(value) ? value : [value];
  const rules = assembleRules(context);
  let overridesChecked = false;
  for (const [index, item] of items.entries()) {
    const origin = { file: context.file, record: index + 1 };
    if (!isJsonObject(item)) {
      yield { kind: 'error', error: parseProblem(origin, 'an article object', describeJson(item)) };
      continue;
    }
    if (!overridesChecked) {
      requireOverrides(new NameIndex(Object.keys(item)), layout.overrides, context.file);
      overridesChecked = true;
    }
    yield* assemble(draftFromObject(item, layout, origin), rules);
  }
}
