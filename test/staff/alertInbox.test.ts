import { expect } from 'chai';
import { DateTime } from 'luxon';
import { canSeeAlert, escalationState, flaggedAlerts, inboxOrder, triggeringNote } from '../../bot/staff/alertInbox.js';
import { homePage } from '../../bot/staff/pages/homePage.js';
import type { SignedIn } from '../../bot/staff/staffSessions.js';
import { ago } from '../../bot/staff/timeText.js';
import type { AlertRecord } from '../../storage/records.js';

const SAM = { role: 'link-worker' as const, id: 'sam', name: 'Sam Okafor' };
const DUTY = { role: 'duty' as const, id: 'duty', name: 'Duty link worker' };

function alert(id: string, tier: AlertRecord['tier'], state: AlertRecord['state'], createdAt: string, extra: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id,
    code: id.toUpperCase(),
    clientId: 'c1',
    tier,
    categories: ['suicide'],
    trigger: { kind: 'message', messageId: 'm', channel: 'sms' },
    state,
    createdAt,
    chain: [SAM, DUTY],
    step: 0,
    notifications: [],
    escalations: [],
    ...extra,
  };
}

describe('inboxOrder', () => {
  const alerts = [
    alert('r1', 'routine', 'open', '2026-12-01T09:00:00Z'),
    alert('u-ack', 'urgent', 'acknowledged', '2026-12-01T08:00:00Z'),
    alert('u-new', 'urgent', 'open', '2026-12-01T10:30:00Z'),
    alert('u-old', 'urgent', 'open', '2026-12-01T10:00:00Z'),
    alert('s1', 'same-day', 'open', '2026-12-01T10:45:00Z'),
    alert('done1', 'urgent', 'resolved', '2026-11-01T10:00:00Z', { resolvedAt: '2026-11-02T10:00:00Z' }),
    alert('done2', 'routine', 'resolved', '2026-11-01T10:00:00Z', { resolvedAt: '2026-11-03T10:00:00Z' }),
  ];

  it('lists urgent first, not yet acknowledged before acknowledged, the longest waiting first; then same-day, routine', () => {
    expect(inboxOrder(alerts).map((a) => a.id)).to.deep.equal(['u-old', 'u-new', 'u-ack', 's1', 'r1']);
  });

  it('lists resolved alerts only when asked, most recently resolved first, after the rest in "all"', () => {
    expect(inboxOrder(alerts, 'resolved').map((a) => a.id)).to.deep.equal(['done2', 'done1']);
    expect(
      inboxOrder(alerts, 'all')
        .map((a) => a.id)
        .slice(-2),
    ).to.deep.equal(['done2', 'done1']);
  });
});

describe('canSeeAlert', () => {
  it('shows a link worker alerts about their own clients only, and never one about an unenrolled number', () => {
    const sam = { role: 'link-worker' as const, linkWorkerId: 'sam' };
    expect(canSeeAlert(sam, { linkWorkerId: 'sam' })).to.equal(true);
    expect(canSeeAlert(sam, { linkWorkerId: 'priya' })).to.equal(false);
    expect(canSeeAlert(sam, undefined)).to.equal(false);
    expect(canSeeAlert({ role: 'link-worker' }, { linkWorkerId: 'sam' })).to.equal(false);
    expect(canSeeAlert({ role: 'duty' }, undefined)).to.equal(true);
    expect(canSeeAlert({ role: 'admin' }, { linkWorkerId: 'priya' })).to.equal(true);
  });
});

describe('escalationState', () => {
  it('says who has it now, at which step, and when it moved on', () => {
    const moved = alert('a', 'urgent', 'open', '2026-12-01T10:00:00Z', {
      step: 1,
      escalations: [{ at: '2026-12-01T10:15:00Z', to: DUTY, reason: 'not-acknowledged' }],
    });
    const state = escalationState(moved);
    expect(state.current).to.deep.equal(DUTY);
    expect([state.step, state.of]).to.deep.equal([2, 2]);
    expect(state.lastEscalation?.at).to.equal('2026-12-01T10:15:00Z');
  });

  it('says when a routine alert becomes a flag, and since when it is one, never that it moves on', () => {
    const waiting = escalationState(alert('r', 'routine', 'open', '2026-12-01T10:00:00Z', { escalateAt: '2026-12-02T09:00:00Z' }));
    expect(waiting).to.include({ flagAt: '2026-12-02T09:00:00Z', escalateAt: undefined, flaggedSince: undefined });
    const flagged = escalationState(
      alert('r', 'routine', 'open', '2026-12-01T10:00:00Z', { escalations: [{ at: '2026-12-02T09:00:00Z', to: SAM, reason: 'not-acknowledged' }] }),
    );
    expect(flagged).to.include({ flagAt: undefined, escalateAt: undefined, flaggedSince: '2026-12-02T09:00:00Z', lastEscalation: undefined });
  });
});

