import { z } from 'zod';
import { e164, slug } from './fieldSchemas.js';

const staffContact = z.object({ id: slug, name: z.string().min(1), phone: e164, email: z.email().optional() });

const minutes = (min: number, max: number) =>
  z
    .number({ error: `expected a number of minutes (${min}-${max})` })
    .int(`expected whole minutes (${min}-${max})`)
    .min(min)
    .max(max);

/**
 * Who is told of a risk alert beyond the link worker and duty contacts, and how long each tier waits
 * for an acknowledgement before it moves on (urgent, same-day) or is flagged (routine).
 */
export const alertSettingsSchema = z
  .strictObject({
    /** Minutes an urgent alert waits for an acknowledgement before it goes to the next person. */
    ackTimeoutMinutes: minutes(1, 240).default(15),
    /**
     * Same-day alerts. Someone told in working hours has until the end of that working day
     * ("end-of-working-day"), or `inHours` minutes when that is a number; someone told out of hours
     * has `outOfHoursMinutes`. Then it goes to the next person in its chain.
     */
    sameDay: z
      .strictObject({
        inHours: z
          .union([z.literal('end-of-working-day'), z.number().int().min(5).max(600)], {
            error: 'expected "end-of-working-day" or a whole number of minutes (5-600)',
          })
          .default('end-of-working-day'),
        outOfHoursMinutes: minutes(5, 720).default(60),
      })
      .prefault({}),
    /**
     * Routine alerts ("flags") never go to anyone else: one not acknowledged by the start of the
     * `flagAfterWorkingDays`th working day after its link worker was told is flagged in their list for that day.
     */
    routine: z
      .strictObject({
        flagAfterWorkingDays: z.number({ error: 'expected a number of working days (1-5)' }).int().min(1).max(5).default(1),
      })
      .prefault({}),
    /** The programme lead: the last person an unacknowledged urgent or same-day alert goes to. */
    lead: staffContact.optional(),
    /**
     * Who gets a same-day alert raised out of working hours (an out-of-hours service), before the
     * duty contacts. Without it, out-of-hours alerts go to the duty contacts first.
     */
    outOfHours: staffContact.optional(),
    /**
     * Also POST every alert (no message text) as JSON to this HTTPS address, signed with HMAC-SHA256
     * of `<timestamp>.<body>` under ALERT_WEBHOOK_SECRET (X-Linkwell-Signature, X-Linkwell-Timestamp).
     */
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((alerts, ctx) => {
    if (alerts.outOfHours && alerts.lead && alerts.outOfHours.id === alerts.lead.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['outOfHours', 'id'],
        message: `"${alerts.outOfHours.id}" is the lead's id: give the out-of-hours contact an id of its own`,
      });
    }
  })
  .prefault({});

export type AlertSettings = z.infer<typeof alertSettingsSchema>;
