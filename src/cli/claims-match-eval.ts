/**
 * `credence claims match-eval --claims V --queries Q --qrels R [--json]`: the claim matcher on the
 * CLEF CheckThat! 2020 task 2 layout. The verified claims go into a throwaway in-memory store (the
 * same import and index as `factchecks import`), every query is matched, and the rankings are scored
 * as the task's scorer does: MAP@1, MAP@3, MAP@5 (the official measure), MRR and P@1. The text
 * output adds, at each default threshold, the pairs shown and how many are right, and how many queries
 * would still show a match with their relevant fact-checks (and other copies of the same claim) left
 * out of the candidates: the false alarms a text nobody has checked would meet.
 *
 * Flags (for registration):
 *   --claims <file>          verified claims, JSON lines {"id", "claim", "title"?} (gzip or not)   required
 *   --queries <file>         queries, JSON lines {"id", "text"} or TSV id<TAB>text                 required
 *   --qrels <file>           relevant pairs, JSON lines {"query", "vclaim"} or TSV qid 0 vclaim 1  required
 *   --json                   print one JSON object {map1, map3, map5, mrr, p1}
 *   --bm25                   rank by the BM25 first stage alone (no re-ranking)
 *   --candidates <n>         BM25 candidates re-ranked per query (default 30)
 *   --train-queries <file>   fit a re-ranker on these queries (never the evaluated ones)...
 *   --train-qrels <file>     ...with these relevant pairs, and evaluate with it instead of the bundled one
 *   --save-reranker <file>   write the fitted re-ranker as JSON, or as a module for a .ts path (needs --train-*)
 *   --vectors <file>         other word vectors than models/wordvectors.cdm (bench/factchecks-eval.js only, not a CLI flag)
 */
import { writeFileSync } from 'node:fs';
import { InputError, UsageError } from '../article/errors.js';
import { retrievalMetrics, type RankedQuery } from '../evaluate/retrieval-metrics.js';
import { readFactChecks, readText } from '../store/import/read.js';
import { candidatesFor, MATCH_DEFAULTS, matchClaims, type MatchLevel } from '../store/match.js';
import { averagePrecisionAt } from '../evaluate/retrieval-metrics.js';
import { fitPairwiseOrder, fitPairwiseReranker, groupFolds, rerankScore, type CandidateGroup, type Reranker } from '../store/rerank.js';
import { loadWordVectors, type WordVectors } from '../store/vectors.js';
import { Store } from '../store/store.js';
import { terms } from '../store/terms.js';
import { EXIT, Problems, type Io } from './io.js';
import { positiveInt } from './factchecks-search.js';
import { checkOutPath } from './model-output.js';

export interface ClaimsMatchEvalFlags {
  claims: string;
  queries: string;
  qrels: string;
  json?: boolean;
  bm25?: boolean;
  candidates?: string;
  trainQueries?: string;
  trainQrels?: string;
  saveReranker?: string;
  vectors?: string;
}

interface Query {
  id: string;
  text: string;
}

function lines(path: string): { line: string; n: number }[] {
  const text = readText(path);
  if (text instanceof InputError) throw new UsageError(text.code, text.message, text.where);
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line, n: i + 1 }))
    .filter((l) => l.line.trim() !== '');
}

export function readQueries(path: string, problems: Problems): Query[] {
  const out: Query[] = [];
  const seen = new Set<string>();
  const keep = (q: Query, n: number) => {
    if (seen.has(q.id)) problems.error(new InputError('E_FIELD', `query id ${JSON.stringify(q.id)} again (the first is kept)`, { file: path, line: n, field: 'id' }));
    else {
      seen.add(q.id);
      out.push(q);
    }
  };
  for (const { line, n } of lines(path)) {
    if (line.trimStart().startsWith('{')) {
      try {
        const o = JSON.parse(line) as { id?: unknown; text?: unknown };
        if ((typeof o.id === 'string' || typeof o.id === 'number') && typeof o.text === 'string') {
          keep({ id: String(o.id), text: o.text }, n);
          continue;
        }
      } catch {
        /* reported below */
      }
    } else {
      const tab = line.indexOf('\t');
      if (tab > 0) {
        keep({ id: line.slice(0, tab).trim(), text: line.slice(tab + 1) }, n);
        continue;
      }
    }
    problems.error(new InputError('E_PARSE', 'expected a query: {"id", "text"} or id<TAB>text', { file: path, line: n }));
  }
  if (out.length === 0) throw new UsageError('E_EMPTY', 'no queries to evaluate', { file: path });
  return out;
}

