/**
 * Spans that let a model cheat on the public corpora rather than read the news: agency datelines
 * and bylines, share/subscribe/cookie boilerplate, photo credits. URLs and e-mail addresses are
 * already their own token kinds. The spans stay in the text (offsets never move); features skip them.
 */
import type { SentenceBounds } from './sentences.js';
import type { TokenTable } from './tokens.js';

export interface Span {
  start: number;
  end: number;
}

export type ArtefactKind = 'dateline' | 'byline' | 'boilerplate' | 'credit';

export interface Artefact extends Span {
  kind: ArtefactKind;
}

// "WASHINGTON (Reuters) -", "NEW YORK, March 3 (AP) —", "Washington (CNN) —", "(Reuters) -". Bounded repetition only.
const CAPS_CITY = String.raw`[A-Z][A-Z.'\u2019-]{1,20}(?:[ ,/]{1,2}[A-Z][A-Z.'\u2019-]{1,20}){0,4}(?:, [A-Z][A-Za-z.]{1,15}){0,2}`;
const TITLE_CITY = String.raw`[A-Z][a-z.'\u2019-]{1,20}(?: [A-Z][a-z.'\u2019-]{1,20}){0,3}(?:, [A-Z][A-Za-z.]{1,15}){0,2}`;
const DATE = String.raw`(?:,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}(?:, \d{4})?)?`;
const AGENCY = String.raw`\([A-Z][A-Za-z&. ]{0,30}\)`;
// A news agency or broadcaster: "(CNN)" ends a dateline without a dash, "(AAPL)" or "(R)" does not.
const KNOWN_AGENCY = String.raw`\((?:Reuters|AP|AFP|UPI|CNN|CNBC|BBC|NBC|ABC|CBS|NPR|Bloomberg|Xinhua|dpa|DPA|PTI|IANS|ANI|EFE|ANSA|Kyodo|Yonhap|TASS|Sputnik|AAP|CP|Fox News)(?: [A-Z][A-Za-z]{1,15}){0,2}\)`;
// A spaced hyphen or an en/em dash: the hyphen of "US-trained" or "COVID-19" is not a dateline's.
const DASH = String.raw`(?:[\u2013\u2014]|--|(?<=[ \t])-|-(?=[ \t]))`;
const DATELINE = new RegExp(
  String.raw`^[ \t]*(?:${CAPS_CITY}${DATE}[ \t]*(?:${AGENCY}[ \t]*)?${DASH}|(?:${TITLE_CITY}${DATE}[ \t]*)?(?:${AGENCY}[ \t]*${DASH}|${KNOWN_AGENCY}))[ \t]*`,
);
const BYLINE_START = /^[ \t]*(?:By|Written by|Reporting by|Editing by|Additional reporting by)[ \t]+(?=[A-Z])/;
/** Words a byline may hold besides capitalised names: "By Jane Doe and John Roe, Staff Writers". */
const BYLINE_WORDS = new Set(['and', '&', 'of', 'the', 'for', 'in', 'at', 'de', 'da', 'del', 'der', 'van', 'von', 'la', 'le', 'al', 'bin', '|', '/', ';', ',', '-', '\u2013', '\u2014']);

/** "By Jane Doe", "Reporting by Jane Doe; Editing by John Roe": names only, so "By Tuesday, the council voted." is not one. */
function isByline(sentence: string): boolean {
  const m = BYLINE_START.exec(sentence);
  if (m === null || sentence.length > 120) return false;
  const words = sentence.slice(m[0].length).replace(/([,;|/])/g, ' $1 ').trim().replace(/\.$/, '').split(/\s+/);
  if (words.length > 16) return false;
  return words.every((w) => /^\p{Lu}/u.test(w) || BYLINE_WORDS.has(w) || /^(?:by|editing|reporting|writing|additional)$/.test(w));
}

