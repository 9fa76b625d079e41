// @ts-check
/**
 * The scikit-learn peer as a child process (bench/peer_sklearn.py under Debian's /usr/bin/python3):
 * it loads the data once, then fits and scores one cell per command, so its cells run interleaved with
 * Credence's under the same machine load. Missing python or scikit-learn is a reason, not a crash.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { REPO } from './data.js';

export const PYTHON = process.env.CREDENCE_BENCH_PYTHON ?? '/usr/bin/python3';
const SCRIPT = join(REPO, 'bench', 'peer_sklearn.py');

/**
 * @typedef {{ python: string, executable: string, sklearn: string, numpy: string, scipy: string }} PeerVersions
 * @typedef {{ cell: string, nTrain: number, nTest: number, vocabulary: number, fitSeconds: number, predictSeconds: number,
 *   p: number[], sklearnRocAuc: number | null, probe?: Record<string, number[]> }} PeerCellResult
 * @typedef {{ ok: true, versions: PeerVersions, loadSeconds: number, run(name: string): Promise<PeerCellResult>,
 *   quit(): Promise<{ maxRssKb: number }> }} Peer
 */

/**
 * @param {string} splitsPath
 * @returns {Promise<Peer | { ok: false, reason: string }>}
 */
export function startPeer(splitsPath) {
  return new Promise((resolvePeer) => {
    const child = spawn(PYTHON, [SCRIPT, splitsPath], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } });
    /** @type {((line: any) => void)[]} */
    const waiting = [];
    let stderr = '';
    let ready = false;
    let exited = false;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      process.stderr.write(String(chunk).replace(/^(?=.)/gm, '  peer: '));
    });
    child.on('error', (e) => {
      exited = true;
      if (!ready) resolvePeer({ ok: false, reason: `cannot run ${PYTHON}: ${e.message}` });
    });
    child.on('exit', (code, signal) => {
      exited = true;
      const why = `the peer exited (${signal ?? `code ${code}`})${stderr ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`;
      if (!ready) resolvePeer({ ok: false, reason: why });
      for (const w of waiting.splice(0)) w({ error: why });
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      /** @type {any} */
      let msg;
      try {
        msg = JSON.parse(line);
      } catch {
        process.stderr.write(`  peer (not JSON): ${line}\n`);
        return;
      }
      if (!ready) {
        if (msg.error) {
          resolvePeer({ ok: false, reason: msg.error });
          return;
        }
        ready = true;
        resolvePeer({
          ok: true,
          versions: msg.versions,
          loadSeconds: msg.loadSeconds,
          run: (name) => ask({ cmd: 'cell', name }),
          quit: () => ask({ cmd: 'quit' }),
        });
        return;
      }
      waiting.shift()?.(msg);
    });
    /** @param {object} command */
    function ask(command) {
      return new Promise((resolve, reject) => {
        if (exited) {
          reject(new Error('the peer is not running'));
          return;
        }
        waiting.push((msg) => (msg.error ? reject(new Error(msg.error)) : resolve(msg)));
        child.stdin.write(JSON.stringify(command) + '\n');
      });
    }
  });
}

/**
 * One fit on every row in a fresh python process: fit seconds and the process's peak memory.
 * @param {string} splitsPath
 * @returns {Promise<{ fitSeconds: number, nTrain: number, vocabulary: number, maxRssKb: number }>}
 */
export function peerFitAll(splitsPath) {
  return runJsonChild(PYTHON, [SCRIPT, splitsPath, '--fit-all'], 'peer fit on all sets');
}

/**
 * Runs a child that prints JSON lines; resolves with the last one.
 * @param {string} command
 * @param {string[]} args
 * @param {string} what
 * @returns {Promise<any>}
 */
export function runJsonChild(command, args, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      /** @type {any} */
      let msg;
      try {
        msg = JSON.parse(last);
      } catch {
        msg = undefined;
      }
      if (code !== 0 || msg === undefined || msg.error) {
        reject(new Error(`${what} failed (exit ${code}): ${msg?.error ?? err.trim().split('\n').slice(-3).join(' | ')}`));
      } else resolve(msg);
    });
  });
}
