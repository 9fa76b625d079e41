/**
 * Ranking measures for claim retrieval, as the CLEF CheckThat! 2020 task 2 scorer computes them:
 * AP@k sums the precision at each relevant item within the top k and divides by the number of
 * relevant items for the query (all of them, not only those within k); MAP@k is its mean over
 * queries. The reciprocal rank reads the whole ranking; P@1 is whether the first item is relevant.
 * A query with no relevant item counts 0 (it cannot be answered) — the scorer never meets one.
 */

export interface RankedQuery {
  /** Item ids, best first. */
  ranked: readonly string[];
  /** The relevant item ids. */
  relevant: ReadonlySet<string>;
}

export function averagePrecisionAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  const n = Math.min(k, ranked.length);
  for (let i = 0; i < n; i++) {
    if (relevant.has(ranked[i]!)) {
      hits++;
      sum += hits / (i + 1);
    }
  }
  return sum / relevant.size;
}

export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  for (let i = 0; i < ranked.length; i++) if (relevant.has(ranked[i]!)) return 1 / (i + 1);
  return 0;
}

export function precisionAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) hits++;
  return hits / k;
}

export interface RetrievalMetrics {
  map1: number;
  map3: number;
  map5: number;
  mrr: number;
  p1: number;
  queries: number;
}

export function retrievalMetrics(queries: readonly RankedQuery[]): RetrievalMetrics {
  const n = queries.length;
  const mean = (f: (q: RankedQuery) => number) => (n === 0 ? 0 : queries.reduce((s, q) => s + f(q), 0) / n);
  return {
    map1: mean((q) => averagePrecisionAt(q.ranked, q.relevant, 1)),
    map3: mean((q) => averagePrecisionAt(q.ranked, q.relevant, 3)),
    map5: mean((q) => averagePrecisionAt(q.ranked, q.relevant, 5)),
    mrr: mean((q) => reciprocalRank(q.ranked, q.relevant)),
    p1: mean((q) => precisionAt(q.ranked, q.relevant, 1)),
    queries: n,
  };
}
