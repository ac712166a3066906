import { z } from 'zod';
import { e164, slug } from './fieldSchemas.js';

/** Who is told of a risk alert beyond the link worker and duty contacts, and how fast it escalates. */
export const alertSettingsSchema = z
  .object({
    /** Minutes an urgent alert waits for an acknowledgement before it goes to the next person. */
    ackTimeoutMinutes: z.number().int().min(1).max(240).default(15),
    /** The programme lead: the last person an unacknowledged urgent alert goes to. */
    lead: z.object({ id: slug, name: z.string().min(1), phone: e164, email: z.email().optional() }).optional(),
    /**
     * Also POST every alert (no message text) as JSON to this HTTPS address, signed with HMAC-SHA256
     * of `<timestamp>.<body>` under ALERT_WEBHOOK_SECRET (X-Linkwell-Signature, X-Linkwell-Timestamp).
     */
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .prefault({});

export type AlertSettings = z.infer<typeof alertSettingsSchema>;
