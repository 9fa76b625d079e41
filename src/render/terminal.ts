/**
 * The readable report: what a person at a terminal reads first. The sentences that weighed most are
 * quoted with the n-grams that drove the score highlighted (red towards unreliable, green towards
 * reliable; without colour, «» and ‹› mark them).
 */
import type { Claim, ClaimMatch, Entity, HeadlineSection, ReliabilitySection, Report, Signal, SourcingSection, Span } from '../article/report.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

export function renderReport(r: Report, text: string, c: Style, colour: boolean): string {
  const out: string[] = [];
  const { article, reliability: rel } = r;
  out.push(c.bold(article.title === '' ? '(no title)' : clean(article.title)));
  const meta = [`id ${article.id}`, `${article.words} words`];
  if (article.label !== undefined) meta.push(`gold label: ${article.label}`);
  if (article.site !== undefined) meta.push(clean(article.site));
  if (article.published !== undefined) meta.push(article.published);
  out.push(c.dim(meta.join(' · ')), '');

  if (r.signals !== undefined) out.push(...renderSignals(r.signals, text, c), '');
  if (rel !== undefined) out.push(...renderReliability(rel, text, c, colour));
  else if (r.language !== undefined && !r.language.covered) {
    out.push(`${c.bold('Not scored')}  ${c.yellow(`this article reads as ${r.language.name}`)}; Credence's models cover English only, so nothing is scored.`);
  }
  if (r.headline !== undefined) out.push('', ...renderHeadline(r.headline, text, c));
  if (r.claims !== undefined) out.push('', ...renderClaims(r.claims, text, c));
  if (r.sourcing !== undefined) out.push('', ...renderSourcing(r.sourcing, text, c));
  if (r.entities !== undefined && r.entities.some((e) => e.type !== 'MISC')) out.push('', ...renderEntities(r.entities, c));
  out.push('');
  return out.join('\n');
}

function renderReliability(rel: ReliabilitySection, text: string, c: Style, colour: boolean): string[] {
  const out: string[] = [];
  const pct = Math.round(rel.pUnreliable * 100);
  const filled = Math.round(rel.pUnreliable * 20);
  const bar = '█'.repeat(filled) + '░'.repeat(20 - filled);
  const bandColour = rel.band === 'likely unreliable' ? c.red : rel.band === 'likely reliable' ? c.green : c.yellow;
  out.push(`${c.bold('Reliability')}  ${bandColour(rel.band.toUpperCase())}  ${bar}  ${pct}% chance unreliable`);
  out.push(c.dim(`  model: ${rel.model}; the score is a calibrated probability, not a verdict`));

  const towards = (sign: 1 | -1): string =>
    rel.explanation.features
      .filter((f) => Math.sign(f.weight) === sign)
      .slice(0, 6)
      .map((f) => `"${f.text}"${f.kind === 'words' ? '' : ` (${f.kind})`} ${fmt(f.weight)}`)
      .join(', ');
  const up = towards(1);
  const down = towards(-1);
  if (up !== '') out.push(`  ${c.red('▲ towards unreliable:')} ${up}`);
  if (down !== '') out.push(`  ${c.green('▼ towards reliable:')}   ${down}`);

  if (rel.explanation.sentences.length > 0) {
    out.push('', `  ${c.bold('Sentences that weighed most')}`);
    const marks = rel.explanation.features.flatMap((f) => f.spans.map((s) => ({ ...s, up: f.weight > 0 })));
    for (const s of rel.explanation.sentences) {
      const arrow = s.contribution > 0 ? c.red('▲') : c.green('▼');
      out.push(`  ${arrow} ${fmt(s.contribution)}  ${highlight(text, s, marks, c, colour)}`);
    }
  }
  return out;
}

const STATUS_MARK = { pass: '✓', warn: '!', fail: '✗', 'n/a': '·' } as const;

