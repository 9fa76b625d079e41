/**
 * Hand-written articles for the text tests: every awkward thing news text does to a tokenizer
 * (curly quotes, abbreviations, numbers, URLs, e-mails, hyphens, CRLF, emoji, other scripts, empty parts).
 * Invented for this project; none is taken from a dataset.
 */
import type { Article } from '../../src/article/article.js';
import { makeDoc, type Doc } from '../../src/text/doc.js';

export type TitleBody = Pick<Article, 'title' | 'body'>;

export function docFrom(body: string, title = ''): Doc {
  return makeDoc({ title, body });
}

export const CORPUS: readonly (TitleBody & { name: string })[] = [
  {
    name: 'abbreviations and numbers',
    title: 'U.S. Senate passes $1.2 trillion bill, 69–30',
    body:
      'WASHINGTON (Reuters) - The U.S. Senate on Jan. 5 passed the bill at 3 p.m. Friday after Mr. Byrd and Sen. Ortiz spoke.\n\n' +
      'Prices rose 3.5% in March, to 1,000 points, the highest since 9/11. The 1990s were calmer; the 21st century is not.\n\n' +
      'It was ranked No. 1 by the Dept. of Labor, vs. No. 4 last year. "He said no." Then he left at 10:30 a.m.',
  },
  {
    name: 'curly quotes and apostrophes',
    title: '“We’re not leaving,” the mayor says',
    body:
      '“We’re not leaving,” said Mayor O’Neill, who doesn’t plan to resign. ‘It’s over,’ her aide wrote.\n' +
      'Critics called it ‘a stunt’ — and the mayor’s office disagreed… Others weren\'t sure!? Time will tell.',
  },
  {
    name: 'urls and e-mails',
    title: 'Where to read the report',
    body:
      'The full report is at https://example.org/reports/2024?id=7&lang=en. A mirror lives at www.example.net/mirror, ' +
      'and questions go to press.office@example.gov.uk or (for media) media+desk@news.example.com.\n\n' +
      'See also (http://example.com/a_(b)) and <https://example.org/x>. Contact: j.doe@example.org.',
  },
  {
    name: 'hyphens, dashes and slashes',
    title: 'Well-known COVID-19 expert re-elected',
    body:
      'The well-known, U.S.-trained epidemiologist — a 52-year-old ex-army doctor — was re-elected 5-4 on a 50/50 split. ' +
      'Her state-of-the-art lab (est. 1998) tests 2,400 samples/day -- more than ever. Co-chair pro-tem: Dr. Kay-Lee Smith-Jones.',
  },
  {
    name: 'CRLF line endings',
    title: 'Storm closes\r\nschools',
    body:
      'Heavy snow closed 40 schools on Monday.\r\n\r\nThe district said buses would run on a\r\nreduced schedule. ' +
      'Parents were told by text.\r\n\r\n"Stay home," officials said.\r\n',
  },
  {
    name: 'emoji and symbols',
    title: 'Fans react 😂🔥 to the final',
    body:
      'Fans posted 👍🏽 and 👨‍👩‍👧 after the match 🇫🇷⚽. One wrote: “Best. Game. Ever.” ™ © ® € 5 ¥ 300 £12 #final @club.\n\n' +
      'The club’s reply: ❤️❤️❤️.',
  },
  {
    name: 'non-Latin scripts',
    title: 'Новости: 東京 と Αθήνα',
    body:
      'Президент сказал, что переговоры продолжатся. 東京都は新しい計画を発表した。次の会議は来月です。\n\n' +
      'Ο υπουργός είπε ότι η συμφωνία είναι «ιστορική». مرحبا بالعالم. שלום עולם. नमस्ते दुनिया। café naïve résumé e\u0301.',
  },
  {
    name: 'empty title',
    title: '',
    body: 'No headline here. Just two sentences.',
  },
  {
    name: 'empty body',
    title: 'Headline only, no body',
    body: '',
  },
  {
    name: 'lower-case without punctuation',
    title: 'untitled',
    body: 'this text has no capital letters and no full stops at all it just goes on\nand wraps onto a second line',
  },
  {
    name: 'whitespace oddities',
    title: '  Padded\ttitle  ',
    body: '\u00a0Non-breaking\u00a0spaces,\u2003em spaces,\u200bzero-width space and\ttabs.\n\n\n\nFour newlines above.   ',
  },
  {
    name: 'boilerplate and bylines',
    title: 'Council approves plan',
    body:
      'By Jane Doe and Sam Roe\n\nNEW YORK — The council approved the plan on Tuesday.\n\n' +
      'Share this article on Facebook. Sign up for our daily newsletter. We use cookies to improve your experience.\n\n' +
      'Photo: Getty Images. Copyright 2024 Example News. All rights reserved.',
  },
];

/** The text a Doc is built from: title, blank line, body (see articleText). */
export const allDocs = (): { name: string; doc: Doc }[] => CORPUS.map((a) => ({ name: a.name, doc: makeDoc(a) }));
