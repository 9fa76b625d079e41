/**
 * The lexical measures of the credibility checklist on texts written for this test: loaded language
 * and hedges with their token ranges, first and second person outside quotations ("US" is not "us"),
 * capitals and marks in the headline, the syllable counter and the Flesch formulas.
 */
import { describe, expect, it } from 'vitest';
import { makeDoc, type Doc } from '../src/text/doc.js';
import { countSyllables, readability } from '../src/text/readability.js';
import { measureLexical, per1000 } from '../src/text/signal-measures.js';
import { bodyTokens, headlineCaps, headlineMarks, hedging, loadedLanguage, personAddress, quotationMarks, type Hits } from '../src/text/signals-lexicon.js';

const spans = (doc: Doc, h: Hits): string[] => h.tokens.map((t, k) => doc.text.slice(doc.tokens.start[t]!, doc.tokens.end[h.ends[k]! - 1]!));

describe('loaded language and hedging', () => {
  it('finds charged words and phrases, with their token ranges', () => {
    const doc = makeDoc({ title: 'Senator slams "disgusting" plan', body: 'Critics say the mainstream media ignored the ridiculous proposal. The deep state rips into everyone.' });
    expect(spans(doc, loadedLanguage(doc))).toEqual(['slams', 'disgusting', 'mainstream media', 'ridiculous', 'deep state', 'rips into']);
  });

  it('leaves ordinary news words alone', () => {
    const doc = makeDoc({
      title: 'Fire destroys homes after blast at plant',
      body: 'The alleged attacker was arrested after the attack. Officials called it a disaster. Winners and losers of the budget were listed. The farmer lost 40 sheep.',
    });
    expect(loadedLanguage(doc).count).toBe(0);
    expect(hedging(doc).count).toBe(0);
  });

  it('finds hedges and vague attributions', () => {
    const doc = makeDoc({ title: 'Star reportedly quits show', body: 'Sources say she may have left in May. It is believed the studio is said to be unhappy, an insider said.' });
    expect(spans(doc, hedging(doc))).toEqual(['reportedly', 'Sources say', 'may have', 'It is believed', 'is said to', 'an insider said']);
  });

  it('skips what the caller says is quoted', () => {
    const doc = makeDoc({ title: '', body: 'He called it "an outrageous, disgusting lie" and left. The ridiculous plan failed.' });
    expect(loadedLanguage(doc, undefined, quotationMarks(doc)).count).toBe(1);
    expect(loadedLanguage(doc).count).toBe(3);
  });
});

describe('person address', () => {
  it('counts I/we and you outside quotations, and not the US', () => {
    const doc = makeDoc({
      title: 'What you need to know',
      body: '"We will win," the mayor said. I think you deserve better. Our readers know the U.S. and the US ship goods to us.',
    });
    const p = personAddress(doc, quotationMarks(doc));
    expect(spans(doc, p.first)).toEqual(['I', 'Our', 'us']);
    expect(spans(doc, p.second)).toEqual(['you']);
    // The headline is not the body.
    expect(p.second.tokens.every((t) => t >= bodyTokens(doc).start)).toBe(true);
    expect(personAddress(doc).first.count).toBe(4);
  });
});

describe('the headline', () => {
  it('measures shouting: capitals among words of four letters or more, acronyms aside, and ! ?', () => {
    const doc = makeDoc({ title: 'SHOCKING: NATO chief HATES this simple trick!! Really?', body: 'Body.' });
    const caps = headlineCaps(doc);
    expect(caps.words).toBe(8);
    expect(caps.caps).toBe(2);
    expect(caps.share).toBeCloseTo(2 / 8, 10);
    expect(caps.tokens.map((t) => doc.text.slice(doc.tokens.start[t]!, doc.tokens.end[t]!))).toEqual(['SHOCKING', 'HATES']);
    const marks = headlineMarks(doc);
    expect(marks.exclamation.count).toBe(2);
    expect(marks.question.count).toBe(1);
    const calm = makeDoc({ title: 'FBI agent arrested in NYC', body: 'Why? Because!' });
    expect(headlineCaps(calm).caps).toBe(0);
    expect(headlineMarks(calm).question.count).toBe(0);
  });
});

describe('readability', () => {
  it('counts syllables of common words', () => {
    const words: Record<string, number> = {
      the: 1, readability: 5, syllable: 3, table: 2, make: 1, makes: 1, boxes: 2, places: 2, jumped: 1, wanted: 2,
      media: 3, social: 2, previous: 3, precious: 2, nation: 2, government: 3, president: 3, education: 4,
      university: 5, people: 2, family: 3, created: 3, little: 2, information: 4, political: 4, announced: 2,
      committee: 3, economy: 4, available: 4, yesterday: 3, officials: 3, police: 2, houses: 2, called: 1, decided: 3,
    };
    const wrong = Object.entries(words).filter(([w, n]) => countSyllables(w) !== n);
    expect(wrong).toEqual([]);
    expect(countSyllables('2024')).toBe(0);
    expect(countSyllables('café')).toBe(2);
  });

  it('gives Flesch reading ease and Flesch–Kincaid grade from the body', () => {
    const easy = readability(makeDoc({ title: 'A long and hard headline about administrative complexity', body: 'The cat sat on the mat. The dog ran to the park. We had fun.' }))!;
    expect(easy.sentences).toBe(3);
    expect(easy.words).toBe(15);
    expect(easy.syllables).toBe(15);
    expect(easy.fleschReadingEase).toBeCloseTo(206.835 - 1.015 * 5 - 84.6, 6);
    expect(easy.fleschKincaidGrade).toBeCloseTo(0.39 * 5 + 11.8 - 15.59, 6);
    const hard = readability(makeDoc({ title: '', body: 'The administration’s comprehensive infrastructure reauthorization legislation necessitates considerable intergovernmental coordination, according to congressional appropriations committee documentation.' }))!;
    expect(hard.fleschReadingEase).toBeLessThan(0);
    expect(hard.fleschKincaidGrade).toBeGreaterThan(easy.fleschKincaidGrade + 15);
    expect(readability(makeDoc({ title: 'Only a title', body: '' }))).toBeNull();
  });
});

describe('measureLexical', () => {
  it('gathers every measure, with rates per 1,000 body words', () => {
    const doc = makeDoc({ title: 'You won’t BELIEVE this!', body: 'Sources say the plan is ridiculous. I agree. "You are wrong," he said.' });
    const m = measureLexical(doc);
    expect(m.bodyWords).toBe(13);
    expect(m.loaded.count).toBe(1);
    expect(m.hedges.count).toBe(1);
    expect(m.firstPerson.count).toBe(1);
    expect(m.secondPerson.count).toBe(0);
    expect(m.headlineCaps.caps).toBe(1);
    expect(m.headlineMarks.exclamation.count).toBe(1);
    expect(m.readability?.sentences).toBe(3);
    expect(per1000(m.loaded, m.bodyWords)).toBeCloseTo(1000 / 13, 10);
    expect(per1000(m.loaded, 0)).toBe(0);
  });
});
