import { groupSchema, type Group } from '../../bot/config/groupSchema.js';

/** A valid group as an admin would enter it, with any fields replaced. */
export function groupInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'walk',
    name: 'Wednesday Walk',
    venue: { name: 'Library', address: '1 High Street, Leeds LS1 1AA' },
    schedule: { kind: 'weekly', day: 'wednesday', time: '10:00' },
    durationMinutes: 90,
    cost: 'free',
    lastVerified: '2026-11-01',
    ...overrides,
  };
}

/** The parsed group (throws if the fixture is not valid). */
export function group(overrides: Record<string, unknown> = {}): Group {
  return groupSchema.parse(groupInput(overrides));
}
