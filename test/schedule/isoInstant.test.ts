import { expect } from 'chai';
import { DateTime } from 'luxon';
import { isoInstant } from '../../bot/time/isoInstant.js';
import { memoZone } from '../../bot/time/memoZone.js';

describe('isoInstant', () => {
  const zone = memoZone('America/St_Johns');
  const cases = [
    '2026-03-04T14:00:00.000Z',
    '2026-03-04T14:00:00Z',
    '2026-03-04T14:00Z',
    '2026-03-04T14:00:00.1239Z',
    '2026-03-04T14:00:00.9Z',
    '2026-11-01T01:30:00-02:30',
    '2026-03-30T10:30:00+01:00',
    '2026-03-04T14:00:00+0100',
    '2026-03-04 14:00:00Z',
    // No offset: the zone's own clock, including a time the clocks skip and one they repeat.
    '2026-03-08T02:30:00',
    '2026-11-01T01:30',
    '2026-03-08',
    // Not a date-time.
    '2026-02-30T10:00:00Z',
    '2026-03-04T24:00:00Z',
    'soon',
    '',
  ];
  for (const text of cases) {
    it(`reads "${text}" as luxon does`, () => {
      const expected = DateTime.fromISO(text, { zone }).toMillis();
      expect(isoInstant(text, zone)).to.satisfy((ms: number) => Object.is(ms, expected));
    });
  }
});
