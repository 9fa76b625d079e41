/**
 * Ranking by score, shared by model selection (here) and evaluation (src/evaluate/metrics.ts).
 * Scores may be any real numbers: decision values or probabilities.
 */

/**
 * Area under the ROC curve by the rank-sum (Mann–Whitney U) statistic, tied scores given their average
 * rank; null when only one class is present. `y` holds 1 for positives.
 */
export function rankAuc(y: ArrayLike<number>, p: ArrayLike<number>): number | null {
  const order = ascendingOrder(p);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    const end = tieEnd(order, p, start);
    const averageRank = (start + 1 + end) / 2;
    for (let j = start; j < end; j++) {
      if (y[order[j]!] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function ascendingOrder(p: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(p.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => p[a]! - p[b]!);
}

/** End (exclusive) of the run of equal scores that starts at `start` in `order`. */
export function tieEnd(order: Uint32Array, p: ArrayLike<number>, start: number): number {
  const score = p[order[start]!]!;
  let end = start + 1;
  while (end < order.length && p[order[end]!] === score) end++;
  return end;
}
