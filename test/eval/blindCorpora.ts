// The blind corpora: written by people who never saw the lexicon, the concepts or the model, given
// only the tier and option definitions; kept in test/eval/blind and never used to tune anything.
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const BLIND = new URL('./blind/', import.meta.url);

const riskLine = z.object({
  text: z.string(),
  label: z.enum(['urgent', 'same-day', 'routine']).nullable(),
  kind: z.string(),
  voice: z.string(),
  inAnswerTo: z.object({ instrumentId: z.string(), itemId: z.string(), answerKey: z.number() }).nullable(),
});
export type BlindRiskEntry = z.infer<typeof riskLine> & { file: string };

const answerLine = z.object({
  instrumentId: z.string(),
  itemId: z.string(),
  reply: z.string(),
  expected: z.union([z.number(), z.literal('reask'), z.literal('skip')]),
  kind: z.string(),
});
export type BlindAnswerEntry = z.infer<typeof answerLine> & { file: string };

/** The blind corpus files of one kind ("risk-", "answers-"), oldest first. */
export function blindFiles(prefix: 'risk-' | 'answers-'): string[] {
  return readdirSync(BLIND)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
    .sort();
}

function readLines<T>(prefix: 'risk-' | 'answers-', schema: z.ZodType<T>, only?: string): (T & { file: string })[] {
  const files = blindFiles(prefix).filter((f) => !only || f === only);
  return files.flatMap((file) =>
    readFileSync(new URL(file, BLIND), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l, i) => {
        const parsed = schema.safeParse(JSON.parse(l));
        if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
        return { ...parsed.data, file };
      }),
  );
}

/** Every blind risk message (test/eval/blind/risk-*.jsonl). */
export const blindRiskCorpus = (file?: string): BlindRiskEntry[] => readLines('risk-', riskLine, file);
/** Every blind answer (test/eval/blind/answers-*.jsonl). */
export const blindAnswerCorpus = (file?: string): BlindAnswerEntry[] => readLines('answers-', answerLine, file);
