import { randomBytes } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder-core';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Clock } from '../../time/clock.js';
import { bearerToken, handle } from '../../platform/http/handle.js';
import { forbidden, unauthorized } from '../../platform/http/httpError.js';
import type { Logger } from '../../platform/logger.js';
import type { WebChatConversation, WebChatTranscripts } from '../../../storage/ports.js';
import type { TokenSigner } from '../../platform/signedToken.js';
import { CHAT_REOPENED_EVENT, type ChatReopened } from '../turnKeys.js';
import type { ChatLinks } from '../web/chatLinks.js';
import { LINKWELL_BOT_ACCOUNT, LOCAL_DIRECTLINE_SERVICE_URL, WEBCHAT_CHANNEL_ID, userIdFor, type DirectLineAdapter } from './directLineAdapter.js';

export interface DirectLineDeps {
  adapter: DirectLineAdapter;
  transcripts: WebChatTranscripts;
  signer: TokenSigner;
  links: ChatLinks;
  clock: Clock;
  log: Logger;
  logic: (context: TurnContext) => Promise<void>;
  /** Lifetime of a conversation token; web chat refreshes it well before then. */
  tokenTtlSeconds?: number;
}

const postedActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(4000).optional(),
  value: z.unknown().optional(),
  name: z.string().max(200).optional(),
  locale: z.string().max(20).optional(),
  textFormat: z.string().max(20).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

const BASE = '/v3/directline';

/**
 * A Direct Line 3.0 endpoint for web chat, without Azure. Each client has one continuing
 * conversation, stored (see WebChatTranscripts): every chat link of theirs, in any tab, after a
 * reload or a restart, opens that same conversation, shows its history and carries on where it
 * stopped. The watermark is the place in the stored transcript, so it means the same after a restart.
 * A conversation token reads and writes only its own conversation, and no longer than its link.
 */
