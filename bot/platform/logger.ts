import { createHash } from 'node:crypto';
import type { Clock } from '../time/clock.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
type Fields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * One JSON line per event. Callers pass ids and codes, never message bodies or phone numbers.
 */
export function createLogger(level: LogLevel, clock: Clock, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const at =
    (lvl: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: Fields = {}) => {
      if (ORDER[lvl] < ORDER[level]) return;
      write(JSON.stringify({ time: clock.now().toISO(), level: lvl, message, ...serialise(fields) }));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function serialise(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? describeError(value) : value;
  }
  return out;
}

// A JSON SyntaxError quotes the text it failed on, which may be a client's message: keep only where.
function describeError(error: Error): Fields {
  const stack = error.stack?.split('\n').slice(1).join('\n');
  const message = error instanceof SyntaxError ? 'invalid JSON' : error.message;
  return { name: error.name, message, stack, ...(error.cause instanceof Error ? { cause: describeError(error.cause) } : {}) };
}

/** A stable pseudonym for a phone number, so log lines about one number can be correlated without it. */
export function redactPhone(phone: string): string {
  return `tel#${createHash('sha256').update(phone).digest('hex').slice(0, 10)}`;
}
