import type { Server } from 'restify';
import { z } from 'zod';
import type { ClientHistoryRepository, ClientRepository } from '../../../storage/ports.js';
import type { AttendanceRecord, TaskRecord } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import type { Group } from '../../config/groupSchema.js';
import { HttpError, notFound } from '../../platform/http/httpError.js';
import type { Logger } from '../../platform/logger.js';
import { adminRoute } from './adminRoute.js';

export interface AttendanceRouteDeps {
  adminApiToken: string | undefined;
  clients: Pick<ClientRepository, 'get'>;
  history: Pick<ClientHistoryRepository, 'history' | 'updateTask'>;
  /** The directory as it stands (names of groups). */
  groups: () => readonly Group[];
  clock: Clock;
  log: Logger;
}

const doneBody = z.strictObject({ by: z.string().trim().min(1, 'required: who did it (a staff name or email)').max(100) });
const attendanceQuery = z.strictObject({ state: z.enum(['open', 'done']).optional() });

/** What a client said of their group sessions, summed up for a link worker. */
export interface AttendanceSummary {
  went: number;
  didnt: number;
  unknown: number;
  /** Barrier id -> times given. */
  barriers: Record<string, number>;
  /** "Did you feel welcome?" answers. */
  fit: { yes: number; 'a-bit': number; no: number };
  openTasks: number;
}

export function summariseAttendance(attendance: readonly AttendanceRecord[], tasks: readonly TaskRecord[]): AttendanceSummary {
  const summary: AttendanceSummary = { went: 0, didnt: 0, unknown: 0, barriers: {}, fit: { yes: 0, 'a-bit': 0, no: 0 }, openTasks: 0 };
  for (const record of attendance) {
    summary[record.attendance] += 1;
    for (const barrier of record.barriers) summary.barriers[barrier] = (summary.barriers[barrier] ?? 0) + 1;
    if (record.fit) summary.fit[record.fit] += 1;
  }
  summary.openTasks = tasks.filter((task) => task.state === 'open').length;
  return summary;
}

/**
 * Staff API (bearer ADMIN_API_TOKEN) for what came of group nudges: a client's attendance per
 * session (went, didn't, unknown), barriers with their own words, fit answers, and tasks; and
 * marking a task done.
 */
export function registerAttendanceRoutes(server: Server, deps: AttendanceRouteDeps): void {
  const route = adminRoute(deps.adminApiToken, deps.log);
  const groupName = (id: string) => deps.groups().find((g) => g.id === id)?.name ?? null;

  server.get(
    '/api/admin/clients/:id/attendance',
    route(async (req) => {
      const { state } = attendanceQuery.parse(req.query ?? {});
      const client = await deps.clients.get(String(req.params.id));
      if (!client) throw notFound('Client');
      const { attendance, tasks } = await deps.history.history(client.id);
      return {
        status: 200,
        body: {
          clientId: client.id,
          summary: summariseAttendance(attendance, tasks),
          attendance: attendance.map((record) => ({ ...record, groupName: groupName(record.groupId) })),
          tasks: tasks.filter((task) => !state || task.state === state).map((task) => ({ ...task, groupName: groupName(task.groupId) })),
        },
      };
    }),
  );

  server.post(
    '/api/admin/clients/:id/tasks/:taskId/done',
    route(async (req) => {
      const { by } = doneBody.parse(req.body ?? {});
      const client = await deps.clients.get(String(req.params.id));
      if (!client) throw notFound('Client');
      const at = deps.clock.now().toISO()!;
      let already = false;
      const task = await deps.history.updateTask(client.id, String(req.params.taskId), (current) => {
        already = current.state === 'done';
        return already ? current : { ...current, state: 'done', doneAt: at, doneBy: by };
      });
      if (!task) throw notFound('Task');
      if (already) throw new HttpError(409, 'task_done', `This task was already marked done by ${task.doneBy ?? 'someone'}.`);
      return { status: 200, body: task };
    }),
  );
}
