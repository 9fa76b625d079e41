/**
 * Language detection on texts written for this project (test/fixtures/language/texts.json): short
 * paragraphs and headline-plus-two-sentences items in 29 languages and scripts, tricky English that must
 * stay English, and edge cases (empty, digits only, names alone).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeDoc } from '../src/text/doc.js';
import { detectLanguage, detectLanguageOfDoc, languageName, MAX_CHARS } from '../src/text/language.js';

interface Text {
  lang: string;
  kind: 'paragraphs' | 'short' | 'tricky';
  text: string;
}
const TEXTS = JSON.parse(readFileSync(new URL('./fixtures/language/texts.json', import.meta.url), 'utf8')) as Text[];

describe('detectLanguage', () => {
  it.each(TEXTS.map((t) => [t.lang, t.kind, t.text.slice(0, 40), t] as const))('%s (%s): %s', (_l, _k, _s, t) => {
    const r = detectLanguage(t.text);
    expect(r.code).toBe(t.lang);
    expect(r.name).toBe(languageName(t.lang));
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    // The same answer from a Doc's tokens (title and body split as an article would be).
    const [title, ...rest] = t.text.split(/(?<=[.!?:])\s+/);
    expect(detectLanguageOfDoc(makeDoc({ title: title!, body: rest.join(' ') })).code).toBe(t.lang);
  });

  it('names the script', () => {
    const script = (lang: string): string => detectLanguage(TEXTS.find((t) => t.lang === lang)!.text).script;
    expect(script('en')).toBe('Latn');
    expect(script('ru')).toBe('Cyrl');
    expect(script('ar')).toBe('Arab');
    expect(script('el')).toBe('Grek');
    expect(script('he')).toBe('Hebr');
    expect(script('hi')).toBe('Deva');
    expect(script('zh')).toBe('Hani');
    expect(script('ja')).toBe('Jpan');
    expect(script('ko')).toBe('Kore');
  });

  it("says 'und' without evidence, and never mistakes a foreign name in an English headline", () => {
    expect(detectLanguage('')).toEqual({ code: 'und', name: 'Undetermined', confidence: 0, script: 'Zyyy' });
    expect(detectLanguage('12 345 — 67 %').code).toBe('und');
    expect(detectLanguage('Merkel trifft Macron').code).toBe('und');
    for (const h of ['São Paulo mayor resigns', 'Łódź factory fire kills three', 'Peña Nieto meets Obama in Mexico City']) expect(detectLanguage(h).code).not.toMatch(/^(pt|pl|es)$/);
    expect(detectLanguage('Peña Nieto meets Obama in Mexico City').code).toBe('en');
  });

  it('is sure of a long English text and less sure of a one-line one', () => {
    const long = TEXTS.find((t) => t.lang === 'en' && t.kind === 'paragraphs')!.text;
    expect(detectLanguage(long).confidence).toBeGreaterThan(0.9);
    expect(detectLanguage('Coronavirus: what we know so far').confidence).toBeLessThan(0.6);
  });

  it('reads only the first MAX_CHARS characters', () => {
    const english = TEXTS.find((t) => t.lang === 'en' && t.kind === 'paragraphs')!.text;
    const spanish = TEXTS.find((t) => t.lang === 'es' && t.kind === 'paragraphs')!.text;
    const lead = (english + ' ').repeat(Math.ceil(MAX_CHARS / english.length) + 1);
    expect(detectLanguage(lead + spanish.repeat(20)).code).toBe('en');
    const spanishLead = (spanish + ' ').repeat(Math.ceil(MAX_CHARS / spanish.length) + 1);
    expect(detectLanguage(spanishLead + english.repeat(20)).code).toBe('es');
  });
});
