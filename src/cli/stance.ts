/**
 * `credence stance --claim "TEXT" FILE|DIR|-`: a claim tracked across articles. Each article's body is
 * read against the claim (the claim in the place of a headline); the articles are ranked by stance —
 * agree, then disagree, then discuss, then unrelated, each group most confident first — one line each
 * with the four probabilities and the body sentence that bears most on the claim.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { articleText, TITLE_BODY_SEPARATOR } from '../article/article.js';
import { UsageError } from '../article/errors.js';
import { defaultStanceModel } from '../analyse/engine.js';
import { parseSpec, readDataset } from '../ingest/index.js';
import { STANCE_INDEX, STANCES, type Stance } from '../evaluate/stance-metrics.js';
import { prepareBody, prepareHeadline } from '../learn/stance/features.js';
import { loadStance } from '../learn/stance/file.js';
import { predictSides, type EvidenceRole } from '../learn/stance/model.js';
import { readSide } from '../learn/stance/text.js';
import { makeDoc } from '../text/doc.js';
import { coloursFor, EXIT, Problems, type Colours, type Io } from './io.js';
import { readOptions, type DataFlags } from './options.js';
import { progressFor } from './progress.js';

const FORMATS = ['text', 'jsonl'] as const;

interface StanceFlags extends DataFlags {
  claim?: string;
  format: string;
  model?: string;
}

export interface ClaimStance {
  id: string;
  title: string;
  stance: Stance;
  probabilities: Record<Stance, number>;
  /** Offsets into the article text (title, blank line, body), as every span of a report. */
  evidence: { start: number; end: number; role: EvidenceRole; text: string }[];
}

export async function stanceClaim(io: Io, inputs: string[], flags: StanceFlags): Promise<number> {
  const claim = flags.claim?.trim() ?? '';
  if (flags.claim === undefined) throw new UsageError('E_USAGE', 'stance: expected --claim "TEXT" and files, folders or - to read (or a subcommand: stance train, stance eval)');
  if (claim === '') throw new UsageError('E_USAGE', '--claim: expected the text of a claim; got an empty value');
  if (inputs.length === 0) throw new UsageError('E_USAGE', 'stance --claim: expected files, folders or - (stdin) to read');
  if (!(FORMATS as readonly string[]).includes(flags.format)) throw new UsageError('E_USAGE', `--format: expected one of ${FORMATS.join(', ')}; got "${flags.format}"`);
  const options = { ...readOptions(flags), stdin: io.stdin };
  const specs = inputs.map(parseSpec);
  const { model } = loadStance(flags.model ?? defaultStanceModel());
  const headline = prepareHeadline(readSide(makeDoc({ title: claim, body: '' }), 'headline'), model);

  const problems = new Problems(io);
  const progress = progressFor(io);
  const results: (ClaimStance & { order: number })[] = [];
  for (const spec of specs) {
    for await (const item of readDataset(spec, options)) {
      if (item.kind === 'error') problems.error(item.error);
      else if (item.kind === 'warning') problems.warning(item.error);
      else {
        const a = item.article;
        let r: ClaimStance;
        try {
          const doc = makeDoc({ title: '', body: a.body });
          const p = predictSides(model, headline, prepareBody(readSide(doc, 'body'), model));
          // Offsets in the body-only Doc, moved into the article text (title, blank line, body).
          const shift = a.title === '' || a.body === '' ? 0 : a.title.length + TITLE_BODY_SEPARATOR.length;
          const text = articleText(a);
          r = {
            id: a.id,
            title: a.title,
            stance: p.stance,
            probabilities: p.probabilities,
            evidence: p.evidence.map((e) => ({ start: e.start + shift, end: e.end + shift, role: e.role, text: text.slice(e.start + shift, e.end + shift) })),
          };
        } catch (err) {
          problems.bug(err, a.origin);
          continue;
        }
        results.push({ ...r, order: results.length });
        progress.update('reading', results.length);
      }
    }
  }
  progress.stop();
  if (results.length === 0 && problems.skipped === 0) throw new UsageError('E_EMPTY', `no articles found in ${inputs.join(', ')}`);
  results.sort((x, y) => STANCE_INDEX[x.stance] - STANCE_INDEX[y.stance] || y.probabilities[y.stance] - x.probabilities[x.stance] || x.order - y.order);
  const ranked = results.map(({ order: _order, ...r }) => r);
  const out = flags.format === 'jsonl' ? ranked.map((r) => JSON.stringify(jsonOf(r)) + '\n').join('') : textOf(ranked, coloursFor(io, 'stdout'));
  await write(io.stdout, out);
  if (problems.skipped > 0 || results.length > 1) {
    const tally = STANCES.map((s) => `${results.filter((r) => r.stance === s).length} ${s}`).join(', ');
    const skipped = problems.skipped > 0 ? `; ${problems.skipped} skipped (listed above)` : '';
    problems.note(`read ${results.length} article${results.length === 1 ? '' : 's'} against the claim (${tally})${skipped}`);
  }
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}

function jsonOf(r: ClaimStance) {
  return {
    id: r.id,
    title: r.title,
    stance: r.stance,
    probabilities: Object.fromEntries(STANCES.map((s) => [s, round4(r.probabilities[s])])),
    evidence: r.evidence,
  };
}

/** Longest evidence sentence shown, in characters. */
const MAX_SHOWN = 160;

function textOf(rows: ClaimStance[], c: Colours): string {
  const idWidth = Math.min(40, Math.max(2, ...rows.map((r) => r.id.length)));
  const head = `${'id'.padEnd(idWidth)}  ${'stance'.padEnd(9)}  ${'agree'.padStart(5)}  ${'disagree'.padStart(8)}  ${'discuss'.padStart(7)}  ${'unrelated'.padStart(9)}  best evidence`;
  const colour = { agree: c.green, disagree: c.red, discuss: c.yellow, unrelated: c.dim } as const;
  const lines = [c.bold(head)];
  for (const r of rows) {
    const p = r.probabilities;
    const best = r.evidence[0];
    let quote = '';
    if (best !== undefined) {
      const t = best.text.replace(/\s+/g, ' ').trim();
      quote = `"${t.length > MAX_SHOWN ? t.slice(0, MAX_SHOWN - 1) + '…' : t}"`;
    }
    lines.push(
      [
        r.id.padEnd(idWidth),
        colour[r.stance](r.stance.padEnd(9)),
        p.agree.toFixed(2).padStart(5),
        p.disagree.toFixed(2).padStart(8),
        p.discuss.toFixed(2).padStart(7),
        p.unrelated.toFixed(2).padStart(9),
        quote,
      ]
        .join('  ')
        .trimEnd(),
    );
  }
  return lines.join('\n') + '\n';
}

async function write(stream: Writable, s: string): Promise<void> {
  if (!stream.write(s)) await once(stream, 'drain');
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
