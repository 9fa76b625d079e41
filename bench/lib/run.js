// @ts-check
/**
 * The bench: read the four shared sets, build the splits with Credence's code, run every cell on both
 * sides interleaved, then the all-sets fits and the command-line checks; print one table and write the
 * full results as JSON. `mode: 'probe'` runs only the cells the artefact probe reads.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DATASETS_DIR, REPO, SETS, datasetPath, missingSets } from './data.js';
import { formatReport } from './report.js';

const USAGE = `usage: node bench/reliability.js [options]
  --sets a,b,...     datasets to use (default: ${SETS.join(',')})
  --folds N          in-domain folds (default 5)
  --probe-rows N     unreliable held-out rows per probe cell (default 300)
  --no-peer          Credence only
  --no-cli           skip the command-line checks (cold start, analyze --format jsonl)
  --no-fit-all       skip the fits on all sets (training time and peak memory)
  --no-probe         skip the artefact probe
  --out FILE         where the JSON goes (default bench/out/reliability.json)
  --keep-splits      keep the temporary split file and print its path
  --no-snapshot      run on dist/ in place instead of on a copy taken at the start
Datasets are read from ${DATASETS_DIR} ($CREDENCE_DATASETS overrides); the peer runs with
/usr/bin/python3 ($CREDENCE_BENCH_PYTHON overrides).`;

/**
 * @param {string[]} argv
 * @param {'full' | 'probe'} mode
 * @returns {Promise<number>} exit code
 */
