/**
 * The bundled claim-matching re-ranker, written by `credence claims match-eval --save-reranker`:
 * fitted on ../shared/datasets/clef2020-claim-retrieval/queries-train.jsonl.gz (800 queries) with ../shared/datasets/clef2020-claim-retrieval/vclaims.jsonl.gz, 30 BM25 candidates each.
 */
import type { Reranker } from './rerank.js';

export const RERANKER: Reranker = {
  "features": [
    "bm25",
    "cosineClaim",
    "cosineTitle",
    "queryCoverage",
    "claimCoverage",
    "sharedBigrams",
    "charTrigrams",
    "sharedNumbers",
    "numberMismatch",
    "sharedNames",
    "nameCoverage",
    "queryLength",
    "claimLength"
  ],
  "mean": [
    13.905276,
    0.116779,
    0.094492,
    0.102003,
    0.20486,
    0.414875,
    0.102193,
    0.349958,
    0.16575,
    0.975208,
    0.131368,
    3.101434,
    2.524367
  ],
  "scale": [
    5.833108,
    0.060848,
    0.082349,
    0.051258,
    0.095163,
    0.775459,
    0.04547,
    0.550594,
    0.371856,
    1.053768,
    0.149937,
    0.314329,
    0.28083
  ],
  "weights": [
    0.720192,
    0.113626,
    0.599288,
    0.183713,
    0.262212,
    -0.553122,
    0.130239,
    -0.077704,
    -0.111253,
    -0.006666,
    0.097204,
    0.011513,
    0.212336
  ],
  "bias": -4.704694,
  "note": "fitted on ../shared/datasets/clef2020-claim-retrieval/queries-train.jsonl.gz (800 queries) with ../shared/datasets/clef2020-claim-retrieval/vclaims.jsonl.gz, 30 BM25 candidates each"
};