/** The checklist first: one line per item, the evidence of warnings and failures quoted beneath. */
function renderSignals(signals: readonly Signal[], text: string, c: Style): string[] {
  const fails = signals.filter((s) => s.status === 'fail').length;
  const warns = signals.filter((s) => s.status === 'warn').length;
  const out = [`${c.bold('Checklist')}  ${fails} to look at, ${warns} to check, ${signals.filter((s) => s.status === 'pass').length} fine`];
  for (const s of signals) {
    const colour = s.status === 'fail' ? c.red : s.status === 'warn' ? c.yellow : s.status === 'pass' ? c.green : c.dim;
    out.push(`  ${colour(`${STATUS_MARK[s.status]} ${s.status.padEnd(4)}`)}  ${s.label} ${c.dim('—')} ${clean(s.reason)}`);
    if (s.status === 'warn' || s.status === 'fail') {
      const shown = s.evidence.slice(0, 2).map((e) => `"${short(clean(text.slice(e.start, e.end)).trim(), 90)}"`);
      if (shown.length > 0) out.push(c.dim(`            ${shown.join(' · ')}`));
    }
  }
  return out;
}

const KIND_WORD = { person: 'person', organisation: 'organisation', document: 'document', anonymous: 'ANONYMOUS', unresolved: 'unresolved' } as const;

/** Who is cited and how, then the first few quotes with their speakers. */
function renderSourcing(s: SourcingSection, text: string, c: Style): string[] {
  const direct = s.quotes.filter((q) => q.direct).length;
  const out = [`${c.bold('Sources')}  ${s.sources.length} source${s.sources.length === 1 ? '' : 's'}; ${direct} direct quote${direct === 1 ? '' : 's'}, ${s.quotes.length - direct} reported`];
  for (const src of s.sources.slice(0, 8)) {
    const kind = src.kind === 'anonymous' ? c.yellow(KIND_WORD[src.kind]) : c.dim(KIND_WORD[src.kind]);
    const counts = [src.quotes ? `${src.quotes} quoted` : '', src.attributions ? `${src.attributions} reported` : ''].filter(Boolean).join(', ');
    const notes = src.notes.length > 0 ? ` ${c.yellow(`(${[...new Set(src.notes.map((n) => n.note))].join('; ')})`)}` : '';
    const role = src.role !== undefined ? c.dim(`, ${short(clean(src.role), 60)}`) : '';
    out.push(`  ${short(clean(src.name), 60)}${role}  ${kind}${counts ? c.dim(` · ${counts}`) : ''}${notes}`);
  }
  if (s.sources.length > 8) out.push(c.dim(`  … ${s.sources.length - 8} more (see --format json)`));
  for (const q of s.quotes.filter((x) => x.direct).slice(0, 3)) {
    const who = q.source !== undefined ? clean(s.sources[q.source]!.name) : 'unattributed';
    out.push(`  “${short(clean(text.slice(q.start, q.end)).trim(), 110)}” ${c.dim(`— ${who}`)}`);
  }
  return out;
}

function renderEntities(entities: readonly Entity[], c: Style): string[] {
  const top = (type: Entity['type']) =>
    entities
      .filter((e) => e.type === type)
      .sort((a, b) => b.count - a.count || a.first - b.first)
      .slice(0, 6)
      .map((e) => (e.count > 1 ? `${clean(e.name)} (${e.count})` : clean(e.name)))
      .join(', ');
  const rows: [string, string][] = [
    ['people', top('PER')],
    ['organisations', top('ORG')],
    ['places', top('LOC')],
  ];
  return [c.bold('Names'), ...rows.filter(([, v]) => v !== '').map(([k, v]) => `  ${c.dim(k.padEnd(14))}${v}`)];
}

