import type { InputError } from '../../article/errors.js';
import type { FactCheckInput } from '../factchecks.js';

/** What an importer yields: a fact-check to store, or one bad record (reported, skipped). */
export type ImportItem = { kind: 'fact-check'; factCheck: FactCheckInput } | { kind: 'error'; error: InputError };
