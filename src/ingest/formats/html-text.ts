/** The readable text of a DOM subtree, as paragraphs: one per block element, <br> kept as a line break. */
import { ELEMENT_NODE, TEXT_NODE, type DomNode } from './html-dom.js';

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P',
  'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'HEAD', 'OBJECT', 'CANVAS']);

/** An explicit stack rather than recursion: real pages nest deeply enough to matter. */
export function paragraphs(root: DomNode): string[] {
  const out: string[] = [];
  let current = '';
  const flush = (): void => {
    const paragraph = current
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line !== '')
      .join('\n');
    if (paragraph !== '') out.push(paragraph);
    current = '';
  };

  const stack: { node: DomNode; leaving: boolean }[] = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      // Source line breaks are just spaces in HTML; only <br> breaks a line.
      current += (node.textContent ?? '').replace(/\s+/g, ' ');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue; // comments, processing instructions
    const tag = node.nodeName.toUpperCase();
    if (NOT_TEXT.has(tag)) continue;
    if (tag === 'BR') {
      current += '\n';
      continue;
    }
    if (BLOCKS.has(tag)) flush();
    if (leaving) continue;
    stack.push({ node, leaving: true });
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i]!, leaving: false });
  }
  flush();
  return out;
}
