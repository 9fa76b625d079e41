/**
 * The engine: loads the models once, then turns Articles into Reports. One Doc per article, shared by
 * every analyser (spaCy's Doc shared by its pipeline components).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../article/article.js';
import { REPORT_SCHEMA, type Report } from '../article/report.js';
import { makeDoc } from '../text/doc.js';
import { TokenKind } from '../text/tokens.js';
import { loadReliability, type LoadedReliability } from '../learn/reliability-file.js';
import { loadStance, type LoadedStance } from '../learn/stance/file.js';
import { loadWorthiness, type LoadedWorthiness } from '../learn/worthiness/file.js';
import { loadNer, recogniseEntities, type LoadedNer } from '../learn/ner/ner.js';
import type { EntityMention } from '../article/entity.js';
import type { Doc } from '../text/doc.js';
import { analyseSourcing } from './sourcing.js';
import { analyseSignals } from './signals.js';
import { loadClickbait, type LoadedClickbait } from '../learn/clickbait/file.js';
import { clickbaitProbability } from '../learn/clickbait/model.js';
import { detectLanguageOfDoc } from '../text/language.js';
import { measureLexical } from '../text/signal-measures.js';
import type { Claim, Entity, LanguageSection, Signal, SourcingSection } from '../article/report.js';
import { analyseClaims, type ClaimMatcher } from './claims.js';
import { analyseHeadline } from './headline.js';
import { analyseReliability } from './reliability.js';

export interface EngineOptions {
  /** The reliability model file; default: the bundled one. */
  reliabilityModel?: string;
  /** The stance model for the headline check; default: the bundled one; null: no headline check. */
  stanceModel?: string | null;
  /** The check-worthiness model for the claims; default: the bundled one; null: no claims section. */
  worthinessModel?: string | null;
  /**
   * Looks a claim sentence up among stored fact-checks (see `claimMatcher` in src/analyse/matches.ts);
   * absent: claims carry no matches.
   */
  matchClaim?: ClaimMatcher;
  /** The entity recogniser; default: the bundled one; null: no entities (sourcing still runs, with fewer names). */
  nerModel?: string | null;
  /** false: no sourcing or entities sections. */
  sourcing?: boolean;
  /** The clickbait headline model for the checklist; default: the bundled one; null: no signals section. */
  clickbaitModel?: string | null;
}

/**
 * The engine options a worker thread can be sent (plain data): model paths, what is turned off, and the
 * fact-check store folder the worker opens itself.
 */
export interface EngineSpec {
  reliabilityModel?: string;
  stanceModel?: string | null;
  worthinessModel?: string | null;
  nerModel?: string | null;
  sourcing?: boolean;
  /** The store folder whose fact-checks the claims are matched against. */
  db?: string;
}

/**
 * One article's report, or the bug met inside it. A worker thread sends the report as its JSON text (one
 * string crosses threads far faster than the object, and JSON lines need nothing more).
 */
export type AnalyzeOutcome = { report: Report } | { json: string } | { error: string; stack?: string };

export function engineOptions(spec: EngineSpec, matchClaim?: ClaimMatcher): EngineOptions {
  const { db: _db, ...rest } = spec;
  return { ...rest, ...(matchClaim !== undefined ? { matchClaim } : {}) };
}

export interface Engine {
  readonly reliability: LoadedReliability;
  readonly stance: LoadedStance | null;
  readonly worthiness: LoadedWorthiness | null;
  readonly ner: LoadedNer | null;
  readonly clickbait: LoadedClickbait | null;
  analyze(article: Article): Report;
}

/** The folder of the bundled models, found from this module's place in the package. */
export function bundledModelsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'models');
    if (existsSync(join(candidate, 'reliability.cdm'))) return candidate;
    dir = dirname(dir);
  }
  return join(dirname(dirname(dirname(fileURLToPath(import.meta.url)))), 'models');
}

export function defaultReliabilityModel(): string {
  return join(bundledModelsDir(), 'reliability.cdm');
}

export function defaultStanceModel(): string {
  return join(bundledModelsDir(), 'stance.cdm');
}

export function defaultWorthinessModel(): string {
  return join(bundledModelsDir(), 'worthiness.cdm');
}

export function defaultClickbaitModel(): string {
  return join(bundledModelsDir(), 'clickbait.cdm');
}

/**
 * Our models read English. Another language is refused only when the detector is fairly sure (a lone
 * line of text gives it little to go on, and an undecided text is read as English).
 */
const NOT_ENGLISH_CONFIDENCE = 0.5;

