import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_PROGRAMME_FILE, envSchema, parseEnv } from '../../bot/config/env.js';
import { ConfigError } from '../../bot/platform/formatIssues.js';
import { loadProgrammeFile, parseProgramme, programmeJsonSchema } from '../../bot/config/programmeSchema.js';

const demo = JSON.parse(readFileSync(DEMO_PROGRAMME_FILE, 'utf8')) as Record<string, unknown>;

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv', () => {
  it('runs with no environment at all, on the documented defaults', () => {
    const config = parseEnv({});
    expect(config).to.include({ port: 3978, host: '127.0.0.1', usingDemoProgramme: true, adminApiToken: undefined, chatLinkTtlHours: 168 });
    expect(config.dataDir).to.match(/\/data$/);
    expect(config.programmeFile).to.equal(DEMO_PROGRAMME_FILE);
  });

  it('lists every problem by key, not just the first', () => {
    const problems = problemsOf(() => parseEnv({ PORT: 'eighty', ADMIN_API_TOKEN: 'short', LOG_LEVEL: 'loud', PUBLIC_BASE_URL: 'ftp://x' }));
    expect(problems.map((p) => p.split(':')[0])).to.have.members(['PORT', 'ADMIN_API_TOKEN', 'LOG_LEVEL', 'PUBLIC_BASE_URL']);
    expect(problems.find((p) => p.startsWith('ADMIN_API_TOKEN'))).to.match(/at least 24 characters/);
    expect(problemsOf(() => parseEnv({ MicrosoftAppId: 'abc' }))).to.deep.equal(['MicrosoftAppPassword: required when MicrosoftAppId is set']);
  });

  it('treats an empty value as unset', () => {
    expect(parseEnv({ ADMIN_API_TOKEN: '', CHAT_LINK_SECRET: '' })).to.include({ adminApiToken: undefined, chatLinkSecret: undefined });
  });

  it('runs without SMS when Twilio is not configured, and with it when it is', () => {
    expect(parseEnv({}).sms).to.equal(undefined);
    const config = parseEnv({
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'f'.repeat(32),
      TWILIO_FROM_NUMBER: '+447700900999',
      PUBLIC_BASE_URL: 'https://linkwell.example.org/',
    });
    expect(config.sms).to.deep.include({ sender: { from: '+447700900999' }, sendRatePerSecond: 1, apiBaseUrl: undefined });
    expect(config.publicBaseUrl).to.equal('https://linkwell.example.org');
  });

  it('names every missing or malformed Twilio setting', () => {
    expect(problemsOf(() => parseEnv({ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}` }))).to.have.members([
      'TWILIO_AUTH_TOKEN: required to send and receive SMS (set both, or neither to run without SMS)',
      'TWILIO_FROM_NUMBER: set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER: the sender of every SMS',
      'PUBLIC_BASE_URL: required with SMS: Twilio signs its webhooks with the public URL it calls',
    ]);
    const problems = problemsOf(() =>
      parseEnv({ TWILIO_ACCOUNT_SID: 'SK123', TWILIO_AUTH_TOKEN: 'x'.repeat(32), TWILIO_FROM_NUMBER: '07700 900999', SMS_SEND_RATE_PER_SECOND: '0' }),
    );
    // Malformed values and keys missing beside them are listed together.
    expect(problems.map((p) => p.split(':')[0])).to.have.members(['TWILIO_ACCOUNT_SID', 'TWILIO_FROM_NUMBER', 'SMS_SEND_RATE_PER_SECOND', 'PUBLIC_BASE_URL']);
  });

  it('documents every key in .env.example and docs/configuration.md', () => {
    const example = readFileSync('.env.example', 'utf8');
    const reference = readFileSync('docs/configuration.md', 'utf8');
    for (const key of Object.keys(envSchema.shape)) {
      expect(example, `.env.example documents ${key}`).to.match(new RegExp(`^#? ?${key}=`, 'm'));
      expect(reference, `docs/configuration.md documents ${key}`).to.contain(`\`${key}\``);
    }
  });
});

