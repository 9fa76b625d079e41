import { describe, expect, it } from 'vitest';
import { tokenize, TokenKind, type TokenTable } from '../../src/text/tokens.js';
import { CORPUS } from './corpus.js';
import { articleText } from '../../src/article/article.js';

/** Each token as [surface, kind]. */
function surfaces(text: string): [string, TokenKind][] {
  const t = tokenize(text);
  return Array.from({ length: t.length }, (_, i) => [text.slice(t.start[i], t.end[i]), t.kind[i] as TokenKind]);
}

const words = (text: string): string[] => surfaces(text).map(([s]) => s);

function kindOf(text: string, surface: string): TokenKind | undefined {
  return surfaces(text).find(([s]) => s === surface)?.[1];
}

/** Offsets strictly increasing, tokens non-empty, no token holds white space, nothing but white space is left out. */
function checkTable(text: string, t: TokenTable): void {
  expect(t.start.length).toBe(t.length);
  expect(t.end.length).toBe(t.length);
  expect(t.kind.length).toBe(t.length);
  expect(t.norm.length).toBe(t.length);
  let covered = 0;
  for (let i = 0; i < t.length; i++) {
    const s = t.start[i]!;
    const e = t.end[i]!;
    expect(e, `token ${i} is empty`).toBeGreaterThan(s);
    expect(s, `token ${i} overlaps the one before`).toBeGreaterThanOrEqual(covered);
    expect(text.slice(covered, s).trim(), `characters lost before token ${i}`).toBe('');
    expect(text.slice(s, e), `token ${i} holds white space`).not.toMatch(/\s/);
    covered = e;
  }
  expect(text.slice(covered).trim(), 'characters lost at the end').toBe('');
}

describe('tokenize: offsets', () => {
  for (const a of CORPUS) {
    it(`covers every non-space character exactly once: ${a.name}`, () => {
      const text = articleText(a);
      checkTable(text, tokenize(text));
    });
  }

  it('never splits a surrogate pair', () => {
    const text = 'a 😂🔥 b 𝒳 c 🇫🇷';
    const t = tokenize(text);
    for (let i = 0; i < t.length; i++) {
      for (const at of [t.start[i]!, t.end[i]!]) {
        const c = text.charCodeAt(at);
        // an offset never points at the low half of a pair
        expect(c >= 0xdc00 && c <= 0xdfff, `offset ${at} splits a pair`).toBe(false);
      }
    }
    expect(words(text)).toContain('😂');
    expect(words(text)).toContain('𝒳');
  });

  it('handles the empty string and white space only', () => {
    expect(tokenize('').length).toBe(0);
    expect(tokenize(' \n\t\r\n\u00a0\u2003 ').length).toBe(0);
  });
});

describe('tokenize: what is one token', () => {
  it('keeps abbreviations and initialisms with their period, not a sentence\'s period', () => {
    const w = words('The U.S. team met Mr. Lee on Jan. 5 at 3 p.m. in the city. e.g. this');
    for (const x of ['U.S.', 'Mr.', 'Jan.', 'p.m.', 'e.g.']) expect(w).toContain(x);
    expect(w).toContain('city');
    expect(w).toContain('.');
    expect(w).not.toContain('city.');
  });

  it('keeps numbers whole: decimals, thousands, dates, times, percentages, ordinals, decades', () => {
    const text = 'Up 3.5% to 1,000 on 9/11 at 10:30, the 21st time since the 1990s; 20% more.';
    for (const n of ['3.5%', '1,000', '9/11', '10:30', '21st', '1990s', '20%']) {
      expect(kindOf(text, n), n).toBe(TokenKind.Number);
    }
    // a trailing comma or period belongs to the sentence
    expect(words('It cost 1,000. Then 2,000, then 3.')).toEqual(['It', 'cost', '1,000', '.', 'Then', '2,000', ',', 'then', '3', '.']);
  });

  it('keeps hyphenated words and contractions whole', () => {
    const w = words("A well-known, state-of-the-art COVID-19 lab don't O’Neill’s re-elected");
    for (const x of ['well-known', 'state-of-the-art', 'COVID-19', "don't", 'O’Neill’s', 're-elected']) expect(w).toContain(x);
  });

  it('splits spaced dashes and double hyphens off', () => {
    expect(words('one - two — three -- four')).toEqual(['one', '-', 'two', '—', 'three', '-', '-', 'four']);
  });

  it('finds URLs without the punctuation around them', () => {
    const text = 'See https://example.org/a?b=1&c=2. Or (www.example.net/x), or <http://example.com/p_(q)>! Also https://example.org/a_(b)).';
    const urls = surfaces(text).filter(([, k]) => k === TokenKind.Url).map(([s]) => s);
    expect(urls).toEqual(['https://example.org/a?b=1&c=2', 'www.example.net/x', 'http://example.com/p_(q)', 'https://example.org/a_(b)']);
  });

  it('finds e-mail addresses without a trailing period', () => {
    const text = 'Write to press.office@example.gov.uk or first.last+tag@sub.example.com. Not @handle or x@ or a@b.';
    const mails = surfaces(text).filter(([, k]) => k === TokenKind.Email).map(([s]) => s);
    expect(mails).toEqual(['press.office@example.gov.uk', 'first.last+tag@sub.example.com']);
  });

  it('gives punctuation and symbols their kinds', () => {
    const s = surfaces('Wow! $5 € ❤ “q”');
    expect(s).toContainEqual(['!', TokenKind.Punct]);
    expect(s).toContainEqual(['$', TokenKind.Symbol]);
    expect(s).toContainEqual(['€', TokenKind.Symbol]);
    expect(s).toContainEqual(['❤', TokenKind.Symbol]);
    expect(s).toContainEqual(['“', TokenKind.Punct]);
    expect(s).toContainEqual(['Wow', TokenKind.Word]);
  });

  it('reads words of other scripts as words', () => {
    const s = surfaces('Президент сказал Αθήνα café e\u0301 مرحبا नमस्ते');
    expect(s.map(([w]) => w)).toEqual(['Президент', 'сказал', 'Αθήνα', 'café', 'e\u0301', 'مرحبا', 'नमस्ते']);
    expect(s.every(([, k]) => k === TokenKind.Word)).toBe(true);
  });
});

describe('tokenize: normal forms', () => {
  it('lower-cases and folds typographic apostrophes and dashes', () => {
    const t = tokenize('We’re DON’T Well‐Known —');
    expect(t.norm).toEqual(["we're", "don't", 'well-known', '-']);
  });

  it('folds compatibility characters (ligatures, full-width letters)', () => {
    expect(tokenize('ﬁnance Ｆｕｌｌ').norm).toEqual(['finance', 'full']);
  });

  it('gives the same form to the same word however it was typed', () => {
    const a = tokenize('It’s true');
    const b = tokenize("IT'S TRUE");
    expect(a.norm).toEqual(b.norm);
  });
});
