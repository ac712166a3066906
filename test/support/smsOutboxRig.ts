// Shared by the SMS outbox and delivery report tests.
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { ClientEvent, ClientRecord, OutboundSmsRecord } from '../../storage/records.js';
import { startFakeTwilio, type CallbackStatus, type FakeTwilio } from './fakeTwilio.js';
import { startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp } from './smsTestApp.js';

export const START = DateTime.fromISO('2025-03-04T10:00:00.000Z', { zone: 'utc' });
export const PHONE = '+447700900123';

/** One Linkwell with SMS on, a fake Twilio and a manual clock they share; `restart` keeps the data directory. */
export interface Rig {
  clock: ManualClock;
  fake: FakeTwilio;
  t: SmsTestApp;
  restart(): Promise<void>;
}

const running: Array<{ t: SmsTestApp; fake: FakeTwilio }> = [];

export async function rig(env: Record<string, string> = {}): Promise<Rig> {
  const clock = new ManualClock(START);
  // The fake stamps date_created with the same clock, as reconciliation compares it with ours.
  const fake = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, now: () => clock.now().toJSDate() });
  const t = await startSmsTestApp({ clock, twilio: fake, env });
  const entry = { t, fake };
  running.push(entry);
  const r: Rig = {
    clock,
    fake,
    t,
    async restart() {
      await r.t.close({ keepData: true });
      r.t = await startSmsTestApp({ clock, twilio: fake, env, dataDir: r.t.dataDir });
      entry.t = r.t;
    },
  };
  return r;
}

export async function enrol(t: SmsTestApp, phone = PHONE): Promise<string> {
  const res = await t.admin('/api/admin/clients', {
    method: 'POST',
    body: JSON.stringify({ name: 'Ada', phone, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'sms' }),
  });
  expect(res.status).to.equal(201);
  return ((await res.json()) as ClientRecord).id;
}

export async function clientOf(t: SmsTestApp, id: string): Promise<ClientRecord> {
  return (await (await t.admin(`/api/admin/clients/${id}`)).json()) as ClientRecord;
}

export async function eventsOf(t: SmsTestApp, id: string): Promise<ClientEvent[]> {
  const res = await t.admin(`/api/admin/clients/${id}/responses`);
  return ((await res.json()) as { events: ClientEvent[] }).events;
}

/** Create requests that reached the fake Twilio (accepted or not), oldest first. */
export function creates(fake: FakeTwilio, to = PHONE) {
  return fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json') && r.form.To === to);
}

export function listRequests(fake: FakeTwilio) {
  return fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Messages.json'));
}

export function offsetsMs(requests: ReadonlyArray<{ at: Date }>): number[] {
  return requests.map((r) => r.at.getTime() - START.toMillis());
}

export function readJsonFiles(dir: string): OutboundSmsRecord[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.flatMap((e) =>
    e.isDirectory()
      ? readJsonFiles(join(dir, e.name))
      : e.name.endsWith('.json') && !e.name.startsWith('.')
        ? [JSON.parse(readFileSync(join(dir, e.name), 'utf8')) as OutboundSmsRecord]
        : [],
  );
}

/** The outbox as it is on disk, oldest first. */
export function outbox(t: SmsTestApp, part: 'queue' | 'done' | 'all' = 'all'): OutboundSmsRecord[] {
  const root = join(t.dataDir, 'sms', 'outbox');
  const records = part === 'all' ? [...readJsonFiles(join(root, 'queue')), ...readJsonFiles(join(root, 'done'))] : readJsonFiles(join(root, part));
  return records.sort((a, b) => a.seq - b.seq);
}

export function onlyMessage(t: SmsTestApp): OutboundSmsRecord {
  const records = outbox(t);
  expect(records, 'outbox messages').to.have.length(1);
  return records[0]!;
}

/** Text "hello" and wait for the welcome to be handled by the outbox. */
export async function hello(r: Rig, phone = PHONE): Promise<void> {
  await r.t.text(phone, 'hello');
  await r.t.settle();
}

export async function report(r: Rig, status: CallbackStatus, errorCode?: number, phone = PHONE): Promise<void> {
  const latest = r.fake.messages.filter((m) => m.to === phone).at(-1);
  expect(latest, 'a message at Twilio').to.not.equal(undefined);
  expect(await r.fake.sendStatusCallback(latest!.sid, status, errorCode)).to.equal(204);
  await r.t.settle();
}

/** Close every rig a test started. */
export async function closeRigs(): Promise<void> {
  for (const { t, fake } of running.splice(0)) {
    await t.close();
    await fake.close();
  }
}
