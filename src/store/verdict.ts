/**
 * Publishers' own verdicts, mapped to one scale: false, mostly-false, mixed, mostly-true, true, or
 * other (satire, unproven, flip-flops, sentences that say more than a rating). The publisher's text is
 * always kept beside it; this is only for filtering and summaries.
 */
import type { Verdict } from '../article/verdict.js';

export { VERDICTS, type Verdict } from '../article/verdict.js';

const TABLE: Record<string, Verdict> = {};
function add(verdict: Verdict, ...texts: string[]): void {
  for (const t of texts) TABLE[key(t)] = verdict;
}

function key(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// PolitiFact (and LIAR's labels), Snopes, FactCheck.org, AFP, Reuters, PesaCheck, Full Fact's short forms.
add('false', 'false', 'pants on fire', 'pants-fire', 'pants fire', 'pants on fire!', 'incorrect', 'wrong', 'fake', 'fabricated',
  'hoax', 'scam', 'misattributed', 'not true', 'untrue', 'baseless', 'totally false', 'completely false', 'four pinocchios',
  'falso', 'faux', 'falsch', 'false claim', 'debunked', 'no evidence', 'fake news', 'this is false', 'that is false');
add('mostly-false', 'mostly false', 'barely true', 'barely-true', 'misleading', 'mostly fake', 'three pinocchios', 'largely false',
  'partly false', 'partially false', 'exaggerated', 'exaggeration', 'distorts the facts', 'spins the facts', 'mostly incorrect',
  'engañoso', 'trompeur', 'irreführend');
add('mixed', 'half true', 'half-true', 'mixture', 'mixed', 'partly true', 'partially true', 'half correct', 'two pinocchios',
  'true but', 'needs context', 'mixed evidence');
add('mostly-true', 'mostly true', 'mostly-true', 'largely true', 'mostly correct', 'largely accurate', 'one pinocchio', 'broadly correct');
add('true', 'true', 'correct', 'accurate', 'correct attribution', 'verified', 'confirmed', 'geppetto checkmark', 'this is true',
  'that is true', 'real', 'verdadero', 'vrai', 'wahr');
add('other', 'unproven', 'unfounded', 'unsupported', 'satire', 'labeled satire', 'legend', 'outdated', 'miscaptioned',
  'research in progress', 'full flop', 'half flip', 'no flip', 'lost legend', 'unverified', 'explainer', 'missing context',
  'not the whole story', 'opinion', 'in dispute', 'disputed', 'altered', 'manipulated', 'out of context', 'other');

/**
 * The normalised verdict of a publisher's rating text; when there is no text, a numeric rating on its
 * own scale (worst..best) is placed on the five steps.
 */
export function normaliseVerdict(text: string | undefined, rating?: { value?: number; best?: number; worst?: number }): Verdict {
  if (text !== undefined && text.trim() !== '') {
    const k = key(text);
    const whole = TABLE[k];
    if (whole !== undefined) return whole;
    // "False. The photo was taken in 2015." — a rating word, then the explanation: read the first clause.
    const first = text.split(/[.,;:!?()\u2013\u2014]| - /)[0];
    if (first !== undefined && first.length < text.length) {
      const hit = TABLE[key(first)];
      if (hit !== undefined) return hit;
    }
    return 'other';
  }
  if (rating?.value !== undefined && rating.best !== undefined && rating.worst !== undefined && rating.best !== rating.worst) {
    const p = (rating.value - rating.worst) / (rating.best - rating.worst);
    if (!(p >= 0 && p <= 1)) return 'other';
    return p < 0.125 ? 'false' : p < 0.375 ? 'mostly-false' : p < 0.625 ? 'mixed' : p < 0.875 ? 'mostly-true' : 'true';
  }
  return 'other';
}
