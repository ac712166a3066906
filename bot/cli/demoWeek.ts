import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import twilio from 'twilio';
import { createApp, type App } from '../server/app.js';
import { ManualClock } from '../time/clock.js';
import { DEMO_PROGRAMME_FILE, parseEnv, type AppConfig } from '../config/env.js';
import { ConfigError } from '../platform/formatIssues.js';
import { loadProgrammeFile, type Programme } from '../config/programmeSchema.js';
import { freePort } from '../platform/http/freePort.js';
import { createLogger } from '../platform/logger.js';
import { startLocalTwilio, type LocalText, type LocalTwilio } from '../channels/sms/localTwilio.js';
import { SMS_WEBHOOK_PATH } from '../channels/sms/smsRoutes.js';

// `npm run demo:week`: a week of the demo programme for a few made-up clients, through the real
// server and its SMS channel (against a local stand-in for Twilio), on a clock that jumps from one
// due message to the next. Clients answer what Linkwell asks, matched on the question's words, so
// the demo stays right if timings change, and stops with a clear message if a question is missing.

const USAGE = `Usage: npm run demo:week -- [--start ISO] [--keep]
  --start ISO  when the week starts (default 2026-11-30T08:00, a Monday, Europe/London)
  --keep       keep the temporary data directory (its path is printed at the end)`;

const ZONE = 'Europe/London';
const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const LINKWELL_NUMBER = '+447700900999';

/** A scripted answer: when Linkwell's last text matches `asked`, the client replies `reply` (nothing, if null). */
interface Rule {
  asked: RegExp;
  reply: string | null;
  /** What the demo shows; a shown step that never happens fails the demo. */
  shows?: string;
  used?: boolean;
}

interface Persona {
  name: string;
  phone: string;
  /** What the link worker told the demo: printed before the week starts. */
  about: string;
  groups: Array<{ groupId: string; status: 'going' | 'interested'; nudge: 'day-before' | 'morning-of' | 'off' }>;
  rules: Rule[];
  id?: string;
  linked?: boolean;
}

const BASELINE_DONE = 'the baseline check-in';

