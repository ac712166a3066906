import { expect } from 'chai';
import { DateTime } from 'luxon';
import { byNeed, caseloadRow, needsLedgerBaseline, programmeEnd, type CaseloadContext, type CaseloadInput } from '../../bot/staff/caseloadNeeds.js';
import type { CheckInRecord, ClientRecord, ItemResponseRecord, ScoreRecord } from '../../storage/records.js';

// Monday 7 December 2026, 12:00 UTC.
const NOW = DateTime.fromISO('2026-12-07T12:00:00Z', { zone: 'utc' });
const CONTEXT: CaseloadContext = { now: NOW, lengthWeeks: 12, baselineWaveId: 'baseline' };
const daysAgo = (n: number) => NOW.minus({ days: n }).toISO()!;

function client(name: string, extra: Partial<ClientRecord> = {}): ClientRecord {
  return {
    id: `id-${name.toLowerCase()}`,
    programmeId: 'demo',
    name,
    phone: '+447700900001',
    timezone: 'Europe/London',
    linkWorkerId: 'sam',
    channel: 'sms',
    // Enrolled long enough ago that the programme has ended: no "ends soon" unless a test says so.
    createdAt: daysAgo(200),
    consentedAt: daysAgo(200),
    ...extra,
  };
}

/** A check-in `days` ago with UCLA-3 total and ONS code, as the check-in dialog stores them. */
function checkIn(
  id: string,
  days: number,
  opts: { status?: CheckInRecord['status']; kind?: CheckInRecord['kind']; ucla?: number; ons?: number; wave?: string } = {},
) {
  const startedAt = daysAgo(days);
  const record: CheckInRecord = {
    id,
    clientId: 'x',
    channel: 'sms',
    instrumentIds: ['ucla3', 'ons-loneliness'],
    status: opts.status ?? 'completed',
    startedAt,
    kind: opts.wave ? 'wave' : (opts.kind ?? 'routine'),
    occurrenceKey: opts.wave ? `x|wave|${opts.wave}|2026-01-01T10:00` : `x|routine|${startedAt}`,
  };
  const responses: ItemResponseRecord[] =
    opts.ons === undefined
      ? []
      : [
          {
            checkInId: id,
            instrumentId: 'ons-loneliness',
            instrumentVersion: '1',
            itemId: 'lonely',
            value: opts.ons,
            optionId: `o${opts.ons}`,
            status: 'answered',
            raw: String(opts.ons),
            channel: 'sms',
            answeredAt: startedAt,
          },
        ];
  const scores: ScoreRecord[] =
    opts.ucla === undefined ? [] : [{ checkInId: id, instrumentId: 'ucla3', instrumentVersion: '1', score: opts.ucla, complete: true, computedAt: startedAt }];
  return { record, responses, scores };
}

function input(c: ClientRecord, checkIns: Array<ReturnType<typeof checkIn>> = [], extra: Partial<CaseloadInput> = {}): CaseloadInput {
  return {
    client: c,
    recent: {
      checkIns: checkIns.map((x) => x.record),
      responses: checkIns.flatMap((x) => x.responses),
      scores: checkIns.flatMap((x) => x.scores),
      notes: [{ checkInId: null, text: 'hello', channel: 'sms', createdAt: daysAgo(2) }],
      events: [],
      attendance: [],
    },
    openAlerts: [],
    ...extra,
  };
}

const texts = (i: CaseloadInput) => caseloadRow(i, CONTEXT).needs.map((n) => n.text);

