import { expect } from 'chai';
import { DateTime } from 'luxon';
import { groupMessagesSchema } from '../../bot/config/groupMessagesSchema.js';
import type { Group } from '../../bot/config/groupSchema.js';
import { groupWeek, planGroupDue, type GroupClientState, type GroupPlanInput } from '../../bot/care/groups/planGroupDue.js';
import type { ClientGroupLink } from '../../storage/records.js';
import { group } from './groupFixtures.js';

const LONDON = 'Europe/London';
const london = (iso: string) => DateTime.fromISO(iso, { zone: LONDON });
// The Wednesday walk meets 2 December 2026, 10:00-11:30 London (GMT). Its day-before nudge is due
// Tuesday 18:00 and expires Wednesday 09:45; its follow-up is due Wednesday 12:30 and expires Saturday 10:00.
const NUDGE = 'c1|group-nudge|walk|2026-12-02T10:00';
const FOLLOW_UP = 'c1|group-follow-up|walk|2026-12-02T10:00';

function link(change: Partial<ClientGroupLink> = {}): ClientGroupLink {
  return { groupId: 'walk', status: 'going', nudge: 'day-before', since: '2026-11-01T00:00:00Z', ...change };
}

function input(
  now: string,
  { client = {}, ...rest }: Partial<Omit<GroupPlanInput, 'client' | 'now'>> & { client?: Partial<GroupClientState> } = {},
): GroupPlanInput {
  return {
    groups: [group()],
    programmeZone: LONDON,
    settings: groupMessagesSchema.parse(undefined),
    quietHours: { start: '21:00', end: '09:00' },
    client: { id: 'c1', timezone: LONDON, consentedAt: '2026-11-01T12:00:00Z', groups: [link()], ...client },
    decided: () => false,
    sentInWeek: () => 0,
    now: london(now),
    ...rest,
  };
}

/** Each decision as `key action [reason] [until, London time]`. */
function plan(now: string, options: Parameters<typeof input>[1] = {}): string[] {
  return planGroupDue(input(now, options)).map((d) => {
    const parts = [d.occurrence.key, d.action];
    if (d.action !== 'send') parts.push(d.reason);
    if (d.action === 'wait') parts.push(d.until === null ? 'until null' : `until ${d.until.setZone(LONDON).toFormat('ccc HH:mm')}`);
    return parts.join(' ');
  });
}