export function registerDirectLineRoutes(server: Server, deps: DirectLineDeps): void {
  const ttl = deps.tokenTtlSeconds ?? 30 * 60;
  const { log, transcripts } = deps;

  // A conversation lives no longer than the link it was made from: its token never outlasts it.
  const issue = (claims: { sub: string; gen?: number | undefined; lexp: number }, conversationId: string) => {
    const exp = Math.min(deps.signer.expiresIn(ttl), claims.lexp);
    return {
      conversationId,
      userId: userIdFor(claims.sub),
      token: deps.signer.sign({ typ: 'conversation', sub: claims.sub, cid: conversationId, exp, gen: claims.gen ?? 0, lexp: claims.lexp }),
      expires_in: Math.max(0, exp - Math.floor(deps.clock.now().toSeconds())),
    };
  };

  const linkStillOpens = async (clientId: string, gen: number | undefined) => {
    const standing = await deps.links.standing(clientId, gen);
    if (standing !== 'ok') throw unauthorized(standing === 'withdrawn' ? 'This chat link is no longer in use.' : 'This chat link is not valid.');
  };

  /** The conversation a token opens, refused once its link has expired or been withdrawn, or the conversation is gone. */
  const conversationClaims = async (req: Request, conversationId?: string) => {
    const check = deps.signer.verify(bearerToken(req), 'conversation');
    if (!check.ok) throw unauthorized(check.reason === 'expired' ? 'The conversation token has expired.' : undefined);
    if (conversationId !== undefined && check.claims.cid !== conversationId) throw forbidden();
    const lexp = check.claims.lexp ?? check.claims.exp;
    if (!(lexp > deps.clock.now().toSeconds())) throw unauthorized('This chat link has expired.');
    await linkStillOpens(check.claims.sub, check.claims.gen);
    // The client's data was erased (and they were enrolled again): an old token opens nothing.
    const conversation = await transcripts.get(check.claims.sub);
    if (conversation?.conversationId !== check.claims.cid) throw unauthorized('This chat has ended.');
    return { ...check.claims, lexp, conversation };
  };

  server.post(
    `${BASE}/tokens/generate`,
    handle(log, async (req, res) => {
      const check = deps.signer.verify(bearerToken(req), 'link');
      if (!check.ok) throw unauthorized(check.reason === 'expired' ? 'This chat link has expired.' : 'This chat link is not valid.');
      await linkStillOpens(check.claims.sub, check.claims.gen);
      const { conversationId } = await transcripts.open(check.claims.sub, randomBytes(16).toString('base64url'));
      res.json(200, issue({ ...check.claims, lexp: check.claims.exp }, conversationId));
    }),
  );

  server.post(
    `${BASE}/tokens/refresh`,
    handle(log, async (req, res) => {
      const claims = await conversationClaims(req);
      res.json(200, issue(claims, claims.cid));
    }),
  );

  // Web chat starts here on every page load: the first time the bot welcomes the client; after
  // that it is a reopening, and the bot points to anything that came while no page was open.
  server.post(
    `${BASE}/conversations`,
    handle(log, async (req, res) => {
      const claims = await conversationClaims(req);
      const first = await transcripts.markStarted(claims.sub);
      const activity = first
        ? incoming(claims.sub, claims.cid, deps.clock, {
            type: 'conversationUpdate',
            membersAdded: [{ id: userIdFor(claims.sub), name: '', role: 'user' }, LINKWELL_BOT_ACCOUNT],
          })
        : incoming(claims.sub, claims.cid, deps.clock, {
            type: 'event',
            name: CHAT_REOPENED_EVENT,
            value: await whatWaits(transcripts, claims.sub, claims.conversation.seen),
          });
      await deps.adapter.receive(activity, claims.sub, deps.logic);
      res.json(first ? 201 : 200, issue(claims, claims.cid));
    }),
  );

  server.get(
    `${BASE}/conversations/:conversationId`,
    handle(log, async (req, res) => {
      const claims = await conversationClaims(req, req.params.conversationId);
      res.json(200, issue(claims, claims.cid));
    }),
  );

  server.get(
    `${BASE}/conversations/:conversationId/activities`,
    handle(log, async (req, res) => {
      const claims = await conversationClaims(req, req.params.conversationId);
      const from = placeOf(req.query?.watermark);
      const { activities, next } = await transcripts.since(claims.sub, from);
      // A page polling with nothing new writes nothing.
      if (next > (claims.conversation.seen?.upTo ?? -1)) await transcripts.markSeen(claims.sub, next, deps.clock.now().toUTC().toISO()!);
      res.json(200, { activities, watermark: String(next) });
    }),
  );

  server.post(
    `${BASE}/conversations/:conversationId/activities`,
    handle(log, async (req, res: Response) => {
      const claims = await conversationClaims(req, req.params.conversationId);
      const posted = postedActivitySchema.parse(req.body);
      if (posted.type === 'typing') {
        res.json(200, { id: '' });
        return;
      }
      const activity = incoming(claims.sub, claims.cid, deps.clock, posted);
      // Kept before the turn, as Direct Line does, so web chat sees its own message confirmed. A
      // page sending again what it sent before (a retry after a dropped connection) runs no second turn.
      const [kept] = await transcripts.append(claims.sub, [activity]);
      if (!kept!.duplicate) await deps.adapter.receive({ ...activity, id: kept!.id }, claims.sub, deps.logic);
      res.json(200, { id: kept!.id });
    }),
  );
}

/** A watermark as a place in the transcript: anything else (none, or not ours) reads from the start. */
function placeOf(watermark: unknown): number {
  const n = typeof watermark === 'string' && /^\d{1,9}$/.test(watermark) ? Number(watermark) : 0;
  return n;
}

/** The bot messages no page has fetched yet, for the bot to point to on reopening. */
async function whatWaits(transcripts: WebChatTranscripts, clientId: string, seen: WebChatConversation['seen']): Promise<ChatReopened> {
  const { activities } = await transcripts.since(clientId, seen?.upTo ?? 0);
  return { unseenMessages: activities.filter((a) => a.type === 'message' && a.from?.role === 'bot').length, lastSeenAt: seen?.at };
}

function incoming(clientId: string, conversationId: string, clock: Clock, fields: Partial<Activity>): Activity {
  return {
    ...fields,
    channelId: WEBCHAT_CHANNEL_ID,
    serviceUrl: LOCAL_DIRECTLINE_SERVICE_URL,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: userIdFor(clientId), name: '', role: 'user' },
    recipient: LINKWELL_BOT_ACCOUNT,
    timestamp: clock.now().toJSDate(),
  } as Activity;
}