describe('parseProgramme', () => {
  it('accepts the shipped demo programme and fills in default wording', () => {
    const programme = parseProgramme(demo, 'demo');
    expect(programme.wording.thanks).to.match(/check-in done/);
    expect(programme.checkIn.instruments).to.deep.equal(['ucla3', 'ons-loneliness']);
  });

  it('names the path of every problem', () => {
    const broken = {
      ...demo,
      timezone: 'Mars/Olympus',
      linkWorkers: [
        { id: 'sam', name: 'Sam', phone: '07700 900101' },
        { id: 'sam', name: 'Sam 2', phone: '+447700900102' },
      ],
      checkIn: { instruments: ['ucla3', 'swemwbs'] },
      wording: { thanks: 'Thanks {firstName}' },
      demoClient: { name: 'Jean', phone: '+447700900001', timezone: 'Europe/London', linkWorkerId: 'nobody' },
    };
    const problems = problemsOf(() => parseProgramme(broken, 'broken.json'));
    expect(problems).to.include.members([
      'programme.timezone: expected an IANA time zone, e.g. Europe/London',
      'programme.linkWorkers[0].phone: expected a phone number in international E.164 form, e.g. +447700900123',
    ]);
    expect(problems.join('\n')).to.match(/programme\.wording\.thanks: unknown placeholder \{firstName\}/);
    // Cross-field checks run once every field parses on its own.
    const crossField = problemsOf(() =>
      parseProgramme(
        { ...broken, timezone: 'Europe/London', linkWorkers: broken.linkWorkers.map((w) => ({ ...w, phone: '+447700900101' })), wording: {} },
        'x',
      ),
    );
    expect(crossField).to.include.members([
      'programme.checkIn.instruments[1]: unknown instrument "swemwbs"; known: ucla3, ons-loneliness, ons4, k6, gss-health, groups, link-worker-relationship, group-belonging',
      'programme.linkWorkers[1].id: duplicate link worker id "sam"',
      'programme.demoClient.linkWorkerId: no link worker with id "nobody"',
    ]);
  });

  it('explains a file that is missing or not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkwell-programme-'));
    writeFileSync(join(dir, 'bad.json'), '{ "id": ');
    for (const [file, expected] of [
      ['missing.json', /cannot read the file \(ENOENT\)/],
      ['bad.json', /not valid JSON/],
    ] as const) {
      const error = await loadProgrammeFile(join(dir, file)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).problems.join()).to.match(expected);
    }
  });
});

describe('npm start with bad configuration', () => {
  const start = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'bot/cli/start.ts'], {
      env: { PATH: process.env.PATH, PORT: '0', ...env },
      cwd: process.cwd(),
    }).then(
      () => {
        throw new Error('start-up should have failed');
      },
      (e: { code: number; stderr: string }) => e,
    );

  it('stops with every problem listed by path and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkwell-start-'));
    writeFileSync(join(dir, 'programme.json'), JSON.stringify({ ...demo, timezone: 'Nowhere/Town', linkWorkers: [] }));
    const result = await start({ PROGRAMME_FILE: join(dir, 'programme.json'), DATA_DIR: join(dir, 'data') });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('programme.timezone: expected an IANA time zone');
    expect(result.stderr).to.contain('programme.linkWorkers: a programme needs at least one link worker');
    expect(result.stderr).not.to.match(/\bat .*\.ts:\d+/);
  });

  it('stops on an unreadable data file, names it, and does not overwrite it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkwell-start-'));
    mkdirSync(join(dir, 'clients'), { recursive: true });
    writeFileSync(join(dir, 'clients', 'index.json'), '{"version":1,"clients":[{"id":');
    const result = await start({ DATA_DIR: dir });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain(`Data file ${join(dir, 'clients', 'index.json')} cannot be read (not valid JSON)`);
    expect(result.stderr).not.to.match(/\bat .*\.ts:\d+/);
    expect(readFileSync(join(dir, 'clients', 'index.json'), 'utf8')).to.equal('{"version":1,"clients":[{"id":');
  });
});