export function languageOf(doc: Doc): LanguageSection {
  const l = detectLanguageOfDoc(doc);
  const covered = l.code === 'en' || l.code === 'und' || l.confidence < NOT_ENGLISH_CONFIDENCE;
  return { code: l.code, name: l.name, confidence: Math.round(l.confidence * 1000) / 1000, covered };
}

export interface SourcingSections {
  sourcing?: SourcingSection;
  entities?: Entity[];
  signals?: Signal[];
}

/** Quotes, sources and entities, then the checklist that reads them (and the claims, when given). */
export function sourcingSections(engine: Pick<Engine, 'ner' | 'clickbait'>, doc: Doc, language: LanguageSection, words: number, sourcingOn: boolean, claims?: Claim[]): SourcingSections {
  const sourced = sourcingOn ? analyseSourcing(doc, engine.ner === null ? [] : recogniseEntities(doc, engine.ner)) : undefined;
  const signals =
    engine.clickbait === null
      ? undefined
      : analyseSignals({
          doc,
          words,
          language,
          clickbait: clickbaitProbability(engine.clickbait.model, doc),
          ...(sourced !== undefined ? { sourcing: sourced.sourcing } : {}),
          ...(claims !== undefined ? { claims } : {}),
          // The quotes sourcing found, so that first and second person are counted outside the same quotes.
          lexical: sourced !== undefined ? measureLexical(doc, (t) => sourced.quoted[t] === 1) : measureLexical(doc),
        });
  return {
    ...(signals !== undefined ? { signals } : {}),
    ...(sourced !== undefined ? { sourcing: sourced.sourcing, entities: sourced.entities } : {}),
  };
}

export function defaultNerModel(): string {
  return join(bundledModelsDir(), 'ner.cdm');
}

/** The names in a Doc, by the given (default: bundled) recogniser; none when `model` is null. */
export function entityRecogniser(model?: string | null): (doc: Doc) => EntityMention[] {
  if (model === null) return () => [];
  const ner = loadNer(model ?? defaultNerModel());
  return (doc) => recogniseEntities(doc, ner);
}

export function createEngine(opts: EngineOptions = {}): Engine {
  const reliability = loadReliability(opts.reliabilityModel ?? defaultReliabilityModel());
  const stance = opts.stanceModel === null ? null : loadStance(opts.stanceModel ?? defaultStanceModel());
  const worthiness = opts.worthinessModel === null ? null : loadWorthiness(opts.worthinessModel ?? defaultWorthinessModel());
  const sourcingOn = opts.sourcing !== false;
  const ner = !sourcingOn || opts.nerModel === null ? null : loadNer(opts.nerModel ?? defaultNerModel());
  const clickbait = opts.clickbaitModel === null ? null : loadClickbait(opts.clickbaitModel ?? defaultClickbaitModel());
  const engine: Engine = {
    reliability,
    stance,
    worthiness,
    ner,
    clickbait,
    analyze(article: Article): Report {
      const doc = makeDoc(article);
      let words = 0;
      for (let i = 0; i < doc.tokens.length; i++) if (doc.tokens.kind[i] === TokenKind.Word) words++;
      const head: Pick<Report, 'schema' | 'article'> = {
        schema: REPORT_SCHEMA,
        article: {
          id: article.id,
          title: article.title,
          ...(article.label !== undefined ? { label: article.label } : {}),
          ...(article.url !== undefined ? { url: article.url } : {}),
          ...(article.author !== undefined ? { author: article.author } : {}),
          ...(article.published !== undefined ? { published: article.published } : {}),
          ...(article.site !== undefined ? { site: article.site } : {}),
          bodyStart: doc.bodyStart,
          length: doc.text.length,
          words,
        },
      };
      const language = languageOf(doc);
      // Not English: say so, and score nothing rather than score nonsense.
      if (!language.covered) {
        return { ...head, language, ...(clickbait !== null ? { signals: analyseSignals({ doc, words, language, clickbait: null }) } : {}) };
      }
      const headline = stance === null ? undefined : analyseHeadline(doc, stance);
      const claims = worthiness !== null ? analyseClaims(doc, worthiness, opts.matchClaim) : undefined;
      const sections = sourcingSections(engine, doc, language, words, sourcingOn, claims);
      return {
        ...head,
        language,
        ...(sections.signals !== undefined ? { signals: sections.signals } : {}),
        reliability: analyseReliability(doc, reliability),
        ...(headline !== undefined ? { headline } : {}),
        ...(claims !== undefined ? { claims } : {}),
        ...(sections.sourcing !== undefined ? { sourcing: sections.sourcing, entities: sections.entities! } : {}),
      };
    },
  };
  return engine;
}