describe('flaggedAlerts', () => {
  it('lists routine alerts nobody acknowledged in time, longest waiting first, until someone acknowledges them', () => {
    const flag = { at: '2026-12-02T09:00:00Z', to: SAM, reason: 'not-acknowledged' as const };
    const alerts = [
      alert('newer', 'routine', 'open', '2026-12-01T12:00:00Z', { escalations: [flag] }),
      alert('older', 'routine', 'open', '2026-12-01T10:00:00Z', { escalations: [flag] }),
      alert('not-yet', 'routine', 'open', '2026-12-01T16:00:00Z'),
      alert('acknowledged', 'routine', 'acknowledged', '2026-12-01T09:00:00Z', { escalations: [flag] }),
      alert('same-day', 'same-day', 'open', '2026-12-01T09:00:00Z', { escalations: [{ ...flag, to: DUTY }] }),
    ].map((a) => ({ alert: a }));
    expect(flaggedAlerts(alerts).map((a) => a.alert.id)).to.deep.equal(['older', 'newer']);
  });
});

describe('homePage', () => {
  const signedIn = {
    staff: { id: 's', email: 'sam@example.org', name: 'Sam Okafor', role: 'link-worker', linkWorkerId: 'sam' },
    csrfToken: 'x'.repeat(43),
  } as unknown as SignedIn;
  it("says how many flags are in today's list, and nothing about flags when there are none", () => {
    expect(homePage('P', signedIn, 'Sam Okafor', { open: 3, urgent: 0, flags: 2 })).to.include(
      '2 flags for today</a>: routine alerts not acknowledged since an earlier working day.',
    );
    expect(homePage('P', signedIn, 'Sam Okafor', { open: 1, urgent: 0, flags: 1 })).to.include('1 flag for today</a>: routine alert not');
    expect(homePage('P', signedIn, 'Sam Okafor', { open: 3, urgent: 0 })).to.not.include('flag');
  });
});

describe('triggeringNote', () => {
  it("is the last note on the alert's channel written at or just before the alert", () => {
    const notes = [
      { text: 'earlier', channel: 'sms', createdAt: '2026-12-01T09:00:00Z' },
      { text: 'I want to end it', channel: 'sms', createdAt: '2026-12-01T10:00:00Z' },
      { text: 'web', channel: 'webchat', createdAt: '2026-12-01T10:00:00Z' },
      { text: 'later', channel: 'sms', createdAt: '2026-12-01T10:01:00Z' },
    ];
    expect(triggeringNote(notes, '2026-12-01T10:00:00.500Z', 'sms')?.text).to.equal('I want to end it');
    expect(triggeringNote(notes, '2026-12-01T11:00:00Z', 'webchat')).to.equal(undefined);
  });

  it('is the note with the message id the alert names, even when another came in before the alert was raised', () => {
    const notes = [
      { text: 'I want to end it', channel: 'sms', createdAt: '2026-12-01T10:00:00Z', messageId: 'SM1' },
      { text: 'sorry', channel: 'sms', createdAt: '2026-12-01T10:00:01Z', messageId: 'SM2' },
    ];
    expect(triggeringNote(notes, '2026-12-01T10:00:02Z', 'sms', 'SM1')?.text).to.equal('I want to end it');
    expect(triggeringNote(notes, '2026-12-01T10:00:02Z', 'sms')?.text).to.equal('sorry');
  });
});

describe('ago', () => {
  const now = DateTime.fromISO('2026-12-01T12:00:00Z');
  it('says how long ago as staff would', () => {
    expect([0.5, 12, 65, 60 * 13 + 5, 60 * 50].map((m) => ago(now.minus({ minutes: m }), now))).to.deep.equal([
      'just now',
      '12 min ago',
      '1 h 5 min ago',
      '13 h ago',
      '2 days ago',
    ]);
  });
});
