/**
 * The Doc: an article's text split once into tokens and sentences, every one an offset into
 * `articleText(article)`. Every analyser reads this; nothing tokenises twice.
 */
import { articleText, TITLE_BODY_SEPARATOR, type Article } from '../article/article.js';
import { findArtefacts, type Artefact } from './artefacts.js';
import { splitSentences, type SentenceBounds } from './sentences.js';
import { tokenize, TokenKind, type TokenTable } from './tokens.js';

export interface Sentence extends SentenceBounds {
  /** True for the headline's sentences. */
  inTitle: boolean;
}

export interface Doc {
  readonly text: string;
  /** The title is `text.slice(0, titleEnd)`. */
  readonly titleEnd: number;
  /** The body is `text.slice(bodyStart)`. */
  readonly bodyStart: number;
  readonly tokens: TokenTable;
  readonly sentences: readonly Sentence[];
  /** Datelines, bylines, boilerplate: kept in the text, skipped by features. */
  readonly artefacts: readonly Artefact[];
  /** 1 where a token is an artefact (URL, e-mail, or inside an artefact span) and makes no feature. */
  readonly masked: Uint8Array;
}

export function makeDoc(article: Pick<Article, 'title' | 'body'>): Doc {
  const text = articleText(article);
  const titleEnd = article.title.length;
  const bodyStart = article.title === '' ? 0 : article.body === '' ? text.length : titleEnd + TITLE_BODY_SEPARATOR.length;
  const tokens = tokenize(text);

  let firstBodyToken = 0;
  while (firstBodyToken < tokens.length && tokens.start[firstBodyToken]! < bodyStart) firstBodyToken++;
  const sentences: Sentence[] = [];
  for (const s of splitSentences(text, tokens, 0, firstBodyToken)) {
    sentences.push({ start: s.start, end: s.end, tokenStart: s.tokenStart, tokenEnd: s.tokenEnd, inTitle: true });
  }
  for (const s of splitSentences(text, tokens, firstBodyToken, tokens.length)) {
    sentences.push({ start: s.start, end: s.end, tokenStart: s.tokenStart, tokenEnd: s.tokenEnd, inTitle: false });
  }

  const artefacts = findArtefacts(text, tokens, bodyStart, sentences);
  const masked = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const k = tokens.kind[i];
    if (k === TokenKind.Url || k === TokenKind.Email) masked[i] = 1;
  }
  let t = 0;
  for (const a of artefacts) {
    while (t < tokens.length && tokens.end[t]! <= a.start) t++;
    for (let u = t; u < tokens.length && tokens.start[u]! < a.end; u++) masked[u] = 1;
  }
  return { text, titleEnd, bodyStart, tokens, sentences, artefacts, masked };
}

/** The token index range of the title ([0, n)). */
export function titleTokenEnd(doc: Doc): number {
  let i = 0;
  while (i < doc.tokens.length && doc.tokens.end[i]! <= doc.titleEnd) i++;
  return i;
}
