/** The whole text of a file that holds one article (record, plain text, HTML). */
import { formatBytes, inputTooLarge } from '../problems.js';
import { rawLimit, type FileContext } from '../settings.js';
import type { Source } from '../source/open.js';
import { readWholeText } from '../source/whole.js';

export function readOneArticle(source: Source, context: FileContext, kind: 'text' | 'html' = 'text'): Promise<string> {
  const max = context.settings.maxArticleBytes;
  const limit = rawLimit(max, kind);
  return readWholeText(source, limit, () => inputTooLarge({ file: context.file }, max, `a file of more than ${formatBytes(limit)}`));
}
