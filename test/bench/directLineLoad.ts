import { performance } from 'node:perf_hooks';
import type { Activity } from 'botbuilder';
import type { TokenSigner } from '../../bot/platform/signedToken.js';
import type { HttpClient } from './httpClient.js';

const BASE = '/v3/directline';
/** GETs allowed per turn before it counts as failed: POST returns after the turn, so one is normal. */
const MAX_POLLS = 20;

/** One thing a virtual user says, and how to tell the bot's reply to it is the right one. */
export interface Utterance {
  text: string;
  expect: (replies: Activity[]) => boolean;
}

export interface LoadOptions {
  /** One server, or several behind a balancer (anything that answers get and post). */
  http: Pick<HttpClient, 'get' | 'post'>;
  signer: TokenSigner;
  /** Hands each new conversation a client no other virtual user has had. */
  nextClient: () => string;
  concurrency: number;
  turns: number;
  /** What each virtual user says in one conversation; then it moves on to another client. */
  script: readonly Utterance[];
}

export interface LoadResult {
  /** Latency of each turn that succeeded: POST activity + GET activities until the reply is there. */
  latenciesMs: number[];
  /** The same latencies by position in the script. */
  byStep: number[][];
  failures: number;
  firstFailure: string | undefined;
  conversations: number;
  wallMs: number;
}

interface OpenConversation {
  id: string;
  token: string;
  watermark: string;
}

class TurnFailure extends Error {
  override name = 'TurnFailure';
}

/**
 * Drive `concurrency` virtual web chat users through the self-hosted Direct Line until `turns`
 * turns have been taken. Each user opens a conversation for a fresh client (not timed), then says
 * the script one turn at a time (timed). A failed turn abandons that conversation.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let remaining = options.turns;
  const result: LoadResult = { latenciesMs: [], byStep: options.script.map(() => []), failures: 0, firstFailure: undefined, conversations: 0, wallMs: 0 };
  const fail = (error: unknown) => {
    result.failures += 1;
    result.firstFailure ??= error instanceof Error ? error.message : String(error);
  };

  const virtualUser = async () => {
    while (remaining > 0) {
      let conversation: OpenConversation;
      try {
        conversation = await openConversation(options.http, options.signer, options.nextClient());
        result.conversations += 1;
      } catch (error) {
        fail(error);
        remaining -= 1;
        continue;
      }
      for (const [step, utterance] of options.script.entries()) {
        if (remaining <= 0) return;
        remaining -= 1;
        try {
          const ms = await takeTurn(options.http, conversation, utterance);
          result.latenciesMs.push(ms);
          result.byStep[step]!.push(ms);
        } catch (error) {
          fail(error);
          break;
        }
      }
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, virtualUser));
  result.wallMs = performance.now() - started;
  return result;
}

async function openConversation(http: LoadOptions['http'], signer: TokenSigner, clientId: string): Promise<OpenConversation> {
  const link = signer.sign({ typ: 'link', sub: clientId, exp: signer.expiresIn(3600) });
  const issued = await http.post<{ conversationId: string; token: string }>(`${BASE}/tokens/generate`, link);
  if (issued.status !== 200) throw new TurnFailure(`tokens/generate answered ${issued.status}`);
  const { conversationId: id, token } = issued.body;
  const started = await http.post(`${BASE}/conversations`, token);
  if (started.status !== 201) throw new TurnFailure(`starting a conversation answered ${started.status}`);
  const log = await http.get<{ activities: Activity[]; watermark: string }>(`${BASE}/conversations/${id}/activities`, token);
  if (!log.body.activities.some((a) => a.from?.role === 'bot')) throw new TurnFailure('no welcome when the conversation started');
  return { id, token, watermark: log.body.watermark };
}

async function takeTurn(http: LoadOptions['http'], conversation: OpenConversation, utterance: Utterance): Promise<number> {
  const { id, token } = conversation;
  const started = performance.now();
  const posted = await http.post<{ id: string }>(`${BASE}/conversations/${id}/activities`, token, { type: 'message', text: utterance.text });
  if (posted.status !== 200) throw new TurnFailure(`posting "${utterance.text}" answered ${posted.status}`);
  const replies: Activity[] = [];
  for (let poll = 0; poll < MAX_POLLS && replies.length === 0; poll += 1) {
    if (poll > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const path = `${BASE}/conversations/${id}/activities?watermark=${encodeURIComponent(conversation.watermark)}`;
    const log = await http.get<{ activities: Activity[]; watermark: string }>(path, token);
    if (log.status !== 200) throw new TurnFailure(`polling answered ${log.status}`);
    conversation.watermark = log.body.watermark;
    replies.push(...log.body.activities.filter((a) => a.replyToId === posted.body.id));
  }
  const elapsed = performance.now() - started;
  if (replies.length === 0) throw new TurnFailure(`no reply to "${utterance.text}" after ${MAX_POLLS} polls`);
  if (!utterance.expect(replies)) {
    throw new TurnFailure(`unexpected reply to "${utterance.text}": ${JSON.stringify(replies.map((r) => r.text ?? r.attachments))}`.slice(0, 400));
  }
  return elapsed;
}
