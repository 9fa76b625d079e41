import { describe, expect, it } from 'vitest';
import type { EntityMention, EntityType } from '../../src/article/entity.js';
import { analyseSourcing } from '../../src/analyse/sourcing.js';
import { makeDoc, type Doc } from '../../src/text/doc.js';

/** Mentions of the given names wherever they occur as whole words (a stand-in for the recogniser). */
function mentionsOf(doc: Doc, names: [string, EntityType][]): EntityMention[] {
  const out: EntityMention[] = [];
  for (const [name, type] of names) {
    const re = new RegExp(`\\b${name.replace(/[.]/g, '\\.')}\\b`, 'g');
    for (let m = re.exec(doc.text); m !== null; m = re.exec(doc.text)) {
      const start = m.index;
      const end = start + name.length;
      if (out.some((o) => o.start < end && start < o.end)) continue;
      let tokenStart = 0;
      while (doc.tokens.start[tokenStart]! < start) tokenStart++;
      let tokenEnd = tokenStart;
      while (tokenEnd < doc.tokens.length && doc.tokens.start[tokenEnd]! < end) tokenEnd++;
      out.push({ start, end, tokenStart, tokenEnd, type });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** For each body, the speaker mention of its first direct quote (null: no quote, or no speaker). */
function expectFirstSpeakers(cases: readonly (readonly [string, string | null])[], names: [string, EntityType][] = []): void {
  for (const [body, speaker] of cases) {
    const d = makeDoc({ title: 'Cases', body });
    const r = analyseSourcing(d, mentionsOf(d, names));
    const q = r.sourcing.quotes.find((x) => x.direct);
    expect([body.slice(0, 20), q?.speaker?.text ?? null]).toEqual([body.slice(0, 20), speaker]);
  }
}

/** The name of the source the first direct quote of `body` is given to. */
function firstSourceName(body: string, names: [string, EntityType][]): string | undefined {
  const d = makeDoc({ title: 'Case', body });
  const r = analyseSourcing(d, mentionsOf(d, names));
  const q = r.sourcing.quotes.find((x) => x.direct);
  return q?.source === undefined ? undefined : r.sourcing.sources[q.source]!.name;
}

const TITLE = 'Harbour chief quits over dredging contract';
const BODY = [
  'The head of the Port of Wellmouth has resigned over a disputed dredging contract, he said in a letter, and the port board will meet on Friday, local media said.',
  'Captain Maria Okafor ran the port for nine years. She stepped down on Monday after an audit by the Harbour Authority.',
  '“I did nothing wrong, and the records will show it,” she said, addressing the board chairman Tom Reyes.',
  '“We looked at every invoice,” said Reyes, a 58-year-old former engineer. “Not one of them matched.”',
  'Two officials who declined to be named said the contract was worth far more than reported.',
  'According to the audit, the port paid twice for the same work.',
  'The dredging firm could not be reached for comment.',
  '“The money has to come back to the town,” Okafor said. “Every cent of it,',
  '“and the people who signed it should answer for it.”',
].join('\n\n');

describe('analyseSourcing', () => {
  const doc = makeDoc({ title: TITLE, body: BODY });
  const mentions = mentionsOf(doc, [
    ['Maria Okafor', 'PER'],
    ['Okafor', 'PER'],
    ['Tom Reyes', 'PER'],
    ['Reyes', 'PER'],
    ['Port of Wellmouth', 'ORG'],
    ['Harbour Authority', 'ORG'],
  ]);
  const { sourcing, entities } = analyseSourcing(doc, mentions);
  const text = (s: { start: number; end: number }) => doc.text.slice(s.start, s.end);
  const direct = sourcing.quotes.filter((q) => q.direct);
  const indirect = sourcing.quotes.filter((q) => !q.direct);
  const sourceOf = (q: (typeof sourcing.quotes)[number]) => (q.source === undefined ? undefined : sourcing.sources[q.source]!);

  it('finds direct quotes, split and across paragraphs, without their marks', () => {
    expect(direct.map(text)).toEqual([
      'I did nothing wrong, and the records will show it,',
      'We looked at every invoice,',
      'Not one of them matched.',
      'The money has to come back to the town,',
      'Every cent of it,\n\n“and the people who signed it should answer for it.',
    ]);
  });

  it('attributes quotes to the person a pronoun or a surname points to', () => {
    expect(direct.map((q) => sourceOf(q)?.name)).toEqual(['Maria Okafor', 'Tom Reyes', 'Tom Reyes', 'Maria Okafor', 'Maria Okafor']);
    expect(text(direct[0]!.speaker!)).toBe('she');
    expect(direct[0]!.cue?.text).toBe('said');
  });

  it('finds reported speech: a clause before ", X said", "X said …" and "according to X"', () => {
    const pairs = indirect.map((q) => [text(q), sourceOf(q)?.name]);
    expect(pairs).toContainEqual(['The head of the Port of Wellmouth has resigned over a disputed dredging contract', 'Maria Okafor']);
    expect(pairs).toContainEqual(['the port board will meet on Friday', 'local media']);
    expect(pairs).toContainEqual(['the contract was worth far more than reported', 'Two officials who declined to be named']);
    expect(pairs).toContainEqual(['the port paid twice for the same work', 'the audit']);
  });

  it('says how each source is cited', () => {
    const byName = new Map(sourcing.sources.map((s) => [s.name, s]));
    expect(byName.get('Maria Okafor')).toMatchObject({ kind: 'person', role: 'Captain', quotes: 3 });
    expect(byName.get('Tom Reyes')).toMatchObject({ kind: 'person', quotes: 2 });
    expect(byName.get('Two officials who declined to be named')).toMatchObject({ kind: 'anonymous', attributions: 1 });
    expect(byName.get('Two officials who declined to be named')!.notes.map((n) => n.note)).toContain('not named');
    expect(byName.get('local media')?.kind).toBe('anonymous');
    expect(byName.get('the audit')?.kind).toBe('document');
    const firm = byName.get('The dredging firm')!;
    expect(firm.notes.map((n) => [n.note, text(n)])).toEqual([['not reached', 'could not be reached']]);
    expect(firm.quotes + firm.attributions).toBe(0);
    // The most quoted source comes first.
    expect(sourcing.sources[0]!.name).toBe('Maria Okafor');
  });

  it('merges an entity\'s names and pronouns, in order of first mention', () => {
    const okafor = entities.find((e) => e.name === 'Maria Okafor')!;
    expect(okafor.type).toBe('PER');
    const forms = okafor.mentions.map(text);
    expect(forms).toEqual(expect.arrayContaining(['Maria Okafor', 'She', 'she', 'Okafor']));
    expect(okafor.count).toBe(okafor.mentions.length);
    expect(okafor.first).toBe(doc.text.indexOf('Maria Okafor'));
    expect(entities.map((e) => e.name)).toEqual(['Port of Wellmouth', 'Maria Okafor', 'Harbour Authority', 'Tom Reyes']);
  });

  it('reads interview and inverted layouts: "Said X:", a statement paragraph, a one-word answer', () => {
    const body = [
      'The harbour board met on Monday.',
      'Said board member Tom Reyes: “We will not sell the port.”',
      'Reyes said in a statement:',
      '“The port belongs to the town and it will stay that way.”',
      '“No,” Reyes said when asked if the vote could be reversed. “Never, ever.”',
      'A spokesperson, who asked not to be named, told reporters the talks had ended.',
    ].join('\n\n');
    const d = makeDoc({ title: 'Board keeps the port', body });
    const r = analyseSourcing(d, mentionsOf(d, [['Tom Reyes', 'PER'], ['Reyes', 'PER']]));
    const quoted = r.sourcing.quotes.filter((q) => q.direct).map((q) => [d.text.slice(q.start, q.end), q.source === undefined ? null : r.sourcing.sources[q.source]!.name]);
    expect(quoted).toEqual([
      ['We will not sell the port.', 'Tom Reyes'],
      ['The port belongs to the town and it will stay that way.', 'Tom Reyes'],
      ['No,', 'Tom Reyes'],
      ["Never, ever.", "Tom Reyes"],
    ]);
    const reported = r.sourcing.quotes.filter((q) => !q.direct).map((q) => [d.text.slice(q.start, q.end), q.source === undefined ? null : r.sourcing.sources[q.source]!.kind]);
    expect(reported).toContainEqual(['the talks had ended', 'anonymous']);
  });

  it('carries a speaker into a paragraph that is only a quote, and reads a signed quote', () => {
    const body = [
      '“We will rebuild the pier,” Mayor Ana Lind said.',
      '“It will take two years and every hand we have.”',
      'The council has not voted yet.',
      '“Nobody asked the fishermen what they need from this town.”',
      '-- Tom Reyes',
    ].join('\n\n');
    const d = makeDoc({ title: 'Pier plans', body });
    const r = analyseSourcing(d, mentionsOf(d, [['Ana Lind', 'PER'], ['Tom Reyes', 'PER']]));
    const who = r.sourcing.quotes.filter((q) => q.direct).map((q) => [d.text.slice(q.start, q.end).slice(0, 12), q.source === undefined ? null : r.sourcing.sources[q.source]!.name]);
    expect(who).toEqual([
      ['We will rebu', 'Ana Lind'],
      ['It will take', 'Ana Lind'],
      ['Nobody asked', 'Tom Reyes'],
    ]);
  });

  it('finds the speaker of a participle: "with X telling", the clause before the comma, the subject before it', () => {
    const body = [
      'Beset by doubts all summer, the pair kept going, with a source telling reporters they had hit a “rough patch.”',
      '“She is angry about the money,” says the insider, noting the two have a “strained” friendship.',
      'When asked for the names of his lawyers, Tom Reyes refused to give them, claiming they are “confidential.”',
      'Ana Lind was fired in 2009 after saying the director wanted “to run the set like a barracks”.',
      'Oberholtzer says he hopes that people see the company has “nothing to do with any of it.”',
      'Police took a call from a worried resident saying “there is a clown in the alley”.',
      'The Harbour Authority, which did not fund the race, issued a statement on Friday saying it was “deeply disappointed” by it.',
      '-- Benjamin Fearnow',
    ].join('\n\n');
    const d = makeDoc({ title: 'Quotes', body });
    const r = analyseSourcing(d, mentionsOf(d, [['Tom Reyes', 'PER'], ['Ana Lind', 'PER'], ['Oberholtzer', 'PER'], ['Benjamin Fearnow', 'PER'], ['Harbour Authority', 'ORG']]));
    const who = r.sourcing.quotes.filter((q) => q.direct).map((q) => [d.text.slice(q.start, q.end).slice(0, 12), q.source === undefined ? null : r.sourcing.sources[q.source]!.name]);
    expect(who).toEqual([
      ['rough patch.', 'a source'],
      ['She is angry', 'the insider'],
      ['strained', 'the insider'],
      ['confidential', 'Tom Reyes'],
      ['to run the s', 'Ana Lind'],
      ['nothing to d', 'Oberholtzer'],
      ['there is a c', 'a worried resident'],
      ['deeply disap', 'Harbour Authority'],
    ]);
  });

  it('takes the name of a speaker whose description does not parse: "An adviser to … (Ineter), Wilfried Strauch, said"', () => {
    const body = "An adviser to Nicaragua's Institute of Earth Studies (Ineter), Wilfried Strauch, said he was “convinced it was a meteorite” which caused the crater.";
    expect(firstSourceName(body, [['Wilfried Strauch', 'PER']])).toBe('Wilfried Strauch');
  });

  it('reads a name and a colon that open a line after another line ("Babić: "…"")', () => {
    const body = 'The clinic reported forty cases last year.\nBabić: "The numbers are back where they were. We had no choice."\nThe ministry did not comment.';
    expect(firstSourceName(body, [['Babić', 'PER']])).toBe('Babić');
  });

  it('gives a first-person quote that nothing attributes to the person last named, and leaves others alone', () => {
    const body = [
      'The council met on Monday. After a week Tan Shen decided she had had enough of the noise.',
      '“I decided the best thing to do would be to leave the city.”',
      'The new ferry route is “a bold step for the town” for now.',
    ].join('\n\n');
    const d = makeDoc({ title: 'Leaving', body });
    const r = analyseSourcing(d, mentionsOf(d, [['Tan Shen', 'PER']]));
    const who = r.sourcing.quotes.filter((q) => q.direct).map((q) => [d.text.slice(q.start, q.end).slice(0, 9), q.source === undefined ? null : r.sourcing.sources[q.source]!.name]);
    expect(who).toContainEqual(['I decided', 'Tan Shen']);
    expect(who.find((w) => w[0] === 'a bold st')?.[1] ?? null).toBe(null);
  });

  it('finds the cue of a quote inside a reported clause, and of "quotes X saying"', () => {
    const cases: [string, string][] = [
      ['Meenakshi Ganguly, a director at the institute, wrote in the Harbour Times in August that “quick fixes will not help the town.”', 'Meenakshi Ganguly, a director at the institute'],
      ['The council said on Friday it would act, with one official noting that agencies should do “as much as they possibly can” this year.', 'one official'],
      ['The website also quotes the model saying that the agency staff are “paid liars” and worse.', 'the model'],
    ];
    expectFirstSpeakers(cases, [['Meenakshi Ganguly', 'PER']]);
  });

  it('reads "reports X as saying", "X, who has described", an infinitive as no speech, and a colon after a phrase that is not a name', () => {
    const cases: [string, string | null][] = [
      ['The Daily Mail reports a police spokesperson as saying: “We will find the men who did this.”', 'a police spokesperson'],
      ['He lived in Split with his wife Dragana, who has described him as a “fantastic man and father”.', 'Dragana'],
      ['Alan finds the chest and opens it to reveal a board game.\n\n“A game for those who seek to leave their world behind.” TriStar', null],
      ['Alex takes them to the treehouse. Scratched onto a wooden post is the simple note: “Alan Parrish was here.”', null],
      ['JustBrenda wrote a reply. She went on to say that people who lie “make things harder” for victims.', 'She'],
    ];
    expectFirstSpeakers(cases);
  });

  it('keeps a colon-introduced quote with its speaker, reads "and, according to", a name after "to", "called for" and "a statement which read"', () => {
    const cases: [string, string | null][] = [
      ['Asked about the reports, the defence minister, Moshe Yaalon, said: “I cannot confirm that.” The security service told the Post: “There is nothing more.”', 'the defence minister, Moshe Yaalon'],
      ['Alan Titchmarsh and Professor Mick Crawley saw a fungus. Titchmarsh asked, “Is it edible?” and, according to The Telegraph, Crawley replied, “That depends.”', 'Titchmarsh'],
      ['Lewis wrote a response to JustBrenda explaining that he would “find out” the truth.', 'Lewis'],
      ['In 2011 he was kidnapped in Libya, of which Foley said in an interview with the Boston Globe, “You do not want to be defined as that guy.”', 'Foley'],
      ['Ghasseminejad said some Iranians have called for their deportation from America: “Iranians do not understand this at all.”', 'Ghasseminejad'],
      ['At the time their reps gave a joint statement which read, “We can confirm that they are taking some space.”', 'their reps'],
    ];
    expectFirstSpeakers(cases);
  });

  it('gives the words of a document to the author it is attributed to', () => {
    const body = '“He gave his life to tell their story,” said the statement, which was attributed to his mother, Diane Foley. Officials did not comment.';
    expect(firstSourceName(body, [['Diane Foley', 'PER']])).toBe('Diane Foley');
  });

  it('resolves "she" past the last man named to the woman before him', () => {
    const body = 'Laura Day met David Globus at the studio on Monday.\n\n“I knew it would work,” she said.';
    const d = makeDoc({ title: 'Studio deal', body });
    const r = analyseSourcing(d, mentionsOf(d, [['Laura Day', 'PER'], ['David Globus', 'PER']]));
    const q = r.sourcing.quotes.find((x) => x.direct)!;
    expect(r.sourcing.sources[q.source!]!.name).toBe('Laura Day');
    const laura = r.entities.find((e) => e.name === 'Laura Day')!;
    expect(laura.mentions.map((m) => d.text.slice(m.start, m.end))).toContain('she');
  });

  it('keeps a hyphenated age in a role, reads "will add" as no speech, and a study by someone as a document', () => {
    const body = [
      '“We cannot wait,” said John Carter, a 40-year-old mechanic from the port.',
      'The plan will add 2,000 homes by 2030, officials said.',
      'A study by the state university found that rents rose 9 percent.',
    ].join('\n\n');
    const d = makeDoc({ title: 'Housing plan', body });
    const r = analyseSourcing(d, mentionsOf(d, [['John Carter', 'PER']]));
    const byName = new Map(r.sourcing.sources.map((x) => [x.name, x]));
    expect(byName.get('John Carter')?.role).toBe('a 40-year-old mechanic from the port');
    expect(byName.has('The plan')).toBe(false);
    expect(byName.get('officials')?.kind).toBe('anonymous');
    expect(byName.get('A study by the state university')?.kind).toBe('document');
  });

  it('stays fast when one article holds thousands of quotes and reported clauses', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `Bob${i} said the plan was fine and good. Then a "so-called" thing.`).join(' ');
    const oneSpeaker = Array.from({ length: 4000 }, () => '“We will win,” said Mayor Ana Lind. Officials could not be reached for comment.').join('\n\n');
    for (const body of [many, oneSpeaker]) {
      const d = makeDoc({ title: 'Many', body });
      const t0 = performance.now();
      const r = analyseSourcing(d, mentionsOf(d, [['Ana Lind', 'PER']]));
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(r.sourcing.quotes.length).toBeGreaterThan(1000);
    }
  });

  it('gives a partial answer on broken text, never an error', () => {
    const nasty = [
      '"'.repeat(10_000),
      '“' + 'word '.repeat(50_000),
      '“Unclosed quote he said and then nothing',
      'Он сказал: «Мы придём».',
      ', said , said said said according to , ,',
    ];
    for (const body of nasty) {
      const d = makeDoc({ title: 'x', body });
      const t0 = performance.now();
      const r = analyseSourcing(d, []);
      expect(performance.now() - t0).toBeLessThan(1500);
      expect(Array.isArray(r.sourcing.quotes)).toBe(true);
    }
  });
});
