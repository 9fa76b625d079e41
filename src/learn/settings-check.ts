/** Settings given by people (`--set`, configs) checked against a zod schema: the first problem, named. */
import type { z } from 'zod';
import { didYouMean, UsageError } from '../article/errors.js';

export function checkSettings<T>(schema: z.ZodType, s: T, where: string): T {
  const r = schema.safeParse(s);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    let hint = '';
    if (issue.code === 'invalid_value') {
      // An enum typo: name the value given and the closest allowed one.
      const given = issue.path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown> | undefined)?.[k], s);
      if (typeof given === 'string') hint = `; got "${given}"${didYouMean(given, issue.values.map(String))}`;
    }
    throw new UsageError('E_CONFIG', `${where}: setting "${issue.path.join('.')}": ${issue.message}${hint}`);
  }
  return s;
}
