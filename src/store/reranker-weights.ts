/**
 * The bundled claim-matching re-ranker, written by `credence claims match-eval --save-reranker`:
 * fitted on ../shared/datasets/clef2020-claim-retrieval/queries-train.jsonl.gz (800 queries) with ../shared/datasets/clef2020-claim-retrieval/vclaims.jsonl.gz, 30 BM25 candidates each.
 */
import type { Reranker } from './rerank.js';

export const RERANKER: Reranker = {
  "features": [
    "bm25",
    "bm25Claim",
    "bm25Title",
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
    "claimLength",
    "unsharedNames"
  ],
  "mean": [
    14.920781,
    11.774226,
    7.463625,
    0.113775,
    0.102858,
    0.101885,
    0.199185,
    0.408542,
    0.100375,
    0.331542,
    0.168875,
    0.968708,
    0.129551,
    3.101434,
    2.523259,
    6.777542
  ],
  "scale": [
    6.387245,
    5.423027,
    4.932413,
    0.062933,
    0.078795,
    0.051338,
    0.098552,
    0.772907,
    0.046274,
    0.544247,
    0.374641,
    1.057306,
    0.149398,
    0.314329,
    0.280224,
    3.675671
  ],
  "weights": [
    0.583161,
    0.020332,
    0.148395,
    0.084203,
    0.426792,
    0.093574,
    0.281359,
    0,
    0.007597,
    0,
    -0.104108,
    0,
    0,
    -0.081055,
    0.18124,
    -0.227984
  ],
  "bias": -4.670831,
  "note": "fitted on ../shared/datasets/clef2020-claim-retrieval/queries-train.jsonl.gz (800 queries) with ../shared/datasets/clef2020-claim-retrieval/vclaims.jsonl.gz, 30 BM25 candidates each"
};
