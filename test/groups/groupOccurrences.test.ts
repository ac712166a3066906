import { expect } from 'chai';
import { DateTime } from 'luxon';
import { groupMessagesSchema, type GroupMessages } from '../../bot/config/groupMessagesSchema.js';
import { groupOccurrences, type GroupClient } from '../../bot/care/groups/groupOccurrences.js';
import type { Group } from '../../bot/config/groupSchema.js';
import type { ClientGroupLink } from '../../storage/records.js';
import { group } from './groupFixtures.js';

const LONDON = 'Europe/London';
const DEFAULTS = groupMessagesSchema.parse(undefined);
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

/** A client of the Wednesday walk (10:00-11:30 London), going, nudged the day before, linked long ago. */
function client(link: Partial<ClientGroupLink> = {}, timezone = LONDON): GroupClient {
  return { id: 'c1', timezone, groups: [{ groupId: 'walk', status: 'going', nudge: 'day-before', since: '2026-01-01T00:00:00Z', ...link }] };
}

interface Seen {
  kind: string;
  key: string;
  /** On the given clock, `2026-12-01 Tue 18:00`. */
  due: string;
  expiresAt: string;
}

/** The occurrences in [from, to), their times shown on `zone`'s clock. */
function occurrences(
  groups: readonly Group[],
  who: GroupClient,
  from: string,
  to: string,
  { zone = who.timezone, settings = DEFAULTS }: { zone?: string; settings?: GroupMessages } = {},
): Seen[] {
  const show = (t: DateTime) => t.setZone(zone).toFormat('yyyy-LL-dd ccc HH:mm');
  return groupOccurrences(groups, LONDON, settings, who, utc(from), utc(to)).map((o) => ({
    kind: o.kind,
    key: o.key,
    due: show(o.due),
    expiresAt: show(o.expiresAt),
  }));
}

const dues = (seen: Seen[], kind = 'group-nudge') => seen.filter((o) => o.kind === kind).map((o) => o.due);

