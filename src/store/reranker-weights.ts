/**
 * The bundled claim-matching re-ranker, written by `credence claims match-eval --save-reranker`:
 * fitted on ../shared/datasets/clef2020-claim-retrieval/queries-train.jsonl.gz (800 queries) with ../shared/datasets/clef2020-claim-retrieval/vclaims.jsonl.gz, 50 BM25 candidates each.
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
    12.572404,
    0.102921,
    0.081064,
    0.092006,
    0.184583,
    0.340225,
    0.095579,
    0.3326,
    0.171025,
    0.8917,
    0.11991,
    3.101434,
    2.529503
  ],
  "scale": [
    5.04106,
    0.052337,
    0.073098,
    0.044374,
    0.085009,
    0.67147,
    0.04127,
    0.532895,
    0.376531,
    0.994797,
    0.142798,
    0.314329,
    0.282762
  ],
  "weights": [
    0.975388,
    0.184084,
    0.557703,
    0.134499,
    0.111447,
    -0.479274,
    0.332399,
    -0.193866,
    -0.225688,
    -0.144376,
    0.140573,
    -0.100051,
    0.139203
  ],
  "bias": -4.261521,
  "note": "fitted on ../shared/datasets/clef2020-claim-retrieval/queries-train.jsonl.gz (800 queries) with ../shared/datasets/clef2020-claim-retrieval/vclaims.jsonl.gz, 50 BM25 candidates each"
};
