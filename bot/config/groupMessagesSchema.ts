import { z } from 'zod';
import { localTime } from './scheduleSchema.js';

/**
 * How group nudges and follow-ups are timed. A nudge goes the day before at the client's chosen
 * time (default `dayBeforeTime`) or the morning of (default `morningOfTime`); the follow-up goes
 * `followUpAfterMinutes` after the session ends and may wait for quiet hours to pass, but not past
 * `followUpWindowHours` after the session starts. Group messages have their own weekly cap (a
 * client going to two groups a week hears about both), apart from the check-in cap; quiet hours,
 * pauses, opt-out and open risk alerts apply as to everything else.
 */
export const groupMessagesSchema = z
  .strictObject({
    dayBeforeTime: localTime.default('18:00'),
    morningOfTime: localTime.default('09:00'),
    followUpAfterMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(60),
    followUpWindowHours: z
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(72),
    weeklyCap: z.number().int().min(0).max(21).default(4),
  })
  .prefault({});

export type GroupMessages = z.infer<typeof groupMessagesSchema>;
