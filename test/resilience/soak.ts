// `npm run soak`: the resilience run at full size. 3,000 signed texts from 60 clients while the server
// (npm start, a child process) is killed with SIGKILL 10 times, mid-burst and mid-drain; then one
// chat link abused (every chat it may open, each flooded with activities). Prints what was lost or
// doubled, how long each restart took to be ready, and the server's memory under the abuse.
import { seededRandom } from '../../dialogs/safety/classifier/trainRiskModel.js';
import { WEB_CHAT_KEPT } from '../../storage/ports.js';

/** Memory growth allowed under the chat flood: its one transcript, held a few times over while written. */
const FLOOD_GROWTH_LIMIT = 64 * 1024 * 1024;
import { KillRig } from './killRig.js';

const TEXTS = Number(process.env.SOAK_TEXTS ?? 3000);
const KILLS = Number(process.env.SOAK_KILLS ?? 10);
const CLIENTS = 60;
const random = seededRandom(Number(process.env.SOAK_SEED ?? 2026));

const rig = await KillRig.start({ twilioLatencyMs: 10 });
try {
  const began = performance.now();
  const phones = await rig.enrol(CLIENTS);
  rig.plan(phones, TEXTS);
  for (let kill = 0; kill < KILLS; kill += 1) {
    if (kill % 2 === 0) await rig.sendPending(8, Math.max(1, Math.floor((random() * rig.unaccepted) / (KILLS - kill))));
    else {
      await rig.sendPending(8, Math.max(1, Math.floor(rig.unaccepted / (KILLS - kill))));
      await rig.untilDrained(random() * 0.6);
    }
    await rig.kill();
    await rig.boot();
    process.stdout.write(
      `kill ${kill + 1}/${KILLS} (${kill % 2 === 0 ? 'mid-burst' : 'mid-drain'}): ready again in ${Math.round(rig.restartsMs.at(-1)!)} ms\n`,
    );
  }
  await rig.sendPending(8);
  await rig.settle(120_000);
  const tally = await rig.tally();
  const restarts = rig.restartsMs.slice(1);
  const seconds = (performance.now() - began) / 1000;

  const abuse = await rig.abuseOneChatLink();
  console.log(`
Soak: ${tally.texts} texts from ${CLIENTS} clients, ${KILLS} kills with SIGKILL (${seconds.toFixed(0)} s)
  lost (accepted, never answered)     ${tally.lost}      target 0
  doubled (answered more than once)   ${tally.doubled}      target 0
  Twilio sids taken twice             ${tally.sidsReused}
  restart to ready (npm start, /readyz): median ${median(restarts)} ms, worst ${Math.round(Math.max(...restarts))} ms   target < 3000 ms

One chat link abused: opened ${abuse.opened} times (${abuse.refused} refused), all ${abuse.conversations === 1 ? 'the one conversation of its client' : `${abuse.conversations} conversations`}; ${abuse.activities} activities of ${abuse.activityBytes / 1024} KB posted
  server RSS before ${mb(abuse.rssBefore)} MB, after ${mb(abuse.rssAfter)} MB (growth ${mb(abuse.rssAfter - abuse.rssBefore)} MB; one transcript keeps at most ${WEB_CHAT_KEPT.bytes / 1024} KB)
`);
  if (tally.doubled > 0) console.log((await rig.doubledDetail()).join('\n'));
  const failed =
    tally.lost > 0 ||
    tally.doubled > 0 ||
    tally.sidsReused > 0 ||
    Math.max(...restarts) >= 3000 ||
    abuse.conversations !== 1 ||
    abuse.rssAfter - abuse.rssBefore > FLOOD_GROWTH_LIMIT;
  if (failed) {
    console.log('TARGETS MISSED');
    process.exitCode = 1;
  }
} finally {
  await rig.close();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
