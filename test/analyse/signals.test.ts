import { describe, expect, it } from 'vitest';
import type { LanguageSection, Signal } from '../../src/article/report.js';
import { analyseSignals } from '../../src/analyse/signals.js';
import { analyseSourcing } from '../../src/analyse/sourcing.js';
import { makeDoc } from '../../src/text/doc.js';
import { measureLexical } from '../../src/text/signal-measures.js';
import { TokenKind } from '../../src/text/tokens.js';

const ENGLISH: LanguageSection = { code: 'en', name: 'English', confidence: 0.9, covered: true };

function signalsOf(title: string, body: string, clickbait: number | null = 0.1, language = ENGLISH): Map<Signal['id'], Signal> {
  const doc = makeDoc({ title, body });
  let words = 0;
  for (let i = 0; i < doc.tokens.length; i++) if (doc.tokens.kind[i] === TokenKind.Word) words++;
  const { sourcing } = analyseSourcing(doc, []);
  const signals = analyseSignals({ doc, words, language, clickbait, sourcing, lexical: measureLexical(doc) });
  for (const s of signals) for (const e of s.evidence) expect(e.end).toBeLessThanOrEqual(doc.text.length);
  return new Map(signals.map((s) => [s.id, s]));
}

const filler = (n: number) => Array.from({ length: n }, (_, i) => `The committee met on day ${i + 1} and reviewed the figures for the harbour budget.`).join(' ');

describe('analyseSignals', () => {
  it('fails a headline in capitals, warns on exclamation marks, passes a plain one', () => {
    expect(signalsOf('SHOCKING TRUTH THEY HIDE FROM EVERYONE', filler(20)).get('headline-form')!.status).toBe('fail');
    const marks = signalsOf('Council approves budget!', filler(20)).get('headline-form')!;
    expect(marks.status).toBe('warn');
    expect(marks.evidence).toHaveLength(1);
    expect(signalsOf('Council approves harbour budget', filler(20)).get('headline-form')!.status).toBe('pass');
  });

  it('reads the clickbait probability against its thresholds, n/a without a headline', () => {
    expect(signalsOf('You will not believe this', filler(5), 0.92).get('clickbait-headline')!.status).toBe('fail');
    expect(signalsOf('Ten things about harbours', filler(5), 0.5).get('clickbait-headline')!.status).toBe('warn');
    expect(signalsOf('Council approves budget', filler(5), 0.05).get('clickbait-headline')!.status).toBe('pass');
    expect(signalsOf('', filler(5), null).get('clickbait-headline')!.status).toBe('n/a');
  });

  it('fails a long article that quotes nobody and passes one with named sources', () => {
    expect(signalsOf('Budget', filler(20)).get('named-sources')!.status).toBe('fail');
    const sourced = signalsOf(
      'Budget',
      `${filler(10)}\n\n“We cut nothing that matters,” said Mayor Ana Lind.\n\n“The harbour stays open,” Treasurer Bob Crane told reporters.`,
    ).get('named-sources')!;
    expect(sourced.status).toBe('pass');
    expect(sourced.reason).toMatch(/2 named sources/);
  });

  it('measures the share of statements from unnamed sources', () => {
    const body = `${filler(10)}\n\nOfficials said the harbour would close next year.\n\nSources said the money had run out.\n\n“We will fight it,” said Mayor Ana Lind.`;
    const s = signalsOf('Harbour to close', body).get('anonymous-sources')!;
    expect(s.value).toBeCloseTo(2 / 3, 2);
    expect(s.status).toBe('fail');
    expect(s.evidence.length).toBe(2);
  });

  it('rates loaded words, hedges and first or second person outside quotes', () => {
    const loaded = signalsOf('Budget', `${filler(8)} This shocking, disgusting and outrageous betrayal is a disgrace. You must see it. We are furious.`);
    expect(loaded.get('loaded-language')!.status).not.toBe('pass');
    expect(loaded.get('direct-address')!.status).not.toBe('pass');
    const calm = signalsOf('Budget', filler(20));
    expect(calm.get('loaded-language')!.status).toBe('pass');
    expect(calm.get('direct-address')!.status).toBe('pass');
    expect(calm.get('readability')!.status).not.toBe('n/a');
  });

  it('says only that the language is not covered when it is not', () => {
    const spanish: LanguageSection = { code: 'es', name: 'Spanish', confidence: 0.95, covered: false };
    const s = [...signalsOf('El ayuntamiento aprueba el presupuesto', 'El alcalde dijo que el puerto seguirá abierto.', null, spanish).values()];
    expect(s.map((x) => [x.id, x.status])).toEqual([['language', 'fail']]);
    expect(s[0]!.reason).toMatch(/Spanish/);
  });

  it('warns only when several check-worthy claims are made and none is attributed', () => {
    const body = 'The port lost 4 million dollars last year. Ships fell by a third. Fees rose 20 percent. Officials said the harbour would close.';
    const doc = makeDoc({ title: 'Harbour', body });
    const { sourcing } = analyseSourcing(doc, []);
    const claim = (s: string) => ({ start: doc.text.indexOf(s), end: doc.text.indexOf(s) + s.length, score: 0.9, kinds: [] });
    const run = (claims: ReturnType<typeof claim>[]) =>
      analyseSignals({ doc, words: 30, language: ENGLISH, clickbait: 0.1, sourcing, claims }).find((x) => x.id === 'claims-attributed')!;
    const three = ['The port lost 4 million dollars last year.', 'Ships fell by a third.', 'Fees rose 20 percent.'].map(claim);
    expect(run(three)).toMatchObject({ status: 'warn', value: 0 });
    expect(run(three)!.evidence).toHaveLength(3);
    expect(run([...three, claim('Officials said the harbour would close.')])).toMatchObject({ status: 'pass', value: 0.25 });
    expect(run(three.slice(0, 2)).status).toBe('pass');
    expect(run([]).status).toBe('n/a');
  });

  it('marks rates n/a on texts too short to measure', () => {
    const s = signalsOf('Short', 'Too short to say anything.');
    expect(s.get('loaded-language')!.status).toBe('n/a');
    expect(s.get('named-sources')!.status).toBe('n/a');
  });
});