describe('groupOccurrences', () => {
  const walk = group();

  describe('nudges', () => {
    it('nudges the day before at the client’s own time', () => {
      const seen = occurrences([walk], client({ nudgeTime: '16:30' }), '2026-11-30', '2026-12-14');
      expect(dues(seen)).to.deep.equal(['2026-12-01 Tue 16:30', '2026-12-08 Tue 16:30']);
    });

    it('nudges the day before at the programme’s 18:00 when the client chose no time', () => {
      const seen = occurrences([walk], client(), '2026-11-30', '2026-12-14');
      expect(dues(seen)).to.deep.equal(['2026-12-01 Tue 18:00', '2026-12-08 Tue 18:00']);
    });

    it('uses the programme’s own day-before and morning-of times when they differ from the defaults', () => {
      const settings = groupMessagesSchema.parse({ dayBeforeTime: '17:00', morningOfTime: '07:45' });
      expect(dues(occurrences([walk], client(), '2026-11-30', '2026-12-07', { settings }))).to.deep.equal(['2026-12-01 Tue 17:00']);
      expect(dues(occurrences([walk], client({ nudge: 'morning-of' }), '2026-11-30', '2026-12-07', { settings }))).to.deep.equal(['2026-12-02 Wed 07:45']);
    });

    it('nudges the morning of at 09:00 by default, and at the client’s time when set', () => {
      expect(dues(occurrences([walk], client({ nudge: 'morning-of' }), '2026-11-30', '2026-12-07'))).to.deep.equal(['2026-12-02 Wed 09:00']);
      expect(dues(occurrences([walk], client({ nudge: 'morning-of', nudgeTime: '08:15' }), '2026-11-30', '2026-12-07'))).to.deep.equal([
        '2026-12-02 Wed 08:15',
      ]);
    });

    it('moves a morning-of nudge to an hour before when its time is in the last quarter hour before the session, or after it', () => {
      const early = group({ schedule: { kind: 'weekly', day: 'wednesday', time: '09:10' } });
      expect(dues(occurrences([early], client({ nudge: 'morning-of' }), '2026-11-30', '2026-12-07'))).to.deep.equal(['2026-12-02 Wed 08:10']);
      // 09:00 for a 09:15 session is exactly the last moment: moved too.
      const quarter = group({ schedule: { kind: 'weekly', day: 'wednesday', time: '09:15' } });
      expect(dues(occurrences([quarter], client({ nudge: 'morning-of' }), '2026-11-30', '2026-12-07'))).to.deep.equal(['2026-12-02 Wed 08:15']);
      // 09:00 for a 09:16 session is still in time: kept.
      const justInTime = group({ schedule: { kind: 'weekly', day: 'wednesday', time: '09:16' } });
      expect(dues(occurrences([justInTime], client({ nudge: 'morning-of' }), '2026-11-30', '2026-12-07'))).to.deep.equal(['2026-12-02 Wed 09:00']);
      const dawn = group({ schedule: { kind: 'weekly', day: 'wednesday', time: '07:30' } });
      expect(dues(occurrences([dawn], client({ nudge: 'morning-of' }), '2026-11-30', '2026-12-07'))).to.deep.equal(['2026-12-02 Wed 06:30']);
    });

    it('expires a nudge a quarter of an hour before the session starts', () => {
      const [nudge] = occurrences([walk], client(), '2026-11-30', '2026-12-07');
      expect(nudge).to.include({ kind: 'group-nudge', due: '2026-12-01 Tue 18:00', expiresAt: '2026-12-02 Wed 09:45' });
    });

    it('keys each message by client, kind and session, the same whenever it is planned', () => {
      const keys = (from: string, to: string) => occurrences([walk], client(), from, to).map((o) => o.key);
      expect(keys('2026-11-30', '2026-12-03')).to.deep.equal(['c1|group-nudge|walk|2026-12-02T10:00', 'c1|group-follow-up|walk|2026-12-02T10:00']);
      expect(keys('2026-12-01T17:00:00Z', '2026-12-01T19:00:00Z')).to.deep.equal(['c1|group-nudge|walk|2026-12-02T10:00']);
      expect(keys('2026-12-02T12:00:00Z', '2026-12-02T13:00:00Z')).to.deep.equal(['c1|group-follow-up|walk|2026-12-02T10:00']);
    });

    it('only counts sessions that start after the link was set', () => {
      // Set on Wednesday at 10:30, during that week's session: the next one is the first.
      const seen = occurrences([walk], client({ since: '2026-12-02T10:30:00Z' }), '2026-11-30', '2026-12-14');
      expect(seen.map((o) => o.key)).to.deep.equal(['c1|group-nudge|walk|2026-12-09T10:00', 'c1|group-follow-up|walk|2026-12-09T10:00']);
    });

    it('gives nothing for a stopped link', () => {
      expect(occurrences([walk], client({ status: 'stopped' }), '2026-11-30', '2026-12-14')).to.deep.equal([]);
    });

    it('gives only follow-ups to someone going with nudges off, and nothing to someone only interested with nudges off', () => {
      const going = occurrences([walk], client({ nudge: 'off' }), '2026-11-30', '2026-12-14');
      expect(going.map((o) => o.kind)).to.deep.equal(['group-follow-up', 'group-follow-up']);
      expect(occurrences([walk], client({ status: 'interested', nudge: 'off' }), '2026-11-30', '2026-12-14')).to.deep.equal([]);
    });

    it('nudges and follows up someone interested who asked for nudges', () => {
      const seen = occurrences([walk], client({ status: 'interested' }), '2026-11-30', '2026-12-07');
      expect(seen.map((o) => o.kind)).to.deep.equal(['group-nudge', 'group-follow-up']);
    });

    it('ignores a link to a group not in the directory, and a client with no links', () => {
      expect(occurrences([walk], client({ groupId: 'choir' }), '2026-11-30', '2026-12-14')).to.deep.equal([]);
      expect(occurrences([walk], { id: 'c1', timezone: LONDON }, '2026-11-30', '2026-12-14')).to.deep.equal([]);
    });
  });

  describe('follow-ups', () => {
    it('is due an hour after the session ends and expires 72 hours after it starts', () => {
      const followUp = occurrences([walk], client(), '2026-11-30', '2026-12-07').find((o) => o.kind === 'group-follow-up');
      expect(followUp).to.include({ key: 'c1|group-follow-up|walk|2026-12-02T10:00', due: '2026-12-02 Wed 12:30', expiresAt: '2026-12-05 Sat 10:00' });
    });

    it('follows the programme’s followUpAfterMinutes and followUpWindowHours', () => {
      const settings = groupMessagesSchema.parse({ followUpAfterMinutes: 150, followUpWindowHours: 24 });
      const followUp = occurrences([walk], client(), '2026-11-30', '2026-12-07', { settings }).find((o) => o.kind === 'group-follow-up');
      expect(followUp).to.include({ due: '2026-12-02 Wed 14:00', expiresAt: '2026-12-03 Thu 10:00' });
    });

    it('is still found when planning starts after the session, within the window', () => {
      const seen = occurrences([walk], client(), '2026-12-02T12:00:00Z', '2026-12-02T12:31:00Z');
      expect(seen.map((o) => o.key)).to.deep.equal(['c1|group-follow-up|walk|2026-12-02T10:00']);
    });
  });

  describe('schedules', () => {
    it('nudges a first-Thursday group on the Wednesday before the first Thursday of each month', () => {
      const first = group({ schedule: { kind: 'monthly', week: 1, day: 'thursday', time: '14:00' } });
      const seen = occurrences([first], client(), '2026-12-15', '2027-04-15');
      expect(dues(seen)).to.deep.equal(['2027-01-06 Wed 18:00', '2027-02-03 Wed 18:00', '2027-03-03 Wed 18:00', '2027-03-31 Wed 18:00']);
      expect(dues(seen, 'group-follow-up')).to.deep.equal(['2027-01-07 Thu 16:30', '2027-02-04 Thu 16:30', '2027-03-04 Thu 16:30', '2027-04-01 Thu 16:30']);
    });

    it('nudges a last-Friday group before the last Friday of each month, a fifth Friday included', () => {
      const last = group({ schedule: { kind: 'monthly', week: 'last', day: 'friday', time: '19:00' } });
      const seen = occurrences([last], client({ nudge: 'morning-of' }), '2027-01-01', '2027-05-01');
      expect(dues(seen)).to.deep.equal(['2027-01-29 Fri 09:00', '2027-02-26 Fri 09:00', '2027-03-26 Fri 09:00', '2027-04-30 Fri 09:00']);
    });

    it('gives neither nudge nor follow-up for a cancelled session, and carries on the week after', () => {
      const cancelled = group({ cancelled: ['2026-12-09'] });
      const seen = occurrences([cancelled], client(), '2026-11-30', '2026-12-21');
      expect(seen.map((o) => o.key)).to.deep.equal([
        'c1|group-nudge|walk|2026-12-02T10:00',
        'c1|group-follow-up|walk|2026-12-02T10:00',
        'c1|group-nudge|walk|2026-12-16T10:00',
        'c1|group-follow-up|walk|2026-12-16T10:00',
      ]);
    });

    it('nudges before each one-off session at its own time', () => {
      const talks = group({ schedule: { kind: 'dates', sessions: ['2026-12-03T14:00', '2026-12-10T11:00', '2026-12-10T15:00'] } });
      const seen = occurrences([talks], client({ nudge: 'morning-of' }), '2026-11-30', '2026-12-31');
      expect(seen.filter((o) => o.kind === 'group-nudge').map((o) => [o.key, o.due])).to.deep.equal([
        ['c1|group-nudge|walk|2026-12-03T14:00', '2026-12-03 Thu 09:00'],
        ['c1|group-nudge|walk|2026-12-10T11:00', '2026-12-10 Thu 09:00'],
        ['c1|group-nudge|walk|2026-12-10T15:00', '2026-12-10 Thu 09:00'],
      ]);
      expect(dues(seen, 'group-follow-up')).to.deep.equal(['2026-12-03 Thu 16:30', '2026-12-10 Thu 13:30', '2026-12-10 Thu 17:30']);
    });

    it('nudges a fortnightly group every other week only', () => {
      const fortnightly = group({ schedule: { kind: 'fortnightly', day: 'thursday', time: '14:00', from: '2026-12-03' } });
      const seen = occurrences([fortnightly], client(), '2026-11-25', '2027-01-10');
      expect(dues(seen)).to.deep.equal(['2026-12-02 Wed 18:00', '2026-12-16 Wed 18:00', '2026-12-30 Wed 18:00']);
    });

    it('keeps the group’s start and end dates', () => {
      const term = group({ startDate: '2026-12-09', endDate: '2026-12-16' });
      const seen = occurrences([term], client(), '2026-11-30', '2027-01-10');
      expect(dues(seen)).to.deep.equal(['2026-12-08 Tue 18:00', '2026-12-15 Tue 18:00']);
    });

    it('gives nothing for a paused or closed group, and still nudges for a full one', () => {
      expect(occurrences([group({ status: 'paused' })], client(), '2026-11-30', '2026-12-14')).to.deep.equal([]);
      expect(occurrences([group({ status: 'closed' })], client(), '2026-11-30', '2026-12-14')).to.deep.equal([]);
      expect(dues(occurrences([group({ status: 'full' })], client(), '2026-11-30', '2026-12-07'))).to.deep.equal(['2026-12-01 Tue 18:00']);
    });

    it('lists several groups’ messages in time order', () => {
      const choir = group({ id: 'choir', schedule: { kind: 'weekly', day: 'tuesday', time: '19:00' }, durationMinutes: 60 });
      const both: GroupClient = {
        id: 'c1',
        timezone: LONDON,
        groups: [
          { groupId: 'walk', status: 'going', nudge: 'day-before', since: '2026-01-01T00:00:00Z' },
          { groupId: 'choir', status: 'going', nudge: 'morning-of', since: '2026-01-01T00:00:00Z' },
        ],
      };
      const seen = occurrences([walk, choir], both, '2026-11-30', '2026-12-03');
      expect(seen.map((o) => `${o.due} ${o.key}`)).to.deep.equal([
        '2026-12-01 Tue 09:00 c1|group-nudge|choir|2026-12-01T19:00',
        '2026-12-01 Tue 18:00 c1|group-nudge|walk|2026-12-02T10:00',
        '2026-12-01 Tue 21:00 c1|group-follow-up|choir|2026-12-01T19:00',
        '2026-12-02 Wed 12:30 c1|group-follow-up|walk|2026-12-02T10:00',
      ]);
    });
  });

  describe('clocks and zones', () => {
    it('keeps a weekly 10:00 group at 10:00 and its day-before nudge at 18:00 as London springs forward (28 March 2027)', () => {
      const sunday = group({ schedule: { kind: 'weekly', day: 'sunday', time: '10:00' } });
      const seen = groupOccurrences([sunday], LONDON, DEFAULTS, client(), utc('2027-03-15'), utc('2027-04-06'));
      const nudges = seen.filter((o) => o.kind === 'group-nudge').map((o) => o.due.setZone(LONDON).toFormat('yyyy-LL-dd HH:mm ZZ'));
      expect(nudges).to.deep.equal(['2027-03-20 18:00 +00:00', '2027-03-27 18:00 +00:00', '2027-04-03 18:00 +01:00']);
      const starts = seen.filter((o) => o.kind === 'group-nudge').map((o) => o.session.start.setZone(LONDON).toFormat('yyyy-LL-dd HH:mm ZZ'));
      expect(starts).to.deep.equal(['2027-03-21 10:00 +00:00', '2027-03-28 10:00 +01:00', '2027-04-04 10:00 +01:00']);
      // Across the change the nudge is 15 hours before, not 16.
      const [, across] = seen.filter((o) => o.kind === 'group-nudge');
      expect(across!.session.start.diff(across!.due, 'hours').hours).to.equal(15);
    });

    it('keeps a weekly 10:00 group at 10:00 and its day-before nudge at 18:00 as London falls back (31 October 2027)', () => {
      const sunday = group({ schedule: { kind: 'weekly', day: 'sunday', time: '10:00' } });
      const seen = groupOccurrences([sunday], LONDON, DEFAULTS, client(), utc('2027-10-20'), utc('2027-11-08'));
      const nudges = seen.filter((o) => o.kind === 'group-nudge');
      expect(nudges.map((o) => o.due.setZone(LONDON).toFormat('yyyy-LL-dd HH:mm ZZ'))).to.deep.equal([
        '2027-10-23 18:00 +01:00',
        '2027-10-30 18:00 +01:00',
        '2027-11-06 18:00 +00:00',
      ]);
      expect(nudges.map((o) => o.session.start.setZone(LONDON).toFormat('yyyy-LL-dd HH:mm ZZ'))).to.deep.equal([
        '2027-10-24 10:00 +01:00',
        '2027-10-31 10:00 +00:00',
        '2027-11-07 10:00 +00:00',
      ]);
      expect(nudges[1]!.session.start.diff(nudges[1]!.due, 'hours').hours).to.equal(17);
    });

    it('keeps a Wednesday group’s morning-of nudge at 09:00 across both changes', () => {
      const seen = occurrences([walk], client({ nudge: 'morning-of' }), '2027-03-22', '2027-04-05');
      expect(dues(seen)).to.deep.equal(['2027-03-24 Wed 09:00', '2027-03-31 Wed 09:00']);
      const autumn = occurrences([walk], client({ nudge: 'morning-of' }), '2027-10-25', '2027-11-08');
      expect(dues(autumn)).to.deep.equal(['2027-10-27 Wed 09:00', '2027-11-03 Wed 09:00']);
    });

    it('times nudges on the client’s clock when the client lives in another zone than the group', () => {
      // The walk is 10:00 London (11:00 in Madrid); the client in Madrid is nudged at 18:00 Madrid, 17:00 London.
      const madrid = client({}, 'Europe/Madrid');
      const seen = occurrences([walk], madrid, '2026-11-30', '2026-12-07');
      expect(seen.map((o) => [o.kind, o.due])).to.deep.equal([
        ['group-nudge', '2026-12-01 Tue 18:00'],
        ['group-follow-up', '2026-12-02 Wed 13:30'],
      ]);
      expect(dues(occurrences([walk], madrid, '2026-11-30', '2026-12-07', { zone: LONDON }))).to.deep.equal(['2026-12-01 Tue 17:00']);
    });

    it('meets at a group’s own zone and nudges on the client’s: a New York group for a London client', () => {
      // 18:00 Monday in New York is 23:00 Monday in London: nudged 09:00 Monday, followed up 01:30 Tuesday, London time.
      const ny = group({ timezone: 'America/New_York', schedule: { kind: 'weekly', day: 'monday', time: '18:00' } });
      const seen = occurrences([ny], client({ nudge: 'morning-of' }), '2026-11-29', '2026-12-08');
      expect(seen.map((o) => [o.kind, o.due])).to.deep.equal([
        ['group-nudge', '2026-11-30 Mon 09:00'],
        ['group-follow-up', '2026-12-01 Tue 01:30'],
        ['group-nudge', '2026-12-07 Mon 09:00'],
      ]);
      expect(seen[0]!.key).to.equal('c1|group-nudge|walk|2026-11-30T18:00');
    });

    it('moves a day-before nudge by the client’s date, not the group’s: a Tokyo client of a London evening group', () => {
      // 19:00 Wednesday London is 04:00 Thursday Tokyo: "the day before" is Wednesday 18:00 Tokyo.
      const evening = group({ schedule: { kind: 'weekly', day: 'wednesday', time: '19:00' } });
      const seen = occurrences([evening], client({}, 'Asia/Tokyo'), '2026-11-30', '2026-12-03');
      expect(dues(seen)).to.deep.equal(['2026-12-02 Wed 18:00']);
    });
  });
});
