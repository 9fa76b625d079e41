/**
 * `credence ner-eval`: the entity recogniser on IOB2-tagged sentences it has not seen: entity-level
 * precision, recall and F1 over PER, ORG and LOC, and per type (MISC apart).
 */
import { UsageError } from '../article/errors.js';
import { readIobFile } from '../learn/ner/data.js';
import { evaluate } from '../learn/ner/evaluate.js';
import { loadNer } from '../learn/ner/ner.js';
import { defaultNerModel } from '../analyse/engine.js';
import { EXIT, Problems, type Io } from './io.js';
import { progressFor } from './progress.js';

interface EvalFlags {
  data: string;
  model?: string;
  json?: boolean;
}

export async function nerEval(io: Io, flags: EvalFlags): Promise<number> {
  const modelPath = flags.model ?? defaultNerModel();
  const model = loadNer(modelPath);
  const problems = new Problems(io);
  const sentences = readIobFile(flags.data, (e) => problems.error(e));
  if (sentences.length === 0) throw new UsageError('E_EMPTY', 'no labelled sentences', { file: flags.data });
  const progress = progressFor(io);
  const f = evaluate(model, sentences, (done) => progress.update('tagging', done, sentences.length));
  progress.stop();
  const strip = (x: { precision: number; recall: number; f1: number }) => ({ precision: x.precision, recall: x.recall, f1: x.f1 });
  if (flags.json === true) {
    const perType = { PER: strip(f.perType.PER), ORG: strip(f.perType.ORG), LOC: strip(f.perType.LOC), MISC: strip(f.perType.MISC) };
    io.stdout.write(JSON.stringify({ precision: f.precision, recall: f.recall, f1: f.f1, perType }) + '\n');
  } else {
    const n = (x: number): string => x.toFixed(3);
    const lines = [`model: ${modelPath}`, `sentences: ${f.sentences}`, '', 'type        gold  predicted  precision  recall     F1'];
    const gold = f.perType.PER.gold + f.perType.ORG.gold + f.perType.LOC.gold;
    const pred = f.perType.PER.predicted + f.perType.ORG.predicted + f.perType.LOC.predicted;
    lines.push(`PER+ORG+LOC ${String(gold).padStart(5)} ${String(pred).padStart(10)}      ${n(f.precision)}   ${n(f.recall)}  ${n(f.f1)}`);
    for (const t of ['PER', 'ORG', 'LOC', 'MISC'] as const) {
      const x = f.perType[t];
      lines.push(`${t.padEnd(11)} ${String(x.gold).padStart(5)} ${String(x.predicted).padStart(10)}      ${n(x.precision)}   ${n(x.recall)}  ${n(x.f1)}${t === 'MISC' ? '  (not in the overall figures)' : ''}`);
    }
    lines.push('', '(entity level: a mention counts only when its span and type both match)', '');
    io.stdout.write(lines.join('\n'));
  }
  if (problems.skipped > 0) problems.note(`${problems.skipped} line${problems.skipped === 1 ? '' : 's'} skipped (listed above)`);
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}
