import { describe, expect, it } from 'vitest';
import type { ArtefactKind } from '../../src/text/artefacts.js';
import { docFrom } from './corpus.js';

/** The artefacts of a body (after a title, as in a real article), as [kind, text]. */
function artefacts(body: string, title = 'A headline'): [ArtefactKind, string][] {
  const doc = docFrom(body, title);
  return doc.artefacts.map((a) => [a.kind, doc.text.slice(a.start, a.end)]);
}

function masked(body: string): string[] {
  const doc = docFrom(body, 'A headline');
  const out: string[] = [];
  for (let i = 0; i < doc.tokens.length; i++) if (doc.masked[i] === 1) out.push(doc.text.slice(doc.tokens.start[i], doc.tokens.end[i]));
  return out;
}

describe('datelines', () => {
  const cases: [string, string][] = [
    ['WASHINGTON (Reuters) - The Senate voted on Tuesday.', 'WASHINGTON (Reuters) -'],
    ['NEW YORK — Stocks fell sharply on Monday.', 'NEW YORK —'],
    ['(CNN) — The storm made landfall overnight.', '(CNN) —'],
    ['(Reuters) - Oil prices rose.', '(Reuters) -'],
    ['Washington (CNN)The president spoke on Friday.', 'Washington (CNN)'],
    ['LONDON, March 3 (AP) — Prices fell.', 'LONDON, March 3 (AP) —'],
    ['PARIS/BERLIN (Reuters) - Leaders met.', 'PARIS/BERLIN (Reuters) -'],
    ['WASHINGTON—The Senate voted.', 'WASHINGTON—'],
  ];
  for (const [body, dateline] of cases) {
    it(`finds "${dateline}"`, () => {
      expect(artefacts(body)).toContainEqual(['dateline', dateline]);
    });
  }

  it('finds a dateline that follows a byline', () => {
    const found = artefacts('By Jane Doe\n\nNEW YORK — The council approved the plan.');
    expect(found).toContainEqual(['byline', 'By Jane Doe']);
    expect(found).toContainEqual(['dateline', 'NEW YORK —']);
  });

  it('judges the sentence after a dateline on its own: a dateline does not hide boilerplate', () => {
    // 390 characters of boilerplate: under the 400-character bound alone, over it with the dateline.
    const boilerplate = `Click here to ${'read the rest of the story '.repeat(14)}now.`;
    expect(boilerplate.length).toBeLessThan(400);
    const found = artefacts(`WASHINGTON (Reuters) - ${boilerplate}\n\nThe Senate voted on Tuesday.`);
    expect(found.map(([kind]) => kind)).toContain('boilerplate');
    expect(masked(`WASHINGTON (Reuters) - ${boilerplate}\n\nThe Senate voted on Tuesday.`)).not.toContain('Senate');
  });

  it('masks a dateline stacked on another one, and a double-hyphen dash', () => {
    expect(masked('WASHINGTON (Reuters) - LOS ANGELES, July 14 (UPI) -- The actors married.')).toEqual(
      ['WASHINGTON', '(', 'Reuters', ')', '-', 'LOS', 'ANGELES', ',', 'July', '14', '(', 'UPI', ')', '-', '-'],
    );
    expect(artefacts('LONDON -- The father spoke.')).toEqual([['dateline', 'LONDON --']]);
  });

  it('finds the dateline after a boilerplate first sentence, even when that sentence has a dateline of its own', () => {
    for (const body of ['Please enable Javascript to watch this video\n\nCHICAGO — A judge freed the singer.', 'WASHINGTON (Reuters) - Please enable Javascript to watch this video\n\nCHICAGO — A judge freed the singer.']) {
      const found = artefacts(body);
      expect(found).toContainEqual(['dateline', 'CHICAGO —']);
      expect(masked(body)).not.toContain('judge');
    }
  });

  it('masks the dateline and nothing after it', () => {
    expect(masked('WASHINGTON (Reuters) - The US-trained commander defected.')).toEqual(['WASHINGTON', '(', 'Reuters', ')', '-']);
  });

  it('only looks at the start of the body, not at later sentences or the title', () => {
    expect(artefacts('The Senate voted.\n\nWASHINGTON (Reuters) - A second story.')).toEqual([]);
    expect(artefacts('The Senate voted.', 'WASHINGTON (Reuters) - Senate votes')).toEqual([]);
  });

  // Ordinary first sentences that only look like datelines.
  for (const body of [
    'The US-trained commander of the elite police force defected to the group.',
    'US-trained commander defected to the group.',
    'US-led forces entered the town on Sunday.',
    'COVID-19 cases rose again in the region.',
    'Apple (AAPL) shares rose on Monday.',
    'John Smith (R) said he would vote against the bill.',
    'Mr. Smith (who declined to comment) spoke later.',
    '(The meeting ended.) Everyone left.',
    'A.I. tools - like chatbots - are everywhere.',
    'I - for one - disagree.',
    'The FBI said on Tuesday it had opened an inquiry.',
  ]) {
    it(`does not mask the start of "${body}"`, () => {
      expect(artefacts(body)).toEqual([]);
      expect(masked(body)).toEqual([]);
    });
  }
});

