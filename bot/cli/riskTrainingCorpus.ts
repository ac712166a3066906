import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { TrainingMessage } from '../../dialogs/safety/classifier/trainRiskModel.js';

const TRAINING = new URL('../../dialogs/safety/training/', import.meta.url);

const line = z.object({ text: z.string().min(1).max(4000), label: z.enum(['urgent', 'same-day', 'routine']).nullable() });

/**
 * The risk classifier's training corpus: every dialogs/safety/training/*.jsonl, validated line by
 * line (a bad line names its file and line), the same message once; with the SHA-256 of the files
 * as read, which the trained model keeps so that a stale model can be told.
 */
export function readTrainingCorpus(): { messages: TrainingMessage[]; sha256: string } {
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const messages: TrainingMessage[] = [];
  const files = readdirSync(TRAINING)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  for (const file of files) {
    const text = readFileSync(new URL(file, TRAINING), 'utf8');
    hash.update(text);
    text.split('\n').forEach((raw, i) => {
      if (!raw.trim()) return;
      const parsed = line.safeParse(JSON.parse(raw));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      const key = parsed.data.text.toLowerCase().replace(/\s+/g, ' ').trim();
      if (seen.has(key)) return;
      seen.add(key);
      messages.push(parsed.data);
    });
  }
  return { messages, sha256: hash.digest('hex') };
}