export function readQrels(path: string, problems: Problems): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (q: string, v: string) => {
    let s = out.get(q);
    if (s === undefined) out.set(q, (s = new Set()));
    s.add(v);
  };
  for (const { line, n } of lines(path)) {
    if (line.trimStart().startsWith('{')) {
      try {
        const o = JSON.parse(line) as { query?: unknown; vclaim?: unknown };
        if (o.query !== undefined && o.vclaim !== undefined) {
          add(String(o.query), String(o.vclaim));
          continue;
        }
      } catch {
        /* reported below */
      }
    } else {
      const cells = line.trim().split(/\s+/);
      if (cells.length === 4) {
        if (cells[3] !== '0') add(cells[0]!, cells[2]!);
        continue;
      }
    }
    problems.error(new InputError('E_PARSE', 'expected a relevant pair: {"query", "vclaim"} or "qid 0 vclaim_id 1"', { file: path, line: n }));
  }
  return out;
}

interface LoadedClaims {
  store: Store;
  /** The task's claim id of each stored row. */
  idOf: Map<number, string>;
  /** The stems of each claim by the task's id: the collection holds the same claim under two ids (quoted with ' and with "). */
  sameAs: Map<string, string>;
}

function loadClaims(path: string, problems: Problems): LoadedClaims {
  const store = Store.open(':memory:');
  let again = 0;
  store.transaction(() => {
    for (const item of readFactChecks(path)) {
      if (item.kind === 'error') problems.error(item.error);
      else if (store.factChecks.upsert(item.factCheck).result === 'updated') again++;
    }
  });
  if (again > 0) problems.note(`warning: ${again} verified claims repeat an id given earlier in ${path}; the later record replaced the earlier`);
  const idOf = new Map<number, string>();
  const sameAs = new Map<string, string>();
  for (const f of store.factChecks.all()) {
    idOf.set(f.id, f.sourceId ?? f.key);
    sameAs.set(f.sourceId ?? f.key, terms(f.claim).join(' '));
  }
  if (idOf.size === 0) throw new UsageError('E_EMPTY', 'no verified claims to search', { file: path });
  return { store, idOf, sameAs };
}

const LEVEL_RANK: Readonly<Record<MatchLevel, number>> = { below: 0, suggest: 1, confirm: 2 };

/** L2 strengths tried by cross-validation on the training queries; the best MAP@5 is kept. */
export const L2_GRID = [1e-4, 1e-3, 1e-2] as const;

interface TrainGroup extends CandidateGroup {
  /** How many fact-checks are relevant to the query (candidates or not): AP's denominator. */
  relevant: number;
}

/** MAP@5 of ranking each group's candidates by a re-ranker's score (ties: BM25 order). */
function groupMap5(groups: readonly TrainGroup[], r: Reranker): number {
  let sum = 0;
  for (const g of groups) {
    const order = g.xs.map((x, i) => ({ s: rerankScore(r, x), i })).sort((a, b) => b.s - a.s || a.i - b.i);
    sum += averagePrecisionAt(order.map((o) => String(o.i)), new Set(g.ys.flatMap((y, i) => (y === 1 ? [String(i)] : []))), 5) * (g.ys.filter((y) => y === 1).length / Math.max(1, g.relevant));
  }
  return groups.length === 0 ? 0 : sum / groups.length;
}

export interface TrainedReranker {
  reranker: Reranker;
  /** Cross-validated MAP@5 on the training queries for each L2 tried, and the one kept. */
  cv: { l2: number; map5: number }[];
  l2: number;
}

