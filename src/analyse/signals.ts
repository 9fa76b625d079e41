/**
 * The credibility checklist: short, plain answers a person can verify by eye, each `pass | warn | fail |
 * n/a` with a one-line reason and the spans that back it (in the spirit of the Credibility Coalition's
 * article indicators). Every item reads sections other analysers made, or a measure of the Doc; none
 * is a model of its own except the clickbait headline score.
 */
import type { Claim, LanguageSection, Signal, SignalStatus, Source, SourcingSection, Span } from '../article/report.js';
import type { Doc } from '../text/doc.js';
import { titleTokenEnd } from '../text/doc.js';
import { TokenKind } from '../text/tokens.js';
import type { LexicalMeasures } from '../text/signal-measures.js';

export interface SignalInputs {
  doc: Doc;
  words: number;
  language: LanguageSection;
  /** Calibrated probability that the headline is clickbait; null without a headline or a model. */
  clickbait: number | null;
  sourcing?: SourcingSection;
  claims?: Claim[];
  lexical?: LexicalMeasures;
}

/** Texts shorter than this say too little for rates and shares to mean anything. */
const MIN_WORDS = 150;
const MAX_EVIDENCE = 8;

const signal = (id: Signal['id'], label: string, status: SignalStatus, reason: string, evidence: Span[] = [], value?: number): Signal => ({
  id,
  label,
  status,
  reason,
  evidence: evidence.slice(0, MAX_EVIDENCE),
  ...(value !== undefined ? { value: Math.round(value * 1000) / 1000 } : {}),
});

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const plural = (n: number, one: string, many = one + 's'): string => `${n} ${n === 1 ? one : many}`;

export function analyseSignals(input: SignalInputs): Signal[] {
  const { language } = input;
  const out: Signal[] = [languageSignal(language)];
  if (!language.covered) return out;
  out.push(clickbaitSignal(input), headlineFormSignal(input), namedSourcesSignal(input), anonymousSignal(input), claimsAttributedSignal(input));
  if (input.lexical) out.push(...lexicalSignals(input, input.lexical));
  return out;
}

function languageSignal(l: LanguageSection): Signal {
  const label = 'Is it in a language the models read?';
  if (l.covered && l.code === 'en') return signal('language', label, 'pass', 'English', [], l.confidence);
  if (l.covered && l.code === 'und') return signal('language', label, 'warn', 'too little text to tell the language; read as English', [], l.confidence);
  if (l.covered) return signal('language', label, 'warn', `perhaps ${l.name}, but too little text to be sure; read as English`, [], l.confidence);
  return signal('language', label, 'fail', `${l.name}: Credence's models read English only, so nothing else is scored`, [], l.confidence);
}

function clickbaitSignal({ doc, clickbait }: SignalInputs): Signal {
  const label = 'Does the headline read like clickbait?';
  if (clickbait === null) return signal('clickbait-headline', label, 'n/a', 'no headline');
  const title = { start: 0, end: doc.titleEnd };
  if (clickbait >= 0.9) return signal('clickbait-headline', label, 'fail', `reads like clickbait (${pct(clickbait)})`, [title], clickbait);
  if (clickbait >= 0.5) return signal('clickbait-headline', label, 'warn', `some clickbait style (${pct(clickbait)})`, [title], clickbait);
  return signal('clickbait-headline', label, 'pass', `reads like a news headline (${pct(clickbait)} clickbait)`, [], clickbait);
}

/** Capitals and exclamation marks in the headline. */
function headlineFormSignal({ doc, lexical }: SignalInputs): Signal {
  const label = 'Is the headline free of shouting?';
  if (doc.titleEnd === 0 || lexical === undefined) return signal('headline-form', label, 'n/a', doc.titleEnd === 0 ? 'no headline' : 'not measured');
  const { headlineCaps: caps, headlineMarks: marks } = lexical;
  const capSpans = tokenSpans(doc, caps.tokens);
  const markSpans = tokenSpans(doc, marks.exclamation.tokens);
  // Reliable news almost never has a headline word in capitals (97.5th percentile of the share: 0.2).
  const parts = [markSpans.length ? plural(markSpans.length, 'exclamation mark') : '', caps.caps ? `${plural(caps.caps, 'word')} in capitals` : ''].filter(Boolean);
  const evidence = [...markSpans, ...capSpans].sort((a, b) => a.start - b.start);
  if ((caps.share >= 0.3 && caps.words >= 3) || markSpans.length >= 2) return signal('headline-form', label, 'fail', parts.join(' and '), evidence, caps.share);
  if (parts.length > 0) return signal('headline-form', label, 'warn', parts.join(' and '), evidence, caps.share);
  return signal('headline-form', label, 'pass', 'no words in capitals, no exclamation marks', [], caps.share);
}

