import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { smsConversation } from '../support/smsConversation.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { enrolSmsClient, startSmsTestApp, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type SmsTestApp } from '../support/smsTestApp.js';
import { filesUnder } from '../support/files.js';

const PHONE = '+447700900311';

describe('a conversation state file that cannot be parsed (real server, SMS)', () => {
  let t: SmsTestApp;
  const logLines: string[] = [];
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z'));

  let twilio: FakeTwilio;

  before(async () => {
    twilio = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN });
    t = await startSmsTestApp({ clock, twilio, logSink: (line) => logLines.push(line) });
    await enrolSmsClient(t, PHONE);
  });
  after(async () => {
    await t.close();
    await twilio.close();
  });

  it('is moved to DATA_DIR/quarantine with its contents, the log names it, and the client carries on afresh', async () => {
    await smsConversation(t, twilio, clock, PHONE).say('YES');
    expect((await smsConversation(t, twilio, clock, PHONE).say('check in')).join('\n')).to.match(/lack companionship/);
    const [stateFile, ...more] = filesUnder(join(t.dataDir, 'state'));
    expect(more, 'one conversation, one state file').to.deep.equal([]);
    // Found broken when the server next reads it from disk: after a restart.
    await t.close({ keepData: true });
    writeFileSync(stateFile!, '{"key":"sms/conversations/+44770');
    t = await startSmsTestApp({ clock, dataDir: t.dataDir, twilio, logSink: (line) => logLines.push(line) });

    const replies = await smsConversation(t, twilio, clock, PHONE).say('check in');
    expect(replies.join('\n'), 'a fresh check-in, not an apology').to.match(/lack companionship/);
    const quarantined = filesUnder(join(t.dataDir, 'quarantine'));
    expect(quarantined).to.have.length(1);
    expect(readFileSync(quarantined[0]!, 'utf8')).to.equal('{"key":"sms/conversations/+44770');
    const line = logLines.find((l) => l.includes('moved aside'));
    expect(line, 'logged').to.be.a('string');
    expect(line).to.include(quarantined[0]!.split('/').at(-1));
    expect(logLines.join('\n')).not.to.include(PHONE);
  });
});
