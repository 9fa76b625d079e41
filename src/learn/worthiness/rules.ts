/**
 * Rule cues of a sentence, read from the Doc's tokens: the dense features of the check-worthiness model
 * and the claim kinds of the report come from the same scan, so a kind shown is a cue the model saw.
 */
import type { ClaimKind } from '../../article/report.js';
import type { Doc } from '../../text/doc.js';
import { TokenKind } from '../../text/tokens.js';

const words = (s: string): ReadonlySet<string> => new Set(s.split(' '));

const SCALE = words('million millions billion billions trillion thousand thousands hundred hundreds dozen dozens percent percentage half double doubled triple tripled quarter third twice rate average median');
const MONEY = words('$ £ € dollar dollars pounds euros cents budget deficit debt tax taxes');
const COMPARE = words(
  'more less fewer most least than higher lower larger smaller bigger biggest largest highest lowest better worse best worst increase increased increases decrease decreased decreases rise rose risen fell fall fallen drop dropped grew grown growth decline declined record cut cuts compared twice',
);
const CAUSE = words('because cause caused causes causing due led leads result resulted results therefore consequently blame blamed thanks responsible');
const FUTURE = words("will 'll won't going gonna expect expects expected forecast forecasts predict predicts predicted projected plan plans planned would next");
const SAYING = words('said says say told claimed claims claim stated announced insisted wrote according admitted argued reported');
const LAW = words(
  'law laws bill bills illegal illegally legal legally legislation act ban banned bans constitution constitutional unconstitutional court courts regulation regulations rule rules mandate mandatory veto vetoed treaty statute statutes ruling ruled congress senate',
);
const FIRST_PERSON = words("i me my mine i'm i've i'd i'll");
const SECOND_PERSON = words('you your yours');
const OPINION = words('think believe feel hope maybe perhaps probably guess wish want wonderful great terrible');
const ABSOLUTE = words('every all never always nobody none nothing only ever everyone everybody');
const NEGATION = words("not no n't never nor");
const THANKS = words('thank thanks applause laughter crosstalk');

/** The dense cue features, in column order after the hashed block. */
export const RULE_NAMES = [
  'number',
  'percent',
  'money',
  'year',
  'scale word',
  'comparison',
  'cause',
  'future or modal',
  'saying',
  'quotation marks',
  'law or rule',
  'capitalised words',
  'first person',
  'second person',
  'question',
  'length',
  'short',
  'opinion',
  'absolute',
  'negation',
  'thanks or reaction',
] as const;

export interface Cues {
  /** One value per RULE_NAMES entry, each in [0, 1]. */
  values: Float32Array;
  kinds: ClaimKind[];
}

/** The cues of the tokens [tokenStart, tokenEnd) of a Doc (masked tokens are skipped). */
export function scanCues(doc: Doc, tokenStart: number, tokenEnd: number): Cues {
  const { tokens, text } = doc;
  const v = new Float32Array(RULE_NAMES.length);
  let numbers = 0;
  let wordCount = 0;
  let capitalised = 0;
  let year = false;
  let percent = false;
  let money = false;
  let scale = false;
  let compare = 0;
  let cause = false;
  let future = false;
  let saying = false;
  let law = false;
  let quotes = 0;
  let first = false;
  let second = false;
  let question = false;
  let opinion = false;
  let absolute = false;
  let negation = false;
  let thanks = false;
  let previous = '';
  for (let t = tokenStart; t < tokenEnd; t++) {
    if (doc.masked[t] === 1) continue;
    const form = tokens.norm[t]!;
    const kind = tokens.kind[t];
    if (kind === TokenKind.Number) {
      numbers++;
      const digits = form.replace(/[^0-9]/g, '');
      if (digits.length === 4 && /^(1[89]|20)/.test(digits) && !/[.,]/.test(form)) year = true;
      if (form.endsWith('%')) percent = true;
    } else if (kind === TokenKind.Word) {
      wordCount++;
      const c = text.charCodeAt(tokens.start[t]!);
      if (c >= 65 && c <= 90 && t > tokenStart && form !== 'i' && previous !== '.' && previous !== '"') capitalised++;
      if (form === 'percent' || (previous === 'per' && form === 'cent')) percent = true;
      if (SCALE.has(form)) scale = true;
      if (MONEY.has(form)) money = true;
      if (COMPARE.has(form) || (form === 'as' && previous === 'as')) compare++;
      if (CAUSE.has(form)) cause = true;
      if (FUTURE.has(form)) future = true;
      if (SAYING.has(form)) saying = true;
      if (LAW.has(form)) law = true;
      if (FIRST_PERSON.has(form)) first = true;
      if (SECOND_PERSON.has(form)) second = true;
      if (OPINION.has(form)) opinion = true;
      if (ABSOLUTE.has(form)) absolute = true;
      if (NEGATION.has(form)) negation = true;
      if (THANKS.has(form)) thanks = true;
    } else {
      if (form === '%') percent = true;
      if (MONEY.has(form)) money = true;
      if (form === '?') question = true;
      if (form === '"' || form === '\u201c' || form === '\u201d') quotes++;
      if (form === "n't") negation = true;
    }
    previous = form;
  }
  v[0] = numbers > 0 ? 1 : 0;
  v[1] = percent ? 1 : 0;
  v[2] = money ? 1 : 0;
  v[3] = year ? 1 : 0;
  v[4] = scale ? 1 : 0;
  v[5] = Math.min(compare, 3) / 3;
  v[6] = cause ? 1 : 0;
  v[7] = future ? 1 : 0;
  v[8] = saying ? 1 : 0;
  v[9] = quotes >= 2 ? 1 : 0;
  v[10] = law ? 1 : 0;
  v[11] = Math.min(capitalised, 4) / 4;
  v[12] = first ? 1 : 0;
  v[13] = second ? 1 : 0;
  v[14] = question ? 1 : 0;
  v[15] = Math.min(Math.log1p(wordCount) / Math.log(60), 1);
  v[16] = wordCount < 5 ? 1 : 0;
  v[17] = opinion ? 1 : 0;
  v[18] = absolute ? 1 : 0;
  v[19] = negation ? 1 : 0;
  v[20] = thanks ? 1 : 0;

  const kinds: ClaimKind[] = [];
  if (numbers > 0 || percent || scale) kinds.push('number');
  if (compare > 0) kinds.push('comparison');
  if (cause) kinds.push('cause');
  if (future) kinds.push('prediction');
  if (quotes >= 2 || saying) kinds.push('quote');
  if (law) kinds.push('law');
  return { values: v, kinds };
}