function tokenSpans(doc: Doc, tokens: readonly number[], ends?: readonly number[]): Span[] {
  return tokens.map((t, k) => ({ start: doc.tokens.start[t]!, end: doc.tokens.end[(ends?.[k] ?? t + 1) - 1]! }));
}

const cited = (s: Source): number => s.quotes + s.attributions;
/** Each source's first mention that names it (not "he" or "they"), else its first. */
const mentionsOf = (doc: Doc, sources: Source[]): Span[] =>
  sources.flatMap((s) => {
    const named = s.mentions.find((m) => !/^(he|she|they|it|we|i|him|her|them)$/i.test(doc.text.slice(m.start, m.end)));
    return named ?? s.mentions[0] ?? [];
  });

function namedSourcesSignal({ sourcing, words, doc }: SignalInputs): Signal {
  const label = 'Are named sources quoted?';
  if (sourcing === undefined) return signal('named-sources', label, 'n/a', 'sourcing was not analysed');
  const named = sourcing.sources.filter((s) => (s.kind === 'person' || s.kind === 'organisation' || s.kind === 'document') && cited(s) > 0);
  const people = named.filter((s) => s.kind === 'person').length;
  const names = named
    .slice(0, 3)
    .map((s) => s.name)
    .join(', ');
  if (named.length >= 2) return signal('named-sources', label, 'pass', `${plural(named.length, 'named source')} (${people} people): ${names}${named.length > 3 ? ', …' : ''}`, mentionsOf(doc, named), named.length);
  if (named.length === 1) return signal('named-sources', label, 'warn', `one named source only: ${names}`, mentionsOf(doc, named), 1);
  if (words < MIN_WORDS) return signal('named-sources', label, 'n/a', 'too short to expect sources', [], 0);
  return signal('named-sources', label, 'fail', 'no named person, organisation or document is quoted or cited', [], 0);
}

function anonymousSignal({ sourcing }: SignalInputs): Signal {
  const label = 'How much rests on anonymous sources?';
  if (sourcing === undefined) return signal('anonymous-sources', label, 'n/a', 'sourcing was not analysed');
  const attributed = sourcing.quotes.filter((q) => q.source !== undefined);
  if (attributed.length === 0) return signal('anonymous-sources', label, 'n/a', 'nothing is attributed to anyone');
  const anonymous = attributed.filter((q) => sourcing.sources[q.source!]!.kind === 'anonymous');
  const share = anonymous.length / attributed.length;
  const who = [...new Set(anonymous.map((q) => sourcing.sources[q.source!]!.name))].slice(0, 3).map((n) => `"${n}"`);
  const evidence = anonymous.flatMap((q) => (q.speaker ? [{ start: q.speaker.start, end: q.speaker.end }] : []));
  const reason = `${anonymous.length} of ${plural(attributed.length, 'attributed statement')} ${anonymous.length === 1 ? 'comes' : 'come'} from unnamed sources${who.length ? ' (' + who.join(', ') + ')' : ''}`;
  // Reliable-labelled articles of the shared sets: median share 0.13-0.18, 75th percentile 0.3, 90th 0.5-0.63.
  if (share * 3 >= 2 && anonymous.length >= 2) return signal('anonymous-sources', label, 'fail', reason, evidence, share);
  if (share * 3 >= 1) return signal('anonymous-sources', label, 'warn', reason, evidence, share);
  return signal('anonymous-sources', label, 'pass', anonymous.length === 0 ? 'every attributed statement names its source' : reason, evidence, share);
}

/** Check-worthy claims in the body that sit in a quote or a sentence that says who claims them. */
function claimsAttributedSignal({ claims, sourcing, doc }: SignalInputs): Signal {
  const label = 'Do the checkable claims say who makes them?';
  if (claims === undefined || sourcing === undefined) return signal('claims-attributed', label, 'n/a', 'claims or sourcing were not analysed');
  const body = claims.filter((c) => c.start >= doc.bodyStart);
  if (body.length === 0) return signal('claims-attributed', label, 'n/a', 'no check-worthy claims in the body');
  const unattributed = body.filter((c) => !sourcing.quotes.some((q) => q.start < c.end && c.start < q.end));
  const share = 1 - unattributed.length / body.length;
  const attributed = body.length - unattributed.length;
  const reason = `${attributed} of ${plural(body.length, 'check-worthy claim')} ${attributed === 1 ? 'is' : 'are'} attributed to a source`;
  const evidence = unattributed.map((c) => ({ start: c.start, end: c.end }));
  // News states many facts in its own voice: on the shared sets reliable articles attribute fewer of their
  // claims than unreliable ones (median 0.17-0.25 against 0.36-0.38). So this only warns, and only when
  // several claims are made and none says where it comes from.
  if (attributed === 0 && body.length >= 3) return signal('claims-attributed', label, 'warn', `none of ${plural(body.length, 'check-worthy claim')} is attributed to a source`, evidence, share);
  return signal('claims-attributed', label, 'pass', reason, evidence.slice(0, 3), share);
}

