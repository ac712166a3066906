import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { itemPrompt } from '../../cards/itemPrompt.js';
import { smsSegments, toSmsText } from '../../cards/smsText.js';
import { CheckInDialog } from '../../dialogs/checkInDialog.js';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import { itemSchema, type ChoiceItem, type Instrument, type InstrumentItem } from '../../dialogs/instruments/instrumentSchema.js';
import { interpretReply } from '../../dialogs/understanding/interpretReply.js';
import { fill, wordingSchema, type PLACEHOLDERS, type Wording } from '../../dialogs/wording/wording.js';
import { RecordingHistory } from '../support/recordingHistory.js';

// Long but real values for every placeholder: a new placeholder fails the typecheck until it has one.
const LONG: Record<(typeof PLACEHOLDERS)[number], string | number> = {
  clientName: 'Bernadette Montgomery-Chambers', // 30 characters
  programmeName: 'Tameside and Glossop Community Wellbeing', // 40
  linkWorkerName: 'Chidinma Okonkwo-Whitaker', // 25
  linkWorkerPhone: '+44 7700 900101',
  itemCount: 12,
  date: 'Wednesday 30 September',
  weeks: 4,
  crisisContacts:
    'Emergency services 999 (if you are in danger now); NHS 111, mental health option 111 (for urgent mental health help); Samaritans 116 123 (free, any time); Shout, text SHOUT to 85258 (free, any time)',
  groupName: 'Stalybridge Wednesday Health Walk', // 33
  sessionTime: 'on Wednesday 10:00',
  venue: 'Stalybridge Civic Hall, Trinity Street',
  travel: 'Buses 236 and 237 stop outside; step-free entrance at the back.',
  count: 4,
};

const wording = wordingSchema.parse({});
const say = (key: keyof Wording, values = LONG) => fill(wording[key], values);
const instruments = [...builtinInstruments.values()];
const allItems = instruments.flatMap((i) => i.items);

/** What the SMS adapter sends for a bot message. */
const asSent = (activity: Partial<Activity>) => toSmsText(activity.text ?? '');

/**
 * Every set of lines CheckInDialog puts before an item, as in its askCurrent and callers. By SMS
 * the check-in intro goes alone before the first item, which gets only its instrument's intro.
 */
function leads(instrument: Instrument, item: InstrumentItem): Array<[string, string[]]> {
  const intro = instrument.items[0] === item && instrument.intro ? [instrument.intro] : [];
  return [
    ['asked', intro],
    ['asked again after "check in"', [say('alreadyOpen'), ...intro]],
    ['re-asked', [say('reask')]],
    ['re-asked after something said in passing', [say('freeTextNoted'), say('reask')]],
    ['reached after a missed item and something said in passing', [say('freeTextNoted'), say('moveOn'), ...intro]],
  ];
}

// Not built in: numbered from 0, so the numbers shown are not the options' positions.
const zeroBased = itemSchema.parse({
  id: 'nervous',
  kind: 'choice',
  text: 'How often have you felt nervous?',
  options: ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'].map((label, i) => ({ id: `o${i}`, label, code: i, key: i })),
}) as ChoiceItem;

describe('SMS prompts', () => {
  for (const instrument of instruments) {
    for (const item of instrument.items) {
      it(`sends ${instrument.id}/${item.id} in at most two GSM-7 segments, however the check-in asks it`, () => {
        for (const [how, lead] of leads(instrument, item)) {
          const size = smsSegments(asSent(itemPrompt(item, 'sms', lead)));
          expect(size.encoding, how).to.equal('GSM-7');
          expect(size.segments, `${how}: ${size.units} septets`).to.be.at.most(2);
        }
      });
    }
  }

  it('sends every wording template, filled with long names, as GSM-7 in at most three segments', () => {
    for (const key of Object.keys(wording) as Array<keyof Wording>) {
      const size = smsSegments(toSmsText(say(key)));
      expect(size.encoding, key).to.equal('GSM-7');
      expect(size.segments, `${key}: ${size.units} septets`).to.be.at.most(3);
    }
  });

  it('never sends a card by SMS, only text', () => {
    for (const channelId of ['sms', 'twilio-sms']) {
      for (const item of [...allItems, zeroBased]) {
        const activity = itemPrompt(item, channelId, [say('reask')]);
        expect(activity.attachments, `${channelId} ${item.id}`).to.equal(undefined);
        expect(activity.text).to.contain(item.text);
      }
    }
  });

  it('offers exactly the numbers shown beside the options, and takes each as that option', () => {
    const choiceItems = [...allItems.filter((i): i is ChoiceItem => i.kind === 'choice'), zeroBased];
    for (const item of choiceItems) {
      const lines = asSent(itemPrompt(item, 'sms')).split('\n');
      const shown = lines.slice(1, -1).map((line) => /^(\d+) (.+)$/.exec(line)!.slice(1));
      expect(shown, item.id).to.deep.equal(item.options.map((o) => [String(o.key), o.label]));
      const offered = /^Reply ((?:\d+, )*\d+) or (\d+)$/.exec(lines.at(-1)!);
      expect(offered, lines.at(-1)).to.not.equal(null);
      expect(offered!.slice(1).join(', ').split(', '), item.id).to.deep.equal(shown.map(([key]) => key));
      for (const option of item.options) {
        expect(interpretReply(item, { text: String(option.key) }), `${item.id} "${option.key}"`).to.include({ kind: 'answer', optionId: option.id });
      }
    }
  });

  describe('through a whole check-in', () => {
    const who = { clientId: 'c1', clientName: String(LONG.clientName), linkWorkerName: String(LONG.linkWorkerName), programmeName: String(LONG.programmeName) };
    const remarks = ['Often, especially since my wife died in the spring', 'My daughter has moved to Leeds with the grandchildren'];
    // Two remarks (re-ask, then move on), "check in" and help mid-way, skips to the end, a note.
    const script = ['start', ...remarks, 'check in', 'help', 'skip', 'skip', 'skip', 'The bus to the choir does not run on Tuesdays any more'];

    async function converse(order: string[], says: string[]): Promise<Array<Partial<Activity>>> {
      const dialog = new CheckInDialog({
        instruments: order.map((id) => builtinInstruments.get(id)!),
        wording,
        history: new RecordingHistory(),
        clock: new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z')),
      });
      const client = new DialogTestClient('sms', dialog, who);
      const sent: Array<Partial<Activity>> = [];
      for (const text of says) {
        sent.push(await client.sendActivity(text));
        for (let next = client.getNextReply(); next; next = client.getNextReply()) sent.push(next);
      }
      return sent;
    }

    for (const order of [
      ['ucla3', 'ons-loneliness'],
      ['ons-loneliness', 'ucla3'],
    ]) {
      it(`sends only text, each question in two segments and anything else in three (${order.join(', then ')})`, async () => {
        const sent = [...(await converse(order, script)), ...(await converse(order, ['start', 'stop']))];
        const values = { ...LONG, itemCount: 4 };
        expect(asSent(sent[0]!), 'the intro goes alone').to.equal(toSmsText(say('checkInIntro', values)));
        expect(sent.map(asSent)).to.include.members([say('noteThanks'), say('thanks'), say('stopped')].map(toSmsText));
        for (const activity of sent) {
          const text = asSent(activity);
          expect(activity.attachments ?? [], text).to.be.empty;
          const size = smsSegments(text);
          const limit = allItems.some((item) => text.includes(item.text)) ? 2 : 3;
          expect(size.encoding, text).to.equal('GSM-7');
          expect(size.segments, `${size.units} septets: ${text}`).to.be.at.most(limit);
        }
      });
    }
  });
});
