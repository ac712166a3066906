import { expect } from 'chai';
import { seededRandom } from '../../../dialogs/safety/classifier/trainRiskModel.js';
import { KillRig } from '../../resilience/killRig.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';
import { waitFor } from '../../support/waitFor.js';

/** A fixed-offset zone where it is about midday now, so a check-in due now is not held for quiet hours. */
function zoneAtMidday(now: Date): string {
  const hoursAhead = 12 - now.getUTCHours();
  return hoursAhead === 0 ? 'Etc/GMT' : `Etc/GMT${hoursAhead > 0 ? '-' : '+'}${Math.abs(hoursAhead)}`;
}

/**
 * Two real servers (`npm start` twice, different ports) on one PostgreSQL database behind a load
 * balancer, one of them killed with SIGKILL mid-flow and started again: no text is lost or answered
 * twice, no Twilio message is taken for two, and every due check-in goes out once.
 */
describe('two servers on one database, one killed with SIGKILL mid-flow (npm start twice)', function () {
  this.timeout(300_000);
  let db: TestDatabase;
  let rig: KillRig;

  before(async () => {
    db = await freshDatabase();
    rig = await KillRig.start({ instances: 2, databaseUrl: db.url, twilioLatencyMs: 15 });
  });
  after(async () => {
    await rig?.close();
    await db?.drop();
  });

  it('answers every text exactly once when either server is killed mid-burst or mid-drain', async () => {
    const random = seededRandom(29);
    const phones = await rig.enrol(8);
    rig.plan(phones, 100);
    // Mid-burst: server 0 dies part way; the balancer sends the rest to server 1 meanwhile.
    await rig.sendPending(8, 20 + Math.floor(random() * 20));
    await rig.kill(0);
    await rig.sendPending(8, 30);
    await rig.boot(0);
    // Mid-drain: every text is in, and server 1 dies while the replies are going out (once a random share of them have gone).
    await rig.sendPending(8);
    await rig.untilDrained(random() * 0.6);
    await rig.kill(1);
    await rig.boot(1);
    expect(rig.unaccepted, 'texts the webhook never took').to.equal(0);
    await rig.settle(150_000);
    expect(await rig.tally(), rig.log).to.deep.equal({ texts: 100, lost: 0, doubled: 0, sidsReused: 0 });
  });

  // The instance killed had claimed and begun some check-ins, some with their record written and
  // nothing queued: those go once its claims run out (CLAIM_LEASE_MS), the rest at once.
  it('sends each due check-in once when a server is killed while they go out', async () => {
    // Agreeing (YES, to either server) makes the baseline check-in due at once.
    const phones = await rig.enrol(20, { paused: false, timezone: zoneAtMidday(new Date()) });
    const opened = (phone: string) => rig.fake.messages.filter((m) => m.to === phone && /quick questions/.test(m.body)).length;
    // Killed as soon as the first has gone: the rest are being planned, claimed and sent.
    await waitFor(() => phones.some((p) => opened(p) > 0), { what: 'the first check-in to reach Twilio', timeoutMs: 30_000, intervalMs: 5 });
    await rig.kill(0);
    await rig.boot(0);
    await waitFor(() => phones.every((p) => opened(p) > 0), {
      what: () => `every client's check-in (${phones.filter((p) => opened(p) > 0).length} of ${phones.length}):\n${rig.log}`,
      timeoutMs: 180_000,
      intervalMs: 100,
    });
    // Every check-in decided in the database and nothing left to send: a second copy could only come before this.
    await rig.untilCheckInsSettled(phones);
    expect(phones.map(opened), rig.log).to.deep.equal(phones.map(() => 1));
  });
});
