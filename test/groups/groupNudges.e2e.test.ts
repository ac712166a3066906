import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import type { ClientGroupLink, ClientHistory } from '../../storage/records.js';
import { smsConversation } from '../support/smsConversation.js';
import { startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';

const PHONE = '+447700900556';
// Tuesday 24 November 2026, noon in London. The demo programme's walking group meets on Wednesdays
// 10:00-11:30 at Central Library; its routine check-in is on Mondays at 10:00; quiet hours 21:00-09:00.
const ENROLLED = DateTime.fromISO('2026-11-24T12:00:00Z', { zone: 'utc' });
const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });

describe('Group nudges and follow-ups (SMS, end to end on a fake clock)', function () {
  this.timeout(60_000);
  let t: SmsTestApp;
  let clock: ManualClock;
  let clientId: string;

  beforeEach(async () => {
    clock = new ManualClock(ENROLLED);
    t = await startSmsTestApp({ clock });
  });

  afterEach(() => t.close());

  /** Enrolled Tuesday noon, agreed, and the baseline check-in answered, so only group messages are left this week. */
  async function enrolled(): Promise<void> {
    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Dorothy Pike', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'sms' }),
    });
    expect(created.status).to.equal(201);
    clientId = ((await created.json()) as { id: string }).id;
    expect(await tickAt()).to.have.length(1);
    await say('YES');
    let asked = await tickAt();
    expect(asked.join(' ')).to.match(/quick questions/);
    for (let i = 0; i < 30 && !/Thank you, Dorothy/.test(asked.join(' ')); i++) {
      asked = await say(/anything you'd like/i.test(asked.at(-1)!) ? 'no' : '2');
    }
    expect(asked.join(' ')).to.match(/check-in done/);
  }

  /** The link worker links the client to a group through the admin API. */
  async function link(groupId: string, change: Partial<Pick<ClientGroupLink, 'status' | 'nudge' | 'nudgeTime'>> = {}): Promise<void> {
    const response = await t.admin(`/api/admin/clients/${clientId}/groups/${groupId}`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'going', nudge: 'day-before', ...change, changedBy: 'Priya Shah' }),
    });
    expect(response.status, await response.clone().text()).to.be.oneOf([200, 201]);
  }

  const tickAt = (when?: DateTime): Promise<string[]> => smsConversation(t, t.twilio, clock, PHONE).tickAt(when);
  const say = (text: string): Promise<string[]> => smsConversation(t, t.twilio, clock, PHONE).say(text);

  const history = (): Promise<ClientHistory> => t.app.store.clients.history(clientId);
  const attendanceOf = async (date: string) => (await history()).attendance.find((a) => a.sessionKey === `wednesday-walk|${date}T10:00`);

  it('nudges the day before at the chosen time, then asks how it went, how it felt, and celebrates', async () => {
    await enrolled();
    await link('wednesday-walk');
    expect(await tickAt(london('2026-11-24T17:59'))).to.deep.equal([]);
    const [nudge] = await tickAt(london('2026-11-24T18:00'));
    expect(nudge).to.equal(
      "Linkwell: Wednesday Walking Group tomorrow 10:00 at Central Library. Bus 12 stops outside the library. Reply 1 if you're going, 2 if something's in the way.",
    );
    expect(await say('1')).to.deep.equal(["Lovely, enjoy it, Dorothy Pike! I'll ask how it went afterwards."]);
    expect(await attendanceOf('2026-11-25')).to.include({ intention: 'going', attendance: 'unknown' });

    expect(await tickAt(london('2026-11-25T12:29'))).to.deep.equal([]);
    expect(await tickAt(london('2026-11-25T12:30'))).to.deep.equal([
      'Hello Dorothy Pike, did you make it to Wednesday Walking Group today? Reply 1 yes, 2 no.',
    ]);
    expect(await say('yes')).to.deep.equal(['That is great, well done for going! How was it?']);
    expect(await say('Lovely people, we walked by the river')).to.deep.equal(['Thank you. Did you feel welcome? Reply 1 yes, 2 a bit, 3 no.']);
    expect((await say('1'))[0]).to.match(/^That's lovely to hear/);
    expect(await attendanceOf('2026-11-25')).to.include({ attendance: 'went', fit: 'yes', howItWent: 'Lovely people, we walked by the river' });

    // The next week's walk: "yes it was great" answers both questions at once, and two walks this month are celebrated.
    await tickAt(london('2026-12-01T18:00'));
    await say('going');
    expect(await tickAt(london('2026-12-02T12:30'))).to.have.length(1);
    expect(await say('yes it was great, more people this time')).to.deep.equal(['Thank you. Did you feel welcome? Reply 1 yes, 2 a bit, 3 no.']);
    const last = await say('a bit');
    expect(last[0]).to.match(/^Thanks for being honest/);
    // December's first walk: November's does not count towards "this month".
    expect(last).to.have.length(1);
    await tickAt(london('2026-12-08T18:00'));
    await say('yes');
    await tickAt(london('2026-12-09T12:30'));
    await say('i went');
    await say('good');
    expect(await say('yes')).to.deep.equal([
      "That's lovely to hear. I'll let Priya Shah know.",
      "That's two times at Wednesday Walking Group this month. Well done, Dorothy Pike!",
    ]);
  });

  it('takes the answer to a nudge asked before group questions were a dialog (the question kept where it used to be)', async () => {
    await enrolled();
    await link('wednesday-walk');
    expect(await tickAt(london('2026-11-24T18:00'))).to.have.length(1);
    // The conversation as an older Linkwell left it: the question in its own property, no group dialog.
    const key = `sms/conversations/sms:${clientId}/`;
    const stored = (await t.app.store.botStorage.read([key]))[key] as Record<string, unknown> & {
      groupDialogState: { dialogStack: Array<{ state: { question: unknown } }> };
    };
    const question = stored.groupDialogState.dialogStack[0]!.state.question;
    const { groupDialogState: _now, ...older } = stored;
    await t.app.store.botStorage.write({ [key]: { ...older, groupTalk: question, eTag: '*' } });
    expect(await say('1')).to.deep.equal(["Lovely, enjoy it, Dorothy Pike! I'll ask how it went afterwards."]);
    expect(await attendanceOf('2026-11-25')).to.deep.include({ intention: 'going' });
    // Taken over once: the next message is not read as an answer to it again.
    expect((await say('1')).join(' ')).to.not.match(/enjoy it/);
  });

  it('turns a no into what got in the way, and sends no follow-up after a no', async () => {
    await enrolled();
    await link('wednesday-walk');
    await tickAt(london('2026-11-24T18:00'));
    const menu = await say('2');
    expect(menu[0]).to.equal('Thanks for letting me know. What got in the way?');
    expect(menu[1]).to.match(/^Reply with one or more numbers:\n1 Transport\n2 Cost\n.*\n10 Something else/s);
    expect(await say("couldn't get a lift")).to.deep.equal(["Thank you for telling me. I'll pass it on to Priya Shah, who will see it tomorrow."]);
    expect(await attendanceOf('2026-11-25')).to.deep.include({
      intention: 'not-going',
      attendance: 'didnt',
      barriers: ['transport'],
      barrierText: "couldn't get a lift",
    });
    // What the link worker sees through the API.
    const seen = (await (await t.admin(`/api/admin/clients/${clientId}/attendance`)).json()) as {
      summary: { didnt: number; barriers: Record<string, number>; openTasks: number };
      attendance: Array<{ groupName: string; barrierText: string }>;
      tasks: Array<{ kind: string; detail: string; id: string }>;
    };
    expect(seen.summary).to.deep.include({ didnt: 1, barriers: { transport: 1 }, openTasks: 1 });
    expect(seen.attendance[0]).to.include({ groupName: 'Wednesday Walking Group', barrierText: "couldn't get a lift" });
    expect(seen.tasks.map((task) => [task.kind, task.detail])).to.deep.equal([['barrier', "Didn't go to Wednesday Walking Group (Wed 25 Nov): Transport"]]);
    const done = await t.admin(`/api/admin/clients/${clientId}/tasks/${seen.tasks[0]!.id}/done`, {
      method: 'POST',
      body: JSON.stringify({ by: 'Priya Shah' }),
    });
    expect(done.status).to.equal(200);
    const again = await t.admin(`/api/admin/clients/${clientId}/tasks/${seen.tasks[0]!.id}/done`, {
      method: 'POST',
      body: JSON.stringify({ by: 'Priya Shah' }),
    });
    expect(again.status).to.equal(409);
    expect((await t.admin(`/api/admin/clients/${clientId}/tasks/nope/done`, { method: 'POST', body: JSON.stringify({ by: 'x' }) })).status).to.equal(404);
    // No "did you make it?" after a no, and no second nudge for that session.
    expect(await tickAt(london('2026-11-25T12:30'))).to.deep.equal([]);
    expect(await tickAt(london('2026-11-25T18:00'))).to.deep.equal([]);
  });

  it('reads a reason in the reply to the nudge itself, and offers company to someone nervous', async () => {
    await enrolled();
    await link('wednesday-walk');
    await tickAt(london('2026-11-24T18:00'));
    const replies = await say('too nervous to go on my own');
    expect(replies.at(-1)).to.equal('Would it help if someone came with you the first time? Reply yes or no.');
    expect(await say('yes please')).to.deep.equal(["OK, I'll ask Priya Shah to arrange that. They will be in touch."]);
    const { tasks, attendance } = await history();
    expect(tasks.map((task) => task.kind)).to.deep.equal(['barrier', 'accompany']);
    expect(attendance[0]).to.deep.include({ barriers: ['nervous-anxious'], wantsCompany: true });
  });

  it('stops nudges for a group after the second "didn\'t feel welcome", and tells the link worker', async () => {
    await enrolled();
    await link('wednesday-walk');
    // Week 1: went, but did not feel welcome.
    await tickAt(london('2026-11-24T18:00'));
    await say('1');
    await tickAt(london('2026-11-25T12:30'));
    await say('yes');
    await say('ok');
    const first = await say('3');
    expect(first).to.deep.equal([
      "I'm sorry it didn't feel welcoming, Dorothy Pike. I'll let Priya Shah know.",
      'Would it help if someone came with you next time? Reply yes or no.',
    ]);
    await say('no');
    // Week 2: no reply to the nudge; afterwards, "no" and "didn't feel welcome" from the menu.
    await tickAt(london('2026-12-01T18:00'));
    expect(await tickAt(london('2026-12-02T12:30'))).to.have.length(1);
    await say('no');
    const stopped = await say('5');
    expect(stopped[0]).to.match(/I won't remind you about Wednesday Walking Group any more. Priya Shah will be in touch/);
    const client = await t.app.store.clients.get(clientId);
    expect(client!.groups![0]).to.include({ status: 'stopped', stoppedBecause: 'not-welcome-twice' });
    expect((await history()).tasks.map((task) => task.kind)).to.include('nudges-stopped');
    // Week 3: nothing about the walk (Monday's check-in still goes).
    const aboutWalk = (texts: string[]) => texts.filter((text) => /Walking Group/.test(text));
    expect(aboutWalk(await tickAt(london('2026-12-08T18:00')))).to.deep.equal([]);
    expect(aboutWalk(await tickAt(london('2026-12-09T12:30')))).to.deep.equal([]);
  });

  it('flags the directory entry when a client says the group was not running', async () => {
    await enrolled();
    await link('wednesday-walk', { nudge: 'off' });
    // Going, with nudges off: no nudge, but still asked afterwards.
    expect(await tickAt(london('2026-11-24T18:00'))).to.deep.equal([]);
    expect(await tickAt(london('2026-11-25T12:30'))).to.have.length(1);
    const replies = await say('no it was cancelled, nobody there');
    expect(replies).to.deep.equal([
      "Thank you. We'll check the details of Wednesday Walking Group with the group.",
      "Thank you for telling me. I'll pass it on to Priya Shah, who will see it today.",
    ]);
    const group = (await (await t.admin('/api/admin/groups/wednesday-walk')).json()) as {
      needsVerification: boolean;
      flags: Array<{ reason: string; sessionKey: string }>;
    };
    expect(group.needsVerification).to.equal(true);
    expect(group.flags.map((f) => [f.reason, f.sessionKey])).to.deep.equal([['reported-not-running', 'wednesday-walk|2026-11-25T10:00']]);
  });

  it('waits for quiet hours to end, and drops a nudge that would arrive too late', async () => {
    await enrolled();
    await link('wednesday-walk', { nudgeTime: '22:30' });
    expect(await tickAt(london('2026-11-24T22:30'))).to.deep.equal([]);
    expect(await tickAt(london('2026-11-25T03:00'))).to.deep.equal([]);
    expect(await tickAt(london('2026-11-25T09:00'))).to.deep.equal([
      "Linkwell: Wednesday Walking Group today 10:00 at Central Library. Bus 12 stops outside the library. Reply 1 if you're going, 2 if something's in the way.",
    ]);
    // The next week the scheduler is not run until the session is about to start: too late to nudge
    // (Monday's check-in, still inside its window, goes).
    expect((await tickAt(london('2026-12-02T09:50'))).filter((text) => /Walking Group/.test(text))).to.deep.equal([]);
    const ledger = await t.app.store.schedule.read(clientId);
    expect(ledger.decided[`${clientId}|group-nudge|wednesday-walk|2026-12-02T10:00`]).to.include({ outcome: 'skipped', reason: 'window-passed' });
  });

  it('sends nothing to a client who has paused, opted out, or has an open risk alert', async () => {
    await enrolled();
    await link('wednesday-walk');
    await say('PAUSE');
    expect(await tickAt(london('2026-11-24T18:00'))).to.deep.equal([]);
    await say('RESUME');
    await t.app.store.clients.update(clientId, (c) => ({ ...c, riskOpenSince: clock.now().toISO()! }));
    t.app.scheduler.wake(clientId);
    expect(await tickAt(london('2026-12-01T18:00'))).to.deep.equal([]);
    await t.app.store.clients.update(clientId, (c) => ({ ...c, riskOpenSince: undefined }));
    t.app.scheduler.wake(clientId);
    await say('STOP');
    expect(await tickAt(london('2026-12-08T18:00'))).to.deep.equal([]);
    expect(await tickAt(london('2026-12-09T12:30'))).to.deep.equal([]);
  });

  it('tells a nudge reply from a check-in answer by what was asked last, and by what the reply says', async () => {
    await enrolled();
    await link('wednesday-walk');
    // Monday's routine check-in is left open; Tuesday evening the nudge arrives.
    const checkIn = await tickAt(london('2026-11-30T10:00'));
    expect(checkIn.join(' ')).to.match(/quick questions/);
    const firstQuestion = checkIn.at(-1)!;
    await tickAt(london('2026-12-01T18:00'));
    // "1" fits both: the nudge was asked last.
    const going = await say('1');
    expect(going[0]).to.match(/^Lovely, enjoy it/);
    expect(going[1]).to.equal('Now, back to your check-in.');
    expect(going[2]).to.equal(firstQuestion);
    expect(await attendanceOf('2026-12-02')).to.include({ intention: 'going' });
    // The check-in's question was asked last now: "hardly ever" is its answer.
    await say('hardly ever');
    const responses = (await history()).responses.filter((r) => r.answeredAt >= london('2026-11-30T00:00').toUTC().toISO()!);
    expect(responses.map((r) => r.raw)).to.deep.equal(['hardly ever']);
  });

  it('gives a reply that only the older question understands to that question, either way round', async () => {
    await enrolled();
    await link('wednesday-walk');
    await tickAt(london('2026-11-30T10:00'));
    await tickAt(london('2026-12-01T18:00'));
    // The nudge was asked last, but "hardly ever" only answers the check-in's question.
    const next = await say('hardly ever');
    expect(next.join(' ')).to.match(/left out/);
    // Now the check-in's next question was asked last, but a reason for not going only answers the nudge.
    const replies = await say("the bus isn't running tomorrow");
    expect(replies[0]).to.match(/^Thank you for telling me/);
    expect(replies.slice(-2)[0]).to.equal('Now, back to your check-in.');
    expect(await attendanceOf('2026-12-02')).to.deep.include({ intention: 'not-going', barriers: ['transport'] });
    const { notes, responses } = await history();
    expect(notes.map((n) => n.text)).to.not.include("the bus isn't running tomorrow");
    expect(responses.filter((r) => r.answeredAt >= london('2026-11-30T00:00').toUTC().toISO()!).map((r) => r.raw)).to.deep.equal(['hardly ever']);
  });

  it('screens a reply to a nudge for risk first: crisis contacts, never read as an answer', async () => {
    await enrolled();
    await link('wednesday-walk');
    await tickAt(london('2026-11-24T18:00'));
    const replies = await say('no point going, I want to end it');
    expect(replies[0]).to.match(/Please get help now: .*Samaritans/);
    expect(replies.join(' ')).to.not.match(/What got in the way/);
    expect((await t.app.alerts.list({ clientId })).map((a) => a.tier)).to.deep.equal(['urgent']);
    // The question is not asked again, and the next message is not read as an answer to it.
    await say('1');
    expect((await attendanceOf('2026-11-25'))?.intention).to.equal(undefined);
  });

  it('answers every barrier on the menu, and a free-text "something else"', async () => {
    const expected: Array<[string, string, RegExp]> = [
      ['1', 'transport', /who will see it (today|tomorrow|on \w+)\./],
      ['2', 'cost', /who will see it (today|tomorrow|on \w+)\./],
      ['3', 'health-mobility', /who will see it (today|tomorrow|on \w+)\./],
      ['4', 'nervous-anxious', /someone came with you the first time/],
      ['5', 'not-welcome', /didn't feel welcoming[\s\S]*someone came with you the first time/],
      ['6', 'not-running-or-full', /check the details of Wednesday Walking Group/],
      ['7', 'hearing-noise', /who will see it (today|tomorrow|on \w+)\./],
      ['8', 'caring', /who will see it (today|tomorrow|on \w+)\./],
      ['9', 'feeling-low', /sorry you've been feeling low/],
    ];
    await enrolled();
    let day = DateTime.fromISO('2026-11-24T18:00', { zone: 'Europe/London' });
    await link('wednesday-walk');
    for (const [choice, barrier, reply] of expected) {
      // (Monday's check-in goes too, at the same pass: the nudge is asked last.)
      expect(
        (await tickAt(day)).filter((text) => /Walking Group/.test(text)),
        `nudge before choosing ${choice}`,
      ).to.have.length(1);
      await say('2');
      const answer = (await say(choice)).join('\n');
      expect(answer, `menu ${choice}`).to.match(reply);
      const session = day.plus({ days: 1 }).toFormat('yyyy-LL-dd');
      expect((await attendanceOf(session))?.barriers, `menu ${choice}`).to.deep.equal([barrier]);
      // Whatever follow-up question there was is left unanswered; the next week starts afresh.
      await say('menu');
      day = day.plus({ weeks: 1 });
      if (barrier === 'not-welcome') await link('wednesday-walk');
    }
    expect((await tickAt(day)).filter((text) => /Walking Group/.test(text))).to.have.length(1);
    await say('2');
    expect(await say('10')).to.deep.equal(['What got in the way? A few words is fine.']);
    const thanks = await say('my dog was poorly');
    expect(thanks[0]).to.equal("Thank you for telling me. I'll pass it on to Priya Shah, who will see it tomorrow.");
    // Monday's check-in is still open: it is asked again.
    expect(thanks[1]).to.equal('Now, back to your check-in.');
    expect(await attendanceOf(day.plus({ days: 1 }).toFormat('yyyy-LL-dd'))).to.deep.include({ barriers: ['other'], barrierText: 'my dog was poorly' });
  });

  it('answers "help" while a group question waits, keeps the question, and lets "skip" pass over "how was it?"', async () => {
    await enrolled();
    await link('wednesday-walk');
    await tickAt(london('2026-11-24T18:00'));
    expect((await say('help'))[0]).to.match(/^Linkwell: automated check-ins/);
    expect((await say('1'))[0]).to.match(/^Lovely, enjoy it/);
    await tickAt(london('2026-11-25T12:30'));
    await say('yes');
    expect(await say('skip')).to.deep.equal(['Thank you. Did you feel welcome? Reply 1 yes, 2 a bit, 3 no.']);
    await say('1');
    expect(await attendanceOf('2026-11-25'))
      .to.include({ attendance: 'went', fit: 'yes' })
      .and.not.have.property('howItWent');
  });

  it('keeps a message for the link worker that comes while a group question waits, and the question keeps waiting', async () => {
    await enrolled();
    await link('wednesday-walk');
    await tickAt(london('2026-11-24T18:00'));
    const replies = await say('Could Priya ring me about my housing letter please');
    expect(replies[0]).to.match(/passed your message to Priya Shah/);
    // A short muddle is asked again, and kept too.
    expect((await say('maybe'))[0]).to.match(/^Just to check: reply 1 if you're going/);
    expect((await say('1'))[0]).to.match(/^Lovely, enjoy it/);
    expect((await history()).notes.map((n) => n.text)).to.deep.equal(['Could Priya ring me about my housing letter please', 'maybe']);
  });

  it('holds a second group message while the first is being answered, and sends it once answered', async () => {
    await enrolled();
    // The walk (Wednesday 2 December, asked afterwards at 12:30) and the choir (Thursday 3 December,
    // nudged the day before at 12:40): ten minutes apart.
    await link('wednesday-walk', { nudge: 'off' });
    await link('community-choir', { nudge: 'day-before', nudgeTime: '12:40' });
    const walk = (texts: string[]) => texts.filter((text) => /Walking Group/.test(text));
    const choir = (texts: string[]) => texts.filter((text) => /Community Choir/.test(text));
    expect(walk(await tickAt(london('2026-12-02T12:30')))).to.have.length(1);
    expect(await say('no')).to.have.length(2);
    // The barrier menu is waiting: the choir's nudge waits too.
    expect(choir(await tickAt(london('2026-12-02T12:40')))).to.deep.equal([]);
    expect((await say('1'))[0]).to.match(/pass it on to Priya Shah/);
    expect(await attendanceOf('2026-12-02')).to.deep.include({ attendance: 'didnt', barriers: ['transport'] });
    expect(choir(await tickAt(london('2026-12-02T12:41')))).to.have.length(1);
    expect((await say('1'))[0]).to.match(/^Lovely, enjoy it/);
  });

  it('reads "1" to "did you make it?" as yes, and "yes but I didn\'t feel welcome" as went, not welcome', async () => {
    await enrolled();
    await link('wednesday-walk');
    await tickAt(london('2026-11-25T12:30'));
    expect(await say('1')).to.deep.equal(['That is great, well done for going! How was it?']);
    // "not for me" about the coffee after is how it went, not a wish to stop.
    await say('the coffee after was not for me, lovely people though');
    await say('1');
    expect((await t.app.store.clients.get(clientId))!.groups![0]).to.include({ status: 'going' });
    await tickAt(london('2026-12-02T12:30'));
    const replies = await say("yes but I didn't feel welcome");
    expect(replies[0]).to.match(/sorry it didn't feel welcoming/);
    expect(await attendanceOf('2026-12-02')).to.include({ attendance: 'went', fit: 'no' });
  });

  it('sends no second nudge for a session whose time was changed after the client said no', async () => {
    await enrolled();
    await link('wednesday-walk');
    await tickAt(london('2026-11-24T18:00'));
    await say("2 can't afford the bus");
    const group = (await (await t.admin('/api/admin/groups/wednesday-walk')).json()) as Record<string, unknown>;
    const { id: _id, source: _s, flags: _f, needsVerification: _n, nextSessions: _ns, history: _h, ...rest } = group;
    const moved = await t.admin('/api/admin/groups/wednesday-walk', {
      method: 'PUT',
      body: JSON.stringify({ ...rest, schedule: { kind: 'weekly', day: 'wednesday', time: '10:30' }, changedBy: 'Priya Shah' }),
    });
    expect(moved.status, await moved.clone().text()).to.equal(200);
    expect((await tickAt(london('2026-11-24T18:05'))).filter((text) => /Walking Group/.test(text))).to.deep.equal([]);
  });
});
