import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);

/** `npm run demo:week -- ...` in its own process; resolves with its output and exit code either way. */
async function demoWeek(args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'bot/cli/demoWeek.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run demo:week', function () {
  // Each run starts Linkwell in a new process and plays a whole week.
  this.timeout(90_000);
  let week: Awaited<ReturnType<typeof demoWeek>>;
  before(async () => {
    week = await demoWeek();
  });

  it('plays the week through and exits 0', () => {
    expect(week.stderr, week.stderr).to.not.contain('The demo stopped');
    expect(week.code).to.equal(0);
    expect(week.stdout).to.contain('The demo week ran as scripted.');
  });

  it('shows the nudge the day before and the reply to it, at local times', () => {
    expect(week.stdout).to.match(/Tue 1 Dec 18:00 {2}Linkwell -> Ada: Linkwell: Wednesday Walking Group tomorrow 10:00 at Central Library\./);
    expect(week.stdout).to.match(/Tue 1 Dec 18:00 {2}Ada -> Linkwell: 1\n/);
  });

  it('shows the follow-up after the session', () => {
    expect(week.stdout).to.match(/Wed 2 Dec \d\d:\d\d {2}Linkwell -> Ada: Hello Ada, did you make it to Wednesday Walking Group today\?/);
    expect(week.stdout).to.contain('Linkwell -> Ada: Thank you. Did you feel welcome?');
  });

  it("shows the barrier menu and the reason given in the client's own words", () => {
    expect(week.stdout).to.match(/Linkwell -> Bill: Reply with one or more numbers:\n\s+1 Transport\n/);
    expect(week.stdout).to.contain("Bill -> Linkwell: couldn't get a lift");
  });

  it('shows the crisis reply and the alert to staff, by name and not by number', () => {
    expect(week.stdout).to.match(/Linkwell -> Dev: .*Please get help now/);
    expect(week.stdout).to.match(/Linkwell -> staff Priya Shah: Linkwell URGENT alert/);
  });

  it("ends with each client's attendance and the flagged group, as the admin API gives them", () => {
    const summary = week.stdout.slice(week.stdout.indexOf('What the link worker sees'));
    expect(summary).to.match(/Ada: attendance went 1, didn't 0/);
    expect(summary).to.match(/Bill: attendance went 0, didn't 2, unknown 0; barriers transport 1, not-running-or-full 1/);
    expect(summary).to.contain('accompany Would like someone to go with them to Wednesday Walking Group');
    expect(summary).to.match(/Community Choir needs checking:\n\s+reported-not-running for community-choir\|2026-12-03T14:00/);
  });

  it('stops with exit code 1 and says what was never asked, when the week holds no choir session', async () => {
    // The choir meets on the first Thursday of the month: none in the week of 7 December.
    const { code, stderr } = await demoWeek(['--start', '2026-12-07T08:00']);
    expect(code).to.equal(1);
    expect(stderr).to.contain('Linkwell never asked what the demo expects');
    expect(stderr).to.contain('Bill: the choir nudge');
  });
});