describe('programme schedule configuration', () => {
  it('fills in the documented defaults: weekly at 10:00, a 48 h window with a reminder at 24 h, quiet 21:00-09:00, four waves', () => {
    const { quietHours, checkIn, waves, ending, weeklyCap, lengthWeeks } = parseProgramme(
      { ...demo, quietHours: undefined, checkIn: { instruments: ['ucla3'] } },
      'test',
    );
    expect(quietHours).to.deep.equal({ start: '21:00', end: '09:00' });
    expect(checkIn).to.deep.include({ cadence: 'weekly', day: 'monday', time: '10:00', windowHours: 48, reminders: [{ afterHours: 24 }] });
    expect(waves.map((w) => [w.id, w.at])).to.deep.equal([
      ['baseline', 'enrolment'],
      ['week-8', { weeks: 8 }],
      ['programme-end', 'programmeEnd'],
      ['month-18', { months: 18 }],
    ]);
    expect(ending).to.deep.equal({ noticeWeeksBefore: [4, 2], goodbye: true, followUpUntilMonths: 18 });
    expect([weeklyCap, lengthWeeks]).to.deep.equal([3, 12]);
  });

  it('names every scheduling problem by path, with the value it got', () => {
    const problems = problemsOf(() =>
      parseProgramme(
        {
          ...demo,
          quietHours: { start: '9pm', end: '09:00' },
          checkIn: { instruments: ['ucla3'], time: '25:00', day: 'someday', windowHours: 24, reminders: [{ afterHours: 30 }] },
          waves: [{ id: 'baseline', at: 'enrolment', instruments: ['k7'] }],
          crisisContacts: [{ name: 'Helpline' }],
          ending: { noticeWeeksBefore: [12] },
        },
        'test',
      ),
    );
    expect(problems).to.include.members([
      'programme.quietHours.start: expected HH:mm, got 9pm',
      'programme.checkIn.time: expected HH:mm, got 25:00',
      'programme.crisisContacts[0]: give a phone number or a text instruction',
    ]);
    expect(problems.some((p) => p.startsWith('programme.checkIn.day:'))).to.equal(true);
    // Rules between fields need the fields themselves to be valid first.
    const between = problemsOf(() =>
      parseProgramme(
        {
          ...demo,
          checkIn: { instruments: ['ucla3'], windowHours: 24, reminders: [{ afterHours: 30 }] },
          waves: [{ id: 'baseline', at: 'enrolment', instruments: ['k7'] }],
          ending: { noticeWeeksBefore: [12] },
        },
        'test',
      ),
    );
    expect(between).to.have.members([
      'programme.checkIn.reminders[0].afterHours: must be inside the 24 h window',
      'programme.waves[0].instruments[0]: unknown instrument "k7"; known: ucla3, ons-loneliness, ons4, k6, gss-health, groups, link-worker-relationship, group-belonging',
      "programme.ending.noticeWeeksBefore[0]: must be less than the programme's 12 weeks",
    ]);
  });

  it('publishes the JSON Schema that editors use, kept in step with the validator', () => {
    const committed = JSON.parse(readFileSync('bot/config/programmes/programme.schema.json', 'utf8')) as unknown;
    expect(committed, 'run: npm run programme:check -- --write-schema').to.deep.equal(programmeJsonSchema());
    expect(JSON.parse(readFileSync(DEMO_PROGRAMME_FILE, 'utf8')).$schema).to.equal('./programme.schema.json');
  });
});

describe('npm run programme:check', () => {
  const run = promisify(execFile);
  const check = (...files: string[]) => run(process.execPath, ['--import', 'tsx', 'bot/cli/programmeCheck.ts', ...files]);

  it('says a good file is valid and what it will do, and lists every problem of a bad one with exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkwell-programme-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...demo, checkIn: { instruments: ['ucla3'], time: '25:00' }, quietHours: { start: '21:00', end: '21:00' } }));
    const good = await check(DEMO_PROGRAMME_FILE);
    expect(good.stdout).to.match(/valid\. "Linkwell Demo Programme": 12 weeks.*Check-ins weekly on monday at 10:00 local time/);
    const failed = (await check(bad).catch((e: unknown) => e)) as { code: number; stdout: string; stderr: string };
    expect(failed.code).to.equal(1);
    expect(failed.stdout).to.contain('programme.checkIn.time: expected HH:mm, got 25:00');
    expect(failed.stdout).to.contain('programme.quietHours.end: start and end must differ');
    expect(failed.stderr).not.to.match(/\bat .*\.ts:\d+/);
  });
});
