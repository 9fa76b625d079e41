/**
 * An HTML page's article: main text by Readability on a linkedom document, metadata by
 * html-metadata. Imported lazily by the HTML reader, so other formats never load either library.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { DomDocument, DomNode } from './html-dom.js';
import { readMetadata, type PageMetadata } from './html-metadata.js';
import { paragraphs } from './html-text.js';

export interface PageArticle extends PageMetadata {
  /** Paragraphs one blank line apart. */
  body: string;
}

export function extractArticle(html: string): PageArticle {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  // Readability rewrites the document it reads, so the metadata is taken first.
  const metadata = readMetadata(document);
  const main = new Readability<DomNode>(document, { serializer: (node) => node }).parse()?.content;
  let body = main ? paragraphs(main).join('\n\n') : '';
  if (body === '' && document.body !== null) body = paragraphs(document.body).join('\n\n');
  return { ...metadata, body };
}
