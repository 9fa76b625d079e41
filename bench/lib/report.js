// @ts-check
/** The bench's printed table: plain text, fixed columns, ratios beside the seconds they come from. */
import { SHORT } from './data.js';

const name = (/** @type {string | undefined} */ s) => (s ? (/** @type {Record<string, string>} */ (SHORT))[s] ?? s : '?');
const f3 = (/** @type {number | null | undefined} */ x) => (typeof x === 'number' ? x.toFixed(3) : '  n/a');
const f2 = (/** @type {number | null | undefined} */ x) => (typeof x === 'number' ? x.toFixed(2) : 'n/a');
const f1 = (/** @type {number | null | undefined} */ x) => (typeof x === 'number' ? x.toFixed(1) : 'n/a');
const sec = (/** @type {number | null | undefined} */ x) => (typeof x === 'number' ? `${x.toFixed(1)} s` : 'n/a');
const ms = (/** @type {{ mean: number, sd: number | null } | null | undefined} */ m) => (m ? `${f3(m.mean)} ± ${m.sd === null ? '  n/a' : f3(m.sd)}` : 'n/a');
const mb = (/** @type {number | null | undefined} */ kb) => (typeof kb === 'number' ? `${(kb / 1024).toFixed(0)} MB` : 'n/a');

/**
 * @param {(string | number)[][]} rows
 * @param {('l' | 'r')[]} align
 */