function short(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** What each stance means for the reader, in words. */
const VERDICT = {
  agree: { word: 'BACKED', says: 'the body agrees with its headline' },
  disagree: { word: 'CONTRADICTED', says: 'the body contradicts its own headline' },
  discuss: { word: 'NOT BACKED', says: "the body reports the headline's claim without confirming it" },
  unrelated: { word: 'NOT BACKED', says: 'the body is about something other than its headline' },
} as const;

const ROLE_MARK = { supports: '+', contradicts: '−', discusses: '~' } as const;

function renderHeadline(h: HeadlineSection, text: string, c: Style): string[] {
  const v = VERDICT[h.stance];
  const colour = h.stance === 'agree' ? c.green : h.stance === 'disagree' ? c.red : c.yellow;
  const p = h.probabilities;
  const out = [
    `${c.bold('Headline')}     ${colour(v.word)}  ${v.says} (${Math.round(p[h.stance] * 100)}%)`,
    c.dim(`  agree ${pc(p.agree)} · disagree ${pc(p.disagree)} · discuss ${pc(p.discuss)} · unrelated ${pc(p.unrelated)}; model: ${h.model}`),
  ];
  for (const e of h.evidence.slice(0, 3)) {
    let t = clean(text.slice(e.start, e.end)).trim();
    if (t.length > MAX_SHOWN) t = t.slice(0, MAX_SHOWN) + '…';
    out.push(`  ${ROLE_MARK[e.role]} ${c.dim(e.role.padEnd(11))} ${t}`);
  }
  return out;
}

/** The three most check-worthy sentences, with their scores and kinds. */
function renderClaims(claims: readonly Claim[], text: string, c: Style): string[] {
  if (claims.length === 0) return [`${c.bold('Check-worthy claims')}  none found`];
  const out = [`${c.bold('Check-worthy claims')}  ${claims.length} sentence${claims.length === 1 ? '' : 's'}${claims.length > 3 ? ', the top 3' : ''}`];
  for (const claim of claims.slice(0, 3)) {
    let t = clean(text.slice(claim.start, claim.end)).trim();
    if (t.length > MAX_SHOWN) t = t.slice(0, MAX_SHOWN) + '…';
    const kinds = claim.kinds.length > 0 ? c.dim(` (${claim.kinds.join(', ')})`) : '';
    out.push(`  ${pc(claim.score).padStart(4)}  ${t}${kinds}`);
    for (const m of (claim.matches ?? []).slice(0, 2)) out.push(`        ${renderMatch(m, c)}`);
  }
  // Matches of claims below the top three are not lost from view: counted.
  const more = claims.slice(3).filter((cl) => (cl.matches ?? []).some((m) => m.level === 'confirm')).length;
  if (more > 0) out.push(c.dim(`  ${more} more claim${more === 1 ? '' : 's'} already fact-checked (see --format json)`));
  return out;
}

/** A stored fact-check: stated when confirmed, asked when only suggested. */
function renderMatch(m: ClaimMatch, c: Style): string {
  const by = [m.publisher, m.date?.slice(0, 10)].filter((x) => x !== undefined && x !== '').join(', ');
  const verdict = m.verdictText !== undefined && m.verdictText !== '' ? `${m.verdict} ("${m.verdictText}")` : m.verdict;
  const colour = m.verdict === 'false' || m.verdict === 'mostly-false' ? c.red : m.verdict === 'true' || m.verdict === 'mostly-true' ? c.green : c.yellow;
  let claim = clean(m.claim).trim();
  if (claim.length > 160) claim = claim.slice(0, 159) + '…';
  const head = m.level === 'confirm' ? 'fact-checked:' : 'maybe fact-checked (confirm by eye):';
  return `${c.bold(head)} ${colour(verdict)}${by === '' ? '' : ` — ${by}`}: "${claim}"${m.url !== undefined ? c.dim(` ${m.url}`) : ''}`;
}

function pc(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function fmt(x: number): string {
  return (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(2);
}

/** Longest sentence shown, in visible characters. */
const MAX_SHOWN = 400;

/**
 * The sentence with the explanation's spans inside it marked; a long sentence is cut after MAX_SHOWN
 * visible characters, never inside a colour code (which would leave the terminal coloured).
 */
function highlight(text: string, sentence: Span, marks: (Span & { up: boolean })[], c: Style, colour: boolean): string {
  const inside = marks
    .filter((m) => m.start >= sentence.start && m.end <= sentence.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let shown = 0;
  let at = sentence.start;
  /** Appends visible text, marked or not; false once the sentence is cut. */
  const add = (raw: string, mark?: boolean): boolean => {
    let piece = clean(raw);
    const cut = shown + piece.length > MAX_SHOWN;
    if (cut) piece = piece.slice(0, MAX_SHOWN - shown);
    shown += piece.length;
    if (mark === undefined) out += piece;
    else if (piece !== '') out += colour ? (mark ? c.red(piece) : c.green(piece)) : mark ? `«${piece}»` : `‹${piece}›`;
    if (cut) out += '…';
    return !cut;
  };
  for (const m of inside) {
    if (m.start < at) continue; // overlapping n-grams: the first (longest) wins
    if (!add(text.slice(at, m.start)) || !add(text.slice(m.start, m.end), m.up)) return out;
    at = m.end;
  }
  add(text.slice(at, sentence.end));
  return out;
}

/** One line of article text for a terminal: spaces folded, control characters (escape sequences, NUL) out. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
