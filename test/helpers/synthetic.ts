/**
 * A synthetic labelled corpus for model tests: short invented articles in two styles, a sober wire
 * style ("reliable") and a sensational one ("unreliable"), on shared topics, with noise — some words of
 * the other style in every article, and a share of labels flipped. Deterministic for a seed.
 */
import { Random } from '../../src/learn/random.js';

export interface SyntheticArticle {
  id: string;
  title: string;
  body: string;
  label: 'reliable' | 'unreliable';
}

export interface SyntheticOptions {
  /** Share of labels flipped after writing (label noise). */
  flip?: number;
  /** Chance that a sentence is written in the other class's style (style noise). */
  mix?: number;
  /** Share of unreliable articles. */
  unreliableShare?: number;
}

const TOPICS = [
  ['the city council', 'the water plan', 'bus routes', 'the budget'],
  ['the health ministry', 'the new vaccine', 'the clinic', 'flu season'],
  ['the school board', 'teacher pay', 'the new campus', 'exam results'],
  ['the football club', 'the stadium', 'ticket prices', 'the coach'],
  ['the energy company', 'power prices', 'the wind farm', 'the grid'],
  ['the airport', 'night flights', 'the new runway', 'noise rules'],
];
const PEOPLE = ['Dana Ortiz', 'Paul Reyes', 'Mina Cho', 'Tom Becker', 'Lena Novak', 'Sam Adeyemi', 'Ruth Klein', 'Omar Haddad'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

const SOBER = [
  (t: string[], p: string, n: number, d: string) => `Officials at ${t[0]} said on ${d} that ${t[1]} would cost about ${n} million dollars.`,
  (t: string[], p: string, n: number) => `According to a report published by ${t[0]}, ${t[2]} served ${n * 100} residents last year.`,
  (t: string[], p: string) => `"We reviewed the figures carefully," said ${p}, who chairs the committee on ${t[3]}.`,
  (t: string[], p: string, n: number) => `The committee voted ${n % 7 + 2} to ${n % 3} to approve the proposal after a public hearing.`,
  (t: string[], p: string) => `${p} told reporters the agency would publish the full data on ${t[1]} next month.`,
  (t: string[], _p: string, n: number) => `The audit found that ${n} percent of the spending on ${t[2]} was documented, the statement said.`,
  (t: string[], p: string, _n: number, d: string) => `A spokesperson for ${t[0]} confirmed the figures on ${d} and declined to comment further.`,
];
const SENSATIONAL = [
  (t: string[]) => `SHOCKING: what ${t[0]} is hiding about ${t[1]} will leave you speechless!`,
  (t: string[]) => `You won't believe the secret they buried about ${t[2]}!!`,
  (t: string[], p: string) => `Insiders say ${p} is desperate to keep the truth about ${t[3]} from you.`,
  (t: string[]) => `Wake up, people! The mainstream media will never tell you this about ${t[1]}.`,
  (t: string[]) => `Share this before they delete it! ${t[0]} is lying to you about ${t[2]}.`,
  () => `This is the most outrageous scandal EVER and nobody is talking about it!`,
  (t: string[]) => `Why is nobody asking the real questions about ${t[3]}? They are all paid to stay silent!`,
];
const SOBER_TITLES = [
  (t: string[]) => `Officials outline plan for ${t[1]}`,
  (t: string[]) => `Report details spending on ${t[2]}`,
  (t: string[]) => `Committee approves changes to ${t[3]}`,
];
const SENSATIONAL_TITLES = [
  (t: string[]) => `EXPOSED: the TRUTH about ${t[1]}!!`,
  (t: string[]) => `They don't want you to know this about ${t[2]}`,
  (t: string[]) => `SHOCKING secret of ${t[0]} REVEALED`,
];

export function syntheticCorpus(n: number, seed: number, opts: SyntheticOptions = {}): SyntheticArticle[] {
  const rng = new Random(seed);
  const flip = opts.flip ?? 0.05;
  const mix = opts.mix ?? 0.15;
  const share = opts.unreliableShare ?? 0.5;
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)]!;
  const out: SyntheticArticle[] = [];
  for (let i = 0; i < n; i++) {
    const unreliable = rng.next() < share;
    const topic = pick(TOPICS);
    const sentences: string[] = [];
    const count = 3 + rng.int(4);
    for (let s = 0; s < count; s++) {
      const ownStyle = rng.next() >= mix;
      const templates = unreliable === ownStyle ? SENSATIONAL : SOBER;
      sentences.push(pick(templates)(topic, pick(PEOPLE), 2 + rng.int(90), pick(DAYS)));
    }
    // Two or three paragraphs.
    const cut = 1 + rng.int(sentences.length - 1);
    const body = sentences.slice(0, cut).join(' ') + '\n\n' + sentences.slice(cut).join(' ');
    const title = pick(unreliable ? SENSATIONAL_TITLES : SOBER_TITLES)(topic);
    const label = (rng.next() < flip ? !unreliable : unreliable) ? 'unreliable' : 'reliable';
    out.push({ id: `syn-${seed}-${i}`, title, body, label });
  }
  return out;
}
