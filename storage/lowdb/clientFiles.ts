/**
 * Where LowdbClientStore keeps each document, relative to its directory. A client's records are
 * split by month so that a turn rewrites a small document whose size does not grow with the
 * client's history (a year of weekly check-ins is twelve or thirteen files of a few KB).
 *
 *   index.json                          every client (one small entry each)
 *   <id[0..2]>/<id>/profile.json        conversation references
 *   <id[0..2]>/<id>/<yyyy-mm>.json      check-ins started that month (UTC), with their answers,
 *                                       scores and notes, and notes sent outside a check-in that month
 *   outcomes/                           the outcome tally (see LowdbOutcomeTally)
 */
export const clientFiles = {
  index: 'index.json',
  clientDir: (clientId: string) => `${clientId.slice(0, 2)}/${clientId}`,
  profile: (clientId: string) => `${clientFiles.clientDir(clientId)}/profile.json`,
  month: (clientId: string, month: string) => `${clientFiles.clientDir(clientId)}/${month}.json`,
  /** The month a record belongs to, from its ISO timestamp. */
  monthOf: (isoTime: string) => isoTime.slice(0, 7),
  isMonthFile: (name: string) => /^\d{4}-\d{2}\.json$/.test(name),
};

/** A client id fit to name a file (never a path of someone's choosing); throws for anything else. */
export function checkedClientId(clientId: string): string {
  if (!/^[A-Za-z0-9-]{2,64}$/.test(clientId)) throw new Error('Not a client id');
  return clientId;
}
