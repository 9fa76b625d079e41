/** Invented stance data for tests (no text from any dataset). */
import type { Stance } from '../../src/article/stance.js';
import { Random } from '../../src/learn/random.js';

/**
 * A toy stance world: each claim has its own topic words; a body agrees (it confirms the event),
 * disagrees (it calls the story a hoax) or discusses (it reports an unconfirmed claim); unrelated pairs
 * put a headline with a body of another claim.
 */
const TOPIC = (
  'volcano island mayor bridge museum satellite tiger banksy festival vaccine airline senator pipeline robot whale ' +
  'glacier stadium election asteroid mountain harbour bakery library factory castle river desert forest comet'
).split(' ');
const FILLER = 'the city officials on monday in a statement local residents said people were there this week after'.split(' ');
const BODY: Record<Exclude<Stance, 'unrelated'>, string[]> = {
  agree: ['Officials confirmed that the {t} story is true.', 'Police verified the {t} event and announced details.'],
  disagree: ['The {t} story is a hoax and completely false.', 'Experts debunked the fake {t} report as a prank.'],
  discuss: ['The {t} claim is reportedly unconfirmed.', 'It is alleged that the {t} event may have happened, sources claim.'],
};

export interface Toy {
  headline: string;
  body: string;
  stance: Stance;
}

export function toyPairs(seed: number, claims: number, from = 0): Toy[] {
  const rng = new Random(seed);
  const out: Toy[] = [];
  const claimsData = Array.from({ length: claims }, (_, c) => {
    const words = [TOPIC[(from + c) % TOPIC.length]!, TOPIC[(from + c * 7 + 3) % TOPIC.length]!];
    return { words, headline: `${cap(words[0]!)} and ${words[1]} news shock residents` };
  });
  const sentence = (): string => Array.from({ length: 8 }, () => FILLER[rng.int(FILLER.length)]!).join(' ') + '.';
  const bodies = claimsData.map((c) =>
    (['agree', 'disagree', 'discuss'] as const).map((stance) => {
      const cue = BODY[stance][rng.int(2)]!.replace('{t}', `${c.words[0]} ${c.words[1]}`);
      return { stance, text: `${cap(sentence())} ${cue} ${cap(sentence())}\n\n${cap(sentence())} The ${c.words[0]} was seen.` };
    }),
  );
  claimsData.forEach((c, i) => {
    for (const b of bodies[i]!) {
      out.push({ headline: c.headline, body: b.text, stance: b.stance });
      const other = bodies[(i + 1 + rng.int(claims - 1)) % claims]![rng.int(3)]!;
      out.push({ headline: c.headline, body: other.text, stance: 'unrelated' });
    }
  });
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