describe('bylines', () => {
  for (const line of [
    'By Jane Doe',
    'By Jane Doe and Sam Roe',
    'By Jane Doe, Staff Writer',
    'By The Associated Press',
    'By JANE DOE | The Example Times',
    'Reporting by Jane Doe; Editing by John Roe',
    'By María José García-López and Jean-Luc O’Neill',
  ]) {
    it(`finds "${line}"`, () => {
      expect(artefacts(`${line}\n\nThe council approved the plan on Tuesday.`)).toContainEqual(['byline', line]);
    });
  }

  for (const body of ['By Tuesday, the council had voted to approve the budget.', 'By contrast, the mayor stayed silent.', 'By 2030 the city wants 40% of buses electric.']) {
    it(`leaves "${body}" alone`, () => {
      expect(artefacts(body)).toEqual([]);
    });
  }
});

describe('boilerplate and credits', () => {
  const cases: [string, ArtefactKind][] = [
    ['Share this article on Facebook.', 'boilerplate'],
    ['Share this before it gets deleted!', 'boilerplate'],
    ['Tweet this story.', 'boilerplate'],
    ['Subscribe now for full access.', 'boilerplate'],
    ['Subscribe to our channel for more.', 'boilerplate'],
    ['Sign up for our daily newsletter.', 'boilerplate'],
    ['We use cookies to improve your experience.', 'boilerplate'],
    ['This website uses cookies.', 'boilerplate'],
    ['Read our cookie policy.', 'boilerplate'],
    ['Follow us on Twitter.', 'boilerplate'],
    ['Like us on Facebook.', 'boilerplate'],
    ['Click here to read the report.', 'boilerplate'],
    ['All rights reserved.', 'boilerplate'],
    ['Copyright 2024 Example News.', 'boilerplate'],
    ['This material may not be published, broadcast, rewritten or redistributed.', 'boilerplate'],
    ['Please enable JavaScript to view the comments.', 'boilerplate'],
    ['Advertisement', 'boilerplate'],
    ['Photo: Getty Images', 'credit'],
    ['Photo courtesy of the family.', 'credit'],
  ];
  for (const [sentence, kind] of cases) {
    it(`finds "${sentence}" (${kind})`, () => {
      const body = `The council approved the plan on Tuesday.\n\n${sentence}\n\nThe mayor will sign it next week.`;
      expect(artefacts(body)).toEqual([[kind, sentence]]);
    });
  }

  // News sentences that share words with boilerplate.
  for (const sentence of [
    'Many voters share this view, the poll found.',
    'Few scientists subscribe to this theory.',
    'The agency said it would email this week to every voter.',
    'He asked her to pin this on the board.',
    'Officials said the problem will follow us on every trip.',
    'Children should read more, the report said.',
    'The newspaper sold an advertisement to the campaign.',
  ]) {
    it(`leaves "${sentence}" alone`, () => {
      expect(artefacts(`The council approved the plan on Tuesday. ${sentence} The mayor will sign it.`)).toEqual([]);
    });
  }

  it('marks a whole boilerplate sentence and not its neighbours', () => {
    const body = 'The mayor spoke. Share this article on Facebook. The council voted.';
    expect(masked(body)).toEqual(['Share', 'this', 'article', 'on', 'Facebook', '.']);
  });
});

describe('artefacts are spans of the body, in order', () => {
  it('returns sorted, non-empty spans inside the body', () => {
    const doc = docFrom(
      'By Jane Doe\n\nNEW YORK — The council approved it. Share this article on Facebook.\n\nPhoto: Getty Images. All rights reserved.',
      'Council approves plan',
    );
    expect(doc.artefacts.length).toBe(5);
    for (let i = 0; i < doc.artefacts.length; i++) {
      const a = doc.artefacts[i]!;
      expect(a.start).toBeGreaterThanOrEqual(doc.bodyStart);
      expect(a.end).toBeGreaterThan(a.start);
      if (i > 0) expect(a.start).toBeGreaterThanOrEqual(doc.artefacts[i - 1]!.start);
    }
  });

  it('finds nothing in an empty body or a title-only article', () => {
    expect(docFrom('').artefacts).toEqual([]);
    expect(docFrom('', 'Share this article on Facebook').artefacts).toEqual([]);
  });
});
