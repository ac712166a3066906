import { DateTime } from 'luxon';
import type { ClientAttention, ClientRepository, ScheduleLedgerRepository, TakenClient } from '../../storage/ports.js';
import type { ClientRecord, ScheduleLedgerRecord } from '../../storage/records.js';
import type { Clock } from '../time/clock.js';
import type { Programme } from '../config/programmeSchema.js';
import type { Logger } from '../platform/logger.js';
import type { DeliveryOutcome, ScheduledMessage } from '../channels/scheduledMessage.js';
import { memoZone } from '../time/memoZone.js';
import { occurrences, type Occurrence } from './occurrences.js';
import { planDue, type Decision, type Ledger } from './planDue.js';
import { scheduleStateOf } from './scheduleState.js';
import { messageForOccurrence, welcomeDecision } from './occurrenceMessages.js';
import type { Group } from '../config/groupSchema.js';
import { groupOccurrences } from '../care/groups/groupOccurrences.js';
import { groupWeek, planGroupDue } from '../care/groups/planGroupDue.js';

/** How the dispatcher reaches a client: the bot, through the client's channel. */
export interface ScheduledDelivery {
  deliver(client: ClientRecord, message: ScheduledMessage): Promise<DeliveryOutcome>;
  /**
   * Close a check-in whose window has passed (recorded as missed), or say it cannot close yet and
   * when to look again (what closing it would send must wait for quiet hours to end).
   */
  expire(client: ClientRecord, checkInId: string): Promise<{ notBefore: DateTime } | undefined>;
  /** Whether the message of an occurrence reached the channel (asked of a claim a crash left unsettled). */
  wasSent(client: ClientRecord, occurrenceKey: string): Promise<boolean>;
}

export interface ScheduleDispatcherDeps {
  programme: Programme;
  clients: Pick<ClientRepository, 'get' | 'update'>;
  /** Which clients are due: the store finds them (an indexed query), this keeps it told when each is next due. */
  attention: ClientAttention;
  ledger: ScheduleLedgerRepository;
  delivery: ScheduledDelivery;
  clock: Clock;
  log: Logger;
  /** The group directory as it stands (the programme's groups, with admins' changes). Default the programme file's. */
  groups?: () => readonly Group[];
  /** The longest it sleeps when nothing is due sooner (default one minute). */
  intervalMs?: number;
  /** Clients worked on at once (default 16): sends only go into the channel's queue, which keeps its own rate. */
  concurrency?: number;
  /** Other instances plan from the same ledger (PostgreSQL): their claims are theirs until CLAIM_LEASE_MS has passed. */
  sharedLedger?: boolean;
  /**
   * What plans are worked out under (the programme and the planner's code: planBasis()). Started
   * under the basis the kept plans were made under, it plans nobody again; without one, everyone.
   */
  planBasis?: string | undefined;
}

/** What one pass found and did. */
export interface TickReport {
  /** Clients whose due work was worked out. */
  planned: number;
  sent: number;
  skipped: number;
  /** Sends that failed (tried again later). */
  failed: number;
}

const HOUR_MS = 3_600_000;
/** How long a client taken for planning is held from other instances: planning one takes well under a second. */
export const PLAN_HOLD_MS = 60_000;
/** Clients taken from the store at a time. */
const TAKE_BATCH = 64;
/** How long another instance's claim is taken to be in flight: a delivery takes seconds; after this, its instance died. */
export const CLAIM_LEASE_MS = 60_000;
const SKIPPED_BECAUSE = { 'opted-out': 'opted-out', 'nothing-to-remind': 'check-in-answered', 'not-needed': 'already-welcomed' } as const;
/** A group message the bot found not needed: the client has already said how the session went (or that they are not going). */
const GROUP_NOT_NEEDED = 'already-told';
/** A group message held while another group question is answered is tried again this soon. */
const GROUP_HOLD_RETRY_MS = 10 * 60_000;