export async function run(argv, mode) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sets: { type: 'string' },
      folds: { type: 'string', default: '5' },
      'probe-rows': { type: 'string', default: '300' },
      'no-peer': { type: 'boolean', default: false },
      'no-cli': { type: 'boolean', default: false },
      'no-fit-all': { type: 'boolean', default: false },
      'no-probe': { type: 'boolean', default: false },
      out: { type: 'string' },
      'keep-splits': { type: 'boolean', default: false },
      'no-snapshot': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const names = values.sets ? values.sets.split(',').map((s) => s.trim()) : SETS;
  const unknown = names.filter((n) => !SETS.includes(n));
  if (unknown.length) {
    process.stderr.write(`bench: unknown set ${unknown.join(', ')}; expected some of ${SETS.join(', ')}\n`);
    return 2;
  }
  const folds = Number(values.folds);
  const probeRows = Number(values['probe-rows']);
  if (!Number.isInteger(folds) || folds < 2 || !Number.isInteger(probeRows) || probeRows < 1) {
    process.stderr.write('bench: --folds must be an integer ≥ 2 and --probe-rows ≥ 1\n');
    return 2;
  }
  const probe = mode === 'probe' || !values['no-probe'];
  const out = values.out ?? join(REPO, 'bench', 'out', mode === 'probe' ? 'artefacts.json' : 'reliability.json');

  if (!existsSync(DATASETS_DIR)) {
    process.stdout.write(`bench: skipped: the shared datasets are not at ${DATASETS_DIR} (set CREDENCE_DATASETS to their folder)\n`);
    return 0;
  }
  const missing = missingSets(names);
  if (missing.length) {
    process.stdout.write(`bench: skipped: ${missing.map(datasetPath).join(', ')} not found\n`);
    return 0;
  }
  if (!existsSync(join(REPO, 'dist', 'learn', 'reliability.js'))) {
    process.stderr.write('bench: dist/ is not built; run `npx tsc -p tsconfig.build.json` (or `npm run build`) first\n');
    return 1;
  }
  if (!process.env.CREDENCE_BENCH_SNAPSHOT && !values['no-snapshot']) return inSnapshot(argv, out);

  // dist/ is imported only now, after the checks above.
  const { loadSets } = await import('./data.js');
  const { buildSplits } = await import('./splits.js');
  const { rowsOf, runCell, THREADS } = await import('./credence.js');
  const { startPeer, peerFitAll, runJsonChild, PYTHON } = await import('./peer.js');
  const { coldStart, cliThroughput } = await import('./cli.js');
  const { DEFAULT_RELIABILITY } = await import('../../dist/learn/reliability.js');

  const started = Date.now();
  const code = process.env.CREDENCE_BENCH_CODE ? JSON.parse(process.env.CREDENCE_BENCH_CODE) : { ...codeState(), snapshot: false };
  const loadStart = os.loadavg();
  const log = (/** @type {string} */ s) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

  log(`reading ${names.join(', ')} from ${DATASETS_DIR}`);
  const sets = await loadSets(names);
  log(`building splits: near-duplicate groups over ${sets.reduce((n, s) => n + s.articles.length, 0)} articles, ${folds} folds per set`);
  const splits = buildSplits(sets, { folds, probeRows, probe });
  const tmp = mkdtempSync(join(os.tmpdir(), 'credence-bench-'));
  const splitsPath = join(tmp, 'splits.json');
  writeFileSync(splitsPath, JSON.stringify(splits));
  log(`${splits.groups.count} groups (${splits.groups.crossSet} span two or more sets), ${splits.groups.seconds.toFixed(1)} s; splits in ${splitsPath}`);
  const rows = rowsOf(sets, splits);

  /** @type {import('./peer.js').Peer | null} */
  let peer = null;
  /** @type {string | null} */
  let peerProblem = null;
  if (values['no-peer']) peerProblem = 'not run (--no-peer)';
  else {
    const started = await startPeer(splitsPath);
    if (started.ok) {
      peer = started;
      log(`peer ready: python ${started.versions.python}, scikit-learn ${started.versions.sklearn} (data loaded in ${started.loadSeconds.toFixed(1)} s)`);
    } else {
      peerProblem = started.reason;
      process.stderr.write(`bench: the scikit-learn peer is unavailable (${started.reason}); running Credence's side only\n`);
    }
  }
  const peerVersions = peer?.versions ?? null;

  const cells = splits.cells.filter((c) => c.kind !== 'all' && (mode === 'full' || c.probe));
  /** @type {{ cell: import('./splits.js').Cell, credence: import('./credence.js').CredenceCellResult, peer: import('./peer.js').PeerCellResult | null }[]} */
  const results = [];
  for (const [k, cell] of cells.entries()) {
    /** @type {import('./peer.js').PeerCellResult | null} */
    let peerResult = null;
    if (peer) {
      try {
        peerResult = await peer.run(cell.name);
      } catch (e) {
        peerProblem = `failed on ${cell.name}: ${/** @type {Error} */ (e).message}`;
        process.stderr.write(`bench: the peer ${peerProblem}; continuing with Credence only\n`);
        peer = null;
      }
    }
    const credence = await runCell(cell, rows, splits.probeVariants);
    results.push({ cell, credence, peer: peerResult });
    const p = peerResult ? `peer fit ${peerResult.fitSeconds.toFixed(1)} s, predict ${peerResult.predictSeconds.toFixed(1)} s; ` : '';
    log(`[${k + 1}/${cells.length}] ${cell.name}: ${p}Credence fit ${credence.fitSeconds.toFixed(1)} s, predict ${credence.predictSeconds.toFixed(1)} s`);
  }
  /** @type {{ maxRssKb: number } | null} */
  let peerServe = null;
  if (peer) peerServe = await peer.quit().catch(() => null);

  /** @type {any} */
  let fitAll = null;
  if (mode === 'full' && !values['no-fit-all']) {
    fitAll = { credence: null, peer: null, errors: [] };
    log('fit on all sets: Credence (own process)');
    try {
      fitAll.credence = await runJsonChild(process.execPath, [join(REPO, 'bench', 'fit-all.js'), splitsPath], 'Credence fit on all sets');
      log(`  Credence ${fitAll.credence.fitSeconds.toFixed(1)} s, peak ${(fitAll.credence.maxRssKb / 1024).toFixed(0)} MB`);
    } catch (e) {
      fitAll.errors.push(/** @type {Error} */ (e).message);
    }
    if (peerVersions) {
      log('fit on all sets: peer (own process)');
      try {
        fitAll.peer = await peerFitAll(splitsPath);
        log(`  peer ${fitAll.peer.fitSeconds.toFixed(1)} s, peak ${(fitAll.peer.maxRssKb / 1024).toFixed(0)} MB`);
      } catch (e) {
        fitAll.errors.push(/** @type {Error} */ (e).message);
      }
    }
  }

  /** @type {any} */
  let cli = null;
  if (mode === 'full' && !values['no-cli']) {
    cli = { coldStart: null, throughput: null, errors: [] };
    log('command line: cold start (median of 5, interleaved with node -e "")');
    try {
      cli.coldStart = coldStart();
    } catch (e) {
      cli.errors.push(/** @type {Error} */ (e).message);
    }
    const gossip = datasetPath('fakenewsnet-gossipcop');
    log(`command line: analyze --format jsonl ${gossip}`);
    try {
      cli.throughput = await cliThroughput(gossip);
    } catch (e) {
      cli.errors.push(/** @type {Error} */ (e).message);
    }
  }

  const { summarise } = await import('./summary.js');
  const summary = summarise({ splits, results, fitAll, cli });
  const cpus = os.cpus();
  const machine = {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    python: peerVersions ? `${peerVersions.python} (${peerVersions.executable})` : null,
    sklearn: peerVersions?.sklearn ?? null,
    numpy: peerVersions?.numpy ?? null,
    scipy: peerVersions?.scipy ?? null,
    credenceThreads: THREADS,
    loadAverageStart: loadStart,
    loadAverageEnd: os.loadavg(),
  };
  const memory = {
    credenceBenchProcessKb: process.resourceUsage().maxRSS,
    peerServeProcessKb: peerServe?.maxRssKb ?? null,
    credenceFitAllKb: fitAll?.credence?.maxRssKb ?? null,
    peerFitAllKb: fitAll?.peer?.maxRssKb ?? null,
  };
  const report = {
    mode,
    date: new Date().toISOString(),
    wallSeconds: (Date.now() - started) / 1000,
    command: mode === 'full' ? 'npm run bench:reliability' : 'npm run bench:artefacts',
    args: argv,
    machine,
    code: { ...code, distRebuiltDuringRun: !code.snapshot && codeState().distBuilt !== code.distBuilt },
    peer: {
      recipe: "TfidfVectorizer(ngram_range=(1,2), min_df=2, sublinear_tf=True) + LogisticRegression(C=10, solver='liblinear') on title + \"\\n\\n\" + text",
      python: PYTHON,
      problem: peerProblem,
    },
    credenceSettings: DEFAULT_RELIABILITY,
    splits: {
      seed: splits.seed,
      folds: splits.folds,
      groups: splits.groups,
      sets: splits.datasets.map((d) => ({ name: d.name, path: d.path, n: d.ids.length, unreliable: d.y.reduce((a, b) => a + b, 0) })),
      loaded: sets.map((s) => ({ name: s.name, articles: s.articles.length, warnings: s.warnings, skipped: s.skipped })),
    },
    probeVariants: splits.probeVariants,
    summary,
    memory,
    fitAll,
    cli,
    cells: results.map(({ cell, credence, peer }) => ({
      name: cell.name,
      kind: cell.kind,
      set: cell.set,
      fold: cell.fold,
      excludedNearDuplicates: cell.excludedNearDuplicates,
      testIds: cell.test ? cell.test[1].map((i) => splits.datasets.find((d) => d.name === cell.test?.[0])?.ids[i]) : [],
      credence: { ...strip(credence), p: round(credence.p), probe: roundAll(credence.probe) },
      peer: peer ? { ...strip(peer), p: round(peer.p), probe: roundAll(peer.probe) } : null,
      probeRows: cell.probe?.rows ?? null,
    })),
  };
  const text = formatReport(report);
  process.stdout.write(text);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 1) + '\n');
  process.stdout.write(`\nfull results: ${relative(process.cwd(), out) || out}\n`);
  if (values['keep-splits']) process.stdout.write(`split file kept: ${splitsPath}\n`);
  else rmSync(tmp, { recursive: true, force: true });
  return 0;
}

