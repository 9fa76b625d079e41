/**
 * Each column's mean and standard deviation over rows (the population's, 1 for a constant column), to
 * standardise dense features as (x - mean) / sd. Sums run in row order, each term divided by n first,
 * so every model fitted through here rebuilds with the same bits.
 */
export function columnMoments(rows: readonly ArrayLike<number>[], d: number): { mean: Float64Array; sd: Float64Array } {
  const n = rows.length;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const x of rows) for (let j = 0; j < d; j++) mean[j] = mean[j]! + x[j]! / n;
  for (const x of rows) for (let j = 0; j < d; j++) sd[j] = sd[j]! + (x[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  return { mean, sd };
}
