/**
 * Style measures of a Doc: the features that travel across outlets and topics better than words
 * (Horne & Adalı 2017; Pérez-Rosas et al. 2018). Each is a rate or a log-length, so none needs a
 * vocabulary; the model standardises them with statistics of its own training rows.
 */
import type { Doc } from './doc.js';
import { FormSet, LEXICON } from './lexicon.js';
import { TokenKind } from './tokens.js';

export const STYLE_FEATURES = [
  'title.words',
  'title.capsWords',
  'title.exclaimQuestion',
  'title.hasNumber',
  'title.firstSecondPerson',
  'body.words',
  'body.sentenceLength',
  'body.wordLength',
  'body.typeTokenRatio',
  'body.stopwords',
  'body.firstPerson',
  'body.secondPerson',
  'body.exclaim',
  'body.question',
  'body.quotes',
  'body.attribution',
  'body.numbers',
  'body.capsWords',
  'body.hedges',
  'body.intensifiers',
  'body.paragraphLength',
] as const;

export type StyleFeature = (typeof STYLE_FEATURES)[number];

const STOPWORDS = new Set(
  'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those he she they we you i his her their our your my not no so than then there here which who whom what when where why how all any some can could would should will may might must do does did has have had'.split(
    ' ',
  ),
);
const FIRST = new Set(['i', 'me', 'my', 'mine', 'we', 'us', 'our', 'ours', "i'm", "i've", "we're", "we've"]);
const SECOND = new Set(['you', 'your', 'yours', "you're", "you've", "you'll"]);
const ATTRIBUTION = new Set(['said', 'says', 'told', 'according', 'stated', 'reported', 'announced', 'added', 'explained', 'confirmed']);
const HEDGES = new Set([
  'reportedly',
  'allegedly',
  'rumored',
  'rumoured',
  'rumors',
  'rumours',
  'apparently',
  'supposedly',
  'claims',
  'claimed',
  'insider',
  'source',
  'sources',
  'might',
  'may',
  'could',
  'possibly',
  'perhaps',
]);
const INTENSIFIERS = new Set([
  'very',
  'really',
  'totally',
  'absolutely',
  'completely',
  'shocking',
  'amazing',
  'incredible',
  'unbelievable',
  'stunning',
  'huge',
  'massive',
  'horrible',
  'terrible',
  'insane',
  'literally',
  'extremely',
  'definitely',
]);
const QUOTES = new Set(['"', '“', '”']);

/** Raw style measures in the order of STYLE_FEATURES. */
export function styleFeatures(doc: Doc): Float64Array {
  const { tokens, text } = doc;
  let titleWords = 0;
  let titleCaps = 0;
  let titleMarks = 0;
  let titleNumbers = 0;
  let titlePersons = 0;
  let words = 0;
  let wordChars = 0;
  let stop = 0;
  let first = 0;
  let second = 0;
  let exclaim = 0;
  let question = 0;
  let quotes = 0;
  let attribution = 0;
  let numbers = 0;
  let caps = 0;
  let hedges = 0;
  let intens = 0;
  const types = new Set<number>();
  const fresh = tokens.lexiconGeneration === LEXICON.generation;
  for (let t = 0; t < tokens.length; t++) {
    if (doc.masked[t] === 1) continue;
    const inTitle = tokens.end[t]! <= doc.titleEnd;
    const k = tokens.kind[t];
    const f = tokens.norm[t]!;
    if (k === TokenKind.Word) {
      if (inTitle) {
        titleWords++;
        if (isCapsWord(text, tokens.start[t]!, tokens.end[t]!)) titleCaps++;
        if (FIRST_FORMS.hasToken(tokens, t) || SECOND_FORMS.hasToken(tokens, t)) titlePersons++;
        continue;
      }
      words++;
      wordChars += tokens.end[t]! - tokens.start[t]!;
      if (words <= 300) types.add(fresh ? tokens.ids[t]! : LEXICON.id(f));
      if (STOPWORD_FORMS.hasToken(tokens, t)) stop++;
      if (FIRST_FORMS.hasToken(tokens, t)) first++;
      if (SECOND_FORMS.hasToken(tokens, t)) second++;
      if (ATTRIBUTION_FORMS.hasToken(tokens, t)) attribution++;
      if (HEDGE_FORMS.hasToken(tokens, t)) hedges++;
      if (INTENSIFIER_FORMS.hasToken(tokens, t)) intens++;
      if (isCapsWord(text, tokens.start[t]!, tokens.end[t]!)) caps++;
      continue;
    }
    if (inTitle) {
      if (k === TokenKind.Number) titleNumbers++;
      else if (f === '!' || f === '?') titleMarks++;
      continue;
    }
    if (k === TokenKind.Number) numbers++;
    else if (f === '!') exclaim++;
    else if (f === '?') question++;
    else if (QUOTES.has(f)) quotes++;
  }
  const bodySentences = doc.sentences.filter((s) => !s.inTitle).length;
  const paragraphs = Math.max(1, countParagraphs(text, doc.bodyStart));
  const per100 = (x: number): number => (words === 0 ? 0 : (100 * x) / words);
  const perSentence = (x: number): number => (bodySentences === 0 ? 0 : x / bodySentences);
  return Float64Array.from([
    Math.log1p(titleWords),
    titleWords === 0 ? 0 : titleCaps / titleWords,
    Math.min(titleMarks, 3),
    titleNumbers > 0 ? 1 : 0,
    titlePersons > 0 ? 1 : 0,
    Math.log1p(words),
    Math.log1p(bodySentences === 0 ? 0 : words / bodySentences),
    words === 0 ? 0 : wordChars / words,
    Math.min(300, words) === 0 ? 0 : types.size / Math.min(300, words),
    words === 0 ? 0 : stop / words,
    per100(first),
    per100(second),
    perSentence(exclaim),
    perSentence(question),
    per100(quotes),
    per100(attribution),
    per100(numbers),
    per100(caps),
    per100(hedges),
    per100(intens),
    Math.log1p(words / paragraphs),
  ]);
}

// Word-list membership read by lexicon id: decided once per form, not hashed again per token.
const STOPWORD_FORMS = new FormSet(STOPWORDS);
const FIRST_FORMS = new FormSet(FIRST);
const SECOND_FORMS = new FormSet(SECOND);
const ATTRIBUTION_FORMS = new FormSet(ATTRIBUTION);
const HEDGE_FORMS = new FormSet(HEDGES);
const INTENSIFIER_FORMS = new FormSet(INTENSIFIERS);

function isCapsWord(text: string, s: number, e: number): boolean {
  if (e - s < 2) return false;
  let letters = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
  }
  return letters >= 2;
}

function countParagraphs(text: string, from: number): number {
  let n = from < text.length ? 1 : 0;
  for (let i = text.indexOf('\n\n', from); i !== -1; i = text.indexOf('\n\n', i + 2)) n++;
  return n;
}
