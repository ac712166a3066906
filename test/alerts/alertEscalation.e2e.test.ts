import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import type { AlertRecord } from '../../storage/records.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp, enrolSmsClient } from '../support/smsTestApp.js';
import { signedInStaff, submitFrom, textOf } from '../staff/signedInStaff.js';

const CLIENT = '+447700900777';
// The demo programme (Priya Shah the link worker, the duty contact on +447700900199, working hours
// Monday to Friday 09:00-17:00 London) with a lead and an out-of-hours line.
const PRIYA = '+447700900102';
const DUTY = '+447700900199';
const LEAD = '+447700900160';
const NIGHT_LINE = '+447700900170';
const programme = parseProgramme(
  {
    ...(JSON.parse(readFileSync(DEMO_PROGRAMME_FILE, 'utf8')) as Record<string, unknown>),
    alerts: {
      lead: { id: 'amy', name: 'Amy Lead', phone: LEAD },
      outOfHours: { id: 'night-line', name: 'Night line', phone: NIGHT_LINE },
    },
  },
  'test',
);
const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });

describe('Alert escalation by tier (SMS, end to end on a fake clock)', () => {
  let twilio: FakeTwilio;
  let t: SmsTestApp;
  let clock: ManualClock;
  let clientId: string;

  beforeEach(async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    // Tuesday 1 December 2026, 11:00 in London: working hours.
    clock = new ManualClock(london('2026-12-01T11:00'));
    t = await startSmsTestApp({ clock, twilio, programme });
    clientId = await enrolSmsClient(t, CLIENT);
    await say(CLIENT, 'YES');
  });

  afterEach(async () => {
    await t.close();
    await twilio.close();
  });

  /** Text Linkwell from `from` (signed as Twilio signs it); resolves with the TwiML reply and what was then sent to anyone. */
  async function say(from: string, body: string): Promise<{ twiml: string; sent: Array<{ to: string; body: string }> }> {
    const res = await t.text(from, body);
    expect(res.status).to.equal(200);
    const twiml = await res.text();
    return { twiml, sent: await drain() };
  }

  /** Move the clock (letting the alert timers run as it passes them); what was sent meanwhile. */
  async function at(iso: string): Promise<Array<{ to: string; body: string }>> {
    clock.set(london(iso));
    return drain();
  }

  async function drain(): Promise<Array<{ to: string; body: string }>> {
    await t.settle();
    await t.app.alerts.idle();
    await t.settle();
    const sent = twilio.messages.map((m) => ({ to: m.to, body: m.body }));
    twilio.reset();
    return sent;
  }

  const to = (sent: ReadonlyArray<{ to: string; body: string }>, phone: string) => sent.filter((m) => m.to === phone).map((m) => m.body);
  const alertsOf = async () => (await (await t.admin(`/api/admin/alerts?clientId=${clientId}`)).json()) as AlertRecord[];
  const movedTo = (alert: AlertRecord) => alert.escalations.map((e) => [e.to.id, e.reason]);

  async function restart(): Promise<void> {
    await t.close({ keepData: true });
    t = await startSmsTestApp({ clock, twilio, programme, dataDir: t.dataDir });
    await t.app.alerts.idle();
  }

  it('moves a same-day alert nobody acknowledged to the duty contact when the working day ends, then to the lead an hour later, across a restart', async () => {
    const { sent } = await say(CLIENT, 'my partner hits me');
    const [alert] = await alertsOf();
    expect(alert).to.include({ tier: 'same-day', state: 'open' });
    expect(to(sent, PRIYA)).to.have.length(1);
    expect(to(sent, PRIYA)[0]).to.match(new RegExp(`SAME-DAY alert ${alert!.code}: Margaret E\\., .*Please contact them today`));
    expect(to(sent, DUTY)).to.deep.equal([]);

    expect(await at('2026-12-01T16:59')).to.deep.equal([]);
    await restart();
    const fivePm = await at('2026-12-01T17:00');
    expect(to(fivePm, DUTY)).to.have.length(1);
    expect(to(fivePm, DUTY)[0]).to.match(new RegExp(`SAME-DAY alert ${alert!.code}: Margaret E\\.`));
    expect(to(fivePm, LEAD)).to.deep.equal([]);
    expect(await at('2026-12-01T17:59')).to.deep.equal([]);
    const sixPm = await at('2026-12-01T18:00');
    expect(to(sixPm, LEAD)).to.have.length(1);
    const [escalated] = await alertsOf();
    expect(movedTo(escalated!)).to.deep.equal([
      ['duty', 'not-acknowledged'],
      ['amy', 'not-acknowledged'],
    ]);
    expect(escalated!.state).to.equal('open');
    // The lead is the last: nothing more is sent however long it waits.
    expect(await at('2026-12-02T12:00')).to.deep.equal([]);
  });

  it('does not move a same-day alert on once the link worker has replied ACK', async () => {
    await say(CLIENT, 'he threatened to hurt me');
    const [alert] = await alertsOf();
    expect((await say(PRIYA, `ACK ${alert!.code}`)).twiml).to.match(/is acknowledged/);
    expect(await at('2026-12-02T12:00')).to.deep.equal([]);
    expect(movedTo((await alertsOf())[0]!)).to.deep.equal([]);
  });

  it("sends a same-day alert raised out of hours to the out-of-hours line (the link worker told too), on to duty after an hour, and takes the line's ACK", async () => {
    await at('2026-12-01T22:30');
    const { sent } = await say(CLIENT, "I don't feel safe at home");
    const [alert] = await alertsOf();
    expect(to(sent, NIGHT_LINE)).to.have.length(1);
    expect(to(sent, NIGHT_LINE)[0]).to.match(/SAME-DAY alert .*Please contact them today/);
    expect(to(sent, PRIYA)[0]).to.match(/For your information/);
    expect(to(sent, DUTY)).to.deep.equal([]);

    expect(await at('2026-12-01T23:29')).to.deep.equal([]);
    expect(to(await at('2026-12-01T23:30'), DUTY)).to.have.length(1);
    const ack = await say(NIGHT_LINE, `ack ${alert!.code}`);
    expect(ack.twiml).to.match(new RegExp(`thank you, Night line. Alert ${alert!.code} is acknowledged`));
    expect(await at('2026-12-02T09:00')).to.deep.equal([]);
    const [acknowledged] = await alertsOf();
    expect(acknowledged).to.deep.include({ state: 'acknowledged', acknowledgedBy: { id: 'night-line', via: 'sms' } });
  });

  it("flags a routine alert nobody acknowledged in the link worker's list the next working day, texting nobody", async () => {
    const { sent } = await say(CLIENT, "i can't cope with the bills anymore");
    const [alert] = await alertsOf();
    expect(alert).to.include({ tier: 'routine' });
    expect(to(sent, PRIYA)[0]).to.match(/ROUTINE alert .*Please contact them next working day/);

    expect(await at('2026-12-02T08:59')).to.deep.equal([]);
    expect(await at('2026-12-02T09:00')).to.deep.equal([]);
    const [flagged] = await alertsOf();
    expect(movedTo(flagged!)).to.deep.equal([['priya', 'not-acknowledged']]);
    expect(flagged).to.include({ state: 'open', step: 0 });

    const priya = await signedInStaff(t, clock, 'priya@example.org', 'Priya Shah', 'link-worker', 'priya');
    expect(textOf((await priya.get('/staff')).body)).to.include('1 flag for today: routine alert not acknowledged since an earlier working day.');
    const inbox = textOf((await priya.get('/staff/alerts')).body);
    expect(inbox).to.include('Flags for today, Wednesday 2 December');
    expect(inbox).to.include(`Margaret Ellis: cant-cope (alert ${alert!.code}), raised Tue 1 Dec 2026, 11:00`);
    expect(inbox).to.include('Flagged Wed 2 Dec 2026, 09:00: not acknowledged in time');
    const path = `/staff/alerts/${alert!.id}`;
    expect(textOf((await priya.get(path)).body)).to.include('Wed 2 Dec 2026, 09:00: Flagged in the list of Priya Shah (link worker): not acknowledged in time');

    expect((await submitFrom(priya, path, `${path}/ack`, {})).status).to.equal(303);
    expect(textOf((await priya.get('/staff/alerts')).body)).to.not.include('Flags for today');
    expect(textOf((await priya.get('/staff')).body)).to.not.include('flag for today');
    // Flagged once: no more escalation, to anyone, on the days after.
    expect(await at('2026-12-04T12:00')).to.deep.equal([]);
  });

  it('flags a routine alert raised on Friday evening on Tuesday: it reached the link worker on Monday morning', async () => {
    await at('2026-12-04T19:00');
    expect(to((await say(CLIENT, "i can't cope with the bills anymore")).sent, PRIYA)).to.deep.equal([]);
    expect(to(await at('2026-12-07T09:00'), PRIYA)[0]).to.match(/ROUTINE alert/);
    await at('2026-12-07T16:00');
    expect((await alertsOf())[0]!.escalations).to.deep.equal([]);
    await at('2026-12-08T09:00');
    expect(movedTo((await alertsOf())[0]!)).to.deep.equal([['priya', 'not-acknowledged']]);
  });
});
