// A real Linkwell in a child process (`npm start`, the README's environment), or two on one
// PostgreSQL database behind a load balancer, a fake Twilio in this process, and SIGKILL at chosen
// moments: what the resilience suites and `npm run soak` drive.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../../bot/platform/http/freePort.js';
import { idFromKey } from '../../bot/channels/turnEffects.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio.js';
import { inboundForm, postTwilioForm, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, TEST_FROM_NUMBER } from '../support/smsTestApp.js';
import { waitFor } from '../support/waitFor.js';

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

/** One server of the rig: its port, and its process while it runs. */
interface Instance {
  port: number;
  child: ChildProcess | undefined;
  stderr: string;
}

/** A text message record as the outbox keeps it (no message text is reported from it). */
interface OutboxRecord {
  id: string;
  to: string;
  body: string;
  createdAt: string;
  attempts: number;
  twilioSid?: string;
  sendingSince?: string;
}

/** Of a client's schedule ledger, what tells whether an occurrence can still be sent: its claims, and what was decided. */
interface LedgerState {
  /** Occurrence key -> when it was claimed (and not settled yet). */
  claimed: Record<string, string>;
  /** Occurrence key -> what became of it. */
  decided: Record<string, { outcome: string }>;
}

/** What the rig reads of the servers' store to know they are done: lowdb's files, or the database. */
interface StoreProbe {
  outboxQueued(): Promise<number>;
  inboxPending(): Promise<number>;
  /** Every outbox record that went to Twilio (with its sid) or is done. */
  outboxRecords(): Promise<OutboxRecord[]>;
  /** The schedule ledger of each client with one of `phones` (PostgreSQL only); null for a client with none yet. */
  ledgersOf(phones: readonly string[]): Promise<Array<LedgerState | null>>;
  close(): Promise<void>;
}

export class KillRig {
  private readonly texts: Text[] = [];
  readonly restartsMs: number[] = [];
  private enrolled = 0;
  private turn = 0;

  private constructor(
    readonly fake: FakeTwilio,
    readonly dataDir: string,
    private readonly instances: Instance[],
    private readonly databaseUrl: string | undefined,
    private readonly probe: StoreProbe,
  ) {}

