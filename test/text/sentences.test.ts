import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';
import { tokenize } from '../../src/text/tokens.js';
import { docFrom } from './corpus.js';

/** The body's sentences as text. */
function sentences(body: string): string[] {
  const doc = docFrom(body);
  return doc.sentences.map((s) => doc.text.slice(s.start, s.end));
}

describe('sentence boundaries', () => {
  it('splits plain sentences on . ! ? and keeps the mark with its sentence', () => {
    expect(sentences('The vote passed. Was it fair? Nobody knows! Life goes on.')).toEqual([
      'The vote passed.',
      'Was it fair?',
      'Nobody knows!',
      'Life goes on.',
    ]);
  });

  it('keeps a closing quotation mark with the sentence it ends', () => {
    expect(sentences('He said, “It is over.” She left. “Why?” they asked. He shouted "Stop!" Then silence.')).toEqual([
      'He said, “It is over.”',
      'She left.',
      '“Why?” they asked.',
      'He shouted "Stop!"',
      'Then silence.',
    ]);
  });

  it('does not end a sentence inside a quotation that the sentence goes on after', () => {
    expect(sentences('"It is over," she said. ‘Fine,’ he replied.')).toEqual(['"It is over," she said.', '‘Fine,’ he replied.']);
  });

  it('does not split after abbreviations and initials inside a sentence', () => {
    for (const s of [
      'The U.S. Senate voted on Tuesday.',
      'They met at 3 p.m. Friday in the hall.',
      'Mr. Smith and Dr. Jones met Gen. Lee.',
      'It opened on Jan. 5 in St. Louis.',
      'It was ranked No. 1 in the state.',
      'Author J. R. Tolkien wrote it.',
      'Results are in Fig. 3 of the report.',
      'Smith vs. Jones was decided.',
    ]) {
      expect(sentences(s), s).toEqual([s]);
    }
  });

  it('splits after an abbreviation that ends a sentence when a new one clearly starts', () => {
    expect(sentences('The vote was close in the U.S. The next day was calm.')).toEqual(['The vote was close in the U.S.', 'The next day was calm.']);
    expect(sentences('He said no. Then he left.')).toEqual(['He said no.', 'Then he left.']);
    expect(sentences('Is it true? No. The claim is false.')).toEqual(['Is it true?', 'No.', 'The claim is false.']);
  });

  it('does not split inside numbers or joined words', () => {
    expect(sentences('Prices rose 3.5 percent to $1,000.50 in the U.S.-funded scheme. Done.')).toEqual([
      'Prices rose 3.5 percent to $1,000.50 in the U.S.-funded scheme.',
      'Done.',
    ]);
  });

  it('does not split before a lower-case word', () => {
    expect(sentences('Wait... what happened? nobody knows.')).toEqual(['Wait... what happened? nobody knows.']);
  });

  it('ends a sentence at a paragraph break even without punctuation', () => {
    expect(sentences('A headline-like line\n\nThe story starts here.\n\n\n\nAnother paragraph')).toEqual([
      'A headline-like line',
      'The story starts here.',
      'Another paragraph',
    ]);
    expect(sentences('First paragraph\r\n\r\nSecond paragraph')).toEqual(['First paragraph', 'Second paragraph']);
  });

  it('joins a hard-wrapped sentence and splits lines that end with a stop', () => {
    expect(sentences('The council said the plan\nwould go ahead next year.\nIt did not say when.')).toEqual([
      'The council said the plan\nwould go ahead next year.',
      'It did not say when.',
    ]);
  });

  it('keeps lower-case text without punctuation as one sentence per paragraph', () => {
    const body = 'this text has no capital letters and no full stops at all it just goes on\nand wraps onto a second line';
    expect(sentences(body)).toEqual([body]);
  });

  it('splits Chinese and Japanese sentences, which have no space after the stop', () => {
    expect(sentences('東京都は新しい計画を発表した。次の会議は来月です。彼は「行く。」と言った。')).toEqual([
      '東京都は新しい計画を発表した。',
      '次の会議は来月です。',
      '彼は「行く。」と言った。',
    ]);
  });

  it('handles runs of marks and brackets', () => {
    expect(sentences('Really?! Yes!!! (The meeting ended.) Everyone left…')).toEqual(['Really?!', 'Yes!!!', '(The meeting ended.)', 'Everyone left…']);
  });

  it('gives no sentence to an empty range and one to a single word', () => {
    const t = tokenize('');
    expect(splitSentences('', t, 0, 0)).toEqual([]);
    expect(sentences('Hello')).toEqual(['Hello']);
  });

  it('splits a sub-range of the tokens only', () => {
    const text = 'One. Two. Three. Four.';
    const t = tokenize(text);
    // tokens: One . Two . Three . Four .  → tokens 2..6 are "Two. Three."
    const s = splitSentences(text, t, 2, 6);
    expect(s.map((x) => text.slice(x.start, x.end))).toEqual(['Two.', 'Three.']);
    expect(s[0]!.tokenStart).toBe(2);
    expect(s[s.length - 1]!.tokenEnd).toBe(6);
  });
});
