import { expect } from 'chai';
import { DateTime } from 'luxon';
import { recognizeSmsKeyword } from '../../dialogs/understanding/recognizeSmsKeyword.js';

describe('recognizeSmsKeyword', () => {
  // Monday 23 November 2026, 10:00 in London.
  const today = DateTime.fromISO('2026-11-23T10:00:00', { zone: 'Europe/London' });

  const cases: Array<[string, string | null]> = [
    ['STOP', 'optOut'],
    ['stop', 'optOut'],
    ['  Stop. ', 'optOut'],
    ['S T O P', 'optOut'],
    ['stop all', 'optOut'],
    ['STOPALL', 'optOut'],
    ['Unsubscribe', 'optOut'],
    ['cancel', 'optOut'],
    ['END', 'optOut'],
    ['quit!', 'optOut'],
    ['START', 'optIn'],
    ['unstop', 'optIn'],
    ['Yes', 'optIn'],
    ['HELP', 'help'],
    ['info', 'help'],
    ['Help?', 'help'],
    ['pause', 'pause'],
    ['PAUSE 2 weeks', 'pause'],
    ['resume', 'resume'],
    // Words inside a sentence are not keywords: the client is talking, not opting out.
    ['please stop the walking group reminders', null],
    ["I can't stop crying", null],
    ['help me', null],
    ['the end of the week', null],
    ['yes please', null],
    ['3', null],
  ];
  for (const [text, kind] of cases) {
    it(`${JSON.stringify(text)} → ${kind ?? 'no keyword'}`, () => {
      expect(recognizeSmsKeyword(text, today)?.kind ?? null).to.equal(kind);
    });
  }

  const pauses: Array<[string, string, boolean]> = [
    ['PAUSE', '2026-12-07', false],
    ['pause 2 weeks', '2026-12-07', false],
    ['Pause for a week', '2026-11-30', false],
    ['pause for 10 days', '2026-12-03', false],
    ['pause a month', '2026-12-23', false],
    ['pause until friday', '2026-11-27', false],
    ['PAUSE till 5 January', '2027-01-05', false],
    ['pause 2 years', '2027-05-24', true],
    ['pause for a bit', '2026-12-07', false],
  ];
  for (const [text, resumeOn, capped] of pauses) {
    it(`${JSON.stringify(text)} pauses until ${resumeOn}${capped ? ' (the longest pause)' : ''}`, () => {
      const keyword = recognizeSmsKeyword(text, today);
      if (keyword?.kind !== 'pause') throw new Error(`not a pause: ${JSON.stringify(keyword)}`);
      expect(keyword.resumeOn.toISODate()).to.equal(resumeOn);
      expect(keyword.resumeOn.zoneName).to.equal('Europe/London');
      expect(keyword.capped).to.equal(capped);
    });
  }
});
