/** HTML pages (.html, .htm, or sniffed): one article per page. */
import { assemble, type Draft } from '../assemble.js';
import { assembleRules, type FileContext } from '../settings.js';
import type { Source } from '../source/open.js';
import type { ReadItem } from '../types.js';
import { readOneArticle } from './one-article.js';

export async function* readHtml(source: Source, context: FileContext): AsyncGenerator<ReadItem> {
  const html = await readOneArticle(source, context, 'html');
  const { extractArticle } = await import('./html-extract.js');
  const page = extractArticle(html);
  const draft: Draft = {
    origin: { file: context.file, record: 1 },
    title: { value: page.title ?? '', field: 'title' },
    body: { value: page.body, field: 'body' },
    label: { kind: 'none' },
    meta: {},
  };
  for (const key of ['author', 'published', 'site', 'url'] as const) {
    const value = page[key];
    if (value !== undefined) draft[key] = value;
  }
  yield* assemble(draft, assembleRules(context));
}