export function trainReranker(store: Store, idOf: Map<number, string>, queries: Query[], qrels: Map<string, Set<string>>, candidates: number, note: string, vectors?: WordVectors, folds = 5): TrainedReranker {
  const groups: TrainGroup[] = [];
  for (const q of queries) {
    const relevant = qrels.get(q.id);
    if (relevant === undefined) continue;
    const { hits, features } = candidatesFor(store, q.text, vectors === undefined ? { candidates } : { candidates, vectors });
    groups.push({ xs: features, ys: hits.map((h) => (relevant.has(idOf.get(h.factCheck.id)!) ? 1 : 0)), relevant: relevant.size });
  }
  // The L2 strength by k-fold cross-validation over the training queries (grouped by query).
  const fold = groupFolds(groups.length, folds, 1);
  const cv = L2_GRID.map((l2) => {
    let sum = 0;
    for (let f = 0; f < folds; f++) {
      const test = groups.filter((_, i) => fold[i] === f);
      sum += groupMap5(test, fitPairwiseOrder(groups.filter((_, i) => fold[i] !== f), { l2 })) * test.length;
    }
    return { l2, map5: sum / Math.max(1, groups.length) };
  });
  const best = cv.reduce((a, b) => (b.map5 > a.map5 ? b : a));
  const r4 = (x: number) => x.toFixed(4);
  const reranker = fitPairwiseReranker(groups, { l2: best.l2 }, `${note}; pairwise loss, L2 ${best.l2} chosen by ${folds}-fold cross-validation on those queries (MAP@5 ${cv.map((c) => `${c.l2}: ${r4(c.map5)}`).join(', ')}), Platt-scaled on out-of-fold scores`);
  return { reranker, cv, l2: best.l2 };
}

/** JSON, or for a .ts path the module that bundles it (src/store/reranker-weights.ts). */
export function rerankerFile(r: Reranker, path: string): string {
  if (!path.endsWith('.ts')) return JSON.stringify(r, null, 2) + '\n';
  return `/**
 * The bundled claim-matching re-ranker, written by \`credence claims match-eval --save-reranker\`:
 * ${r.note}.
 */
import type { Reranker } from './rerank.js';

export const RERANKER: Reranker = ${JSON.stringify(r, null, 2)};
`;
}

