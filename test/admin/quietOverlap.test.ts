import { expect } from 'chai';
import { quietOverlap } from '../../bot/staff/api/clientSettingsSchema.js';

describe('quietOverlap', () => {
  const cases: ReadonlyArray<[quiet: string, window: string, expected: ReturnType<typeof quietOverlap>]> = [
    ['21:00-09:00', '09:00-21:00', 'none'],
    ['21:00-09:00', '08:59-10:00', 'partly'],
    ['21:00-09:00', '20:00-21:01', 'partly'],
    ['21:00-09:00', '00:00-08:00', 'inside'],
    ['21:00-09:00', '21:00-23:59', 'inside'],
    ['21:00-09:00', '07:00-22:00', 'partly'],
    ['12:00-14:00', '10:00-12:00', 'none'],
    ['12:00-14:00', '14:00-16:00', 'none'],
    ['12:00-14:00', '11:00-13:00', 'partly'],
    ['12:00-14:00', '10:00-15:00', 'partly'],
    ['12:00-14:00', '12:30-13:30', 'inside'],
  ];

  for (const [quiet, window, expected] of cases) {
    it(`says a ${window} window is ${{ none: 'clear of', partly: 'partly inside', inside: 'inside' }[expected]} quiet hours ${quiet}`, () => {
      const [start, end] = window.split('-') as [string, string];
      const [quietStart, quietEnd] = quiet.split('-') as [string, string];
      expect(quietOverlap({ start, end }, { start: quietStart, end: quietEnd })).to.equal(expected);
    });
  }
});