describe('caseloadRow', () => {
  it('says nothing is pressing for a client who replies and is steady', () => {
    const row = caseloadRow(input(client('Eve'), [checkIn('a', 14, { ucla: 5, ons: 3 }), checkIn('b', 7, { ucla: 5, ons: 3 })]), CONTEXT);
    expect(row.needs).to.deep.equal([]);
    expect(row.rank).to.equal(6);
    expect(row.ucla.map((u) => u.score)).to.deep.equal([5, 5]);
  });

  it('names the worst open alert, acknowledged or not, and how many there are', () => {
    expect(texts(input(client('Ada'), [], { openAlerts: [{ tier: 'routine', state: 'open' }] }))).to.deep.equal(['Routine alert open']);
    expect(
      texts(
        input(client('Ada'), [], {
          openAlerts: [
            { tier: 'routine', state: 'open' },
            { tier: 'urgent', state: 'acknowledged' },
          ],
        }),
      ),
    ).to.deep.equal(['Urgent alert acknowledged (2 alerts)']);
  });

  it('calls a client gone quiet after two scheduled check-ins missed in a row, not counting ones they asked for', () => {
    const missed = [checkIn('a', 21), checkIn('b', 14, { status: 'missed' }), checkIn('c', 10, { kind: 'on-request' }), checkIn('d', 7, { status: 'missed' })];
    expect(texts(input(client('Bea'), missed))).to.deep.equal(['Gone quiet: 2 missed']);
    expect(texts(input(client('Bea'), missed.slice(0, 3)))).to.deep.equal([]);
  });

  it('calls a consented client gone quiet after 14 days without a message, but not one who paused or opted out', () => {
    const quiet = (extra: Partial<ClientRecord>, lastNoteDays: number) => {
      const i = input(client('Bea', extra));
      i.recent.notes = [{ checkInId: null, text: 'hi', channel: 'sms', createdAt: daysAgo(lastNoteDays) }];
      return texts(i);
    };
    expect(quiet({}, 13)).to.deep.equal([]);
    expect(quiet({}, 15)).to.deep.equal(['Gone quiet: no reply for 15 days']);
    expect(quiet({ pausedUntil: NOW.plus({ days: 3 }).toISO()! }, 30)).to.deep.equal([]);
    expect(quiet({ optedOutAt: daysAgo(20) }, 30)).to.deep.equal([]);
    expect(quiet({ consentedAt: undefined }, 30)).to.deep.equal([]);
    // Agreed 5 days ago, never wrote since: not yet quiet.
    expect(quiet({ consentedAt: daysAgo(5) }, 60)).to.deep.equal([]);
  });

  it('flags UCLA-3 up 2 or more since the last check-in or since baseline, the larger rise named', () => {
    expect(texts(input(client('Cal'), [checkIn('a', 14, { ucla: 4 }), checkIn('b', 7, { ucla: 5 })]))).to.deep.equal([]);
    expect(texts(input(client('Cal'), [checkIn('a', 14, { ucla: 4 }), checkIn('b', 7, { ucla: 6 })]))).to.deep.equal(['UCLA-3 up 2 since last check-in']);
    expect(
      texts(input(client('Cal'), [checkIn('base', 60, { ucla: 4, wave: 'baseline' }), checkIn('a', 14, { ucla: 6 }), checkIn('b', 7, { ucla: 7 })])),
    ).to.deep.equal(['UCLA-3 up 3 since baseline']);
  });

  it('compares with the ledger baseline when the baseline wave is older than the months read', () => {
    const baseline = {
      checkInId: 'base',
      scores: [{ instrumentId: 'ucla3', score: 3 }],
      responses: [{ instrumentId: 'ons-loneliness', itemId: 'lonely', optionId: 'occasionally', value: 3 }],
    };
    const recent = [checkIn('a', 14, { ucla: 6, ons: 2 }), checkIn('b', 7, { ucla: 6, ons: 2 })];
    expect(needsLedgerBaseline(input(client('Cal'), recent).recent, 'baseline')).to.equal(true);
    expect(texts(input(client('Cal'), recent, { baseline }))).to.deep.equal([
      'UCLA-3 up 3 since baseline',
      'Lonely more often since baseline: now some of the time',
    ]);
  });

  it('flags the ONS loneliness answer moving towards "often/always" since the last check-in', () => {
    expect(texts(input(client('Cal'), [checkIn('a', 14, { ons: 3 }), checkIn('b', 7, { ons: 1 })]))).to.deep.equal([
      'Lonely more often since last check-in: now often/always',
    ]);
    expect(texts(input(client('Cal'), [checkIn('a', 14, { ons: 1 }), checkIn('b', 7, { ons: 3 })]))).to.deep.equal([]);
  });

  it('says when the programme ends within 4 weeks, counting from the programme start date when set', () => {
    const started = (weeksAgo: number, days = 0) =>
      client('Dee', { programmeStartDate: NOW.setZone('Europe/London').minus({ weeks: weeksAgo, days }).toISODate()! });
    expect(texts(input(started(9)))).to.deep.equal(['Ends in 3 weeks']);
    expect(texts(input(started(11, 3)))).to.deep.equal(['Ends in 4 days']);
    expect(texts(input(started(7)))).to.deep.equal([]);
    expect(texts(input(started(13)))).to.deep.equal([]);
    expect(programmeEnd(started(9), 12).toISODate()).to.equal(NOW.plus({ weeks: 3 }).toISODate());
  });

  it('counts scheduled check-ins answered of those sent in the last 8 weeks, and groups gone to', () => {
    const i = input(client('Eve'), [
      checkIn('old', 70, { ucla: 5 }),
      checkIn('a', 35, { ucla: 5 }),
      checkIn('b', 28, { status: 'missed' }),
      // Missed, but an answer came: answered.
      { ...checkIn('c', 21, { status: 'missed', ons: 3 }) },
      checkIn('d', 14, { kind: 'on-request', ucla: 5 }),
      checkIn('e', 7, { ucla: 5 }),
      checkIn('f', 0, { status: 'open' }),
    ]);
    i.recent.attendance = [
      { sessionKey: 'walk|1', groupId: 'walk', sessionStart: daysAgo(70), attendance: 'went', barriers: [], channel: 'sms', updatedAt: daysAgo(70) },
      { sessionKey: 'walk|2', groupId: 'walk', sessionStart: daysAgo(20), attendance: 'went', barriers: [], channel: 'sms', updatedAt: daysAgo(20) },
      {
        sessionKey: 'walk|3',
        groupId: 'walk',
        sessionStart: daysAgo(13),
        attendance: 'didnt',
        barriers: ['transport'],
        channel: 'sms',
        updatedAt: daysAgo(13),
      },
      { sessionKey: 'walk|4', groupId: 'walk', sessionStart: daysAgo(6), attendance: 'went', barriers: [], channel: 'sms', updatedAt: daysAgo(6) },
    ];
    const row = caseloadRow(i, CONTEXT);
    expect(row.responseRate).to.deep.equal({ answered: 3, sent: 4 });
    expect(row.groupsAttended).to.equal(2);
  });

  it('takes the last message from answers, notes, group replies and keywords', () => {
    const i = input(client('Eve'), [checkIn('a', 9, { ucla: 5 })]);
    i.recent.notes = [];
    expect(caseloadRow(i, CONTEXT).lastContact).to.equal(null);
    i.recent.events = [{ type: 'paused', at: daysAgo(4), until: daysAgo(-3), source: 'sms-keyword', channel: 'sms' }];
    i.recent.attendance = [
      { sessionKey: 'w|1', groupId: 'w', sessionStart: daysAgo(1), attendance: 'unknown', barriers: [], channel: 'sms', updatedAt: daysAgo(1) },
    ];
    expect(caseloadRow(i, CONTEXT).lastContact).to.equal(daysAgo(4));
  });
});

describe('byNeed', () => {
  it('puts open alerts (urgent first), then gone quiet, worse scores, ending soon, then the rest by name', () => {
    const rows = [
      input(client('Zoe')),
      input(client('Dee', { programmeStartDate: NOW.minus({ weeks: 10 }).toISODate()! })),
      input(client('Cal'), [checkIn('a', 14, { ucla: 4 }), checkIn('b', 7, { ucla: 7 })]),
      input(client('Bea'), [checkIn('a', 14, { status: 'missed' }), checkIn('b', 7, { status: 'missed' })]),
      input(client('Ann'), [], { openAlerts: [{ tier: 'routine', state: 'open' }] }),
      input(client('Abe'), [], { openAlerts: [{ tier: 'urgent', state: 'acknowledged' }] }),
      input(client('amy')),
    ].map((i) => caseloadRow(i, CONTEXT));
    expect(rows.sort(byNeed).map((r) => r.client.name)).to.deep.equal(['Abe', 'Ann', 'Bea', 'Cal', 'Dee', 'amy', 'Zoe']);
  });
});
