import { expect } from 'chai';
import { DialogTestClient } from 'botbuilder-testing';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { CheckInDialog } from '../../dialogs/checkInDialog.js';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { wordingSchema } from '../../dialogs/wording/wording.js';
import { describeActivity } from '../support/describeActivity.js';
import { RecordingHistory } from '../support/recordingHistory.js';

const instruments = [builtinInstruments.get('ucla3')!, builtinInstruments.get('ons-loneliness')!];
const who = { clientId: 'client-1', clientName: 'Jean', linkWorkerName: 'Sam', programmeName: 'Demo Programme' };

/** [what the client says, a pattern every bot message of that turn must together match]. */
type Turn = [string, RegExp];

function setUp(channelId = 'sms') {
  const history = new RecordingHistory();
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z'));
  const dialog = new CheckInDialog({ instruments, wording: wordingSchema.parse({}), history, clock });
  const client = new DialogTestClient(channelId, dialog, who);
  return { history, client, clock };
}

async function play(client: DialogTestClient, turns: Turn[]): Promise<void> {
  for (const [says, expected] of turns) {
    const replies = [describeActivity(await client.sendActivity(says))];
    for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(describeActivity(next));
    expect(replies.join('\n'), `after "${says}"`).to.match(expected);
  }
}

describe('CheckInDialog', () => {
  it('says it is automated, asks UCLA-3 then the ONS question, the open question, and thanks without scores', async () => {
    const { client, history } = setUp();
    await play(client, [
      [
        'go',
        /automated check-in[\s\S]*How often do you feel that you lack companionship\?\n1 Hardly ever or never\n2 Some of the time\n3 Often\nReply 1, 2 or 3/,
      ],
      ['hardly ever', /^How often do you feel left out\?/],
      ['3', /^How often do you feel isolated from others\?/],
      ['some of the time tbh', /^How often do you feel lonely\?\n1 Often\/always\n2 Some of the time\n3 Occasionally\n4 Hardly ever\n5 Never/],
      ['Never', /anything you'd like Sam to know\?/],
      ['no thanks', /^Thank you, Jean, that's your check-in done\./],
    ]);
    expect(history.values()).to.deep.equal([
      ['lack_companionship', 1, 'answered'],
      ['left_out', 3, 'answered'],
      ['isolated', 2, 'answered'],
      ['lonely', 5, 'answered'],
    ]);
    expect(history.scores).to.have.length(1);
    expect(history.scores[0]).to.include({ instrumentId: 'ucla3', score: 6, complete: true });
    expect(history.notes).to.be.empty;
    expect(history.checkIns[0]).to.include({ status: 'completed', channel: 'sms' });
  });

  it('by SMS, sends the introduction on its own, then the first question; in web chat, both on one card', async () => {
    const sms = setUp('sms').client;
    expect((await sms.sendActivity('start')).text).to.match(/^Hi Jean, it's Linkwell, the automated check-in from Demo Programme\. 4 quick questions\./);
    expect(describeActivity(sms.getNextReply())).to.match(/^The next questions are about how you feel[\s\S]*lack companionship\?\n1 Hardly ever/);
    expect(sms.getNextReply()).to.equal(undefined);

    const web = setUp('webchat').client;
    expect(describeActivity(await web.sendActivity('start'))).to.match(/^Hi Jean, it's Linkwell[\s\S]*4 quick questions[\s\S]*lack companionship\?/);
    expect(web.getNextReply()).to.equal(undefined);
  });

  it('stores every answer with instrument, version, item, raw text, channel and time', async () => {
    const { client, history } = setUp();
    await play(client, [
      ['start', /lack companionship/],
      ['Often!!', /left out/],
    ]);
    expect(history.responses[0]).to.deep.equal({
      checkInId: history.checkIns[0]!.id,
      instrumentId: 'ucla3',
      instrumentVersion: '1',
      itemId: 'lack_companionship',
      value: 3,
      optionId: 'often',
      status: 'answered',
      raw: 'Often!!',
      channel: 'sms',
      answeredAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('re-asks once with the options, then records the item as missing and moves on', async () => {
    const { client, history } = setUp();
    await play(client, [
      ['start', /lack companionship/],
      ['purple', /^Just to be sure I get this right, which is closest\?\nHow often do you feel that you lack companionship\?\n1 Hardly ever/],
      ['banana', /^That's fine, let's move on\.\nHow often do you feel left out\?/],
    ]);
    expect(history.values()).to.deep.equal([['lack_companionship', null, 'missing']]);
    expect(history.responses[0]!.raw).to.equal('banana');
  });

  it('never guesses: ambiguous, out-of-range and negated replies are re-asked', async () => {
    for (const reply of ['2 or 3', '7', 'not all the time', 'often but never']) {
      const { client, history } = setUp();
      await play(client, [
        ['start', /lack companionship/],
        [reply, /^Just to be sure/],
      ]);
      expect(history.responses, reply).to.be.empty;
    }
  });

  it('handles skip, help and stop at any item', async () => {
    const { client, history } = setUp();
    await play(client, [
      ['start', /lack companionship/],
      ['Skip', /^How often do you feel left out\?/],
      ['help', /^Linkwell is an automated check-in from Demo Programme[\s\S]*Say skip to skip a question[\s\S]*How often do you feel left out\?/],
      ['2', /isolated from others/],
      ['STOP', /^OK, we will stop there\. Your answers so far are saved\./],
    ]);
    expect(history.values()).to.deep.equal([
      ['lack_companionship', null, 'skipped'],
      ['left_out', 2, 'answered'],
    ]);
    expect(history.checkIns[0]!.status).to.equal('stopped');
    expect(history.scores, 'no score for an instrument not finished').to.be.empty;
  });

  it('stores no UCLA-3 total when an item was skipped, but records the instrument as incomplete', async () => {
    const { client, history } = setUp();
    await play(client, [
      ['start', /companionship/],
      ['1', /left out/],
      ['pass', /isolated/],
      ['1', /lonely/],
      ['4', /anything/],
      ['nope', /Thank you/],
    ]);
    expect(history.scores[0]).to.include({ instrumentId: 'ucla3', score: null, complete: false });
  });

  it('passes on what the client writes at the open question, and acknowledges it', async () => {
    const { client, history } = setUp();
    await play(client, [
      ['start', /companionship/],
      ['1', /left out/],
      ['1', /isolated/],
      ['1', /lonely/],
      ['5', /anything/],
      ["The bus to the choir doesn't run on Tuesdays any more", /^Thank you\. I'll pass that on to Sam\.\nThank you, Jean/],
    ]);
    expect(history.notes.map((n) => n.text)).to.deep.equal(["The bus to the choir doesn't run on Tuesdays any more"]);
  });

  it('acknowledges and keeps something said in passing, instead of forcing it into an answer', async () => {
    const { client, history } = setUp();
    await play(client, [
      ['start', /companionship/],
      ['Often, especially since my wife died in the spring', /^Thank you for telling me\. I'll make sure Sam sees that\.\nJust to be sure/],
      ['often', /left out/],
    ]);
    expect(history.notes.map((n) => n.text)).to.deep.equal(['Often, especially since my wife died in the spring']);
    expect(history.values()).to.deep.equal([['lack_companionship', 3, 'answered']]);
  });

  describe('in web chat', () => {
    it('shows each item as a card with one button per option', async () => {
      const { client } = setUp('webchat');
      const reply = await client.sendActivity('start');
      expect(reply.text).to.equal(undefined);
      expect(describeActivity(reply)).to.match(
        /How often do you feel that you lack companionship\?[\s\S]*\[1 Hardly ever or never\] \[2 Some of the time\] \[3 Often\]$/,
      );
    });

    it('takes a button press as the answer, and ignores a press on an earlier card', async () => {
      const { client, history } = setUp('webchat');
      await client.sendActivity('start');
      await client.sendActivity({ type: 'message', value: { itemId: 'lack_companionship', value: 2 } });
      const stale = await client.sendActivity({ type: 'message', value: { itemId: 'lack_companionship', value: 3 } });
      expect(describeActivity(stale)).to.match(/How often do you feel left out\?/);
      await client.sendActivity({ type: 'message', value: { itemId: 'left_out', value: 1 } });
      expect(history.values()).to.deep.equal([
        ['lack_companionship', 2, 'answered'],
        ['left_out', 1, 'answered'],
      ]);
      expect(history.responses[0]!.raw).to.equal('[button 2]');
    });
  });
});
