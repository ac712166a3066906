import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { CheckInRecord, ClientEvent, ItemResponseRecord, NoteRecord } from '../../storage/records.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { smsConversation } from '../support/smsConversation.js';
import { startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp } from '../support/smsTestApp.js';

const PHONE = '+447700900555';
// Tuesday 24 November 2026, noon in London (UTC in winter). The demo programme checks in on
// Mondays at 10:00 with a 48-hour window and a reminder after 24 hours; quiet hours 21:00–09:00.
const ENROLLED = DateTime.fromISO('2026-11-24T12:00:00Z', { zone: 'utc' });
/** The first text of each kind of message the scheduler starts: welcome, check-in intro, reminder, notice, goodbye. */
const STARTERS = /Reply YES|quick questions|reminder|ends in \d+ weeks|Today your time/;
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });

interface History {
  checkIns: CheckInRecord[];
  responses: ItemResponseRecord[];
  notes: NoteRecord[];
  events: ClientEvent[];
}

describe('ScheduleDispatcher (SMS, end to end on a fake clock)', () => {
  let twilio: FakeTwilio;
  let t: SmsTestApp;
  let clock: ManualClock;
  let clientId: string;

  beforeEach(async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    clock = new ManualClock(ENROLLED);
    t = await startSmsTestApp({ clock, twilio });
  });

  afterEach(async () => {
    await t.close();
    await twilio.close();
  });

  async function enrol(timezone = 'Europe/London'): Promise<void> {
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Dorothy Pike', phone: PHONE, timezone, linkWorkerId: 'priya', channel: 'sms' }),
    });
    expect(created.status).to.equal(201);
    clientId = ((await created.json()) as { id: string }).id;
  }

  const tickAt = (when?: DateTime): Promise<string[]> => smsConversation(t, twilio, clock, PHONE).tickAt(when);
  const say = (text: string): Promise<string[]> => smsConversation(t, twilio, clock, PHONE).say(text);

  /** Enrolled Tuesday noon, welcomed, agreed, and the baseline check-in answered in full. */
  async function enrolledAndBaselineDone(): Promise<void> {
    await enrol();
    expect(await tickAt()).to.have.length(1);
    await say('YES');
    const baseline = await tickAt();
    expect(baseline[0]).to.match(/quick questions/);
    await answerAll(baseline);
    expect((await history()).checkIns.map((c) => c.status)).to.deep.equal(['completed']);
  }

  /** Answer every question of the check-in just started ("2" fits every item), then "no" to the open question. */
  async function answerAll(started: string[]): Promise<void> {
    let last = started;
    for (let n = 0; !last.some((m) => /check-in done/.test(m)); n += 1) {
      expect(n).to.be.below(30, `stuck at: ${last.join(' / ')}`);
      last = await say(last.some((m) => /anything you'd like/i.test(m)) ? 'no' : '2');
    }
  }

  const history = async () => (await (await t.admin(`/api/admin/clients/${clientId}/responses`)).json()) as History;
  const ledger = () => t.app.store.schedule.read(clientId);
  const routineKey = (local: string) => `${clientId}|routine|check-in|${local}`;

  async function restart(): Promise<void> {
    await t.close({ keepData: true });
    t = await startSmsTestApp({ clock, twilio, dataDir: t.dataDir });
  }

  it('welcomes a client enrolled late in the evening the next morning, and asks nothing before they agree', async () => {
    clock.set(at('2026-11-24T22:30'));
    await enrol();
    expect(await tickAt()).to.deep.equal([], 'nothing in quiet hours');
    expect(await tickAt(at('2026-11-25T08:59'))).to.deep.equal([]);
    const welcome = await tickAt(at('2026-11-25T09:00'));
    expect(welcome).to.have.length(1);
    expect(welcome[0]).to.match(/Linkwell.*automated.*Priya Shah.*Reply YES/s);
    expect(await tickAt(at('2026-11-25T09:05'))).to.deep.equal([], 'the welcome goes once');

    // Monday's check-in is not sent without consent; it is recorded as skipped for that reason.
    expect(await tickAt(at('2026-11-30T10:00'))).to.deep.equal([]);
    expect(await tickAt(at('2026-12-02T10:00'))).to.deep.equal([]);
    expect((await ledger()).decided[routineKey('2026-11-30T10:00')]).to.include({ outcome: 'skipped', reason: 'no-consent' });
  });

  it('starts the baseline check-in as soon as the client agrees, inside its window', async () => {
    await enrol();
    await tickAt();
    expect(await say('yes please')).to.have.length(1);
    const sent = await tickAt(ENROLLED.plus({ minutes: 5 }));
    expect(sent[0]).to.match(/Hi Dorothy.*quick questions/s);
    expect(sent[1]).to.match(/companionship/i);
    const [baseline] = (await history()).checkIns;
    expect(baseline).to.include({ kind: 'wave', status: 'open' });
    expect(baseline!.occurrenceKey).to.match(/\|wave\|baseline\|/);
  });

  it('plans a client whose check-in it has just started once, in the same pass: nothing is left to look at a second later', async () => {
    await enrolledAndBaselineDone();
    clock.set(at('2026-11-30T10:00'));
    const monday = await t.app.scheduler.tick();
    expect(monday).to.include({ sent: 1, failed: 0 });
    await t.settle();
    expect(t.sentTo(PHONE)[0]).to.match(/quick questions/);
    // The check-in it opened is in the plan already: its reminder (after 24 hours) is the next thing due.
    expect(t.app.scheduler.nextDue()?.toISO()).to.equal('2026-12-01T10:00:00.000Z');
    clock.set(at('2026-11-30T10:00:02'));
    expect(await t.app.scheduler.tick()).to.deep.equal({ planned: 0, sent: 0, skipped: 0, failed: 0 });
  });

  it('sends a routine check-in once, however often it runs and across a restart', async () => {
    await enrolledAndBaselineDone();
    expect(await tickAt(at('2026-11-30T09:59'))).to.deep.equal([]);
    const monday = await tickAt(at('2026-11-30T10:00'));
    expect(monday[0]).to.match(/quick questions/);
    expect(await tickAt()).to.deep.equal([]);
    await restart();
    expect(await tickAt(at('2026-11-30T10:01'))).to.deep.equal([]);
    expect((await history()).checkIns.filter((c) => c.kind === 'routine')).to.have.length(1);
    expect((await ledger()).decided[routineKey('2026-11-30T10:00')]).to.include({ outcome: 'sent' });
  });

  it('never sends twice when it stopped between sending and recording the send', async () => {
    await enrolledAndBaselineDone();
    const schedule = t.app.store.schedule;
    const settle = schedule.settle.bind(schedule);
    schedule.settle = async (...args) => {
      if (args[2].outcome === 'sent') throw new Error('simulated crash after the send');
      return settle(...args);
    };
    const monday = await tickAt(at('2026-11-30T10:00'));
    expect(monday[0]).to.match(/quick questions/);
    expect(Object.keys((await ledger()).claimed)).to.deep.equal([routineKey('2026-11-30T10:00')]);

    await restart();
    expect(await tickAt(at('2026-11-30T10:02'))).to.deep.equal([]);
    const after = await ledger();
    expect(after.claimed).to.deep.equal({});
    expect(after.decided[routineKey('2026-11-30T10:00')]).to.include({ outcome: 'sent' });
  });

  it('sends once a check-in it claimed but had not sent when it stopped', async () => {
    await enrolledAndBaselineDone();
    clock.set(at('2026-11-30T10:00'));
    expect(await t.app.store.schedule.claim(clientId, routineKey('2026-11-30T10:00'), clock.now().toISO()!)).to.equal(true);
    await restart();
    const sent = await tickAt(at('2026-11-30T10:03'));
    expect(sent[0]).to.match(/quick questions/);
    expect(await tickAt()).to.deep.equal([]);
  });

  it('sends once, as the same check-in, one whose turn failed after it started and before its first question was queued', async () => {
    await enrolledAndBaselineDone();
    // The check-in's record is written as it starts; the crash comes before its first text is queued.
    const outbox = t.app.store.smsOutbox;
    outbox.add = async () => {
      throw new Error('simulated crash before the first question was queued');
    };
    expect(await tickAt(at('2026-11-30T10:00'))).to.deep.equal([]);
    expect((await history()).checkIns.filter((c) => c.kind === 'routine').map((c) => c.status)).to.deep.equal(['open']);

    await restart();
    const sent = await tickAt(at('2026-11-30T10:03'));
    expect(sent[0]).to.match(/quick questions/);
    expect(await tickAt(at('2026-11-30T10:10'))).to.deep.equal([]);
    // Started again, it is the same check-in: one record, and the answers go to it.
    await say('2');
    const routine = (await history()).checkIns.filter((c) => c.kind === 'routine');
    expect(routine).to.have.length(1);
    expect((await history()).responses.filter((r) => r.checkInId === routine[0]!.id)).to.have.length(1);
    expect((await ledger()).decided[routineKey('2026-11-30T10:00')]).to.include({ outcome: 'sent' });
  });

  it('sends a check-in whose record was written but whose first question never reached the outbox when the process died', async () => {
    await enrolledAndBaselineDone();
    // What a SIGKILL mid-turn leaves: the claim, and the check-in's record (written as it starts), but no text queued.
    clock.set(at('2026-11-30T10:00'));
    const key = routineKey('2026-11-30T10:00');
    expect(await t.app.store.schedule.claim(clientId, key, clock.now().toISO()!)).to.equal(true);
    await t.app.store.clients.startCheckIn({
      id: 'c0ffee00-0000-4000-8000-000000000001',
      clientId,
      channel: 'sms',
      instrumentIds: ['ucla3'],
      status: 'open',
      startedAt: clock.now().toISO()!,
      kind: 'routine',
      occurrenceKey: key,
      expiresAt: clock.now().plus({ hours: 48 }).toISO()!,
    });
    await restart();
    const sent = await tickAt(at('2026-11-30T10:03'));
    expect(sent[0], 'the record alone is no proof it was sent').to.match(/quick questions/);
    expect(await tickAt(at('2026-11-30T10:10'))).to.deep.equal([]);
    expect((await ledger()).decided[key]).to.include({ outcome: 'sent' });
  });

  it('reminds once after a day when nobody answered, and not at all when they did', async () => {
    await enrolledAndBaselineDone();
    await tickAt(at('2026-11-30T10:00'));
    const reminder = await tickAt(at('2026-12-01T10:00'));
    expect(reminder).to.have.length(2);
    expect(reminder[0]).to.match(/reminder.*still open/);
    expect(reminder[1]).to.match(/companionship/i);
    expect(await tickAt(at('2026-12-01T11:00'))).to.deep.equal([]);

    // The next week they answer before the reminder is due.
    await say('3'); // finishes nothing, but the check-in has been answered
    await tickAt(at('2026-12-02T10:00')); // last week's closes
    await tickAt(at('2026-12-07T10:00'));
    await say('hardly ever');
    expect(await tickAt(at('2026-12-08T10:00'))).to.deep.equal([]);
    expect((await ledger()).decided[`${clientId}|reminder|2026-12-07T10:00|2026-12-08T10:00`]).to.include({ outcome: 'skipped' });
  });

  it('closes a check-in when its window passes, records it missed, and keeps a late answer marked late', async () => {
    await enrolledAndBaselineDone();
    await tickAt(at('2026-11-30T10:00'));
    await say('hardly ever');
    clock.set(at('2026-12-02T10:00'));
    expect(await tickAt()).to.deep.equal([], 'closing a check-in says nothing');
    const routine = (await history()).checkIns.find((c) => c.kind === 'routine')!;
    expect(routine.status).to.equal('missed');
    expect(routine.waitingFor).to.deep.equal({ instrumentId: 'ucla3', itemId: 'left_out' });

    clock.set(at('2026-12-02T15:00'));
    const thanks = await say('some of the time tbh');
    expect(thanks[0]).to.match(/had closed.*added your answer/);
    const late = (await history()).responses.filter((r) => r.checkInId === routine.id && r.itemId === 'left_out');
    expect(late).to.have.length(1);
    expect(late[0]).to.include({ late: true, value: 2, status: 'answered' });

    // Once is enough: the next message is not read as an answer but kept for the link worker.
    const next = await say('2');
    expect(next[0]).to.match(/passed your message/);
    expect((await history()).notes.map((n) => n.text)).to.include('2');
  });

  it('after a day down sends what is still inside its window, and records the rest as missed, with no burst', async () => {
    await enrolledAndBaselineDone();
    await tickAt(at('2026-11-29T12:00'));
    // Down from Sunday until Tuesday 11:00: Monday's check-in is still open, its reminder is not worth sending on top.
    const caughtUp = await tickAt(at('2026-12-01T11:00'));
    expect(caughtUp[0]).to.match(/quick questions/);
    expect(caughtUp).to.have.length(2);
    expect(await tickAt(at('2026-12-01T11:05'))).to.deep.equal([]);

    // Down again from then until the Thursday after next: that Monday's check-in had closed.
    await say('menu');
    expect(await tickAt(at('2026-12-10T12:00'))).to.deep.equal([]);
    expect((await ledger()).decided[routineKey('2026-12-07T10:00')]).to.include({ outcome: 'skipped', reason: 'window-passed' });
  });

  it('holds a check-in while another is open, and sends it when that one closes if still inside its window', async () => {
    await enrol();
    await tickAt();
    await say('YES');
    expect((await tickAt())[0]).to.match(/quick questions/); // the baseline, open for a week
    expect(await tickAt(at('2026-11-30T10:00'))).to.deep.equal([], "Monday's waits: the baseline is still open");
    const tuesday = await tickAt(at('2026-12-01T12:00'));
    expect(tuesday[0]).to.match(/quick questions/);
    const checkIns = (await history()).checkIns;
    expect(checkIns.map((c) => [c.kind, c.status])).to.deep.equal([
      ['wave', 'missed'],
      ['routine', 'open'],
    ]);
  });

  it('records a check-in that lapsed while another was open as skipped for that reason', async () => {
    clock.set(at('2026-11-26T12:00')); // a Thursday: the baseline's week covers all of Monday's window
    await enrol();
    await tickAt();
    await say('YES');
    await tickAt();
    expect(await tickAt(at('2026-11-30T10:00'))).to.deep.equal([]);
    expect(await tickAt(at('2026-12-02T10:00'))).to.deep.equal([]);
    expect((await ledger()).decided[routineKey('2026-11-30T10:00')]).to.include({ outcome: 'skipped', reason: 'check-in-open' });
  });

  it('asks again later when the client says "not now", at the next hour outside quiet hours', async () => {
    await enrolledAndBaselineDone();
    await tickAt(at('2026-11-30T10:00'));
    expect((await say('not now'))[0]).to.match(/ask again later/);
    expect(await tickAt(at('2026-11-30T12:59'))).to.deep.equal([]);
    const again = await tickAt(at('2026-11-30T13:00'));
    expect(again[0]).to.match(/Hello again, Dorothy/);
    expect(again[1]).to.match(/companionship/);
    expect(await tickAt(at('2026-11-30T13:30'))).to.deep.equal([], 'once');

    // Put off in the evening: asked again at 09:00, not in the night.
    expect((await say('busy')).join()).to.match(/ask again later/);
    clock.set(at('2026-11-30T19:30'));
    await say('later');
    expect(await tickAt(at('2026-11-30T22:30'))).to.deep.equal([]);
    expect((await tickAt(at('2026-12-01T09:00')))[0]).to.match(/Hello again/);
  });

  it('does not ask again later once the client has carried on by themselves', async () => {
    await enrolledAndBaselineDone();
    await tickAt(at('2026-11-30T10:00'));
    await say('later');
    clock.set(at('2026-11-30T11:00'));
    expect((await say('hardly ever'))[0]).to.match(/left out/);
    expect(await tickAt(at('2026-11-30T13:00'))).to.deep.equal([]);
  });

  it('lets "menu" or "start again" leave a check-in at any point', async () => {
    await enrolledAndBaselineDone();
    await tickAt(at('2026-11-30T10:00'));
    await say('often');
    const menu = await say('Start again');
    expect(menu[0]).to.match(/starting again.*check in/i);
    expect((await history()).checkIns.find((c) => c.kind === 'routine')!.status).to.equal('stopped');
    // Outside a check-in a number is not taken as an answer.
    expect((await say('3'))[0]).to.match(/passed your message/);
  });

  it('holds a check-in during a pause and sends it when the pause ends, if still inside its window', async () => {
    await enrolledAndBaselineDone();
    clock.set(at('2026-11-29T18:00')); // Sunday
    expect((await say('pause until tuesday'))[0]).to.match(/no check-ins until Tuesday 1 December/);
    expect(await tickAt(at('2026-11-30T10:00'))).to.deep.equal([]);
    // The pause ends at midnight, but quiet hours run to 09:00.
    expect(await tickAt(at('2026-12-01T00:00'))).to.deep.equal([]);
    const sent = await tickAt(at('2026-12-01T09:00'));
    expect(sent[0]).to.match(/quick questions/);
  });

  it('runs on its own clock once the server listens: a new client is looked at within a second, a held welcome goes when quiet hours end', async () => {
    await t.close();
    clock.set(at('2026-11-24T22:30'));
    t = await startSmsTestApp({ clock, twilio, scheduler: 'auto' });
    await t.app.scheduler.idle(); // the pass at start-up
    await enrol();
    clock.advance({ seconds: 1 });
    await t.app.scheduler.idle();
    await t.settle();
    expect(t.sentTo(PHONE)).to.deep.equal([], 'nothing in quiet hours');
    expect(t.app.scheduler.nextDue()?.toISO(), 'looked at already: due when quiet hours end').to.equal(at('2026-11-25T09:00').toUTC().toISO());
    clock.set(at('2026-11-25T08:59'));
    clock.advance({ minutes: 1 });
    await t.app.scheduler.idle();
    await t.settle();
    expect(t.sentTo(PHONE)).to.have.length(1);
    expect(t.sentTo(PHONE)[0]).to.match(/Reply YES/);
  });

  it('walks a client who always answers through 18 months: every wave, check-in and notice once, never at night', async function () {
    this.timeout(120_000);
    await enrol();
    const end = ENROLLED.plus({ months: 18, weeks: 3 });
    const started: Array<{ at: DateTime; text: string }> = [];
    for (let passes = 0; clock.now() < end; passes += 1) {
      expect(passes).to.be.below(3000, 'the scheduler keeps waking without progress');
      const sent = await tickAt();
      // What the scheduler started (not the questions that follow an intro).
      for (const text of sent.filter((m) => STARTERS.test(m))) started.push({ at: clock.now().setZone('Europe/London'), text });
      if (sent.some((m) => /Reply YES/.test(m))) await say('YES');
      if (sent.some((m) => /quick questions/.test(m))) await answerAll(sent);
      const next = t.app.scheduler.nextDue();
      clock.set(next && next > clock.now() ? next : clock.now().plus({ minutes: 1 }));
    }

    for (const { at } of started) expect(at.hour, `sent at ${at.toISO()}`).to.be.within(9, 20);
    const perWeek = new Map<string, number>();
    for (const { at } of started) perWeek.set(at.toFormat("kkkk-'W'WW"), (perWeek.get(at.toFormat("kkkk-'W'WW")) ?? 0) + 1);
    expect(Math.max(...perWeek.values())).to.be.at.most(t.programme.weeklyCap);

    const checkIns = (await history()).checkIns;
    expect(checkIns.every((c) => c.status === 'completed')).to.equal(true);
    const keys = checkIns.map((c) => c.occurrenceKey);
    expect(new Set(keys).size).to.equal(keys.length, 'no occurrence twice');
    const waves = checkIns.filter((c) => c.kind === 'wave').map((c) => c.occurrenceKey!.split('|')[2]);
    expect(waves).to.deep.equal(['baseline', 'week-8', 'programme-end', 'month-18']);
    // Twelve weeks of Mondays, less the weeks a wave's check-in took (week 8, and the end).
    const routine = checkIns.filter((c) => c.kind === 'routine');
    expect(routine.length).to.be.within(9, 12);
    // Monthly after the end until month 18.
    expect(checkIns.filter((c) => c.kind === 'follow-up').length).to.be.within(13, 16);
    const notices = started
      .filter(({ text }) => /ends in \d+ weeks|Today your time/.test(text))
      .map(({ text }) => /ends in (\d+) weeks/.exec(text)?.[1] ?? 'goodbye');
    expect(notices).to.deep.equal(['4', '2', 'goodbye']);
    expect(started.filter(({ text }) => /Reply YES/.test(text))).to.have.length(1);
  });

  it("moves check-ins to the client's own day and time once staff change them", async () => {
    await enrolledAndBaselineDone();
    const changed = await t.admin(`/api/admin/clients/${clientId}`, {
      method: 'PATCH',
      body: JSON.stringify({ changedBy: 'Priya Shah', preferredDay: 'thursday', preferredTimeWindow: { start: '14:00', end: '16:00' } }),
    });
    expect(changed.status).to.equal(200);
    expect(await tickAt(at('2026-11-30T10:00'))).to.deep.equal([]);
    expect(await tickAt(at('2026-12-03T13:59'))).to.deep.equal([]);
    expect((await tickAt(at('2026-12-03T14:00')))[0]).to.match(/quick questions/);
  });

  it('keeps local time for a client in another zone: 10:00 in Brisbane is midnight in London', async () => {
    await enrol('Australia/Brisbane');
    // Enrolled at 22:00 Brisbane time: the welcome waits for 09:00 there.
    expect(await tickAt()).to.deep.equal([]);
    expect(await tickAt(DateTime.fromISO('2026-11-25T09:00', { zone: 'Australia/Brisbane' }))).to.have.length(1);
    await say('yes');
    await answerAll(await tickAt());
    expect(await tickAt(DateTime.fromISO('2026-11-30T09:59', { zone: 'Australia/Brisbane' }))).to.deep.equal([]);
    expect((await tickAt(DateTime.fromISO('2026-11-30T10:00', { zone: 'Australia/Brisbane' })))[0]).to.match(/quick questions/);
  });
});
