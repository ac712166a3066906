import type { AlertContact, AlertRecord, AlertTier, ClientRecord } from '../../storage/records.js';
import { isFlagged } from '../care/alerts/alertChain.js';
import { canSeeClient } from './staffGuard.js';
import type { StaffMember } from './staffSessions.js';

/** Which alerts the inbox lists: those still being dealt with (the default), resolved ones, or all. */
export type InboxView = 'active' | 'resolved' | 'all';

export const TIER_ORDER: Readonly<Record<AlertTier, number>> = { urgent: 0, 'same-day': 1, routine: 2 };
const STATE_ORDER: Readonly<Record<AlertRecord['state'], number>> = { open: 0, acknowledged: 1, resolved: 2 };

/**
 * Whether a member of staff may see an alert: a link worker only alerts about their own clients
 * (an alert about a number that is not enrolled has no link worker, so is for duty and admin).
 */
export function canSeeAlert(staff: Pick<StaffMember, 'role' | 'linkWorkerId'>, client: Pick<ClientRecord, 'linkWorkerId'> | undefined): boolean {
  if (staff.role !== 'link-worker') return true;
  return client !== undefined && canSeeClient(staff, client);
}

/**
 * The inbox order: alerts still being dealt with first (urgent, then same-day, then routine; within
 * a tier not yet acknowledged before acknowledged, then the one waiting longest); resolved ones
 * after, most recently resolved first.
 */
export function inboxOrder(alerts: readonly AlertRecord[], view: InboxView = 'active'): AlertRecord[] {
  const shown = alerts.filter((a) => view === 'all' || (view === 'resolved') === (a.state === 'resolved'));
  return shown.sort((a, b) => {
    const resolved = Number(a.state === 'resolved') - Number(b.state === 'resolved');
    if (resolved !== 0) return resolved;
    if (a.state === 'resolved') return (b.resolvedAt ?? b.createdAt).localeCompare(a.resolvedAt ?? a.createdAt);
    return TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.createdAt.localeCompare(b.createdAt);
  });
}

/** Who an alert is with now and how far it has gone: what the inbox's escalation column says. */
export interface EscalationState {
  /** The person asked to act now (undefined when the chain is empty). */
  current: AlertContact | undefined;
  /** 1-based. */
  step: number;
  of: number;
  /** When it last moved on, and why. */
  lastEscalation: AlertRecord['escalations'][number] | undefined;
  /** When it moves on next if nobody acknowledges it (urgent, same-day). */
  escalateAt: string | undefined;
  /** A routine alert raised out of hours: nobody is told before this. */
  waitsUntil: string | undefined;
  /** A routine alert: when it becomes a flag in its link worker's list if nobody acknowledges it. */
  flagAt: string | undefined;
  /** A routine alert nobody acknowledged in time: since when it has been a flag. */
  flaggedSince: string | undefined;
}

export function escalationState(alert: AlertRecord): EscalationState {
  const open = alert.state === 'open';
  const routine = alert.tier === 'routine';
  const flagged = isFlagged(alert);
  return {
    current: alert.chain[alert.step],
    step: Math.min(alert.step + 1, Math.max(alert.chain.length, 1)),
    of: alert.chain.length,
    lastEscalation: alert.escalations.filter((e) => !routine || e.reason === 'undeliverable').at(-1),
    escalateAt: open && !routine ? alert.escalateAt : undefined,
    waitsUntil: open ? alert.notifyAt : undefined,
    flagAt: open && routine && !flagged ? alert.escalateAt : undefined,
    flaggedSince: flagged ? alert.escalations.filter((e) => e.reason === 'not-acknowledged').at(-1)?.at : undefined,
  };
}

/**
 * Flags for a working day: routine alerts nobody has acknowledged since an earlier one, each in the
 * list of whoever it is with, the longest waiting first. They stay until someone acknowledges them.
 */
export function flaggedAlerts<A extends { alert: AlertRecord }>(alerts: readonly A[]): A[] {
  return alerts.filter((a) => isFlagged(a.alert)).sort((a, b) => a.alert.createdAt.localeCompare(b.alert.createdAt));
}

/** "Urgent", "Same-day", "Routine". */
export function tierLabel(tier: AlertTier): string {
  return tier === 'urgent' ? 'Urgent' : tier === 'same-day' ? 'Same-day' : 'Routine';
}

/** A staff contact's role as the pages say it. */
export function contactRoleLabel(role: AlertContact['role'] | 'webhook'): string {
  return role === 'link-worker' ? 'link worker' : role === 'duty' ? 'duty contact' : role === 'lead' ? 'programme lead' : 'webhook';
}

/** What a score-raised alert's reason means, in a line. */
export const SCORE_REASONS: Readonly<Record<string, string>> = {
  'k6-total': 'K6 total at or above the distress threshold',
  'k6-item': 'A K6 item (hopeless, so depressed, worthless) answered "most" or "all of the time"',
  'ons-often-repeated': 'Lonely often or always, check-ins in a row',
  'ucla-rise': 'UCLA-3 loneliness total up from baseline',
  'gone-quiet': 'Scheduled check-ins missed in a row',
};

/**
 * The client's message that raised an alert. The alert keeps only the channel's message id, not
 * the words; the bot records the message as a note (with that id) in the same turn, just before
 * raising the alert (linkwellBot respondToRisk). The note with the id; for notes kept before ids
 * were, the last note on that channel written at or before the alert (within a few minutes, in
 * case the raise was slow); undefined when there is none.
 */
export function triggeringNote<N extends { createdAt: string; channel: string; messageId?: string | undefined }>(
  notes: readonly N[],
  at: string,
  channel: string,
  messageId?: string,
): N | undefined {
  const exact = messageId ? notes.find((n) => n.messageId === messageId) : undefined;
  if (exact) return exact;
  const atMs = Date.parse(at);
  const candidates = notes.filter((n) => {
    const ms = Date.parse(n.createdAt);
    return n.channel === channel && ms <= atMs && atMs - ms <= TRIGGER_NOTE_WINDOW_MS;
  });
  return candidates.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
}

const TRIGGER_NOTE_WINDOW_MS = 5 * 60_000;
