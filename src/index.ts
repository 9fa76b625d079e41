/** The library entry point: load the models once, then analyse articles read from any supported format. */
export { createEngine, defaultReliabilityModel, defaultStanceModel, type Engine, type EngineOptions } from './analyse/engine.js';
export { claimMatcher } from './analyse/matches.js';
export { Store } from './store/store.js';
export { readDataset, parseSpec, PRESETS, type ReadItem, type ReadOptions, type DatasetSpec } from './ingest/index.js';
export { articleText, type Article, type Label } from './article/article.js';
export { REPORT_SCHEMA, type Report, type ReliabilitySection, type HeadlineSection, type Claim, type ClaimMatch, type Span, type Band } from './article/report.js';
export { CredenceError, UsageError, InputError } from './article/errors.js';
