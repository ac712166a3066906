import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { instrumentSchema, type Instrument } from '../../dialogs/instruments/instrumentSchema.js';
import { wordingSchema } from '../../dialogs/wording.js';
import { e164, ianaTimeZone, slug } from './fieldSchemas.js';
import { ConfigError, formatIssues } from './formatIssues.js';

const linkWorkerSchema = z.object({
  id: slug,
  name: z.string().min(1),
  phone: e164,
  email: z.email().optional(),
});

export const programmeSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    timezone: ianaTimeZone,
    linkWorkers: z.array(linkWorkerSchema).min(1, 'a programme needs at least one link worker'),
    /** A programme's own instruments (e.g. one it holds a licence for), beside the built-in ones. */
    instruments: z.array(instrumentSchema).default([]),
    checkIn: z.object({
      /** Asked in this order; UCLA-3 before the ONS direct question when both are used. */
      instruments: z.array(slug).min(1),
    }),
    wording: wordingSchema.prefault({}),
    /** Seeded at start-up so a new install can try a check-in at once. Demo programmes only. */
    demoClient: z
      .object({ name: z.string().min(1), phone: e164, timezone: ianaTimeZone, linkWorkerId: slug })
      .optional(),
  })
  .superRefine((programme, ctx) => {
    const known = new Set([...builtinInstruments.keys(), ...programme.instruments.map((i) => i.id)]);
    programme.checkIn.instruments.forEach((id, i) => {
      if (!known.has(id)) {
        ctx.addIssue({ code: 'custom', path: ['checkIn', 'instruments', i], message: `unknown instrument "${id}"; known: ${[...known].join(', ')}` });
      }
    });
    const workerIds = programme.linkWorkers.map((w) => w.id);
    programme.linkWorkers.forEach((w, i) => {
      if (workerIds.indexOf(w.id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['linkWorkers', i, 'id'], message: `duplicate link worker id "${w.id}"` });
      }
    });
    if (programme.demoClient && !workerIds.includes(programme.demoClient.linkWorkerId)) {
      ctx.addIssue({ code: 'custom', path: ['demoClient', 'linkWorkerId'], message: `no link worker with id "${programme.demoClient.linkWorkerId}"` });
    }
  });

export type Programme = z.infer<typeof programmeSchema>;
export type LinkWorker = Programme['linkWorkers'][number];

/** Validate a parsed programme document; every problem is listed by path. */
export function parseProgramme(data: unknown, source: string): Programme {
  const result = programmeSchema.safeParse(data);
  if (!result.success) throw new ConfigError(source, formatIssues(result.error.issues, 'programme'));
  return Object.freeze(result.data);
}

/** Read and validate a programme file. */
export async function loadProgrammeFile(path: string): Promise<Programme> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseProgramme(data, path);
}

/** The instruments a programme's routine check-in asks, in order. */
export function checkInInstruments(programme: Programme): Instrument[] {
  const own = new Map(programme.instruments.map((i) => [i.id, i]));
  return programme.checkIn.instruments.map((id) => own.get(id) ?? builtinInstruments.get(id)!);
}
