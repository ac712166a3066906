import { z } from 'zod';
import type { ClientGroupLink } from '../../../storage/records.js';
import { slug } from '../../config/fieldSchemas.js';
import { localTime } from '../../config/scheduleSchema.js';
import { GROUP_STATUSES, groupSchema, type Group } from '../../config/groupSchema.js';

const WHO = 'required: who is making the change (a staff name or email)';
const who = z
  .string({ error: (issue) => (issue.input === undefined ? WHO : undefined) })
  .trim()
  .min(1, WHO)
  .max(100, 'at most 100 characters');

/** A field this route never accepts, whatever its value. */
const refused = (message: string) => z.unknown().refine(() => false, { error: message });

/** An object whose unknown fields are each named in the 400, so a typo is pointed at rather than dropped. */
function fields<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).catchall(refused(`not a field here; fields: ${Object.keys(shape).join(', ')}`));
}

const oneOf = (values: readonly string[]) => (issue: { input?: unknown }) =>
  `expected ${values.slice(0, -1).join(', ')} or ${values.at(-1)}, got ${JSON.stringify(issue.input)}`;

export const GROUP_FIELDS = Object.keys(groupSchema.shape).filter((key) => key !== 'id');

/**
 * The body of PUT /api/admin/groups/:id: a group without its id (that is the URL's), and who is
 * changing it. Every problem is thrown at once as a ZodError, each by its path (`schedule.day: ...`).
 */
export function parseGroupPut(id: string, body: unknown): { group: Group; changedBy: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new z.ZodError([{ code: 'custom', path: [], message: 'expected a JSON object: the group and changedBy', input: body }]);
  }
  const { changedBy, ...rest } = body as Record<string, unknown>;
  const issues: z.core.$ZodIssue[] = [];
  if (!slug.safeParse(id).success) {
    issues.push({ code: 'custom', path: ['id'], message: `expected a lower-case id in the URL (a-z, 0-9, - or _), got ${JSON.stringify(id)}`, input: id });
  }
  if ('id' in rest) issues.push({ code: 'custom', path: ['id'], message: "give the group's id in the URL, not in the body", input: rest.id });
  const by = who.safeParse(changedBy);
  if (!by.success) issues.push(...by.error.issues.map((issue) => ({ ...issue, path: ['changedBy', ...issue.path] })));
  const group = groupSchema.safeParse({ ...rest, id });
  if (!group.success) {
    for (const issue of group.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          if (key !== 'id')
            issues.push({ code: 'custom', path: [key], message: `not a field of a group; fields: ${GROUP_FIELDS.join(', ')}, changedBy`, input: rest[key] });
        }
      } else if (!(issue.path.length === 1 && issue.path[0] === 'id')) {
        issues.push(issue);
      }
    }
  }
  if (issues.length > 0 || !group.success || !by.success) throw new z.ZodError(issues);
  return { group: group.data, changedBy: by.data };
}

/** POST /api/admin/groups/:id/verify: who checked the details, and the group's status if it changed. */
export const verifyBodySchema = fields({
  by: who,
  status: z.enum(GROUP_STATUSES, { error: oneOf(GROUP_STATUSES) }).optional(),
});

const LINK_STATUSES = ['interested', 'going', 'stopped'] as const;
const NUDGES = ['off', 'day-before', 'morning-of'] as const;

/**
 * PUT /api/admin/clients/:id/groups/:groupId. `nudgeTime` goes only with a nudge; when left out
 * the scheduler applies the default (18:00 the day before, 09:00 the morning of), so it is stored
 * as given.
 */
export const groupLinkBodySchema = fields({
  status: z.enum(LINK_STATUSES, { error: oneOf(LINK_STATUSES) }),
  nudge: z.enum(NUDGES, { error: oneOf(NUDGES) }),
  nudgeTime: localTime.optional(),
  changedBy: who,
}).refine((body) => typeof body !== 'object' || body === null || !(body.nudge === 'off' && body.nudgeTime !== undefined), {
  path: ['nudgeTime'],
  error: 'only with nudge "day-before" or "morning-of": leave it out when nudges are off',
  // Said beside any other problem, so one 400 lists everything.
  when: () => true,
});

export type GroupLinkBody = z.infer<typeof groupLinkBodySchema>;

/** A link as one short line for the settings-changed audit: `wednesday-walk: going, day-before 18:00`. */
export function describeLink(link: ClientGroupLink): string {
  const status = link.stoppedBecause ? `${link.status} (${link.stoppedBecause})` : link.status;
  const nudge = link.nudge === 'off' ? 'no nudges' : [link.nudge, link.nudgeTime].filter(Boolean).join(' ');
  return `${link.groupId}: ${status}, ${nudge}`;
}
