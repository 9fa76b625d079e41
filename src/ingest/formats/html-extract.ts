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

/**
 * Readability cleans the tree recursively and in more than linear time on deep nesting (800 nested
 * elements took 5 s, 20,000 overflowed the stack); a page nested deeper than any real one is read as
 * plain paragraphs instead.
 */
const READABILITY_MAX_DEPTH = 200;

export function extractArticle(html: string): PageArticle {
  const document = parseDocument(html);
  // Readability rewrites the document it reads, so the metadata is taken first.
  const metadata = readMetadata(document);
  const deep = document.body !== null && depthExceeds(document.body, READABILITY_MAX_DEPTH);
  const main = deep ? undefined : new Readability<DomNode>(document, { serializer: (node) => node }).parse()?.content;
  let body = main ? paragraphs(main).join('\n\n') : '';
  if (body === '' && document.body !== null) body = paragraphs(document.body).join('\n\n');
  return { ...metadata, body };
}

/** A whole document, also from a fragment or bare text (linkedom gives those no <html> or <body>). */
function parseDocument(html: string): DomDocument {
  const whole = /<(?:html|body)[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return (parseHTML(whole) as unknown as { document: DomDocument }).document;
}

/** Whether any element lies more than `limit` levels below `root` (an explicit stack, no recursion). */
function depthExceeds(root: DomNode, limit: number): boolean {
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, d] = stack.pop()!;
    if (d > limit) return true;
    for (let i = 0; i < node.childNodes.length; i++) stack.push([node.childNodes[i]!, d + 1]);
  }
  return false;
}
