import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);

/** `npm run sms -- ...`, as programme staff run it, on a fresh data directory. */
async function sms(dataDir: string, args: string[], input?: string) {
  const child = run(process.execPath, ['--import', 'tsx', 'bot/cli/smsSimulator.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir },
  });
  if (input !== undefined) child.child.stdin?.end(input);
  return child;
}

describe('npm run sms (SMS simulator)', function () {
  // Each run starts Linkwell in a new process.
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkwell-sms-sim-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('texts Linkwell as a phone would and prints the replies with their segments, continuing the conversation next time', async () => {
    const first = await sms(dataDir, ['+447700900123', 'check in', '--enrol', 'Ada Lovelace']);
    expect(first.stdout).to.contain('Enrolled Ada Lovelace');
    // A new client is asked to agree before anything is asked or kept.
    expect(first.stdout).to.match(/Linkwell: Before your first check-in: your answers go to /);

    const second = await sms(dataDir, ['+447700900123'], 'yes\nhardly ever\n2\n');
    expect(second.stdout).to.match(/Linkwell: .*automated check-in[\s\S]*lack companionship\?[\s\S]*Reply 1, 2 or 3\n\s+\[2 segments, GSM-7\]/);
    expect(second.stdout).to.match(/You: hardly ever\nLinkwell: How often do you feel left out\?/);
    expect(second.stdout).to.match(/You: 2\nLinkwell: How often do you feel isolated from others\?/);
  });

  it('shows a number that is not enrolled the reply a stranger gets', async () => {
    const { stdout } = await sms(dataDir, ['+447700900124', 'hello']);
    expect(stdout).to.contain('is not enrolled');
    expect(stdout).to.contain('Linkwell: Sorry, this service is only for people invited by their link worker.');
  });

  it('refuses a phone number that is not in international form', async () => {
    const error = (await sms(dataDir, ['07700 900123', 'hi']).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).to.equal(1);
    expect(error.stderr).to.contain('is not a phone number in international form');
  });
});
