import { expect } from 'chai';
import { seededRandom } from '../../dialogs/safety/classifier/trainRiskModel.js';
import { waitFor } from '../support/waitFor.js';
import { KillRig } from './killRig.js';

/**
 * The server killed with SIGKILL at random moments (seeded, so a failure can be replayed) while
 * signed texts arrive and while its outbox drains, then started again on the same data, several
 * times: every text accepted is answered exactly once, and no Twilio message is taken for two.
 */
describe('resilience: SIGKILL during a burst of texts and during the outbox drain (npm start in a child process)', function () {
  this.timeout(300_000);
  let rig: KillRig;

  before(async () => {
    rig = await KillRig.start({ twilioLatencyMs: 15 });
  });
  after(() => rig?.close());

  it('answers every accepted text exactly once across kills mid-burst and mid-drain', async () => {
    const random = seededRandom(17);
    const phones = await rig.enrol(12);
    rig.plan(phones, 150);
    for (let round = 0; round < 3; round += 1) {
      // Mid-burst: kill after a random share of what is left has been accepted.
      const burst = rig.sendPending(8, Math.max(1, Math.floor(random() * rig.unaccepted * 0.6)));
      await burst;
      await rig.kill();
      await rig.boot();
      // Mid-drain: the rest arrives, then the server is killed while it is still sending replies
      // (once a random share of the replies owed have gone).
      await rig.sendPending(8);
      await rig.untilDrained(random() * 0.6);
      await rig.kill();
      await rig.boot();
    }
    await rig.sendPending(8);
    expect(rig.unaccepted, 'texts the webhook never took').to.equal(0);
    await rig.settle();
    const tally = await rig.tally();
    expect(tally, rig.log).to.deep.equal({ texts: 150, lost: 0, doubled: 0, sidsReused: 0 });
  });

  it('answers every text exactly once when Twilio answers 500 for a while, across a SIGKILL, and then recovers', async () => {
    const phones = await rig.enrol(4);
    const posts = () => rig.fake.requests.filter((r) => r.method === 'POST').length;
    const before = posts();
    rig.fake.failNext({ status: 500 }, 8);
    rig.plan(phones, 20);
    await rig.sendPending(4);
    // Twilio is failing: the replies wait in the outbox, retried with backoff. Killed once one has met a 500.
    await waitFor(() => posts() > before, { what: 'a reply to reach Twilio (and meet a 500)', timeoutMs: 10_000 });
    const failedSoFar = posts() - before;
    await rig.kill();
    await rig.boot();
    await rig.settle();
    expect(failedSoFar, 'Twilio was failing when the server was killed').to.be.greaterThan(0);
    expect(await rig.tally(), rig.log).to.deep.equal({ texts: 170, lost: 0, doubled: 0, sidsReused: 0 });
  });
});
