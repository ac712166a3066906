// A real Linkwell in a child process (`npm start`, the README's environment), a fake Twilio in this
// process, and SIGKILL at chosen moments: what the resilience suite and `npm run soak` drive.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../bot/http/freePort.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { inboundForm, postTwilioForm, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, TEST_FROM_NUMBER } from '../support/smsTestApp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN_TOKEN = 'resilience-admin-token-0123456789abcdef';
/** The words every note is acknowledged with; the count of these per number is what is checked. */
export const NOTE_ACK = /^Thank you\. I have passed your message to /;

/** A text as Twilio holds it: the same MessageSid on every retry until the webhook answers 200. */
interface Text {
  phone: string;
  form: Record<string, string>;
  accepted: boolean;
}

export interface Tally {
  texts: number;
  /** Texts never acknowledged. */
  lost: number;
  /** Texts acknowledged more than once (extra acknowledgements counted). */
  doubled: number;
  /** Twilio sids recorded on two outbox messages. */
  sidsReused: number;
}

export class KillRig {
  private child: ChildProcess | undefined;
  private readonly texts: Text[] = [];
  readonly restartsMs: number[] = [];
  private stderr = '';

  private constructor(
    readonly fake: FakeTwilio,
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(options: { twilioLatencyMs?: number } = {}): Promise<KillRig> {
    const fake = await startFakeTwilio({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, ...(options.twilioLatencyMs ? { latencyMs: options.twilioLatencyMs } : {}) });
    const rig = new KillRig(fake, mkdtempSync(join(tmpdir(), 'linkwell-kill-')), await freePort());
    await rig.boot();
    return rig;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Start `npm start` on the data directory; resolves with the milliseconds until /readyz said ready. */
  async boot(): Promise<number> {
    const began = performance.now();
    this.child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        PUBLIC_BASE_URL: this.url,
        DATA_DIR: this.dataDir,
        ADMIN_API_TOKEN: ADMIN_TOKEN,
        CHAT_LINK_SECRET: 'resilience-chat-link-secret-0123456789abcdef',
        LOG_LEVEL: 'warn',
        TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
        TWILIO_FROM_NUMBER: TEST_FROM_NUMBER,
        TWILIO_API_BASE_URL: this.fake.url,
        SMS_SEND_RATE_PER_SECOND: '1000',
      },
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-20_000);
    });
    const exited = new Promise<never>((_resolve, reject) => {
      this.child!.once('exit', (code, signal) => reject(new Error(`Linkwell exited while starting (${code ?? signal}):\n${this.stderr}`)));
    });
    await Promise.race([this.untilReady(), exited]);
    const ms = performance.now() - began;
    this.restartsMs.push(ms);
    return ms;
  }

  private async untilReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const res = await fetch(`${this.url}/readyz`).catch(() => undefined);
      if (res?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`Linkwell was not ready within 60 s:\n${this.stderr}`);
  }

  /** SIGKILL the server (its whole process group: npm, node and all), and wait until it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGKILL');
    await gone;
    this.child = undefined;
  }

  async admin(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' } });
  }

  /** Enrol `count` SMS clients who have agreed (replied YES) and whose scheduled messages are paused. */
  async enrol(count: number): Promise<string[]> {
    const phones: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const phone = `+4477009${String(10_000 + i).slice(-5)}`;
      const created = await this.admin('/api/admin/clients', {
        method: 'POST',
        body: JSON.stringify({ name: `Client ${i}`, phone, timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'sms' }),
      });
      if (created.status !== 201) throw new Error(`enrolling answered ${created.status}: ${await created.text()}`);
      const { id } = (await created.json()) as { id: string };
      const paused = await this.admin(`/api/admin/clients/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ pausedUntil: new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10), changedBy: 'resilience test' }),
      });
      if (paused.status !== 200) throw new Error(`pausing answered ${paused.status}: ${await paused.text()}`);
      phones.push(phone);
    }
    for (const phone of phones) await this.postUntilAccepted(phone, 'YES');
    await this.until(() => phones.every((p) => this.fake.messages.some((m) => m.to === p)), 'every client thanked for agreeing', 30_000);
    return phones;
  }

  private async postUntilAccepted(phone: string, body: string): Promise<void> {
    const form = inboundForm(phone, body);
    for (;;) {
      const res = await postTwilioForm(this.url, this.url, '/api/sms', form).catch(() => undefined);
      if (res?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Add `count` notes, spread over `phones` in turn, to send. */
  plan(phones: readonly string[], count: number): void {
    for (let i = 0; i < count; i += 1) {
      const phone = phones[this.texts.length % phones.length]!;
      this.texts.push({ phone, form: inboundForm(phone, `note ${this.texts.length}: went to the lunch club, it was nice`), accepted: false });
    }
  }

  /**
   * Send every text not yet accepted, `concurrency` at a time, as Twilio does (a text whose webhook
   * did not answer 200 is sent again later with the same MessageSid). Stops at the first connection
   * failure (the server is down) and resolves with how many were accepted this call.
   */
  async sendPending(concurrency = 8, stopAfter = Number.POSITIVE_INFINITY): Promise<number> {
    const pending = this.texts.filter((t) => !t.accepted);
    let accepted = 0;
    let down = false;
    let next = 0;
    const worker = async () => {
      while (!down && next < pending.length && accepted < stopAfter) {
        const text = pending[next++]!;
        const res = await postTwilioForm(this.url, this.url, '/api/sms', text.form).catch(() => undefined);
        if (res?.status === 200) {
          text.accepted = true;
          accepted += 1;
        } else if (!res) down = true;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return accepted;
  }

  get unaccepted(): number {
    return this.texts.filter((t) => !t.accepted).length;
  }

  /** Wait until every accepted text has been acknowledged and the server has nothing left to send. */
  async settle(timeoutMs = 60_000): Promise<void> {
    await this.until(() => this.lostNow() === 0 && this.outboxQueued() === 0 && this.inboxPending() === 0, 'every text acknowledged', timeoutMs).catch(() => {});
    // Anything sent twice would come now.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  tally(): Tally {
    const acks = new Map<string, number>();
    for (const m of this.fake.messages) if (NOTE_ACK.test(m.body)) acks.set(m.to, (acks.get(m.to) ?? 0) + 1);
    const expected = new Map<string, number>();
    for (const t of this.texts) expected.set(t.phone, (expected.get(t.phone) ?? 0) + 1);
    let lost = 0;
    let doubled = 0;
    for (const [phone, want] of expected) {
      const got = acks.get(phone) ?? 0;
      if (got < want) lost += want - got;
      if (got > want) doubled += got - want;
    }
    const sids = this.outboxSids();
    return { texts: this.texts.length, lost, doubled, sidsReused: sids.length - new Set(sids).size };
  }

  private lostNow(): number {
    return this.tally().lost;
  }

  private filesIn(...parts: string[]): string[] {
    try {
      return readdirSync(join(this.dataDir, ...parts), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    } catch {
      return [];
    }
  }

  private outboxQueued(): number {
    return this.filesIn('sms', 'outbox', 'queue').length;
  }

  private inboxPending(): number {
    return this.filesIn('sms', 'inbound', 'pending').length;
  }

  private outboxSids(): string[] {
    return this.filesIn('sms', 'outbox', 'done').flatMap((file) => {
      const sid = (JSON.parse(readFileSync(file, 'utf8')) as { twilioSid?: string }).twilioSid;
      return sid ? [sid] : [];
    });
  }

  private async until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The server's recent stderr (warnings and errors; never message text). */
  get log(): string {
    return this.stderr;
  }

  async close(): Promise<void> {
    await this.kill();
    await this.fake.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
