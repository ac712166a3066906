/** What a planned message is, in the order the weekly cap keeps them (first kept first). */
export const OCCURRENCE_KINDS = ['wave', 'routine', 'ending', 'reminder'] as const;
export type OccurrenceKind = (typeof OCCURRENCE_KINDS)[number];

/** An occurrence as the planner works with it: instants as epoch milliseconds, and its kind's rank. */
export interface PlannedOccurrence {
  key: string;
  kind: OccurrenceKind;
  item: string;
  dueMs: number;
  expiresMs: number;
  /** Index in OCCURRENCE_KINDS: the weekly cap keeps lower ranks first. */
  rank: number;
}
