import type { z } from 'zod';
import { instrumentIssues } from './instrumentIssues.js';
import { instrumentFields } from './instrumentShape.js';

// The shapes and their types are in instrumentShape.ts, so the rules (instrumentIssues, itemAnswers,
// scoreInstrument) can use the types without importing the schema that uses the rules.
export * from './instrumentShape.js';

/** An instrument, its items and scoring, with every rule between them checked (see instrumentIssues). */
export const instrumentSchema = instrumentFields.superRefine((instrument, ctx) => {
  for (const issue of instrumentIssues(instrument)) ctx.addIssue({ code: 'custom', ...issue });
});

export type InstrumentInput = z.input<typeof instrumentSchema>;