/** Answers every client gives after their own: agreeing to the welcome and answering the check-in. */
const andEveryone = (own: Rule[]): Rule[] => [
  ...own,
  { asked: /reply YES/i, reply: 'YES', shows: 'the welcome' },
  { asked: /anything (else )?you'?d like/i, reply: 'no' },
  { asked: /check-in done/i, reply: null, shows: BASELINE_DONE },
  { asked: /reply (with )?(a number|1)|how often/i, reply: '2' },
];

const personas: Persona[] = [
  {
    name: 'Ada',
    phone: '+447700900501',
    about: 'going to the Wednesday walk, with a reminder the day before; she loves it',
    groups: [{ groupId: 'wednesday-walk', status: 'going', nudge: 'day-before' }],
    rules: andEveryone([
      { asked: /Walking Group tomorrow .*Reply 1 if you're going/s, reply: '1', shows: 'the nudge the day before' },
      { asked: /did you make it to Wednesday Walking Group/, reply: 'yes', shows: 'the follow-up' },
      { asked: /How was it\?/, reply: 'Lovely people, we walked by the river', shows: 'how it went' },
      { asked: /Did you feel welcome\?/, reply: '1', shows: 'the fit question' },
    ]),
  },
  {
    name: 'Bill',
    phone: '+447700900502',
    about: "going to the walk and the choir; couldn't get a lift to the walk, and the choir was cancelled",
    groups: [
      { groupId: 'wednesday-walk', status: 'going', nudge: 'day-before' },
      { groupId: 'community-choir', status: 'going', nudge: 'day-before' },
    ],
    rules: andEveryone([
      { asked: /Walking Group tomorrow .*Reply 1 if you're going/s, reply: '2', shows: 'the walk nudge' },
      { asked: /Reply with one or more numbers:\n1 Transport/, reply: "couldn't get a lift", shows: 'the barrier menu' },
      { asked: /Community Choir tomorrow .*Reply 1 if you're going/s, reply: '1', shows: 'the choir nudge' },
      { asked: /did you make it to Community Choir/, reply: 'no it was cancelled, nobody there', shows: 'the choir follow-up' },
    ]),
  },
  {
    name: 'Cath',
    phone: '+447700900503',
    about: 'interested in the walk, with a reminder the morning of; nervous of going alone',
    groups: [{ groupId: 'wednesday-walk', status: 'interested', nudge: 'morning-of' }],
    rules: andEveryone([
      { asked: /Walking Group today .*Reply 1 if you're going/s, reply: 'too nervous to go on my own', shows: 'the nudge on the morning' },
      { asked: /Would it help if someone came with you/, reply: 'yes please', shows: 'the offer of company' },
    ]),
  },
  {
    name: 'Dev',
    phone: '+447700900504',
    about: 'SAFETY EXAMPLE: answers the welcome by saying he wants to end it all, to show the crisis reply and the staff alert',
    groups: [],
    // With an alert open Linkwell sends him nothing more until staff resolve it.
    rules: [
      { asked: /reply YES/i, reply: 'I want to end it all', shows: 'the welcome' },
      { asked: /Please get help now/, reply: null, shows: 'the crisis reply' },
      { asked: /I've let Priya Shah know/, reply: null, shows: 'that his link worker was told' },
    ],
  },
];

class DemoFailure extends Error {
  override readonly name = 'DemoFailure';
}

const { values } = parseArgs({ options: { start: { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const start = DateTime.fromISO(values.start ?? '2026-11-30T08:00', { zone: ZONE });
if (!start.isValid) {
  process.stderr.write(`--start "${values.start}" is not a date and time, e.g. 2026-11-30T08:00.\n${USAGE}\n`);
  process.exit(1);
}

/** Enrol, link, and play the week, then print what the link worker sees. */
async function runWeek(app: App, demo: Demo): Promise<void> {
  process.stdout.write(`A week of ${demo.programme.name}, from ${start.toFormat('cccc d LLLL yyyy HH:mm')} (${ZONE}).\n`);
  for (const persona of personas) {
    const created = await demo.admin('POST', '/api/admin/clients', {
      name: persona.name,
      phone: persona.phone,
      timezone: ZONE,
      linkWorkerId: 'priya',
      channel: 'sms',
    });
    persona.id = (created as { id: string }).id;
    process.stdout.write(`Enrolled ${persona.name} (${persona.phone}): ${persona.about}.\n`);
  }
  const end = start.plus({ days: 7 });
  for (let passes = 0; clock.now() < end; passes++) {
    if (passes > 2000) throw new DemoFailure('the week did not finish after 2000 scheduler passes');
    await app.scheduler.tick();
    const busy = await demo.converse();
    await demo.linkWhenReady();
    // A reply makes the scheduler look at that client afresh: run it again before moving on.
    if (busy) continue;
    const due = app.scheduler.nextDue();
    const now = clock.now();
    clock.set(due && due > now ? DateTime.min(due, end) : DateTime.min(now.plus({ minutes: 15 }), end));
  }
  const missing = personas.flatMap((p) => p.rules.filter((r) => r.shows && !r.used).map((r) => `${p.name}: ${r.shows} (${r.asked})`));
  if (missing.length > 0) throw new DemoFailure(`Linkwell never asked what the demo expects by the end of the week:\n  ${missing.join('\n  ')}`);
  await demo.printSummary();
}

/** The running server as the demo's clients and link worker see it. */
class Demo {
  private seen = 0;
  private pending: LocalText[] = [];
  private day = '';

  constructor(
    private readonly app: App,
    private readonly local: LocalTwilio,
    private readonly config: Readonly<AppConfig>,
    readonly programme: Programme,
  ) {}

  /** Call the admin API; throws a DemoFailure unless it answers 2xx. */
  async admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.config.publicBaseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.config.adminApiToken}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new DemoFailure(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  }

  /**
   * Print what Linkwell sent, one client's conversation at a time, each client answering its last
   * question until it has nothing to say. Returns whether anyone replied.
   */
  async converse(): Promise<boolean> {
    let replied = false;
    await this.settle();
    for (const persona of personas) {
      for (;;) {
        const mine = this.take((to) => to === persona.phone);
        if (mine.length === 0) break;
        for (const text of mine) this.line(`Linkwell -> ${persona.name}`, text.body);
        this.printStaffTexts();
        // Texts that need no answer (the crisis reply) still count as shown.
        for (const rule of persona.rules) if (rule.reply === null && mine.some((t) => rule.asked.test(t.body))) rule.used = true;
        const reply = answer(persona, mine.at(-1)!.body);
        if (reply === null) break;
        this.line(`${persona.name} -> Linkwell`, reply);
        await this.text(persona.phone, reply);
        await this.settle();
        replied = true;
      }
    }
    this.printStaffTexts();
    return replied;
  }

  private printStaffTexts(): void {
    for (const text of this.take((to) => !personas.some((p) => p.phone === to))) this.line(`Linkwell -> ${this.who(text.to)}`, text.body);
  }

  /** Texts sent since the last look, to whoever `to` picks, oldest first; the rest wait their turn. */
  private take(to: (phone: string) => boolean): LocalText[] {
    this.pending.push(...this.local.sent.slice(this.seen));
    this.seen = this.local.sent.length;
    const taken = this.pending.filter((t) => to(t.to));
    this.pending = this.pending.filter((t) => !to(t.to));
    return taken;
  }

  /** Once a client has done the baseline check-in, their link worker links them to their groups. */
  async linkWhenReady(): Promise<void> {
    for (const persona of personas) {
      if (persona.linked || !persona.rules.find((r) => r.shows === BASELINE_DONE)?.used) continue;
      persona.linked = true;
      for (const { groupId, ...link } of persona.groups) {
        await this.admin('PUT', `/api/admin/clients/${persona.id}/groups/${groupId}`, { ...link, changedBy: 'Priya Shah' });
        this.line('Priya Shah (link worker)', `links ${persona.name} to ${groupId}: ${link.status}, reminder ${link.nudge}`);
      }
    }
  }

  async printSummary(): Promise<void> {
    process.stdout.write('\n== What the link worker sees (admin API) ==\n');
    for (const persona of personas.filter((p) => p.groups.length > 0)) {
      const seen = (await this.admin('GET', `/api/admin/clients/${persona.id}/attendance`)) as AttendanceView;
      const { went, didnt, unknown, barriers, fit, openTasks } = seen.summary;
      process.stdout.write(
        `\n${persona.name}: attendance went ${went}, didn't ${didnt}, unknown ${unknown}; ` +
          `barriers ${list(barriers)}; felt welcome ${list(fit)}; open tasks ${openTasks}\n`,
      );
      for (const a of seen.attendance) {
        const said = [a.barrierText && `"${a.barrierText}"`, a.howItWent && `"${a.howItWent}"`].filter(Boolean).join(' ');
        process.stdout.write(`  ${a.sessionKey} ${a.groupName}: ${a.intention}, ${a.attendance}${said ? ` ${said}` : ''}\n`);
      }
      for (const task of seen.tasks) process.stdout.write(`  task (${task.state}): ${task.kind} ${task.detail}\n`);
    }
    for (const group of this.programme.groups) {
      const view = (await this.admin('GET', `/api/admin/groups/${group.id}`)) as GroupView;
      if (!view.needsVerification && view.flags.length === 0) continue;
      process.stdout.write(`\nDirectory: ${view.name} needs checking${view.needsVerification ? '' : ' (not yet marked)'}:\n`);
      for (const flag of view.flags) process.stdout.write(`  ${flag.reason} for ${flag.sessionKey}\n`);
    }
  }

  /** Post a text to /api/sms, signed as Twilio signs it. */
  private async text(from: string, body: string): Promise<void> {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const form = {
      MessageSid: sid,
      SmsMessageSid: sid,
      SmsSid: sid,
      AccountSid: ACCOUNT_SID,
      From: from,
      To: LINKWELL_NUMBER,
      Body: body,
      NumMedia: '0',
      NumSegments: '1',
      ApiVersion: '2010-04-01',
    };
    const url = `${this.config.publicBaseUrl}${SMS_WEBHOOK_PATH}`;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(this.config.sms!.authToken, url, form),
      },
      body: new URLSearchParams(form).toString(),
    });
    if (res.status !== 200) throw new DemoFailure(`the SMS webhook answered ${res.status} to ${from}'s text`);
  }

  private async settle(): Promise<void> {
    await this.app.sms!.inbound.idle();
    await this.app.sms!.dispatcher.idle();
  }

  /** A client's or staff member's name: the transcript shows no numbers. */
  private who(phone: string): string {
    const persona = personas.find((p) => p.phone === phone);
    if (persona) return persona.name;
    const staff = [...this.programme.linkWorkers, ...this.programme.dutyContacts].find((s) => s.phone === phone);
    return staff ? `staff ${staff.name}` : 'someone else';
  }

  private line(who: string, body: string): void {
    const local = clock.now().setZone(ZONE);
    const day = local.toFormat('cccc d LLLL');
    if (day !== this.day) process.stdout.write(`\n== ${day} ==\n`);
    this.day = day;
    const prefix = `${local.toFormat('ccc d LLL HH:mm')}  ${who}: `;
    process.stdout.write(`${prefix}${body.split('\n').join(`\n${' '.repeat(prefix.length)}`)}\n`);
  }
}

/** What the persona says to Linkwell's last text; null when it needs no answer. */
function answer(persona: Persona, asked: string): string | null {
  const rule = persona.rules.find((r) => r.asked.test(asked));
  if (rule) {
    rule.used = true;
    return rule.reply;
  }
  if (/\?|\breply\b/i.test(asked)) throw new DemoFailure(`Linkwell asked ${persona.name} something the demo has no answer for:\n  "${asked}"`);
  return null;
}

function list(counts: Record<string, number>): string {
  const given = Object.entries(counts).filter(([, n]) => n > 0);
  return given.length === 0 ? 'none' : given.map(([key, n]) => `${key} ${n}`).join(', ');
}

interface AttendanceView {
  summary: { went: number; didnt: number; unknown: number; barriers: Record<string, number>; fit: Record<string, number>; openTasks: number };
  attendance: Array<{ sessionKey: string; groupName: string | null; intention: string; attendance: string; barrierText?: string; howItWent?: string }>;
  tasks: Array<{ kind: string; detail: string; state: string }>;
}

interface GroupView {
  name: string;
  needsVerification: boolean;
  flags: Array<{ reason: string; sessionKey: string }>;
}

// Last, so the classes above exist when it runs.
const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-demo-week-'));
const clock = new ManualClock(start);
let app: App | undefined;
let local: LocalTwilio | undefined;
try {
  const programme = await loadProgrammeFile(DEMO_PROGRAMME_FILE);
  const authToken = randomBytes(16).toString('hex');
  local = await startLocalTwilio(ACCOUNT_SID, authToken, () => clock.now().toJSDate());
  const port = await freePort();
  const config = parseEnv({
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    ADMIN_API_TOKEN: randomBytes(24).toString('hex'),
    CHAT_LINK_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'error',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_FROM_NUMBER: LINKWELL_NUMBER,
    TWILIO_API_BASE_URL: local.url,
    SMS_SEND_RATE_PER_SECOND: '1000',
  });
  app = await createApp({ config, programme, clock, scheduler: 'manual', log: createLogger('error', clock, (line) => process.stderr.write(`${line}\n`)) });
  await app.listen();
  await runWeek(app, new Demo(app, local, config, programme));
  process.stdout.write('\nThe demo week ran as scripted.\n');
} catch (error) {
  if (!(error instanceof DemoFailure || error instanceof ConfigError)) throw error;
  process.stderr.write(`\nThe demo stopped: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  await app?.close();
  await local?.close();
  if (values.keep) process.stdout.write(`Data kept in ${dataDir}\n`);
  else rmSync(dataDir, { recursive: true, force: true });
}
