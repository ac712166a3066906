import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../platform/formatIssues.js';
import { loadProgrammeFile, programmeJsonSchema, type Programme } from '../config/programmeSchema.js';
import { PROJECT_ROOT } from '../platform/projectRoot.js';

// `npm run programme:check -- FILE...`: validate programme files, listing every problem by path.
// `npm run programme:check -- --write-schema`: rewrite bot/config/programmes/programme.schema.json.

export const SCHEMA_FILE = join(PROJECT_ROOT, 'bot', 'config', 'programmes', 'programme.schema.json');

const args = process.argv.slice(2);
if (args.includes('--write-schema')) {
  writeFileSync(SCHEMA_FILE, `${JSON.stringify(programmeJsonSchema(), null, 2)}\n`);
  process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
} else if (args.length === 0) {
  process.stderr.write('Usage: npm run programme:check -- FILE [FILE...]\n');
  process.exitCode = 1;
} else {
  for (const file of args) {
    try {
      process.stdout.write(`${file}: valid. ${summary(await loadProgrammeFile(file))}\n`);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stdout.write(`${error.message}\n`);
      process.exitCode = 1;
    }
  }
}

function summary(p: Programme): string {
  const cadence = typeof p.checkIn.cadence === 'string' ? p.checkIn.cadence : `on ${p.checkIn.cadence.weekdays.join(', ')}`;
  return [
    `"${p.name}": ${p.lengthWeeks} weeks, ${p.linkWorkers.length} link worker(s), ${p.dutyContacts.length} duty contact(s), ${p.crisisContacts.length} crisis contact(s).`,
    `Check-ins ${cadence}${typeof p.checkIn.cadence === 'string' ? ` on ${p.checkIn.day}` : ''} at ${p.checkIn.time} local time (${p.checkIn.instruments.join(', ')}), open ${p.checkIn.windowHours} h.`,
    `Waves: ${p.waves.map((w) => w.id).join(', ')}. Quiet hours ${p.quietHours.start}-${p.quietHours.end}; at most ${p.weeklyCap} messages a week.`,
    `Groups: ${p.groups.length === 0 ? 'none listed' : p.groups.map((g) => `${g.name} (${g.status})`).join(', ')}.`,
  ].join(' ');
}
