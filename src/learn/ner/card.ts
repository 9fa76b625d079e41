/**
 * The entity recogniser's card, generated from the model file's own metadata (as the other models'
 * cards are): what it was trained on, what word facts were induced from, what it scored on held-out data.
 */
import type { NerFigures } from './score.js';

export interface NerDataRecord {
  /** The file as given. */
  file: string;
  sha256: string;
  sentences: number;
  /** Sentences that went to training (the rest were held out). */
  used: number;
  /** How much each sentence's errors weigh in training. */
  weight: number;
  skipped: number;
}

export interface NerNewsRecord {
  file: string;
  sha256: string;
  texts: number;
  /** Texts left out because they are (or repeat) a gold-set record. */
  excluded: number;
}

export interface NerHeldOut {
  /** Which rows, in words. */
  name: string;
  sentences: number;
  figures: NerFigures;
}

export interface NerCard {
  name: string;
  description: string;
  createdAt: string;
  credenceVersion: string;
  command: string;
  trainingData: NerDataRecord[];
  news: NerNewsRecord[];
  induced: { words: number; clusters: number; tokens: number };
  notes: string[];
  heldOut: NerHeldOut[];
  fit: { seconds: number; epochs: number; tokens: number };
}

const f3 = (x: number): string => x.toFixed(3);

export function renderNerCard(card: NerCard, settings: unknown): string {
  const lines: string[] = [];
  lines.push(`# ${card.name}`, '', card.description, '');
  lines.push("_This card is generated from the model file's metadata by `credence ner-train`; do not edit it by hand._", '');
  lines.push('| | |', '|---|---|');
  lines.push(`| created | ${card.createdAt} |`, `| Credence | ${card.credenceVersion} |`);
  lines.push(`| rebuild with | \`${card.command}\` |`);
  lines.push(`| fit | ${card.fit.seconds.toFixed(1)} s, ${card.fit.epochs} passes over ${card.fit.tokens} tokens |`);
  lines.push(`| word facts | ${card.induced.words} forms, ${card.induced.clusters} clusters, from ${card.induced.tokens} tokens of unlabelled news |`, '');
  if (card.notes.length > 0) {
    lines.push('## Terms and caveats', '');
    for (const n of card.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  lines.push('## Training data', '');
  lines.push('| file | sentences | used for training | weight | skipped | SHA-256 |', '|---|---:|---:|---:|---:|---|');
  for (const d of card.trainingData) lines.push(`| \`${d.file}\` | ${d.sentences} | ${d.used} | ${d.weight} | ${d.skipped} | \`${d.sha256.slice(0, 16)}…\` |`);
  lines.push('');
  if (card.news.length > 0) {
    lines.push('Unlabelled news the word facts (capitalisation rates, cues, clusters) were induced from; gold-set records left out:', '');
    lines.push('| file | texts | left out | SHA-256 |', '|---|---:|---:|---|');
    for (const d of card.news) lines.push(`| \`${d.file}\` | ${d.texts} | ${d.excluded} | \`${d.sha256.slice(0, 16)}…\` |`);
    lines.push('');
  }
  lines.push('## Metrics', '');
  if (card.heldOut.length === 0) lines.push('No held-out metrics were computed for this model.', '');
  else {
    lines.push('Entity-level (exact span and type); overall is over PER, ORG and LOC, MISC apart.', '');
    lines.push('| held out | sentences | precision | recall | F1 | PER F1 | ORG F1 | LOC F1 | MISC F1 |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const h of card.heldOut) {
      const f = h.figures;
      lines.push(`| ${h.name} | ${h.sentences} | ${f3(f.precision)} | ${f3(f.recall)} | ${f3(f.f1)} | ${f3(f.perType.PER.f1)} | ${f3(f.perType.ORG.f1)} | ${f3(f.perType.LOC.f1)} | ${f3(f.perType.MISC.f1)} |`);
    }
    lines.push('');
  }
  lines.push('## Settings', '', '```json', JSON.stringify(settings, null, 2), '```', '');
  return lines.join('\n');
}