describe('planGroupDue', () => {
  it('sends a nudge that is due, and nothing before it is due', () => {
    expect(plan('2026-12-01T17:59')).to.deep.equal([]);
    expect(plan('2026-12-01T18:00')).to.deep.equal([`${NUDGE} send`]);
    expect(plan('2026-12-02T09:30')).to.deep.equal([`${NUDGE} send`]);
  });

  it('sends a follow-up that is due, and still sends it days later within the window', () => {
    expect(plan('2026-12-02T12:30', { decided: (key) => key === NUDGE })).to.deep.equal([`${FOLLOW_UP} send`]);
    expect(plan('2026-12-05T09:59', { decided: (key) => key === NUDGE })).to.deep.equal([`${FOLLOW_UP} send`]);
  });

  it('never returns a message already decided', () => {
    expect(plan('2026-12-02T13:00', { decided: () => true })).to.deep.equal([]);
    expect(plan('2026-12-02T13:00', { decided: (key) => key === FOLLOW_UP })).to.deep.equal([`${NUDGE} skip window-passed`]);
  });

  it('skips a nudge whose session is less than a quarter of an hour away, and a follow-up after its window', () => {
    expect(plan('2026-12-02T09:45', { decided: (key) => key === FOLLOW_UP })).to.deep.equal([`${NUDGE} skip window-passed`]);
    expect(plan('2026-12-05T10:00', { decided: (key) => key === NUDGE })).to.deep.equal([`${FOLLOW_UP} skip window-passed`]);
  });

  describe('quiet hours', () => {
    it('holds a nudge due in quiet hours until 09:00 local, when it is still in time', () => {
      const late = { client: { groups: [link({ nudgeTime: '22:00' })] } };
      expect(plan('2026-12-01T22:00', late)).to.deep.equal([`${NUDGE} wait quiet-hours until Wed 09:00`]);
      expect(plan('2026-12-02T09:00', late)).to.deep.equal([`${NUDGE} send`]);
    });

    it('holds a follow-up due in quiet hours until the morning', () => {
      const evening = group({ schedule: { kind: 'weekly', day: 'wednesday', time: '19:00' } });
      expect(plan('2026-12-02T21:30', { groups: [evening], decided: (key) => key.includes('group-nudge') })).to.deep.equal([
        'c1|group-follow-up|walk|2026-12-02T19:00 wait quiet-hours until Thu 09:00',
      ]);
    });

    it('skips a nudge when quiet hours end only after the session has begun', () => {
      // 08:30 session: the morning-of nudge moves to 07:30, in quiet hours that end after it expires at 08:15.
      const early = group({ schedule: { kind: 'weekly', day: 'wednesday', time: '08:30' } });
      expect(plan('2026-12-02T07:30', { groups: [early], client: { groups: [link({ nudge: 'morning-of' })] } })).to.deep.equal([
        'c1|group-nudge|walk|2026-12-02T08:30 skip quiet-hours',
      ]);
    });

    it('counts quiet hours on the client’s clock, not the programme’s', () => {
      // 18:00 Tuesday in New York is 23:00 in London: quiet for a London client, not for this one.
      const ny = { client: { timezone: 'America/New_York', groups: [link()] } };
      const nyNow = DateTime.fromISO('2026-12-01T18:00', { zone: 'America/New_York' });
      expect(planGroupDue({ ...input('2026-12-01T23:00', ny), now: nyNow }).map((d) => d.action)).to.deep.equal(['send']);
    });
  });

  describe('pauses', () => {
    it('holds a message until the pause ends, when that is in time', () => {
      expect(plan('2026-12-01T18:00', { client: { pausedUntil: '2026-12-02T08:00:00Z' } })).to.deep.equal([`${NUDGE} wait paused until Wed 08:00`]);
    });

    it('skips a message the pause outlasts', () => {
      expect(plan('2026-12-01T18:00', { client: { pausedUntil: '2026-12-03T00:00:00Z' } })).to.deep.equal([`${NUDGE} skip paused`]);
    });

    it('sends once a pause has ended', () => {
      expect(plan('2026-12-01T18:00', { client: { pausedUntil: '2026-12-01T17:00:00Z' } })).to.deep.equal([`${NUDGE} send`]);
    });
  });

  it('skips everything for a client who opted out, even one still consented and paused', () => {
    const client = { optedOutAt: '2026-11-20T10:00:00Z', pausedUntil: '2026-12-10T00:00:00Z', riskOpenSince: '2026-11-30T10:00:00Z' };
    expect(plan('2026-12-01T18:00', { client })).to.deep.equal([`${NUDGE} skip opted-out`]);
  });

  it('skips everything for a client who has not agreed to messages yet', () => {
    expect(plan('2026-12-01T18:00', { client: { consentedAt: undefined } })).to.deep.equal([`${NUDGE} skip no-consent`]);
  });

  it('holds messages while a risk alert is open, with no time set, and skips them once too late', () => {
    const risk = { client: { riskOpenSince: '2026-12-01T10:00:00Z' } };
    expect(plan('2026-12-01T18:00', risk)).to.deep.equal([`${NUDGE} wait risk-open until null`]);
    expect(plan('2026-12-02T09:50', { ...risk, decided: (key) => key === FOLLOW_UP })).to.deep.equal([`${NUDGE} skip window-passed`]);
  });

  describe('weekly cap', () => {
    it('counts group messages in the client’s local ISO week, apart from check-ins', () => {
      expect(groupWeek(london('2026-12-01T18:00'), LONDON)).to.equal('2026-W49|groups');
      // Sunday 23:30 in London is already Monday in Berlin.
      expect(groupWeek(london('2026-12-06T23:30'), LONDON)).to.equal('2026-W49|groups');
      expect(groupWeek(london('2026-12-06T23:30'), 'Europe/Berlin')).to.equal('2026-W50|groups');
      // 1 January 2027 is a Friday, in the last ISO week of 2026.
      expect(groupWeek(london('2027-01-01T12:00'), LONDON)).to.equal('2026-W53|groups');
    });

    it('asks the ledger for this local week’s count', () => {
      const asked: string[] = [];
      plan('2026-12-01T18:00', {
        sentInWeek: (week) => {
          asked.push(week);
          return 0;
        },
      });
      expect(asked).to.deep.equal(['2026-W49|groups']);
    });

    it('skips a nudge once the week’s cap is reached', () => {
      const settings = groupMessagesSchema.parse({ weeklyCap: 2 });
      expect(plan('2026-12-01T18:00', { settings, sentInWeek: (week) => (week === '2026-W49|groups' ? 1 : 0) })).to.deep.equal([`${NUDGE} send`]);
      expect(plan('2026-12-01T18:00', { settings, sentInWeek: (week) => (week === '2026-W49|groups' ? 2 : 0) })).to.deep.equal([`${NUDGE} skip weekly-cap`]);
      expect(plan('2026-12-01T18:00', { settings, sentInWeek: (week) => (week === '2026-W48|groups' ? 9 : 0) })).to.deep.equal([`${NUDGE} send`]);
    });

    it('sends up to the cap in one pass, by due time then key, and skips the rest', () => {
      const groups: Group[] = [
        group({ id: 'choir', schedule: { kind: 'weekly', day: 'wednesday', time: '14:00' } }),
        group({ id: 'walk' }),
        group({ id: 'knit', schedule: { kind: 'weekly', day: 'wednesday', time: '19:00' } }),
      ];
      const links = groups.map((g) => link({ groupId: g.id }));
      // All three nudges fell due at Tuesday 18:00 while nothing ran; one message is left this week.
      const settings = groupMessagesSchema.parse({ weeklyCap: 3 });
      expect(plan('2026-12-01T18:05', { groups, settings, client: { groups: links }, sentInWeek: () => 2 })).to.deep.equal([
        'c1|group-nudge|choir|2026-12-02T14:00 send',
        'c1|group-nudge|knit|2026-12-02T19:00 skip weekly-cap',
        'c1|group-nudge|walk|2026-12-02T10:00 skip weekly-cap',
      ]);
    });

    it('holds a message for quiet hours before the cap is looked at, so it is decided again when they end', () => {
      const groups: Group[] = [group({ id: 'walk' }), group({ id: 'early', schedule: { kind: 'weekly', day: 'wednesday', time: '08:30' } })];
      const client = { groups: [link(), link({ groupId: 'early', nudge: 'morning-of' })] };
      const settings = groupMessagesSchema.parse({ weeklyCap: 1 });
      // At 07:30 Wednesday, the week's one message already sent, the walk's nudge (due Tuesday 18:00,
      // not yet run) and the early group's are both in quiet hours.
      expect(plan('2026-12-02T07:30', { groups, client, settings, sentInWeek: () => 1, decided: (key) => key.includes('follow-up') })).to.deep.equal([
        'c1|group-nudge|walk|2026-12-02T10:00 wait quiet-hours until Wed 09:00',
        'c1|group-nudge|early|2026-12-02T08:30 skip quiet-hours',
      ]);
    });

    it('skips everything with a cap of 0', () => {
      expect(plan('2026-12-01T18:00', { settings: groupMessagesSchema.parse({ weeklyCap: 0 }) })).to.deep.equal([`${NUDGE} skip weekly-cap`]);
    });
  });

  it('finds a day-before nudge on time when the clocks go back in between (a 49-hour day before)', () => {
    // Sunday 31 October 2027 23:30 London (GMT); the day before at 00:00 is Saturday 00:00 BST = Friday 23:00 UTC.
    const late = group({ schedule: { kind: 'weekly', day: 'sunday', time: '23:30' } });
    const options = { groups: [late], quietHours: { start: '03:00', end: '04:00' }, client: { groups: [link({ nudgeTime: '00:00' })] } };
    const key = 'c1|group-nudge|walk|2027-10-31T23:30';
    expect(planGroupDue(input('2027-10-29T22:59:00Z', options))).to.deep.equal([]);
    const due = planGroupDue({ ...input('2027-10-29T23:00:00Z', options), now: DateTime.fromISO('2027-10-29T23:00:00Z') });
    expect(due.map((d) => `${d.occurrence.key} ${d.action}`)).to.deep.equal([`${key} send`]);
  });

  it('keeps a nudge before a follow-up due at the same moment when only one fits under the cap', () => {
    // Two groups: one session's follow-up and the other's nudge both fall due Wednesday 12:30.
    const walk = group();
    const lunch = group({ id: 'lunch', schedule: { kind: 'weekly', day: 'wednesday', time: '13:30' } });
    const options = {
      groups: [walk, lunch],
      settings: groupMessagesSchema.parse({ weeklyCap: 1 }),
      decided: (key: string) => key === NUDGE,
      client: { groups: [link(), link({ groupId: 'lunch', nudge: 'morning-of', nudgeTime: '12:30' })] },
    };
    expect(plan('2026-12-02T12:30', options)).to.deep.equal([`c1|group-nudge|lunch|2026-12-02T13:30 send`, `${FOLLOW_UP} skip weekly-cap`]);
  });
});