/**
 * Sends what the schedule says is due, once. For each client whose next piece of work has come
 * (or whose settings changed), it plans with planDue against the client's durable ledger and acts:
 * a send is claimed in the ledger before the bot delivers it and settled after, so a crash between
 * the two leaves a claim that the next run checks against what the channel holds (sent, or free to
 * send), never a second copy; a skip is recorded with its reason; a wait sets when to look again.
 * Check-ins whose window has passed are closed as missed. After downtime, what is still inside its
 * window goes out and the rest is recorded as missed (planDue), so a restart sends no burst of stale
 * messages. One process per data directory (the store's lock) keeps an overlapping deploy from
 * sending twice.
 */
export class ScheduleDispatcher {
  /** When the store last said the next client is due (ms), or now for a client woken since. */
  private soonestMs: number | undefined;
  /** Wakes on their way to the store: a pass waits for them, so it sees every wake made before it. */
  private readonly wakes = new Set<Promise<void>>();
  /** Clients this process is planning right now, and whether anything woke them meanwhile (they are planned again at once). */
  private readonly planningNow = new Map<string, { woken: boolean }>();
  /** Occurrences this process is sending right now (their claims are not a crash's leftovers). */
  private readonly inFlight = new Set<string>();
  /** What last kept an occurrence from going (no conversation, another check-in open): if it lapses, that is why. */
  private readonly heldBy = new Map<string, 'no-conversation' | 'check-in-open' | 'group-question-open' | 'risk-open'>();
  private readonly groups: () => readonly Group[];
  private cancelTimer: (() => void) | undefined;
  private timerDueMs = 0;
  private running: Promise<TickReport> | undefined;
  private stopped = false;
  private started = false;

  constructor(private readonly deps: ScheduleDispatcherDeps) {
    this.groups = deps.groups ?? (() => deps.programme.groups);
  }

  /** Work through what is due now (finishing what a previous run left), then keep doing so. */
  async start(): Promise<TickReport> {
    this.stopped = false;
    // The programme file or the code may have changed what is planned since the last run: everyone is looked at again
    // (unless the kept plans were made under the same programme and code: a restart, or another instance joining).
    const everyone = await this.deps.attention.wakeAll(this.deps.planBasis);
    this.deps.log.info(everyone ? 'schedule: every client is planned again' : 'schedule: plans kept (same programme and code)');
    const report = await this.tick();
    this.started = true;
    this.sleep();
    return report;
  }

  /** Started (its first pass done) and not stopped: it will send what falls due. */
  get isRunning(): boolean {
    return this.started && !this.stopped;
  }

  /** Stop; resolves once the pass under way has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    this.cancelTimer?.();
    await this.running;
  }

  /** Look at a client again on the next pass (they answered, or something about them changed). */
  wake(clientId: string): void {
    const planning = this.planningNow.get(clientId);
    if (planning) {
      // Being planned here (most often: what the plan sent opened a check-in): planned again as soon as that plan is done.
      planning.woken = true;
      return;
    }
    const woken: Promise<void> = this.deps.attention
      .wake(clientId)
      .catch((error: unknown) => this.deps.log.error('waking a client for the scheduler failed', { clientId, error: (error as Error).message }))
      .finally(() => this.wakes.delete(woken));
    this.wakes.add(woken);
    this.soonestMs = this.deps.clock.now().toMillis();
    // Running on its own timer: look within a second rather than at the next regular pass (never later than planned).
    if (this.cancelTimer && !this.stopped && this.timerDueMs - this.deps.clock.now().toMillis() > 1000) this.sleep(1000);
  }

  /** Resolves once the pass under way, if any, has finished. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** When the next pass has work to do, as the store said after the last pass (undefined before it, or with no clients). */
  nextDue(): DateTime | undefined {
    return this.soonestMs === undefined ? undefined : DateTime.fromMillis(this.soonestMs, { zone: 'utc' });
  }

  /** One pass over every client whose work is due. Concurrent calls share the pass under way. */
  tick(): Promise<TickReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Set the timer for the next pass: when the soonest client is due, at most `intervalMs` away, or in `ms`. */
  private sleep(ms?: number): void {
    if (this.stopped) return;
    const nowMs = this.deps.clock.now().toMillis();
    const soonest = Math.min(nowMs + (this.deps.intervalMs ?? 60_000), this.nextDue()?.toMillis() ?? Infinity);
    this.cancelTimer?.();
    const delay = ms ?? Math.max(1000, soonest - nowMs);
    this.timerDueMs = nowMs + delay;
    this.cancelTimer = this.deps.clock.after(delay, () => {
      this.cancelTimer = undefined;
      this.tick()
        .catch((error: unknown) => this.deps.log.error('schedule pass failed', { error: (error as Error).message }))
        .finally(() => this.sleep());
    });
  }

