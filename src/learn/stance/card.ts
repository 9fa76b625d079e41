/**
 * The stance model's card, generated from the model file's own metadata (as the reliability card is):
 * what data it was fitted on, how it was held out, what it scored there, how long it took.
 */
import type { Stance } from '../../article/stance.js';

export interface StanceDataRecord {
  /** The files as given (bodies, stances). */
  bodies: string;
  stances: string;
  /** SHA-256 of each file's bytes. */
  bodiesSha256: string;
  stancesSha256: string;
  pairs: number;
  bodyCount: number;
  /** Rows reported and skipped while reading. */
  skipped: number;
  counts: Record<Stance, number>;
}

export interface StanceHeldOut {
  /** How pairs were held out, in words. */
  protocol: string;
  pairs: number;
  fncScore: number;
  maxScore: number;
  relativeScore: number;
  macroF1: number;
  perClassF1: Record<Stance, number>;
  confusion: number[][];
}

export interface StanceCard {
  name: string;
  description: string;
  createdAt: string;
  credenceVersion: string;
  /** The command that rebuilds this model from its data. */
  command: string;
  trainingData: StanceDataRecord[];
  notes: string[];
  metrics: { heldOut?: StanceHeldOut };
  fit: { seconds: number; pairs: number; related: number };
}

const f3 = (x: number): string => x.toFixed(3);

export function renderStanceCard(card: StanceCard, settings: unknown): string {
  const lines: string[] = [];
  lines.push(`# ${card.name}`, '', card.description, '');
  lines.push("_This card is generated from the model file's metadata by `credence stance train`; do not edit it by hand._", '');
  lines.push('| | |', '|---|---|');
  lines.push(`| created | ${card.createdAt} |`, `| Credence | ${card.credenceVersion} |`);
  lines.push(`| rebuild with | \`${card.command}\` |`);
  lines.push(`| pairs | ${card.fit.pairs} (${card.fit.related} related) |`, `| fit | ${card.fit.seconds.toFixed(1)} s |`, '');
  if (card.notes.length > 0) {
    lines.push('## Terms and caveats', '');
    for (const n of card.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  lines.push('## Training data', '');
  lines.push('| bodies | stances | pairs | bodies | agree | disagree | discuss | unrelated | skipped |', '|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const d of card.trainingData) {
    lines.push(
      `| \`${d.bodies}\` (\`${d.bodiesSha256.slice(0, 12)}…\`) | \`${d.stances}\` (\`${d.stancesSha256.slice(0, 12)}…\`) | ${d.pairs} | ${d.bodyCount} | ` +
        `${d.counts.agree} | ${d.counts.disagree} | ${d.counts.discuss} | ${d.counts.unrelated} | ${d.skipped} |`,
    );
  }
  lines.push('');
  for (const d of card.trainingData) {
    lines.push(`- \`${d.bodies}\`: SHA-256 \`${d.bodiesSha256}\``, `- \`${d.stances}\`: SHA-256 \`${d.stancesSha256}\``);
  }
  lines.push('', '## Metrics', '');
  const h = card.metrics.heldOut;
  if (h === undefined) lines.push('No held-out metrics were computed for this model.', '');
  else {
    lines.push(`Held out: ${h.protocol}`, '');
    lines.push('| pairs | FNC score | relative | macro-F1 | F1 agree | F1 disagree | F1 discuss | F1 unrelated |', '|---:|---:|---:|---:|---:|---:|---:|---:|');
    lines.push(
      `| ${h.pairs} | ${h.fncScore.toFixed(2)} / ${h.maxScore.toFixed(2)} | ${h.relativeScore.toFixed(2)} % | ${f3(h.macroF1)} | ` +
        `${f3(h.perClassF1.agree)} | ${f3(h.perClassF1.disagree)} | ${f3(h.perClassF1.discuss)} | ${f3(h.perClassF1.unrelated)} |`,
      '',
    );
    lines.push('Confusion matrix of the held-out pairs (rows: gold, columns: predicted):', '');
    lines.push('| gold \\ predicted | agree | disagree | discuss | unrelated |', '|---|---:|---:|---:|---:|');
    const names = ['agree', 'disagree', 'discuss', 'unrelated'];
    h.confusion.forEach((row, i) => lines.push(`| ${names[i]} | ${row.join(' | ')} |`));
    lines.push('');
  }
  lines.push('## Settings', '', '```json', JSON.stringify(settings, null, 2), '```', '');
  return lines.join('\n');
}
