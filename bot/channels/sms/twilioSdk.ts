import { createRequire } from 'node:module';
import type Twilio from 'twilio';

const require = createRequire(import.meta.url);

/** Twilio's library, loaded when SMS is first used: a server without SMS never loads it (a few hundredths of a second at start-up). */
export function twilioSdk(): typeof Twilio {
  return require('twilio') as typeof Twilio;
}
