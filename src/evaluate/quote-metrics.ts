/**
 * Scores found quotes against gold quotes, direct and indirect apart. A predicted quote finds a gold one
 * when their spans overlap by at least half of the longer of the two (one-to-one, best overlap first).
 * The speaker of a found quote is right when its mention overlaps the gold mention or it names the same
 * entity (the same words, or one name's words all within the other's: "Khalimov" and "Gulmurod Khalimov").
 */

export interface GoldQuote {
  start: number;
  end: number;
  direct: boolean;
  speaker: string | null;
  speakerStart: number | null;
  speakerEnd: number | null;
}

export interface FoundQuote {
  start: number;
  end: number;
  direct: boolean;
  /** The speaker mention, and the name it resolves to. */
  speakerStart?: number;
  speakerEnd?: number;
  speaker?: string;
}

export interface QuoteScores {
  gold: number;
  predicted: number;
  found: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of found quotes whose speaker is right (over found quotes with a gold speaker or none). */
  speakerAccuracy: number;
  speakersRight: number;
}

export interface QuoteCounts {
  gold: number;
  predicted: number;
  found: number;
  speakersRight: number;
}

export const emptyCounts = (): QuoteCounts => ({ gold: 0, predicted: 0, found: 0, speakersRight: 0 });

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function nameWords(s: string): string[] {
  return s
    .toLowerCase()
    .replace(/['’]s\b/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !['the', 'a', 'an'].includes(w));
}

export function sameName(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  if (x.length === 0 || y.length === 0) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((w) => long.includes(w));
}

export function speakerRight(gold: GoldQuote, found: FoundQuote): boolean {
  if (gold.speaker === null || gold.speakerStart === null || gold.speakerEnd === null) return found.speakerStart === undefined;
  if (found.speakerStart === undefined || found.speakerEnd === undefined) return false;
  if (overlap({ start: gold.speakerStart, end: gold.speakerEnd }, { start: found.speakerStart, end: found.speakerEnd }) > 0) return true;
  return found.speaker !== undefined && sameName(gold.speaker, found.speaker);
}

/** Adds one article's direct or indirect quotes to `counts`. */
export function countQuotes(gold: readonly GoldQuote[], found: readonly FoundQuote[], counts: QuoteCounts): void {
  counts.gold += gold.length;
  counts.predicted += found.length;
  const pairs: { g: number; f: number; o: number }[] = [];
  gold.forEach((g, gi) =>
    found.forEach((f, fi) => {
      const o = overlap(g, f);
      if (o > 0 && o >= 0.5 * Math.max(g.end - g.start, f.end - f.start)) pairs.push({ g: gi, f: fi, o });
    }),
  );
  pairs.sort((a, b) => b.o - a.o);
  const usedG = new Set<number>();
  const usedF = new Set<number>();
  for (const p of pairs) {
    if (usedG.has(p.g) || usedF.has(p.f)) continue;
    usedG.add(p.g);
    usedF.add(p.f);
    counts.found++;
    if (speakerRight(gold[p.g]!, found[p.f]!)) counts.speakersRight++;
  }
}

export function quoteScores(c: QuoteCounts): QuoteScores {
  const precision = c.predicted === 0 ? 0 : c.found / c.predicted;
  const recall = c.gold === 0 ? 0 : c.found / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const r = (x: number) => Math.round(x * 10000) / 10000;
  return {
    gold: c.gold,
    predicted: c.predicted,
    found: c.found,
    precision: r(precision),
    recall: r(recall),
    f1: r(f1),
    speakerAccuracy: r(c.found === 0 ? 0 : c.speakersRight / c.found),
    speakersRight: c.speakersRight,
  };
}
