import type { AttendanceRecord, ClientEvent, ClientHistory, TaskRecord } from './records.js';

/**
 * One month of a client's records, as every backend keeps them: check-ins started that month with
 * all that was said in them, notes sent outside a check-in, events, group sessions that started that
 * month and tasks raised in it. (`events`, `attendance` and `tasks` are absent from months written
 * before they existed.)
 */
export type MonthDocument = Omit<ClientHistory, 'clientId' | 'conversationReferences' | 'events' | 'attendance' | 'tasks'> & {
  events?: ClientEvent[];
  attendance?: AttendanceRecord[];
  tasks?: TaskRecord[];
};

export function emptyMonth(): MonthDocument {
  return { checkIns: [], responses: [], scores: [], notes: [], events: [] };
}

/** The month ('yyyy-mm', UTC) a record belongs to, from its ISO timestamp. */
export function monthOf(isoTime: string): string {
  return isoTime.slice(0, 7);
}

/** A record of this effect is kept already (the replay of a turn); never true for a record with no key. */
export function keptAlready(records: ReadonlyArray<{ effectKey?: string | undefined }>, effectKey: string | undefined): boolean {
  return effectKey !== undefined && records.some((r) => r.effectKey === effectKey);
}

/** A client's history from their month documents (any order) and conversation references. */
export function historyFrom(
  clientId: string,
  references: ClientHistory['conversationReferences'],
  documents: ReadonlyArray<MonthDocument | null | undefined>,
): ClientHistory {
  const all = <K extends keyof MonthDocument>(key: K): NonNullable<MonthDocument[K]> =>
    ([] as NonNullable<MonthDocument[K]>[number][]).concat(...documents.map((d) => d?.[key] ?? [])) as NonNullable<MonthDocument[K]>;
  return {
    clientId,
    conversationReferences: references,
    checkIns: all('checkIns').sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
    responses: all('responses'),
    scores: all('scores'),
    notes: all('notes').sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    events: all('events').sort((a, b) => a.at.localeCompare(b.at)),
    attendance: all('attendance').sort((a, b) => a.sessionStart.localeCompare(b.sessionStart) || a.sessionKey.localeCompare(b.sessionKey)),
    tasks: all('tasks').sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  };
}

/** Whether a month holds any words written before the cut-off that are not removed yet. */
export function hasWordsBefore(document: MonthDocument, before: string, placeholder: string): boolean {
  const old = (at: string | undefined) => at !== undefined && at < before;
  return (
    document.notes.some((n) => old(n.createdAt) && n.text !== placeholder) ||
    document.responses.some((r) => old(r.answeredAt) && r.raw !== null && r.raw !== placeholder) ||
    (document.attendance ?? []).some(
      (a) =>
        old(a.sessionStart) && ((a.howItWent !== undefined && a.howItWent !== placeholder) || (a.barrierText !== undefined && a.barrierText !== placeholder)),
    )
  );
}

/** Replace the words written before the cut-off with the placeholder, in place; returns how many records changed. */
export function removeWordsIn(document: MonthDocument, before: string, placeholder: string): number {
  const old = (at: string | undefined) => at !== undefined && at < before;
  let changed = 0;
  for (const note of document.notes) {
    if (old(note.createdAt) && note.text !== placeholder) {
      note.text = placeholder;
      changed += 1;
    }
  }
  for (const response of document.responses) {
    if (old(response.answeredAt) && response.raw !== null && response.raw !== placeholder) {
      response.raw = placeholder;
      changed += 1;
    }
  }
  for (const session of document.attendance ?? []) {
    if (!old(session.sessionStart)) continue;
    if (session.howItWent !== undefined && session.howItWent !== placeholder) {
      session.howItWent = placeholder;
      changed += 1;
    }
    if (session.barrierText !== undefined && session.barrierText !== placeholder) {
      session.barrierText = placeholder;
      changed += 1;
    }
  }
  return changed;
}

/** Create or change the record of one group session in a month; returns it as stored. */
export function putAttendance(
  document: MonthDocument,
  session: Pick<AttendanceRecord, 'sessionKey' | 'groupId' | 'sessionStart'>,
  change: (current: AttendanceRecord | undefined) => AttendanceRecord,
): AttendanceRecord {
  const list = (document.attendance ??= []);
  const at = list.findIndex((a) => a.sessionKey === session.sessionKey);
  const next = { ...change(at < 0 ? undefined : structuredClone(list[at]!)), ...session };
  if (at < 0) list.push(next);
  else list[at] = next;
  return structuredClone(next);
}
