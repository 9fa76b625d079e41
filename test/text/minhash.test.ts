import { describe, expect, it } from 'vitest';
import { estimateJaccard, minhashSignature, wordShingles } from '../../src/text/minhash.js';
import { tokenize } from '../../src/text/tokens.js';

const ARTICLE = `The city council of Northvale voted on Tuesday to raise water rates by 8 percent next year,
after an audit found that a third of the town's pipes are more than sixty years old. Council member Ana Ruiz,
who chairs the utilities committee, said the increase would pay for replacing the oldest mains near the river
and for a new pumping station on the east side. "We have patched these pipes for two decades," Ruiz said.
"Every winter we lose more water to leaks than the whole school district uses in a year." Residents who spoke
at the meeting were divided. Several owners of small restaurants said the rise would hurt businesses that
are still recovering from last year's floods, while a retired engineer told the council that delaying the work
would only make it more expensive. The audit, carried out by an independent firm, estimated the cost of the
full replacement programme at 42 million dollars over ten years. The council also agreed to publish a yearly
report on leaks and repairs, and to review the rates again in 2027. The mayor, who did not attend the vote,
said in a statement that she supported the plan but wanted a discount for low-income households.`;

// A light edit: a changed number, a reworded quote, one sentence dropped and one added.
const EDITED = `The city council of Northvale voted on Tuesday to raise water rates by 9 percent next year,
after an audit found that a third of the town's pipes are more than sixty years old. Council member Ana Ruiz,
who chairs the utilities committee, said the increase would pay for replacing the oldest mains near the river
and for a new pumping station on the east side. "We have patched these pipes for twenty years," Ruiz said.
Residents who spoke at the meeting were divided. Several owners of small restaurants said the rise would hurt
businesses that are still recovering from last year's floods, while a retired engineer told the council that
delaying the work would only make it more expensive. The audit, carried out by an independent firm, estimated
the cost of the full replacement programme at 42 million dollars over ten years. The council also agreed to
publish a yearly report on leaks and repairs, and to review the rates again in 2027. The mayor, who did not
attend the vote, said in a statement that she supported the plan but wanted a discount for low-income households.
A second public hearing is planned for March.`;

const UNRELATED = `Scientists studying a colony of emperor penguins in the Weddell Sea have recorded the birds
diving deeper than any previous survey had measured, according to a paper published this week. The team fitted
small pressure sensors to forty adults during the breeding season and found that some dives reached more than
five hundred metres. The researchers believe the penguins were following shoals of fish that moved into colder
water as the sea ice retreated earlier than usual. They warned that longer foraging trips could leave chicks
without food for several days, and called for the colony to be monitored through the next three winters.`;

const shinglesOf = (text: string, k = 5): Uint32Array => wordShingles(tokenize(text).norm, k);

function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let shared = 0;
  for (const x of setA) if (setB.has(x)) shared++;
  return shared / (setA.size + setB.size - shared);
}

describe('wordShingles', () => {
  it('makes one shingle per run of k tokens, in order', () => {
    const norms = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const shingles = wordShingles(norms, 5);
    expect(shingles).toHaveLength(3);
    expect(shingles[1]).toBe(wordShingles(['b', 'c', 'd', 'e', 'f'], 5)[0]);
  });

  it('makes one shingle of a text shorter than k, and none of an empty one', () => {
    expect(wordShingles(['breaking', 'news'], 5)).toHaveLength(1);
    expect(wordShingles([], 5)).toHaveLength(0);
  });

  it('depends on token order, not only on the tokens', () => {
    expect(wordShingles(['a', 'b', 'c'], 3)[0]).not.toBe(wordShingles(['c', 'b', 'a'], 3)[0]);
  });

  it('keeps token boundaries: ["ab", "c"] is not ["a", "bc"]', () => {
    expect(wordShingles(['ab', 'c'], 2)[0]).not.toBe(wordShingles(['a', 'bc'], 2)[0]);
  });

  it('rejects a shingle length that is not a positive integer', () => {
    expect(() => wordShingles(['a'], 0)).toThrow(RangeError);
  });
});

describe('minhashSignature', () => {
  it('gives identical texts identical signatures', () => {
    const a = minhashSignature(shinglesOf(ARTICLE));
    const b = minhashSignature(shinglesOf(ARTICLE));
    expect(a).toHaveLength(64);
    expect(a).toEqual(b);
    expect(estimateJaccard(a, b)).toBe(1);
  });

  it('ignores repeated shingles (a signature is of a set)', () => {
    expect(minhashSignature([5, 7, 5, 5])).toEqual(minhashSignature([7, 5]));
  });

  it('estimates the Jaccard similarity of a lightly edited copy', () => {
    const exact = exactJaccard(shinglesOf(ARTICLE), shinglesOf(EDITED));
    expect(exact).toBeGreaterThan(0.5);
    expect(exact).toBeLessThan(0.95);
    const estimate = estimateJaccard(minhashSignature(shinglesOf(ARTICLE)), minhashSignature(shinglesOf(EDITED)));
    expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(0.1);
  });

  it('is unbiased: over many seeds the mean estimate is the exact Jaccard', () => {
    const a = shinglesOf(ARTICLE);
    const b = shinglesOf(EDITED);
    let sum = 0;
    const seeds = 50;
    for (let seed = 1; seed <= seeds; seed++) sum += estimateJaccard(minhashSignature(a, 64, seed), minhashSignature(b, 64, seed));
    expect(Math.abs(sum / seeds - exactJaccard(a, b))).toBeLessThan(0.02);
  });

  it('finds unrelated texts dissimilar', () => {
    const estimate = estimateJaccard(minhashSignature(shinglesOf(ARTICLE)), minhashSignature(shinglesOf(UNRELATED)));
    expect(estimate).toBeLessThanOrEqual(0.05);
  });

  it('changes with the seed and the number of hashes', () => {
    const shingles = shinglesOf(ARTICLE);
    expect(minhashSignature(shingles, 64, 1)).not.toEqual(minhashSignature(shingles, 64, 2));
    expect(minhashSignature(shingles, 128)).toHaveLength(128);
    expect(() => estimateJaccard(minhashSignature(shingles, 32), minhashSignature(shingles, 64))).toThrow(RangeError);
  });

  it('gives empty texts the same signature', () => {
    expect(minhashSignature(shinglesOf(''))).toEqual(minhashSignature([]));
  });
});
