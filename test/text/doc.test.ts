import { describe, expect, it } from 'vitest';
import { articleText } from '../../src/article/article.js';
import { makeDoc, titleTokenEnd, type Doc } from '../../src/text/doc.js';
import { countFeatures, DEFAULT_FEATURES } from '../../src/text/features.js';
import { TokenKind } from '../../src/text/tokens.js';
import { CORPUS } from './corpus.js';

/** Every invariant a Doc promises, checked one by one so a failure names what broke. */
function checkDoc(doc: Doc, title: string, body: string): void {
  const { text, tokens, sentences } = doc;
  expect(text).toBe(articleText({ title, body }));
  expect(text.slice(0, doc.titleEnd)).toBe(title);
  expect(text.slice(doc.bodyStart)).toBe(body);

  for (let i = 0; i < tokens.length; i++) {
    const surface = text.slice(tokens.start[i], tokens.end[i]);
    expect(surface.length, `token ${i}`).toBeGreaterThan(0);
    expect(surface.trim(), `token ${i} "${surface}"`).toBe(surface);
    // The normal form is the surface, case-folded (and for words, typographic quotes and dashes folded).
    const norm = tokens.norm[i]!;
    const k = tokens.kind[i];
    if (k === TokenKind.Word) {
      expect(norm, `token ${i}`).toBe(surface.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u2010-\u2014]/g, '-').normalize('NFKC'));
    } else if (k === TokenKind.Number || k === TokenKind.Url || k === TokenKind.Email) {
      expect(norm, `token ${i}`).toBe(surface.toLowerCase());
    }
    // A token is inside the title or inside the body, never across the blank line between them.
    const inTitle = tokens.end[i]! <= doc.titleEnd;
    expect(inTitle || tokens.start[i]! >= doc.bodyStart, `token ${i} "${surface}" straddles title and body`).toBe(true);
  }
  expect(titleTokenEnd(doc)).toBe(Array.from(tokens.end).filter((e) => e <= doc.titleEnd).length);

  // Sentences partition the tokens, in order, and their offsets are their first and last token's.
  let next = 0;
  for (const [k, s] of sentences.entries()) {
    expect(s.tokenStart, `sentence ${k} starts where the last ended`).toBe(next);
    expect(s.tokenEnd, `sentence ${k} is not empty`).toBeGreaterThan(s.tokenStart);
    expect(s.start).toBe(tokens.start[s.tokenStart]);
    expect(s.end).toBe(tokens.end[s.tokenEnd - 1]);
    const sentenceText = text.slice(s.start, s.end);
    expect(sentenceText.trim()).toBe(sentenceText);
    if (s.inTitle) expect(s.end, `title sentence ${k} ends in the title`).toBeLessThanOrEqual(doc.titleEnd);
    else expect(s.start, `body sentence ${k} starts in the body`).toBeGreaterThanOrEqual(doc.bodyStart);
    next = s.tokenEnd;
  }
  expect(next, 'sentences cover every token').toBe(tokens.length);
  // Title sentences come first.
  const firstBody = sentences.findIndex((s) => !s.inTitle);
  if (firstBody >= 0) expect(sentences.slice(firstBody).every((s) => !s.inTitle)).toBe(true);

  for (const a of doc.artefacts) {
    expect(a.start).toBeGreaterThanOrEqual(doc.bodyStart);
    expect(a.end).toBeLessThanOrEqual(text.length);
    expect(a.end).toBeGreaterThan(a.start);
  }
  expect(doc.masked.length).toBe(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const k = tokens.kind[i];
    if (k === TokenKind.Url || k === TokenKind.Email) expect(doc.masked[i], `token ${i} is a URL or e-mail`).toBe(1);
    const inside = doc.artefacts.some((a) => tokens.start[i]! < a.end && tokens.end[i]! > a.start);
    if (inside) expect(doc.masked[i], `token ${i} is inside an artefact`).toBe(1);
    if (doc.masked[i] === 1) expect(inside || k === TokenKind.Url || k === TokenKind.Email, `token ${i} is masked for no reason`).toBe(true);
  }
}