  /**
   * Start the rig: one server on a lowdb data folder, or `instances` servers on the PostgreSQL
   * database `databaseUrl` (already migrated), texts and admin calls shared between them as a load
   * balancer would (round robin, passing over one that is down).
   */
  static async start(options: { twilioLatencyMs?: number; instances?: number; databaseUrl?: string } = {}): Promise<KillRig> {
    const fake = await startFakeTwilio({
      accountSid: TEST_ACCOUNT_SID,
      authToken: TEST_AUTH_TOKEN,
      ...(options.twilioLatencyMs ? { latencyMs: options.twilioLatencyMs } : {}),
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-kill-'));
    const instances: Instance[] = [];
    for (let i = 0; i < (options.instances ?? 1); i += 1) instances.push({ port: await freePort(), child: undefined, stderr: '' });
    const probe = options.databaseUrl ? pgProbe(options.databaseUrl) : lowdbProbe(dataDir);
    const rig = new KillRig(fake, dataDir, instances, options.databaseUrl, probe);
    for (let i = 0; i < instances.length; i += 1) await rig.boot(i);
    return rig;
  }

  /** The first server's address (the only one, on lowdb). */
  get url(): string {
    return this.urlOf(0);
  }

  urlOf(instance: number): string {
    return `http://127.0.0.1:${this.instances[instance]!.port}`;
  }

  /** Start `npm start` for one server; resolves with the milliseconds until /readyz said ready. */
  async boot(instance = 0): Promise<number> {
    const began = performance.now();
    const server = this.instances[instance]!;
    const url = this.urlOf(instance);
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', process.env.RIG_LOG_LEVEL ? 'pipe' : 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(server.port),
        HOST: '127.0.0.1',
        // Behind a balancer every server has the balancer's address (Twilio signs for that one): here, the first server's.
        PUBLIC_BASE_URL: this.url,
        DATA_DIR: this.dataDir,
        ...(this.databaseUrl ? { DATABASE_URL: this.databaseUrl } : {}),
        ADMIN_API_TOKEN: ADMIN_TOKEN,
        CHAT_LINK_SECRET: 'resilience-chat-link-secret-0123456789abcdef',
        LOG_LEVEL: process.env.RIG_LOG_LEVEL ?? 'warn',
        TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
        TWILIO_FROM_NUMBER: TEST_FROM_NUMBER,
        TWILIO_API_BASE_URL: this.fake.url,
        SMS_SEND_RATE_PER_SECOND: '1000',
      },
    });
    server.child = child;
    child.stderr!.on('data', (chunk: Buffer) => {
      server.stderr = (server.stderr + chunk.toString('utf8')).slice(-20_000);
    });
    // RIG_LOG_LEVEL=info shows a server's log (never message text) beside its errors, to see why a run failed.
    child.stdout?.on('data', (chunk: Buffer) => {
      server.stderr = (server.stderr + chunk.toString('utf8')).slice(-200_000);
    });
    const exited = new Promise<never>((_resolve, reject) => {
      child.once('exit', (code, signal) => reject(new Error(`Linkwell exited while starting (${code ?? signal}):\n${server.stderr}`)));
    });
    await Promise.race([this.untilReady(url, server), exited]);
    const ms = performance.now() - began;
    this.restartsMs.push(ms);
    return ms;
  }

  private async untilReady(url: string, server: Instance): Promise<void> {
    await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200, {
      what: () => `Linkwell to be ready (/readyz 200):\n${server.stderr}`,
      timeoutMs: 60_000,
      intervalMs: 25,
    });
  }

  /** SIGKILL one server (its whole process group: npm, node and all), and wait until it is gone. */
  async kill(instance = 0): Promise<void> {
    const server = this.instances[instance]!;
    const child = server.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGKILL');
    await gone;
    // npm is gone; node, its child, may take a moment longer (and holds the data directory until then).
    await waitFor(() => this.groupPids(child.pid!).length === 0, { what: `every process of group ${child.pid} to end`, timeoutMs: 30_000, intervalMs: 10 });
    server.child = undefined;
  }

  /** The servers a load balancer would send the next request to, in the order it would try them. */
  private live(): string[] {
    const start = this.turn++;
    const order = this.instances.map((_, i) => (start + i) % this.instances.length);
    return order.filter((i) => this.instances[i]!.child).map((i) => this.urlOf(i));
  }

  async admin(path: string, init: RequestInit = {}): Promise<Response> {
    const [url] = this.live();
    if (!url) throw new Error('no server is running');
    return fetch(`${url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' } });
  }

  /** A signed text from `phone` to whichever server takes it first; undefined when none answered. */
  private async postText(form: Record<string, string>): Promise<Response | undefined> {
    for (const url of this.live()) {
      const res = await postTwilioForm(url, this.url, '/api/sms', form).catch(() => undefined);
      if (res) return res;
    }
    return undefined;
  }

  /**
   * Enrol `count` SMS clients who have agreed (replied YES). Paused by default, so that nothing is
   * scheduled for them; unpaused, the check-in that follows a YES goes out (at once, if it is day
   * time in `timezone`).
   */
  async enrol(count: number, options: { paused?: boolean; timezone?: string } = {}): Promise<string[]> {
    const phones: string[] = [];
    for (let n = 0; n < count; n += 1) {
      const i = this.enrolled++;
      const phone = `+4477009${String(10_000 + i).slice(-5)}`;
      const created = await this.admin('/api/admin/clients', {
        method: 'POST',
        body: JSON.stringify({ name: `Client ${i}`, phone, timezone: options.timezone ?? 'Europe/London', linkWorkerId: 'sam', channel: 'sms' }),
      });
      if (created.status !== 201) throw new Error(`enrolling answered ${created.status}: ${await created.text()}`);
      const { id } = (await created.json()) as { id: string };
      if (options.paused === false) {
        phones.push(phone);
        continue;
      }
      const paused = await this.admin(`/api/admin/clients/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ pausedUntil: new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10), changedBy: 'resilience test' }),
      });
      if (paused.status !== 200) throw new Error(`pausing answered ${paused.status}: ${await paused.text()}`);
      phones.push(phone);
    }
    for (const phone of phones) await this.postUntilAccepted(phone, 'YES');
    await waitFor(() => phones.every((p) => this.fake.messages.some((m) => m.to === p && /^Thank you/.test(m.body))), {
      what: 'every client thanked for agreeing',
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    return phones;
  }

  /** Post a text as Twilio does: again, with the same MessageSid, until a server answers 200. */
  private async postUntilAccepted(phone: string, body: string): Promise<void> {
    const form = inboundForm(phone, body);
    await waitFor(async () => (await this.postText(form))?.status === 200, {
      what: `a server to take a text from ${phone}`,
      timeoutMs: 60_000,
      intervalMs: 50,
    });
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
        const res = await this.postText(text.form);
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

  /** Acknowledgements of notes Twilio has taken so far. */
  get acknowledgements(): number {
    return this.fake.messages.filter((m) => NOTE_ACK.test(m.body)).length;
  }

  /**
   * Wait until `share` (0 to 1) of the acknowledgements still owed for accepted texts have reached
   * Twilio: a moment in the middle of the outbox's drain, told by what the servers have sent.
   */
  async untilDrained(share: number, timeoutMs = 60_000): Promise<void> {
    const owed = this.texts.filter((t) => t.accepted).length - this.acknowledgements;
    const target = this.acknowledgements + Math.floor(Math.max(0, owed) * share);
    await waitFor(() => this.acknowledgements >= target, {
      what: () => `${target} acknowledgements at Twilio (now ${this.acknowledgements})`,
      timeoutMs,
      intervalMs: 5,
    });
  }

  /**
   * Wait until every accepted text has been acknowledged and the servers have nothing left to send.
   * A text sent twice goes through the outbox like any other, and a turn run again starts from a
   * text still pending: with both empty, no second copy can come any more.
   */
  async settle(timeoutMs = 60_000): Promise<void> {
    const done = async () => this.acknowledged().lost === 0 && (await this.idle());
    await waitFor(done, { what: 'every text acknowledged', timeoutMs, intervalMs: 50 }).catch(() => {});
  }

  /** Nothing queued or being sent in the outbox, and no text received waiting for its turn. */
  private async idle(): Promise<boolean> {
    return (await this.probe.outboxQueued()) === 0 && (await this.probe.inboxPending()) === 0;
  }

  /**
   * Wait until the check-in the schedule began for each of `phones` is settled in the database (on
   * PostgreSQL): no claim left (a dead server's is settled once its lease has passed), a check-in
   * decided as sent, and nothing left to send or to handle. A decided occurrence is never claimed
   * again and every text goes through the outbox, so no copy can come after this.
   */
  async untilCheckInsSettled(phones: readonly string[], timeoutMs = 120_000): Promise<void> {
    const startsCheckIn = (key: string) => ['wave', 'routine'].includes(key.split('|')[1] ?? '');
    const settled = (ledger: LedgerState | null) =>
      ledger !== null &&
      Object.keys(ledger.claimed).length === 0 &&
      Object.entries(ledger.decided).some(([key, d]) => startsCheckIn(key) && d.outcome === 'sent');
    let ledgers: Array<LedgerState | null> = [];
    await waitFor(
      async () => {
        ledgers = await this.probe.ledgersOf(phones);
        return ledgers.length === phones.length && ledgers.every(settled) && (await this.idle());
      },
      { what: () => `every check-in settled (${ledgers.filter(settled).length} of ${phones.length} ledgers)`, timeoutMs, intervalMs: 100 },
    );
  }

  async tally(): Promise<Tally> {
    const sids = (await this.probe.outboxRecords()).flatMap((r) => (r.twilioSid ? [r.twilioSid] : []));
    return { ...this.acknowledged(), texts: this.texts.length, sidsReused: sids.length - new Set(sids).size };
  }

  /** Texts never acknowledged, and acknowledgements past one per text, counted per number. */
  private acknowledged(): { lost: number; doubled: number } {
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
    return { lost, doubled };
  }

  /** For a number answered more than once: its acknowledgements at Twilio and in the outbox, in order (no message text). */
  async doubledDetail(): Promise<string[]> {
    const expected = new Map<string, number>();
    for (const t of this.texts) expected.set(t.phone, (expected.get(t.phone) ?? 0) + 1);
    const records = await this.probe.outboxRecords();
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
        lines.push(
          `  outbox ${r.id.slice(0, 12)} (${origins.get(r.id) ?? 'not from a text'}) created ${r.createdAt} attempts ${r.attempts} sending since ${r.sendingSince ?? '-'} sid ${r.twilioSid?.slice(0, 12) ?? '-'}`,
        );
      }
    }
    return lines;
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
    const group = this.instances[0]!.child?.pid;
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
    return this.instances.map((server, i) => (this.instances.length > 1 ? `[server ${i}]\n${server.stderr}` : server.stderr)).join('\n');
  }

  async close(): Promise<void> {
    for (let i = 0; i < this.instances.length; i += 1) await this.kill(i);
    await this.probe.close();
    await this.fake.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The lowdb data folder's files: queued and pending ones by count, the outbox's sent records read whole. */
function lowdbProbe(dataDir: string): StoreProbe {
  const filesIn = (...parts: string[]): string[] => {
    try {
      return readdirSync(join(dataDir, ...parts), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name));
    } catch {
      return [];
    }
  };
  return {
    outboxQueued: async () => filesIn('sms', 'outbox', 'queue').length,
    inboxPending: async () => filesIn('sms', 'inbound', 'pending').length,
    outboxRecords: async () =>
      filesIn('sms', 'outbox', 'done').flatMap((file) => {
        // Only whole documents (a write in progress is a temporary file beside them).
        if (!file.endsWith('.json')) return [];
        try {
          return [JSON.parse(readFileSync(file, 'utf8')) as OutboxRecord];
        } catch {
          return [];
        }
      }),
    ledgersOf: async () => {
      throw new Error('the rig reads schedule ledgers on PostgreSQL only');
    },
    close: async () => {},
  };
}

/** The same, asked of the database. */
function pgProbe(databaseUrl: string): StoreProbe {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);
  return {
    outboxQueued: () => count("SELECT count(*) AS n FROM sms_outbox WHERE status IN ('queued', 'sending')"),
    inboxPending: () => count('SELECT count(*) AS n FROM sms_inbound WHERE handled_at IS NULL'),
    outboxRecords: async () =>
      (await pool.query<{ record: OutboxRecord }>("SELECT record FROM sms_outbox WHERE status NOT IN ('queued', 'sending') ORDER BY created_at, seq")).rows.map(
        (r) => r.record,
      ),
    ledgersOf: async (phones) =>
      (
        await pool.query<{ doc: LedgerState | null }>(
          'SELECT l.doc FROM clients c LEFT JOIN schedule_ledgers l ON l.client_id = c.id WHERE c.phone = ANY($1::text[])',
          [phones],
        )
      ).rows.map((r) => r.doc),
    close: () => pool.end(),
  };
}