const BOILERPLATE = new RegExp(
  [
    // Imperatives at the start of a sentence, or naming what is shared: "Many voters share this view" is news.
    String.raw`^\W*(?:please )?(?:share|tweet|pin|email|forward) (?:this|it)\b`,
    String.raw`\b(?:share|tweet|pin|email) (?:on facebook|on twitter|this (?:article|story|post|page|video))\b`,
    String.raw`^\W*(?:please )?subscribe\b`,
    String.raw`\bsubscribe (?:now|today)\b`,
    String.raw`\bsubscribe (?:to|for) (?:our|my)\b`,
    String.raw`\bsign up (?:for|to)\b.{0,40}\bnewsletter`,
    String.raw`\bnewsletter\b.{0,40}\b(?:sign up|subscribe|inbox)\b`,
    String.raw`\b(?:we use|this (?:site|website) uses) cookies\b`,
    String.raw`\bcookie (?:policy|settings|preferences)\b`,
    String.raw`\ball rights reserved\b`,
    String.raw`\bclick here\b`,
    String.raw`^\W*follow us\b`,
    String.raw`\b(?:like|follow) (?:us|\w+) on (?:facebook|twitter|instagram)\b`,
    String.raw`\bread (?:more|the full story|next)\b\s*[:»>]?\s*$`,
    String.raw`\b(?:advertisement|sponsored content|related articles?|recommended for you)\s*$`,
    String.raw`\b(?:photo|image|picture)s? (?:credit|copyright|courtesy)\b`,
    String.raw`\b(?:getty images|shutterstock|afp via getty|ap photo)\b`,
    String.raw`\bthis (?:material|article) may not be (?:published|broadcast|rewritten)\b`,
    String.raw`\b(?:please )?enable javascript\b`,
    String.raw`\bcopyright \d{4}\b`,
    String.raw`\u00a9`,
  ].join('|'),
  'i',
);

// Every BOILERPLATE alternative contains one of these words: a sentence without any is spared the regex.
const TRIGGERS = new Set([
  'share', 'tweet', 'pin', 'email', 'e-mail', 'forward', 'subscribe', 'sign', 'newsletter', 'cookie', 'cookies', 'rights',
  'click', 'follow', 'read', 'advertisement', 'sponsored', 'related', 'recommended', 'photo', 'photos', 'image', 'images',
  'picture', 'pictures', 'getty', 'shutterstock', 'published', 'broadcast', 'rewritten', 'javascript', 'copyright',
  'facebook', 'twitter', 'instagram', '\u00a9',
]);

function mayBeBoilerplate(tokens: TokenTable, s: SentenceBounds): boolean {
  for (let t = s.tokenStart; t < s.tokenEnd; t++) if (TRIGGERS.has(tokens.norm[t]!)) return true;
  return false;
}

/**
 * The dateline at the start of `head` (text from offset `at`), with any that follow it at once: a scraper
 * that prepends its own dateline to one the article already has ("WASHINGTON (Reuters) - LONDON (AP) -").
 */
function datelineAt(head: string, at: number): { start: number; end: number; restStart: number } | null {
  const m = DATELINE.exec(head);
  if (m === null || m[0].trim().length <= 1) return null;
  let rest = m.index + m[0].length;
  let end = m.index + m[0].trimEnd().length;
  for (let k = 0; k < 3; k++) {
    const more = DATELINE.exec(head.slice(rest));
    if (more === null || more[0].trim().length <= 1) break;
    end = rest + more.index + more[0].trimEnd().length;
    rest += more.index + more[0].length;
  }
  return { start: at + m.index, end: at + end, restStart: at + rest };
}

/** Artefact spans of an article text whose body starts at `bodyStart`, given its sentences. */
export function findArtefacts(text: string, tokens: TokenTable, bodyStart: number, sentences: readonly SentenceBounds[]): Artefact[] {
  const out: Artefact[] = [];
  // The dateline opens the first body sentence that is not itself a byline or boilerplate ("By Jane Doe\n\nNEW YORK — …").
  let datelineDue = true;
  for (const s of sentences) {
    if (s.end <= bodyStart) continue;
    // A dateline is judged apart from the sentence it opens: "WASHINGTON (Reuters) - Click here …" is both.
    const dateline = datelineDue ? datelineAt(text.slice(s.start, s.start + 300), s.start) : null;
    const restStart = dateline === null ? s.start : dateline.restStart;
    const sentence = s.end - restStart > 400 ? '' : text.slice(restStart, s.end);
    let artefact = true;
    if (isByline(sentence)) out.push({ kind: 'byline', start: s.start, end: s.end });
    else if (mayBeBoilerplate(tokens, s) && BOILERPLATE.test(sentence)) {
      out.push({ kind: /getty|photo|image|picture|shutterstock/i.test(sentence) ? 'credit' : 'boilerplate', start: s.start, end: s.end });
    } else artefact = false;
    // A byline or boilerplate sentence is masked whole, its own dateline with it; the article's dateline
    // may still open the next sentence ("Please enable JavaScript …\n\nCHICAGO — …").
    if (datelineDue && !artefact) {
      datelineDue = false;
      if (dateline !== null) out.push({ kind: 'dateline', start: dateline.start, end: dateline.end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
