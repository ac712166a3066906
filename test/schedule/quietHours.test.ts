import { expect } from 'chai';
import { DateTime } from 'luxon';
import { isQuiet, nextAllowed } from '../../bot/time/quietHours.js';

describe('quiet hours', () => {
  const overnight = { start: '21:00', end: '09:00' };
  const at = (iso: string, zone = 'Europe/London') => DateTime.fromISO(iso, { zone });

  const cases: Array<[string, string, string]> = [
    ['2026-11-23T10:00', 'quiet? no', '2026-11-23T10:00'],
    ['2026-11-23T20:59', 'quiet? no', '2026-11-23T20:59'],
    ['2026-11-23T21:00', 'quiet? yes', '2026-11-24T09:00'],
    ['2026-11-23T23:30', 'quiet? yes', '2026-11-24T09:00'],
    ['2026-11-24T03:00', 'quiet? yes', '2026-11-24T09:00'],
    ['2026-11-24T08:59', 'quiet? yes', '2026-11-24T09:00'],
    ['2026-11-24T09:00', 'quiet? no', '2026-11-24T09:00'],
  ];
  for (const [local, quiet, next] of cases) {
    it(`${local} London: ${quiet}, next allowed ${next}`, () => {
      expect(isQuiet(at(local), overnight)).to.equal(quiet === 'quiet? yes');
      expect(nextAllowed(at(local), overnight).toFormat("yyyy-LL-dd'T'HH:mm")).to.equal(next);
    });
  }

  it('reads the clock of the client, not the server: 03:00 in Brisbane is quiet when it is 17:00 in London', () => {
    const instant = DateTime.fromISO('2026-11-23T17:00:00Z');
    expect(isQuiet(instant.setZone('Europe/London'), overnight)).to.equal(false);
    expect(isQuiet(instant.setZone('Australia/Brisbane'), overnight)).to.equal(true);
    expect(nextAllowed(instant.setZone('Australia/Brisbane'), overnight).toISO()).to.equal('2026-11-24T09:00:00.000+10:00');
  });

  it('handles quiet hours inside one day, and a night when the clocks go back', () => {
    expect(isQuiet(at('2026-11-23T13:30'), { start: '13:00', end: '14:00' })).to.equal(true);
    expect(isQuiet(at('2026-11-23T14:00'), { start: '13:00', end: '14:00' })).to.equal(false);
    // 25 October 2026: London's night is an hour longer; quiet still ends at 09:00 local.
    expect(nextAllowed(at('2026-10-24T22:00'), overnight).toISO()).to.equal('2026-10-25T09:00:00.000+00:00');
  });
});