describe('makeDoc: every token and sentence is an offset into the text', () => {
  for (const a of CORPUS) {
    it(a.name, () => {
      const doc = makeDoc(a);
      checkDoc(doc, a.title, a.body);
      // Something was tokenised whenever there was something to tokenise.
      expect(doc.tokens.length > 0).toBe((a.title + a.body).trim() !== '');
    });
  }

  it('makes an empty Doc from an empty article', () => {
    const doc = makeDoc({ title: '', body: '' });
    checkDoc(doc, '', '');
    expect(doc.text).toBe('');
    expect(doc.tokens.length).toBe(0);
    expect(doc.sentences).toEqual([]);
    expect(doc.artefacts).toEqual([]);
  });

  it('puts the body at offset 0 when there is no title, and every sentence in the body', () => {
    const doc = makeDoc({ title: '', body: 'No headline here. Just two sentences.' });
    expect(doc.titleEnd).toBe(0);
    expect(doc.bodyStart).toBe(0);
    expect(doc.sentences.map((s) => s.inTitle)).toEqual([false, false]);
  });

  it('has only title sentences when there is no body', () => {
    const doc = makeDoc({ title: 'Headline only. Really.', body: '' });
    expect(doc.bodyStart).toBe(doc.text.length);
    expect(doc.sentences.length).toBeGreaterThan(0);
    expect(doc.sentences.every((s) => s.inTitle)).toBe(true);
  });

  it('keeps a title without final punctuation apart from the first body sentence', () => {
    const doc = makeDoc({ title: 'Council approves budget', body: 'the vote was 7-2.' });
    const texts = doc.sentences.map((s) => doc.text.slice(s.start, s.end));
    expect(texts).toEqual(['Council approves budget', 'the vote was 7-2.']);
    expect(doc.sentences.map((s) => s.inTitle)).toEqual([true, false]);
  });

  it('is the same Doc however often it is made (no state carried between articles)', () => {
    const a = CORPUS[0]!;
    const first = makeDoc(a);
    for (const other of CORPUS) makeDoc(other);
    const again = makeDoc(a);
    expect(Array.from(again.tokens.start)).toEqual(Array.from(first.tokens.start));
    expect(again.tokens.norm).toEqual(first.tokens.norm);
    expect(again.sentences).toEqual(first.sentences);
    expect(Array.from(again.masked)).toEqual(Array.from(first.masked));
  });
});

describe('makeDoc and countFeatures: hostile input finishes in bounded time', () => {
  // Each is well under a second on a laptop; 2 s leaves room for a busy CI machine.
  const LIMIT_MS = 2000;
  const cases: [string, string][] = [
    ['10,000 straight quotation marks', '"'.repeat(10_000)],
    ['10,000 curly quotation marks', '“”'.repeat(5_000)],
    ['a 1 MB paragraph without punctuation', 'word '.repeat(200_000)],
    ['200 KB of "a.a.a.a"', 'a.'.repeat(100_000)],
    ['200 KB of "x@"', 'x@'.repeat(100_000)],
    ['200 KB of "x@x."', 'x@x.'.repeat(50_000)],
    ['a long run of "-" and "."', '-.'.repeat(100_000)],
    ['100,000 periods then a letter', '.'.repeat(100_000) + 'x'],
    ['100,000 "?)" then a letter', '?)'.repeat(50_000) + 'a'],
    ['unbalanced quotes', 'He said "yes and '.repeat(20_000)],
    ['a URL with 100,000 closing brackets', 'http://example.org/' + ')'.repeat(100_000)],
    ['100,000 capitalised words before a dash', 'ABC '.repeat(50_000) + '- x'],
    ['100,000 line breaks', 'a\n'.repeat(100_000)],
    ['100,000 initials', 'A. '.repeat(100_000)],
  ];
  for (const [name, body] of cases) {
    it(name, () => {
      const t0 = performance.now();
      const doc = makeDoc({ title: 'Title', body });
      const ms = performance.now() - t0;
      expect(ms).toBeLessThan(LIMIT_MS);
      // and so does making its features
      const t1 = performance.now();
      countFeatures(doc, { ...DEFAULT_FEATURES, bucketsLog2: 14 });
      expect(performance.now() - t1).toBeLessThan(LIMIT_MS);
      // and the result is still a valid Doc
      expect(doc.text.slice(doc.bodyStart)).toBe(body);
      expect(doc.sentences[doc.sentences.length - 1]!.tokenEnd).toBe(doc.tokens.length);
      for (let i = 0; i < doc.tokens.length; i += 997) {
        expect(doc.tokens.end[i]!).toBeGreaterThan(doc.tokens.start[i]!);
      }
    });
  }
});
