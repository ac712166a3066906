// A real Linkwell in a child process (`npm start`, the README's environment), a fake Twilio in this
// process, and SIGKILL at chosen moments: what the resilience suite and `npm run soak` drive.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../bot/http/freePort.js';
import { idFromKey } from '../../dialogs/turnEffects.js';
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
  private enrolled = 0;

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
    // npm is gone; node, its child, may take a moment longer (and holds the data directory until then).
    while (this.groupPids(child.pid!).length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    this.child = undefined;
  }

  async admin(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' } });
  }

  /** Enrol `count` SMS clients who have agreed (replied YES) and whose scheduled messages are paused. */
  async enrol(count: number): Promise<string[]> {
    const phones: string[] = [];
    for (let n = 0; n < count; n += 1) {
      const i = this.enrolled++;
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

  /** For a number answered more than once: its acknowledgements at Twilio and in the outbox, in order (no message text). */
  doubledDetail(): string[] {
    const expected = new Map<string, number>();
    for (const t of this.texts) expected.set(t.phone, (expected.get(t.phone) ?? 0) + 1);
    const records = this.filesIn('sms', 'outbox', 'done').flatMap((file) => {
      try {
        return file.endsWith('.json') ? [JSON.parse(readFileSync(file, 'utf8')) as { id: string; to: string; body: string; createdAt: string; attempts: number; twilioSid?: string; sendingSince?: string }] : [];
      } catch {
        return [];
      }
    });
    const lines: string[] = [];
    for (const [phone, want] of expected) {
      const acks = this.fake.messages.filter((m) => m.to === phone && NOTE_ACK.test(m.body));
      if (acks.length <= want) continue;
      lines.push(`number ending ${phone.slice(-3)}: ${acks.length} acknowledgements for ${want} texts`);
      for (const m of acks) lines.push(`  twilio ${m.sid.slice(0, 12)} created ${m.at.toISOString()}`);
      // Which text (and which of its effects) each reply's id was drawn from, as dialogs/turnEffects draws them.
      const origins = new Map<string, string>();
      this.texts.forEach((text, i) => {
        if (text.phone !== phone) return;
        for (let n = 0; n < 6; n += 1) origins.set(idFromKey(`sms:${text.form.MessageSid}#reply${n}`), `text ${i} reply ${n}`);
      });
      for (const r of records.filter((r) => r.to === phone && NOTE_ACK.test(r.body)).sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
        lines.push(`  outbox ${r.id.slice(0, 12)} (${origins.get(r.id) ?? 'not from a text'}) created ${r.createdAt} attempts ${r.attempts} sending since ${r.sendingSince ?? '-'} sid ${r.twilioSid?.slice(0, 12) ?? '-'}`);
      }
    }
    return lines;
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
      // Only whole documents (a write in progress is a temporary file beside them).
      if (!file.endsWith('.json')) return [];
      try {
        const sid = (JSON.parse(readFileSync(file, 'utf8')) as { twilioSid?: string }).twilioSid;
        return sid ? [sid] : [];
      } catch {
        return [];
      }
    });
  }

  private async until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * One chat link used as an attacker would: as many chats as it will open, each flooded with
   * activities as large as a web chat message may be. Resolves with what happened and the server's
   * resident memory (every process of its group) before and after.
   */
  async abuseOneChatLink(options: { attempts?: number; activities?: number } = {}) {
    const created = await this.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Web Chat Client', phone: '+447700900999', timezone: 'Europe/London', linkWorkerId: 'sam', channel: 'webchat' }),
    });
    const { id } = (await created.json()) as { id: string };
    const { url } = (await (await this.admin(`/api/admin/clients/${id}/chat-link`)).json()) as { url: string };
    const link = new URL(url).searchParams.get('t')!;
    const rssBefore = this.rssBytes();
    // Every page load of a link opens the client's one conversation: reloads cannot pile up chats.
    const chats: Array<{ conversationId: string; token: string }> = [];
    let refused = 0;
    for (let i = 0; i < (options.attempts ?? 50); i += 1) {
      const res = await fetch(`${this.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${link}` } });
      if (res.status === 200) chats.push((await res.json()) as { conversationId: string; token: string });
      else refused += 1;
    }
    const value = 'x'.repeat(30_000);
    const total = options.activities ?? 1200;
    for (let i = 0; i < total; i += 1) {
      const chat = chats[i % chats.length]!;
      await fetch(`${this.url}/v3/directline/conversations/${chat.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${chat.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'event', name: 'flood', value }),
      });
    }
    const conversations = new Set(chats.map((c) => c.conversationId)).size;
    return { opened: chats.length, conversations, refused, activities: total, activityBytes: value.length, rssBefore, rssAfter: this.rssBytes() };
  }

  /** Resident memory of the server: every process in its group (npm and node), from /proc. */
  rssBytes(): number {
    const group = this.child?.pid;
    if (!group) return 0;
    let total = 0;
    for (const pid of this.groupPids(group)) {
      try {
        const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (rss) total += Number(rss[1]) * 1024;
      } catch {
        // The process ended while being read.
      }
    }
    return total;
  }

  /** The live processes of a process group (a zombie, already dead, is not counted). */
  private groupPids(group: number): string[] {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          return Number(fields[2]) === group && fields[0] !== 'Z';
        } catch {
          return false;
        }
      });
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