export async function claimsMatchEval(io: Io, flags: ClaimsMatchEvalFlags): Promise<number> {
  const candidates = positiveInt(flags.candidates, 30, '--candidates');
  if ((flags.trainQueries === undefined) !== (flags.trainQrels === undefined)) throw new UsageError('E_USAGE', '--train-queries and --train-qrels go together');
  if (flags.saveReranker !== undefined && flags.trainQueries === undefined) throw new UsageError('E_USAGE', '--save-reranker needs --train-queries and --train-qrels');
  if (flags.saveReranker !== undefined) checkOutPath(flags.saveReranker, '--save-reranker', 'the re-ranker');
  const problems = new Problems(io);
  const queries = readQueries(flags.queries, problems);
  const qrels = readQrels(flags.qrels, problems);
  const { store, idOf, sameAs } = loadClaims(flags.claims, problems);
  const vectors = flags.vectors === undefined ? undefined : loadWordVectors(flags.vectors);
  try {
    let reranker: Reranker | undefined;
    if (flags.trainQueries !== undefined && flags.trainQrels !== undefined) {
      const trainQueries = readQueries(flags.trainQueries, problems);
      const evalIds = new Set(queries.map((q) => q.id));
      const overlap = trainQueries.filter((q) => evalIds.has(q.id)).length;
      if (overlap > 0) throw new UsageError('E_USAGE', `${overlap} of the training queries are also evaluated: train and evaluate on different queries`);
      const trained = trainReranker(store, idOf, trainQueries, readQrels(flags.trainQrels, problems), candidates, `fitted on ${flags.trainQueries} (${trainQueries.length} queries) with ${flags.claims}, ${candidates} BM25 candidates each`, vectors);
      reranker = trained.reranker;
      problems.note(`re-ranker: L2 ${trained.l2}, chosen by 5-fold cross-validation on the training queries (MAP@5 ${trained.cv.map((c) => `${c.l2}: ${c.map5.toFixed(4)}`).join(', ')})`);
      if (flags.saveReranker !== undefined) {
        try {
          writeFileSync(flags.saveReranker, rerankerFile(reranker, flags.saveReranker));
        } catch (err) {
          throw new UsageError('E_UNREADABLE', `cannot write the re-ranker (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: flags.saveReranker });
        }
      }
    }
    const ranked: RankedQuery[] = [];
    // Pairs at or above each default threshold (the short-text margin included), and how many are right.
    const levels = { suggest: { shown: 0, right: 0 }, confirm: { shown: 0, right: 0 } };
    // Queries that would still show a match at each level if their own fact-checks (and copies of
    // the same claim under another id) were not in the store: the best of the other candidates, what
    // text with no fact-check at all would face.
    const withheld = { suggest: 0, confirm: 0 };
    let relevantPairs = 0;
    let unjudged = 0;
    const started = performance.now();
    for (const q of queries) {
      const relevant = qrels.get(q.id);
      if (relevant === undefined) {
        unjudged++;
        continue;
      }
      const opts: Parameters<typeof matchClaims>[2] = { all: true, candidates, bm25Only: flags.bm25 === true };
      if (reranker !== undefined) opts.reranker = reranker;
      if (vectors !== undefined) opts.vectors = vectors;
      const matches = matchClaims(store, q.text, opts);
      ranked.push({ ranked: matches.map((m) => idOf.get(m.factCheck.id)!), relevant });
      relevantPairs += relevant.size;
      let other: MatchLevel = 'below';
      const relevantClaims = new Set([...relevant].map((id) => sameAs.get(id)));
      for (const m of matches) {
        const id = idOf.get(m.factCheck.id)!;
        const right = relevant.has(id) ? 1 : 0;
        if (!relevantClaims.has(sameAs.get(id)) && LEVEL_RANK[m.level] > LEVEL_RANK[other]) other = m.level;
        if (m.level !== 'below') {
          levels.suggest.shown++;
          levels.suggest.right += right;
        }
        if (m.level === 'confirm') {
          levels.confirm.shown++;
          levels.confirm.right += right;
        }
      }
      if (other !== 'below') withheld.suggest++;
      if (other === 'confirm') withheld.confirm++;
    }
    const ms = (performance.now() - started) / Math.max(1, ranked.length);
    if (unjudged > 0) problems.note(`warning: ${unjudged} queries have no relevant pair in ${flags.qrels} and are not scored`);
    const queryIds = new Set(queries.map((q) => q.id));
    const strayQueries = [...qrels.keys()].filter((q) => !queryIds.has(q)).length;
    if (strayQueries > 0) problems.note(`warning: ${strayQueries} queries of ${flags.qrels} are not in ${flags.queries} and are not scored`);
    const strayClaims = [...qrels.values()].reduce((n, rel) => n + [...rel].filter((id) => !sameAs.has(id)).length, 0);
    if (strayClaims > 0) problems.note(`warning: ${strayClaims} relevant pairs of ${flags.qrels} name a claim that is not in ${flags.claims}; each counts as a miss`);
    const m = retrievalMetrics(ranked);
    const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
    if (flags.json === true) {
      io.stdout.write(JSON.stringify({ map1: r4(m.map1), map3: r4(m.map3), map5: r4(m.map5), mrr: r4(m.mrr), p1: r4(m.p1) }) + '\n');
    } else {
      const ranker = flags.bm25 === true ? 'BM25 only' : reranker !== undefined ? 're-ranker fitted on ' + flags.trainQueries : 'BM25 + bundled re-ranker';
      io.stdout.write(
        `claim matching on ${ranked.length} queries against ${idOf.size} verified claims (${ranker}; ${candidates} candidates; ${ms.toFixed(2)} ms per query)\n` +
          `  MAP@1  ${m.map1.toFixed(4)}\n  MAP@3  ${m.map3.toFixed(4)}\n  MAP@5  ${m.map5.toFixed(4)}   (the official measure)\n  MRR    ${m.mrr.toFixed(4)}\n  P@1    ${m.p1.toFixed(4)}\n` +
          (['suggest', 'confirm'] as const)
            .map((l) => {
              const { shown, right } = levels[l];
              const pct = (x: number) => (100 * x).toFixed(0) + ' %';
              return `  at --${l} ${MATCH_DEFAULTS[l]}: ${shown} shown, ${shown === 0 ? '-' : pct(right / shown)} of them right, ${pct(right / Math.max(1, relevantPairs))} of the relevant pairs; with the relevant fact-checks left out, ${pct(withheld[l] / Math.max(1, ranked.length))} of the queries would still show one\n`;
            })
            .join(''),
      );
    }
  } finally {
    store.close();
  }
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}