  /**
   * Plan every client the store says is due, a batch at a time, telling it when each is next due.
   * A client woken or changed while planned stays due (the store keeps no plan made before that);
   * planned twice in one pass, they wait for the next (a second or so), so no pass runs for ever.
   */
  private async pass(): Promise<TickReport> {
    await Promise.all(this.wakes);
    const { attention } = this.deps;
    const now = this.deps.clock.now();
    const nowIso = now.toISO()!;
    const report: TickReport = { planned: 0, sent: 0, skipped: 0, failed: 0 };
    const plannedThisPass = new Set<string>();
    for (;;) {
      const batch = this.stopped ? [] : await attention.take(nowIso, now.plus({ milliseconds: PLAN_HOLD_MS }).toISO()!, TAKE_BATCH);
      if (batch.length === 0) break;
      let at = 0;
      const worker = async () => {
        while (at < batch.length) await this.planTaken(batch[at++]!, now, plannedThisPass, report);
      };
      await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? 16, batch.length) }, worker));
    }
    const soonest = await attention.soonest(this.deps.clock.now().toISO()!);
    // A wake that came during the pass stands (it set soonestMs to its time).
    if (this.wakes.size === 0) this.soonestMs = soonest === undefined ? undefined : Date.parse(soonest);
    if (report.sent + report.skipped + report.failed > 0) this.deps.log.info('schedule pass', { ...report });
    return report;
  }

  /** Plan one client taken from the store, and tell it when they are next due (never again within this pass: its `now` stands still). */
  private async planTaken({ client, token }: TakenClient, now: DateTime, plannedThisPass: Set<string>, report: TickReport): Promise<void> {
    const { attention } = this.deps;
    if (this.stopped || plannedThisPass.has(client.id)) {
      await attention.planned(client.id, token, (this.stopped ? now : now.plus({ seconds: 1 })).toISO()!);
      return;
    }
    plannedThisPass.add(client.id);
    let wakeAt: number;
    const planning = { woken: false };
    this.planningNow.set(client.id, planning);
    try {
      wakeAt = await this.planClient(client, now, report);
      this.planningNow.delete(client.id);
      if (planning.woken) {
        // Changed while planned: planned again from what is stored now (a wake from here on goes to the store as usual).
        const changed = await this.deps.clients.get(client.id);
        if (changed) wakeAt = Math.min(wakeAt, await this.planClient(changed, now, report));
      }
    } catch (error) {
      report.failed += 1;
      wakeAt = now.toMillis() + 5 * 60_000;
      this.deps.log.error('scheduling a client failed', { clientId: client.id, error: (error as Error).message });
    } finally {
      this.planningNow.delete(client.id);
    }
    report.planned += 1;
    await attention.planned(client.id, token, new Date(Math.max(wakeAt, now.toMillis() + 1)).toISOString());
  }

  /** Act on one client's due work; returns when (ms) to look at them again. */
  private async planClient(client: ClientRecord, now: DateTime, report: TickReport): Promise<number> {
    const { programme, ledger } = this.deps;
    let record = await ledger.read(client.id);
    if (await this.settleLeftClaims(client, record)) record = await ledger.read(client.id);
    const wakes: number[] = [now.toMillis() + 24 * HOUR_MS];
    // Another instance's claim: looked at again once it would have run out.
    for (const [key, at] of Object.entries(record.claimed)) if (!this.inFlight.has(key)) wakes.push(Date.parse(at) + CLAIM_LEASE_MS + 1000);

    const open = record.openCheckIn;
    if (open && DateTime.fromISO(open.expiresAt) <= now) {
      const notYet = await this.deps.delivery.expire(client, open.checkInId);
      if (notYet) wakes.push(notYet.notBefore.toMillis());
      // Closing it may have opened another (the same check-in sent by text): that one stays.
      else if ((await ledger.openCheckIn(client.id))?.checkInId === open.checkInId) await ledger.setOpenCheckIn(client.id, undefined);
      record = await ledger.read(client.id);
    } else if (open?.resumeAt && DateTime.fromISO(open.resumeAt) <= now) {
      // Put off with "later": asked again once. Cleared first, so a crash loses the nudge rather than repeating it.
      await ledger.setOpenCheckIn(client.id, { ...open, resumeAt: undefined });
      const outcome = await this.deps.delivery.deliver(client, {
        kind: 'resume',
        occurrenceKey: `${open.checkInId}|resume|${open.resumeAt}`,
        checkInId: open.checkInId,
      });
      if (outcome === 'sent') report.sent += 1;
      record = await ledger.read(client.id);
      wakes.push(DateTime.fromISO(open.expiresAt).toMillis());
    } else if (open) {
      wakes.push(DateTime.fromISO(open.expiresAt).toMillis());
      if (open.resumeAt) wakes.push(DateTime.fromISO(open.resumeAt).toMillis());
    }

    const noticeAt = await this.tellLinkWorkerIfDue(client, now, report);
    if (noticeAt !== undefined) wakes.push(noticeAt);

    const state = scheduleStateOf(client);
    const welcome = welcomeDecision(programme, client, record, now);
    const decisions: Decision[] = [...(welcome ? [welcome] : []), ...planDue(programme, state, ledgerView(record), now)];
    await this.settleSkips(client, decisions, now, report);
    for (const decision of decisions) {
      if (decision.action === 'wait') {
        if (decision.until) wakes.push(decision.until.toMillis());
      } else if (decision.action === 'send') {
        const { occurrence } = decision;
        if (client.riskOpenSince) {
          // An urgent or same-day alert is open: people have taken over until staff close it.
          this.heldBy.set(occurrence.key, 'risk-open');
          continue;
        }
        if (startsCheckIn(occurrence) && record.openCheckIn && record.openCheckIn.occurrenceKey !== occurrence.key) {
          // One check-in at a time: this one goes when the open one is done, if still inside its own window.
          this.heldBy.set(occurrence.key, 'check-in-open');
          wakes.push(DateTime.fromISO(record.openCheckIn.expiresAt).toMillis());
          continue;
        }
        const retryAt = await this.send(
          client,
          record,
          { key: occurrence.key, kind: occurrence.kind, week: localWeek(now, client.timezone), message: messageForOccurrence(programme, client, occurrence) },
          now,
          report,
        );
        if (retryAt !== undefined) wakes.push(retryAt);
      }
    }
    // Check-in sends above touch only check-in keys and weeks: the record read serves the group messages too.
    wakes.push(...(await this.planGroups(client, record, now, report)));
    const upcoming = occurrences(programme, state, now.plus({ milliseconds: 1 }), now.plus({ days: 8 }))[0];
    if (upcoming) wakes.push(upcoming.due.toMillis());
    return Math.min(...wakes);
  }

  /**
   * Group nudges and follow-ups (planGroupDue): sent, skipped or waited for like check-ins, but
   * never held back by an open check-in (a nudge is no use after the session; replies to both are
   * told apart by the bot). Returns when to look again.
   */
  private async planGroups(client: ClientRecord, record: ScheduleLedgerRecord, now: DateTime, report: TickReport): Promise<number[]> {
    if (!client.groups?.some((link) => link.status !== 'stopped')) return [];
    const { programme } = this.deps;
    const groups = this.groups();
    const decisions = planGroupDue({
      groups,
      programmeZone: programme.timezone,
      settings: programme.groupMessages,
      quietHours: programme.quietHours,
      client,
      decided: (key) => key in record.decided || key in record.claimed,
      sentInWeek: (week) => record.weeks[week] ?? 0,
      now,
    });
    const wakes: number[] = [];
    await this.settleSkips(client, decisions, now, report);
    for (const decision of decisions) {
      const { occurrence } = decision;
      if (decision.action === 'wait') {
        if (decision.reason === 'risk-open') this.heldBy.set(occurrence.key, 'risk-open');
        wakes.push(decision.until ? decision.until.toMillis() : occurrence.expiresAt.toMillis());
      } else if (decision.action === 'send') {
        const message = {
          kind: occurrence.kind,
          occurrenceKey: occurrence.key,
          groupId: occurrence.group.id,
          sessionKey: occurrence.session.key,
          sessionStart: occurrence.session.start.toUTC().toISO()!,
        } as const;
        const retryAt = await this.send(
          client,
          record,
          { key: occurrence.key, kind: occurrence.kind, week: groupWeek(now, client.timezone), message },
          now,
          report,
        );
        if (retryAt !== undefined) wakes.push(Math.min(retryAt, occurrence.expiresAt.toMillis()));
      }
    }
    const upcoming = groupOccurrences(groups, programme.timezone, programme.groupMessages, client, now.plus({ milliseconds: 1 }), now.plus({ days: 8 }))[0];
    if (upcoming) wakes.push(upcoming.due.toMillis());
    return wakes;
  }

  /**
   * Record every skip among the decisions, in one write before any send (however many lapsed while
   * it was down). A window that passed while something held the message back gives that as the reason.
   */
  private async settleSkips(
    client: ClientRecord,
    decisions: ReadonlyArray<{ occurrence: { key: string }; action: string; reason?: string }>,
    now: DateTime,
    report: TickReport,
  ): Promise<void> {
    const skips = decisions.flatMap((decision) => {
      if (decision.action !== 'skip' || !decision.reason) return [];
      const { key } = decision.occurrence;
      const held = this.heldBy.get(key);
      this.heldBy.delete(key);
      const reason = held && decision.reason === 'window-passed' ? held : decision.reason;
      return [{ key, decision: { outcome: 'skipped' as const, at: now.toISO()!, reason } }];
    });
    await this.deps.ledger.settleAll(client.id, skips);
    report.skipped += skips.length;
  }

  /** Claim, deliver, settle (a send counts towards `week`). Returns when to try again if it could not go now. */
  private async send(
    client: ClientRecord,
    record: ScheduleLedgerRecord,
    planned: { key: string; kind: string; week: string; message: ScheduledMessage },
    now: DateTime,
    report: TickReport,
  ): Promise<number | undefined> {
    const { ledger, delivery } = this.deps;
    const { key } = planned;
    if (!(await ledger.claim(client.id, key, now.toISO()!))) return undefined;
    this.inFlight.add(key);
    let outcome: DeliveryOutcome;
    try {
      outcome = await delivery.deliver(client, planned.message);
    } catch (error) {
      // Nothing is known to have gone: the claim stays for the next pass to check against the channel.
      this.inFlight.delete(key);
      report.failed += 1;
      this.deps.log.error('scheduled message failed', { clientId: client.id, kind: planned.kind, error: (error as Error).message });
      return now.toMillis() + 5 * 60_000;
    }
    this.inFlight.delete(key);
    const at = now.toISO()!;
    switch (outcome) {
      case 'sent':
        await ledger.settle(client.id, key, { outcome: 'sent', at }, planned.week);
        this.heldBy.delete(key);
        report.sent += 1;
        return undefined;
      case 'opted-out':
      case 'nothing-to-remind':
      case 'not-needed': {
        const reason = outcome === 'not-needed' && planned.kind.startsWith('group-') ? GROUP_NOT_NEEDED : SKIPPED_BECAUSE[outcome];
        await ledger.settle(client.id, key, { outcome: 'skipped', at, reason });
        report.skipped += 1;
        return undefined;
      }
      case 'check-in-open':
        // Goes once the open one is done, if still inside its own window.
        await ledger.release(client.id, key);
        this.heldBy.set(key, outcome);
        return record.openCheckIn ? DateTime.fromISO(record.openCheckIn.expiresAt).toMillis() : now.toMillis() + HOUR_MS;
      case 'group-question-open':
        // Goes when the client has answered the group question they were just asked (the bot wakes us), or a little later.
        await ledger.release(client.id, key);
        this.heldBy.set(key, outcome);
        return now.toMillis() + GROUP_HOLD_RETRY_MS;
      case 'no-conversation':
        await ledger.release(client.id, key);
        this.heldBy.set(key, outcome);
        return now.toMillis() + HOUR_MS;
    }
  }

  /**
   * A new link worker's name the client was to be told later (their pause or quiet hours): sent once
   * due, by whichever instance claims it; dropped if they were reassigned again (the later change
   * tells them), opted out, or an alert is open (people are in touch). Returns when to look again.
   */
  private async tellLinkWorkerIfDue(client: ClientRecord, now: DateTime, report: TickReport): Promise<number | undefined> {
    const notice = client.linkWorkerNotice;
    if (!notice) return undefined;
    const dueAt = DateTime.fromISO(notice.notBefore);
    const stale = client.linkWorkerId !== notice.linkWorkerId || client.optedOutAt || client.riskOpenSince;
    if (!stale && dueAt > now) return dueAt.toMillis();
    if (!stale) {
      const key = `${client.id}|link-worker|${notice.linkWorkerId}|${notice.notBefore}`;
      if (await this.deps.ledger.claim(client.id, key, now.toISO()!)) {
        this.inFlight.add(key);
        try {
          const outcome = await this.deps.delivery.deliver(client, { kind: 'link-worker-changed', occurrenceKey: key });
          await this.deps.ledger.settle(
            client.id,
            key,
            outcome === 'sent' ? { outcome: 'sent', at: now.toISO()! } : { outcome: 'skipped', at: now.toISO()!, reason: outcome },
          );
          if (outcome === 'sent') report.sent += 1;
        } finally {
          this.inFlight.delete(key);
        }
      }
    }
    await this.deps.clients.update(client.id, ({ linkWorkerNotice: _done, ...rest }) => rest);
    return undefined;
  }

  /**
   * Claims not made by this process (alone: any; shared: once their lease has passed) were left by a
   * crash between claim and settle: sent if the channel holds the message, otherwise released to be
   * planned again. True when any was found.
   */
  private async settleLeftClaims(client: ClientRecord, record: ScheduleLedgerRecord): Promise<boolean> {
    const nowMs = this.deps.clock.now().toMillis();
    // Alone (lowdb), a claim this process is not sending is a crash's leftover; shared, only once its lease has passed.
    const left = Object.entries(record.claimed).filter(
      ([key, at]) => !this.inFlight.has(key) && (!this.deps.sharedLedger || nowMs - Date.parse(at) > CLAIM_LEASE_MS),
    );
    for (const [key, claimedAt] of left) {
      if (await this.deps.delivery.wasSent(client, key)) {
        const at = DateTime.fromISO(claimedAt, { zone: 'utc' });
        const week = key.includes('|group-') ? groupWeek(at, client.timezone) : localWeek(at, client.timezone);
        await this.deps.ledger.settle(client.id, key, { outcome: 'sent', at: claimedAt }, week);
        this.deps.log.info('claim found sent after a restart', { clientId: client.id });
      } else {
        await this.deps.ledger.release(client.id, key);
        this.deps.log.info('claim found unsent after a restart', { clientId: client.id });
      }
    }
    return left.length > 0;
  }
}

/** Whether an occurrence starts a check-in (a routine one, a wave, a follow-up), rather than a message. */
function startsCheckIn(occurrence: Occurrence): boolean {
  return occurrence.kind === 'routine' || occurrence.kind === 'wave' || (occurrence.kind === 'ending' && occurrence.item === 'follow-up');
}

/** What planDue sees of the ledger: a claimed occurrence counts as sent (it is being sent now, or will be checked). */
function ledgerView(record: ScheduleLedgerRecord): Ledger {
  const sent = new Set(Object.keys(record.claimed));
  const skipped = new Set<string>();
  for (const [key, decision] of Object.entries(record.decided)) (decision.outcome === 'sent' ? sent : skipped).add(key);
  return { sent, skipped, answered: new Set(Object.keys(record.answered)), sentInWeek: (week) => record.weeks[week] ?? 0 };
}

/** The client's local ISO week of an instant, as the weekly cap counts it. */
function localWeek(at: DateTime, timezone: string): string {
  return at.setZone(memoZone(timezone)).toFormat("kkkk-'W'WW");
}