/**
 * Thresholds, read from the distributions of the shared article sets (`npm run bench:signals`): "warn"
 * sits near the 97.5th percentile of reliable-labelled PolitiFact news, "fail" beyond that of
 * reliable-labelled GossipCop. First person and readability do not separate the labels there, so they
 * only ever warn, as information.
 */
export const LEXICAL_THRESHOLDS = {
  loaded: { warn: 3, fail: 8, minHits: 2 },
  hedges: { warn: 5, fail: 10, minHits: 2 },
  address: { warn: 20 },
  readability: { minEase: 30, maxGrade: 16 },
} as const;

function rated(id: Signal['id'], label: string, rate: number, hits: number, limits: { warn: number; fail: number; minHits: number }, reason: string, evidence: Span[]): Signal {
  const status: SignalStatus = hits < limits.minHits ? 'pass' : rate >= limits.fail ? 'fail' : rate >= limits.warn ? 'warn' : 'pass';
  return signal(id, label, status, reason, status === 'pass' ? evidence.slice(0, 3) : evidence, rate);
}

function lexicalSignals({ doc }: SignalInputs, m: LexicalMeasures): Signal[] {
  const words = m.bodyWords;
  const out: Signal[] = [];
  const short = words < MIN_WORDS;
  const per1000 = (n: number) => (words === 0 ? 0 : (n / words) * 1000);
  const forms = (spans: Span[]) =>
    [...new Set(spans.map((s) => doc.text.slice(s.start, s.end).toLowerCase()))]
      .slice(0, 4)
      .map((f) => `"${f}"`)
      .join(', ');

  const loaded = tokenSpans(doc, m.loaded.tokens, m.loaded.ends);
  const loadedLabel = 'Is the language free of loaded or emotional words?';
  if (short) out.push(signal('loaded-language', loadedLabel, 'n/a', 'too short to measure', loaded));
  else {
    const rate = per1000(m.loaded.count);
    out.push(rated('loaded-language', loadedLabel, rate, m.loaded.count, LEXICAL_THRESHOLDS.loaded, m.loaded.count === 0 ? 'no loaded words' : `${plural(m.loaded.count, 'loaded word')} (${rate.toFixed(1)} per 1,000): ${forms(loaded)}`, loaded));
  }

  const hedges = tokenSpans(doc, m.hedges.tokens, m.hedges.ends);
  const hedgeLabel = 'Does it state things without hedging ("reportedly", "sources say")?';
  if (short) out.push(signal('hedging', hedgeLabel, 'n/a', 'too short to measure', hedges));
  else {
    const rate = per1000(m.hedges.count);
    out.push(rated('hedging', hedgeLabel, rate, m.hedges.count, LEXICAL_THRESHOLDS.hedges, m.hedges.count === 0 ? 'no hedges' : `${plural(m.hedges.count, 'hedge')} (${rate.toFixed(1)} per 1,000): ${forms(hedges)}`, hedges));
  }

  const address = [...tokenSpans(doc, m.firstPerson.tokens), ...tokenSpans(doc, m.secondPerson.tokens)].sort((a, b) => a.start - b.start);
  const addressLabel = 'Does the writer keep out of it (no "I", "we", "you" outside quotes)?';
  if (short) out.push(signal('direct-address', addressLabel, 'n/a', 'too short to measure', address));
  else {
    const n = m.firstPerson.count + m.secondPerson.count;
    const rate = per1000(n);
    const counts = `${m.firstPerson.count} first-person and ${m.secondPerson.count} second-person words outside quotes (${rate.toFixed(1)} per 1,000)`;
    if (n === 0) out.push(signal('direct-address', addressLabel, 'pass', 'no first or second person outside quotes', [], 0));
    else if (rate >= LEXICAL_THRESHOLDS.address.warn) out.push(signal('direct-address', addressLabel, 'warn', `${counts}: opinion or first-hand writing`, address, rate));
    else out.push(signal('direct-address', addressLabel, 'pass', counts, address.slice(0, 3), rate));
  }

  const readLabel = 'Is it as easy to read as most news?';
  const r = m.readability;
  if (r === null || short) out.push(signal('readability', readLabel, 'n/a', 'too short to measure'));
  else {
    const g = r.fleschKincaidGrade;
    const ease = r.fleschReadingEase;
    const { minEase, maxGrade } = LEXICAL_THRESHOLDS.readability;
    const where = `reading grade ${g.toFixed(1)}, Flesch reading ease ${ease.toFixed(0)}`;
    const hard = ease < minEase || g > maxGrade;
    out.push(signal('readability', readLabel, hard ? 'warn' : 'pass', hard ? `${where}: harder to read than most news` : where, [], g));
  }
  return out;
}
