import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { smsConversation } from '../support/smsConversation.js';
import { startSmsTestApp, type SmsTestApp } from '../support/smsTestApp.js';
import { answerAll, askedIn, fourAnsweredBaseline, instrumentRow } from './outcomesRig.js';
import { signedInStaff } from './signedInStaff.js';

const PHONE = '+447700900655';
// A Tuesday noon in London; the clock never moves: whatever the page shows next, it shows at once.
const NOW = DateTime.fromISO('2026-11-24T12:00:00Z', { zone: 'utc' });
const UCLA = 'UCLA 3-item loneliness scale';

/** A client texts their way through the baseline check-in, and the outcomes page follows each step at once. */
describe('The outcomes page, end to end', function () {
  this.timeout(60_000);
  let t: SmsTestApp;

  afterEach(() => t.close());

  it('counts a client as asked once their baseline starts, and their answers as soon as they are given', async () => {
    const clock = new ManualClock(NOW);
    t = await startSmsTestApp({ clock });
    const duty = await signedInStaff(t, clock, 'duty@example.org', 'Dee Duty', 'duty');
    await fourAnsweredBaseline(t.app.store, t.programme);
    let page = (await duty.get('/staff/outcomes')).body;
    expect(askedIn(page, 'baseline'), 'four asked: too few to show').to.equal('&#60;5');
    expect(instrumentRow(page, 'baseline', UCLA).slice(0, 4)).to.deep.equal(['Total score', '&#60;5', '&#60;5', '&#60;5']);

    const created = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Dorothy Pike', phone: PHONE, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'sms' }),
    });
    expect(created.status).to.equal(201);
    const conversation = smsConversation(t, t.twilio, clock, PHONE);
    expect(await conversation.tickAt()).to.have.length(1);
    await conversation.say('YES');
    const started = await conversation.tickAt();
    expect(started[0]).to.match(/quick questions/);

    page = (await duty.get('/staff/outcomes')).body;
    expect(askedIn(page, 'baseline'), 'the fifth is asked').to.equal('5');
    // Four of five answering would tell that one has not: hidden until they answer.
    expect(instrumentRow(page, 'baseline', UCLA).slice(1, 3)).to.deep.equal(['&#60;5', '&#60;5']);

    await answerAll(conversation, started);
    page = (await duty.get('/staff/outcomes')).body;
    expect(page).to.include('Figures as at 24 Nov 2026, 12:00.');
    // Scores 3, 5, 6 (hers), 7, 9: median 6, quartiles 5 and 7.
    expect(instrumentRow(page, 'baseline', UCLA).slice(0, 4)).to.deep.equal(['Total score', '5', '5', '6 (5–7)']);
    expect((await duty.get('/staff/outcomes/waves.csv')).body.split('\r\n')).to.include('baseline,ucla3,1,score,5,5,5,6,5,7,,,,');
  });
});
