/**
 * FakeNewsNet crawls: `<site>/<fake|real>/<id>/news content.json`, as the FakeNewsNet scripts
 * write them. The label comes from the fake/real folder, the id from the id folder; the JSON
 * holds title, text, url, authors, publish_date (Unix seconds), source, meta_data…
 */
import { resolve, sep } from 'node:path';
import { assemble } from '../assemble.js';
import { parseProblem } from '../problems.js';
import type { ColumnCandidates } from '../presets.js';
import { assembleRules, type FileContext } from '../settings.js';
import type { Source } from '../source/open.js';
import type { ReadItem } from '../types.js';
import { draftFromObject, objectLayout, parseJsonObject } from './json-object.js';
import { readOneArticle } from './one-article.js';

export const NEWS_CONTENT_FILE = 'news content.json';

const COLUMNS: ColumnCandidates = {
  title: ['title'],
  body: ['text'],
  url: ['url'],
  author: ['authors'],
  published: ['publish_date'],
  site: ['source'],
};

export async function* readFakeNewsNet(source: Source, context: FileContext): AsyncGenerator<ReadItem> {
  const parsed = parseJsonObject(await readOneArticle(source, context));
  if ('found' in parsed) {
    yield { kind: 'error', error: parseProblem({ file: context.file }, 'a JSON object', parsed.found) };
    return;
  }
  const [collection, labelFolder, idFolder] = resolve(context.file).split(sep).slice(-4, -1);
  const draft = draftFromObject(parsed.object, objectLayout(context.settings, COLUMNS), { file: context.file, record: 1 });
  if (idFolder !== undefined) draft.id = idFolder;
  draft.label = labelFolder === undefined ? { kind: 'none' } : { kind: 'code', value: labelFolder, field: 'folder' };
  if (collection !== undefined) draft.meta['collection'] = collection;
  yield* assemble(draft, assembleRules(context));
}
