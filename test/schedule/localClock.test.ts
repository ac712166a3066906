import { expect } from 'chai';
import { DateTime } from 'luxon';
import { civilOf, dayNumberOf, isoDateOf, isoWeekOf, plusMonthsWall, stampOf, wallOf } from '../../bot/time/localClock.js';
import { memoZone } from '../../bot/time/memoZone.js';

describe('isoWeekOf', () => {
  it("names every day's ISO week as luxon does, across year ends, 2019 to 2032", () => {
    for (let day = DateTime.fromISO('2019-12-20T00:00:00Z'); day < DateTime.fromISO('2032-01-10T00:00:00Z'); day = day.plus({ hours: 23 })) {
      expect(isoWeekOf(day.toMillis())).to.equal(day.toFormat("kkkk-'W'WW"));
    }
  });

  it("reads the client's clock: Monday 00:30 in Sydney is still Sunday in London", () => {
    const instant = DateTime.fromISO('2026-11-22T13:30:00Z').toMillis();
    expect(isoWeekOf(wallOf(memoZone('Australia/Sydney'), instant))).to.equal('2026-W48');
    expect(isoWeekOf(wallOf(memoZone('Europe/London'), instant))).to.equal('2026-W47');
  });
});

describe('stampOf', () => {
  it('writes a local date and time as occurrence keys always have, and a date as luxon does', () => {
    for (let t = DateTime.fromISO('1999-12-31T23:59:00Z'); t < DateTime.fromISO('2031-01-01T00:00:00Z'); t = t.plus({ minutes: 7919 * 3 + 13 })) {
      expect(stampOf(t.toMillis())).to.equal(t.toFormat("yyyy-LL-dd'T'HH:mm"));
      expect(isoDateOf(Math.floor(t.toMillis() / 86_400_000))).to.equal(t.toISODate());
    }
  });
});

describe('civilOf', () => {
  it('turns day numbers into dates and back, over four centuries', () => {
    for (let day = dayNumberOf(1900, 1, 1); day < dayNumberOf(2300, 1, 1); day += 11) {
      const { year, month, day: date } = civilOf(day);
      expect(dayNumberOf(year, month, date)).to.equal(day);
      expect(Date.UTC(year, month - 1, date) / 86_400_000).to.equal(day);
    }
  });
});

describe('plusMonthsWall', () => {
  it("adds months as luxon does: the same day, or the month's last (31 January + 1 month is 28 February)", () => {
    for (let t = DateTime.fromISO('2023-01-25T10:15:30.250Z', { zone: 'utc' }); t < DateTime.fromISO('2025-01-01T00:00:00Z'); t = t.plus({ hours: 29 })) {
      for (const months of [0, 1, 2, 5, 11, 12, 18, 30]) {
        expect(plusMonthsWall(t.toMillis(), months), `${t.toISO()} + ${months}`).to.equal(t.plus({ months }).toMillis());
      }
    }
  });
});
