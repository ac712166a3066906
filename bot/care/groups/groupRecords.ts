import type { TurnContext } from 'botbuilder-core';
import { DateTime } from 'luxon';
import type { ClientHistoryRepository, ClientRepository } from '../../../storage/ports.js';
import type { AttendanceRecord, ClientGroupLink, ClientRecord, TaskRecord } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import { memoZone } from '../../time/memoZone.js';
import type { Group } from '../../config/groupSchema.js';
import { effectId, noteOutsideCheckIn } from '../../channels/turnEffects.js';

/**
 * What the group conversation keeps: each session's attendance record (changed in place as the
 * client answers), tasks for the link worker, notes, and a link stopped by what the client said;
 * and what it looks back on (sessions the client went to).
 */
export class GroupRecords {
  constructor(
    private readonly deps: {
      clients: Pick<ClientRepository, 'update'>;
      history: Pick<ClientHistoryRepository, 'history' | 'recordAttendance' | 'addTask' | 'recordNote' | 'recordEvent'>;
      clock: Clock;
    },
  ) {}

  /** Stop nudges for a group because of what the client said, recorded as a settings change by Linkwell. */
  async stopLink(client: ClientRecord, group: Group, because: NonNullable<ClientGroupLink['stoppedBecause']>): Promise<void> {
    const now = this.deps.clock.now().toISO()!;
    let before: ClientGroupLink | undefined;
    await this.deps.clients.update(client.id, (c) => ({
      ...c,
      groups: (c.groups ?? []).map((link) => {
        if (link.groupId !== group.id) return link;
        before = link;
        return { ...link, status: 'stopped', stoppedBecause: because, since: now };
      }),
    }));
    if (before && before.status !== 'stopped') {
      await this.deps.history.recordEvent(client.id, {
        type: 'settings-changed',
        at: now,
        by: 'linkwell (client reply)',
        changes: [{ field: 'groups', from: `${group.id}: ${before.status}`, to: `${group.id}: stopped (${because})` }],
      });
    }
  }

  record(
    client: ClientRecord,
    session: Pick<AttendanceRecord, 'sessionKey' | 'groupId' | 'sessionStart'>,
    channel: string,
    change: (current: AttendanceRecord) => Partial<AttendanceRecord>,
  ): Promise<AttendanceRecord> {
    const now = this.deps.clock.now().toISO()!;
    return this.deps.history.recordAttendance(client.id, session, (current) => {
      const base: AttendanceRecord = current ?? { ...session, attendance: 'unknown', barriers: [], channel, updatedAt: now };
      return { ...base, ...change(base), channel, updatedAt: now };
    });
  }

  async task(context: TurnContext, client: ClientRecord, kind: TaskRecord['kind'], group: Group, sessionKey: string, detail: string): Promise<void> {
    await this.deps.history.addTask(client.id, {
      id: effectId(context),
      kind,
      groupId: group.id,
      sessionKey,
      detail,
      state: 'open',
      createdAt: this.deps.clock.now().toISO()!,
    });
  }

  keepNote(client: ClientRecord, text: string, context: TurnContext): Promise<void> {
    return this.deps.history.recordNote(client.id, noteOutsideCheckIn(context, text, this.deps.clock.now().toISO()!));
  }

  /** What the client said of this group's sessions on the session's date (its own session, and any at another time that day). */
  async attendanceThatDay(client: ClientRecord, session: { sessionKey: string; sessionStart: string }): Promise<AttendanceRecord[]> {
    const day = session.sessionKey.slice(0, session.sessionKey.lastIndexOf('T') + 1);
    const month = session.sessionStart.slice(0, 7);
    return (await this.deps.history.history(client.id, [month])).attendance.filter((a) => a.sessionKey.startsWith(day));
  }

  history(client: ClientRecord) {
    return this.deps.history.history(client.id);
  }

  /** Sessions of this group the client went to before now. */
  async wentBefore(client: ClientRecord, groupId: string): Promise<number> {
    return (await this.history(client)).attendance.filter((a) => a.groupId === groupId && a.attendance === 'went').length;
  }

  /** Sessions of this group the client went to this calendar month, on their clock. */
  async wentThisMonth(client: ClientRecord, groupId: string): Promise<number> {
    const zone = memoZone(client.timezone);
    const month = this.deps.clock.now().setZone(zone).toFormat('yyyy-LL');
    const utcMonths = [...new Set([-1, 0, 1].map((n) => DateTime.fromFormat(month, 'yyyy-LL', { zone }).plus({ months: n }).toUTC().toFormat('yyyy-LL')))];
    const attendance = (await this.deps.history.history(client.id, utcMonths)).attendance;
    return attendance.filter(
      (a) => a.groupId === groupId && a.attendance === 'went' && DateTime.fromISO(a.sessionStart).setZone(zone).toFormat('yyyy-LL') === month,
    ).length;
  }
}
