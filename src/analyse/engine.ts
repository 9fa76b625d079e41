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
}

export interface Engine {
  readonly reliability: LoadedReliability;
  readonly stance: LoadedStance | null;
  readonly worthiness: LoadedWorthiness | null;
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

export function createEngine(opts: EngineOptions = {}): Engine {
  const reliability = loadReliability(opts.reliabilityModel ?? defaultReliabilityModel());
  const stance = opts.stanceModel === null ? null : loadStance(opts.stanceModel ?? defaultStanceModel());
  const worthiness = opts.worthinessModel === null ? null : loadWorthiness(opts.worthinessModel ?? defaultWorthinessModel());
  return {
    reliability,
    stance,
    worthiness,
    analyze(article: Article): Report {
      const doc = makeDoc(article);
      const headline = stance === null ? undefined : analyseHeadline(doc, stance);
      let words = 0;
      for (let i = 0; i < doc.tokens.length; i++) if (doc.tokens.kind[i] === TokenKind.Word) words++;
      return {
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
        reliability: analyseReliability(doc, reliability),
        ...(headline !== undefined ? { headline } : {}),
        ...(worthiness !== null ? { claims: analyseClaims(doc, worthiness, opts.matchClaim) } : {}),
      };
    },
  };
}
