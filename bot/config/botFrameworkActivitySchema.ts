import { z } from 'zod';

/**
 * The least an incoming Bot Framework activity must carry before CloudAdapter sees it; the rest
 * passes through as the protocol allows. (Authentication is CloudAdapter's, not this schema's.)
 */
export const botFrameworkActivitySchema = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }).optional(),
  text: z.string().max(20_000).optional(),
});