/**
 * Others may rebuild dist/ (or retrain models/) while a 20-minute bench runs; the child processes it
 * starts late (the all-sets fit, the command line) would then measure another build. So the bench runs
 * on a copy of bin/, dist/, dist-bundle/, models/, examples/ and bench/ taken now, with node_modules linked.
 * @param {string[]} argv
 * @param {string} out
 */
function inSnapshot(argv, out) {
  const code = { ...codeState(), snapshot: true };
  const snap = mkdtempSync(join(os.tmpdir(), 'credence-bench-snapshot-'));
  try {
    // dist-bundle after dist: bin/credence.js runs the bundle only when it is the newer of the two.
    for (const dir of ['bin', 'dist', 'dist-bundle', 'models', 'examples', 'bench']) {
      if (!existsSync(join(REPO, dir))) continue;
      cpSync(join(REPO, dir), join(snap, dir), { recursive: true, filter: (src) => !src.startsWith(join(REPO, 'bench', 'out')) });
    }
    cpSync(join(REPO, 'package.json'), join(snap, 'package.json'));
    symlinkSync(join(REPO, 'node_modules'), join(snap, 'node_modules'), 'dir');
    const entry = join(snap, 'bench', basename(process.argv[1] ?? 'reliability.js'));
    const r = spawnSync(process.execPath, [entry, ...argv, '--out', out], {
      stdio: 'inherit',
      env: { ...process.env, CREDENCE_BENCH_SNAPSHOT: snap, CREDENCE_DATASETS: DATASETS_DIR, CREDENCE_BENCH_CODE: JSON.stringify(code) },
    });
    return r.status ?? 1;
  } finally {
    rmSync(snap, { recursive: true, force: true });
  }
}

/** Which code was measured: the commit, uncommitted changes under src/, and when dist/ was built. */
function codeState() {
  const git = (/** @type {string[]} */ args) => {
    try {
      return execFileSync('git', args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  return {
    commit: git(['rev-parse', 'HEAD']),
    uncommittedSrc: (git(['status', '--porcelain', '--', 'src']) ?? '').split('\n').filter(Boolean),
    distBuilt: statSync(join(REPO, 'dist', 'learn', 'reliability.js')).mtime.toISOString(),
  };
}

/** @param {any} r */
function strip(r) {
  const { p: _p, probe: _probe, ...rest } = r;
  return rest;
}

/** @param {number[]} p */
function round(p) {
  return p.map((x) => Math.round(x * 1e6) / 1e6);
}

/** @param {Record<string, number[]> | undefined} probe */
function roundAll(probe) {
  return probe ? Object.fromEntries(Object.entries(probe).map(([k, v]) => [k, round(v)])) : undefined;
}
