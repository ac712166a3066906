import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PrivacyAudit, PrivacyAuditEntry } from '../ports.js';

/**
 * The privacy audit on lowdb's data directory: one JSON line per export or erasure, appended and
 * flushed before the caller is answered, never rewritten. It names who and when, never content.
 */
export class LowdbPrivacyAudit implements PrivacyAudit {
  constructor(private readonly file: string) {}

  async record(entry: PrivacyAuditEntry): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { flush: true });
  }

  async list(): Promise<PrivacyAuditEntry[]> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as PrivacyAuditEntry);
  }
}
