import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { openLowdbStore } from '../../storage/lowdb/openLowdbStore.js';

const run = promisify(execFile);

describe('npm run schedule:preview', function () {
  this.timeout(60_000);
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkwell-preview-'));
    const store = await openLowdbStore(dataDir);
    await store.clients.create({
      programmeId: 'demo',
      name: 'Maureen',
      phone: '+447700900555',
      timezone: 'America/New_York',
      linkWorkerId: 'sam',
      channel: 'sms',
      createdAt: '2026-01-05T15:00:00.000Z',
    });
    store.close();
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  const preview = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'bot/cli/schedulePreview.ts', ...args], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir } });

  it("lists every planned message in the client's own time, found by phone, with reminders marked as conditional", async () => {
    const { stdout } = await preview('--client', '+447700900555', '--weeks', '2', '--from', '2026-01-05');
    expect(stdout.split('\n')).to.deep.equal([
      'Maureen, Linkwell Demo Programme: the next 2 weeks in America/New_York time',
      '(Has not replied YES yet: nothing is sent until they do. Shown as if they had agreed at enrolment.)',
      '',
      'Mon 5 Jan 2026 10:00  measurement wave baseline',
      'Mon 12 Jan 2026 10:00  check-in',
      'Tue 13 Jan 2026 10:00  reminder of the 12 Jan check-in, if not answered',
      '',
    ]);
  });

  it('says clearly when the client or the arguments are wrong', async () => {
    const missing = (await preview('--client', 'nobody').catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.contain('No client "nobody"');
    const bad = (await preview('--client', '+447700900555', '--weeks', 'lots').catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.contain('--weeks: a whole number from 1 to 104');
    const badDate = (await preview('--client', '+447700900555', '--from', 'someday').catch((e: unknown) => e)) as { code: number };
    expect(badDate.code).to.equal(1);
  });
});