function table(rows, align) {
  const widths = rows[0]?.map((_, j) => Math.max(...rows.map((r) => String(r[j] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((c, j) => (align[j] === 'r' ? String(c).padStart(/** @type {number} */ (widths[j])) : String(c).padEnd(/** @type {number} */ (widths[j])))).join('  ').trimEnd())
    .join('\n');
}

/** @param {any} report */
export function formatReport(report) {
  const { machine: m, summary: s, memory, cli, splits } = report;
  const out = [];
  const title = report.mode === 'probe' ? 'Credence artefact probe' : 'Credence vs scikit-learn: reliability, same splits, same run';
  out.push(title, '='.repeat(title.length));
  out.push(`peer: ${report.peer.recipe}`);
  if (report.peer.problem) out.push(`peer not run: ${report.peer.problem}`);
  out.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB.toFixed(1)} GB; ${m.os}; node ${m.node}; python ${m.python ?? 'n/a'}; scikit-learn ${m.sklearn ?? 'n/a'} (numpy ${m.numpy ?? 'n/a'}, scipy ${m.scipy ?? 'n/a'})`);
  out.push(`threads: Credence ${m.credenceThreads} (worker threads; CREDENCE_THREADS=1 for one), the peer 1`);
  if (report.code) {
    const c = report.code;
    out.push(`code: commit ${String(c.commit).slice(0, 7)}${c.uncommittedSrc.length ? ` + ${c.uncommittedSrc.length} uncommitted change(s) under src/` : ''}; dist/ built ${c.distBuilt}${c.snapshot ? ' (measured on a copy taken at the start)' : ''}`);
    if (c.distRebuiltDuringRun) out.push('warning: dist/ was rebuilt while the bench ran, so its figures may mix two builds; run it again');
  }
  out.push(`load average at start ${m.loadAverageStart.map(f2).join(' ')}, at end ${m.loadAverageEnd.map(f2).join(' ')}; bench wall time ${f1(report.wallSeconds)} s`);
  out.push(
    `splits: seed ${splits.seed}, ${splits.folds} stratified grouped folds per set; ${splits.sets.reduce((/** @type {number} */ a, /** @type {{ n: number }} */ x) => a + x.n, 0)} articles in ` +
      `${splits.groups.count} near-duplicate groups (${splits.groups.crossSet} span two or more sets)`,
  );
  out.push('metrics of both sides by Credence\'s metric code; ROC-AUC of P(unreliable); balanced accuracy at p = 0.5');

  if (s.inDomain.length) {
    const allFolds = s.inDomain.every((/** @type {{ folds: number }} */ d) => d.folds === splits.folds);
    out.push('', allFolds ? `In-domain (${splits.folds}-fold mean ± sd)` : `In-domain (only the probe's cells: fold 1 of ${splits.folds})`);
    const rows = [['set', 'n', 'unrel.', 'ROC-AUC Credence', 'ROC-AUC peer', 'bal.acc Credence', 'bal.acc peer', 'folds AUC ≥ peer']];
    for (const d of s.inDomain) {
      rows.push([name(d.set), d.n, d.unreliable, ms(d.credence?.rocAuc), ms(d.peer?.rocAuc), ms(d.credence?.balancedAccuracy), ms(d.peer?.balancedAccuracy), d.foldsWon === null ? 'n/a' : `${d.foldsWon}/${d.folds}`]);
    }
    out.push(table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  }
  if (s.lodo.length) {
    out.push('', 'Leave one dataset out (train on the other three, test on this one; training rows with a near-duplicate in it left out)');
    const rows = [['held out', 'n train', 'left out', 'n test', 'ROC-AUC Credence', 'ROC-AUC peer', 'bal.acc Credence', 'bal.acc peer']];
    for (const c of s.lodo) {
      rows.push([name(c.set), c.nTrain, c.excludedNearDuplicates, c.nTest, f3(c.credence?.rocAuc), f3(c.peer?.rocAuc), f3(c.credence?.balancedAccuracy), f3(c.peer?.balancedAccuracy)]);
    }
    out.push(table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  }

  if (report.mode === 'full') {
    out.push('', 'Speed and memory (the ratios are the claim; seconds are this run\'s, on a machine shared with other work)');
    const rows = [['measure', 'Credence', 'peer', 'ratio', 'target']];
    const t = s.training;
    if (t.lodo) rows.push([`training, ${t.lodo.cells} LODO cells (sum)`, sec(t.lodo.credenceSeconds), sec(t.lodo.peerSeconds), `peer/Credence ${f2(t.lodo.ratio)}`, '≥ 2']);
    if (t.allSets) rows.push([`training, all sets (${t.allSets.n} articles)`, sec(t.allSets.credenceSeconds), sec(t.allSets.peerSeconds), `peer/Credence ${f2(t.allSets.ratio)}`, '≥ 2']);
    if (t.inDomain.cells) rows.push([`training, ${t.inDomain.cells} in-domain folds (sum)`, sec(t.inDomain.credenceSeconds), sec(t.inDomain.peerSeconds), `peer/Credence ${f2(t.inDomain.ratio)}`, '']);
    const p = s.prediction;
    if (p) rows.push([`prediction, ${p.articles} ${p.on.startsWith('fakenewsnet-gossipcop') ? 'GossipCop held-out' : 'held-out (no GossipCop)'}`, `${p.credencePerSecond.toFixed(0)} art/s`, p.peerPerSecond === null ? 'n/a' : `${p.peerPerSecond.toFixed(0)} art/s`, `Credence/peer ${f2(p.ratio)}`, '≥ 2']);
    rows.push(['peak memory, fit on all sets (own process)', mb(memory.credenceFitAllKb), mb(memory.peerFitAllKb), '', '']);
    rows.push(['peak memory, whole bench process', mb(memory.credenceBenchProcessKb), mb(memory.peerServeProcessKb), '', '']);
    out.push(table(rows, ['l', 'r', 'r', 'l', 'l']));
    if (cli) {
      out.push('', 'Command line');
      if (cli.coldStart) {
        const c = cli.coldStart;
        out.push(`cold start: \`${c.command}\` median of ${c.runs}: ${c.analyzeMs.toFixed(0)} ms wall; \`node -e ""\` ${c.nodeMs.toFixed(0)} ms; ratio ${f2(c.ratio)} (target < 300 ms)`);
      }
      if (cli.throughput) {
        const c = cli.throughput;
        out.push(`throughput: \`credence analyze --format jsonl\` over GossipCop: ${c.articles} articles in ${f1(c.seconds)} s = ${c.articlesPerSecond.toFixed(0)} articles/s (start-up and model load included; exit code ${c.exitCode})`);
      }
      for (const e of cli.errors) out.push(`error: ${e}`);
    }
    for (const e of report.fitAll?.errors ?? []) out.push(`error: ${e}`);
  }

  if (s.probe) {
    out.push(
      '',
      `Artefact probe: artefacts added to the body of held-out unreliable articles only (${s.probe[0].credence?.n ?? 0} rows from ${s.probe[0].cells.length} cells: each set's fold 1 and every LODO cell)`,
    );
    out.push('Δp = P(unreliable) after − before; ΔAUC = ROC-AUC on (held-out reliable + probed unreliable) after − before, mean over cells');
    const rows = [['edit', 'Credence mean|Δp|', 'max|Δp|', 'mean Δp', 'ΔAUC', 'peer mean|Δp|', 'max|Δp|', 'mean Δp', '|Δp|>0.05', 'ΔAUC']];
    for (const v of s.probe) {
      const c = v.credence;
      const q = v.peer;
      rows.push([v.label, f3(c?.meanAbs), f3(c?.maxAbs), sign(c?.meanSigned), sign(c?.rocAucDeltaMean), f3(q?.meanAbs), f3(q?.maxAbs), sign(q?.meanSigned), q ? `${(q.movedOver0_05 * 100).toFixed(0)}%` : 'n/a', sign(q?.rocAucDeltaMean)]);
    }
    out.push(table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  }

  if (s.verdicts.length) {
    out.push('', 'Verdicts');
    for (const v of s.verdicts.filter((/** @type {{ key: string }} */ v) => report.mode === 'full' || v.key === 'artefacts')) out.push(`${v.pass ? 'PASS' : 'FAIL'}  ${v.target}: ${v.detail}`);
  }
  if (s.metricCheck.cells && s.metricCheck.maxAbsDifferenceVsSklearnRocAuc > 1e-9) {
    out.push('', `warning: the peer's own roc_auc_score differs from Credence's metric code by up to ${s.metricCheck.maxAbsDifferenceVsSklearnRocAuc}`);
  }
  return out.join('\n') + '\n';
}

/** @param {number | null | undefined} x */
function sign(x) {
  return typeof x === 'number' ? `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}` : 'n/a';
}
