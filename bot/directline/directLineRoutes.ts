import { randomBytes } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { bearerToken, handle } from '../http/handle.js';
import { forbidden, HttpError, unauthorized } from '../http/httpError.js';
import type { Logger } from '../logger.js';
import type { TokenSigner } from '../security/signedToken.js';
import type { ChatLinks } from '../web/chatLinks.js';
import { MAX_CONVERSATIONS_PER_LINK, type ConversationLog } from './conversationLog.js';
import { LINKWELL_BOT_ACCOUNT, LOCAL_DIRECTLINE_SERVICE_URL, WEBCHAT_CHANNEL_ID, type DirectLineAdapter } from './directLineAdapter.js';

export interface DirectLineDeps {
  adapter: DirectLineAdapter;
  conversations: ConversationLog;
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
 * A Direct Line 3.0 endpoint for web chat, without Azure: start a conversation from a signed chat
 * link, post activities, and poll for them with a watermark. A conversation token reads and writes
 * only its own conversation.
 */
export function registerDirectLineRoutes(server: Server, deps: DirectLineDeps): void {
  const ttl = deps.tokenTtlSeconds ?? 30 * 60;
  const { log } = deps;
  const nowMs = () => deps.clock.now().toMillis();

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

  /** The conversation a token opens, refused once its link has expired or been withdrawn. */
  const conversationClaims = async (req: Request, conversationId?: string) => {
    const check = deps.signer.verify(bearerToken(req), 'conversation');
    if (!check.ok) throw unauthorized(check.reason === 'expired' ? 'The conversation token has expired.' : undefined);
    if (conversationId !== undefined && check.claims.cid !== conversationId) throw forbidden();
    const lexp = check.claims.lexp ?? check.claims.exp;
    if (!(lexp > deps.clock.now().toSeconds())) throw unauthorized('This chat link has expired.');
    await linkStillOpens(check.claims.sub, check.claims.gen);
    return { ...check.claims, lexp };
  };

  const openOrRefuse = (claims: { sub: string; gen?: number | undefined; cid: string }) => {
    const opened = deps.conversations.open(claims.cid, { clientId: claims.sub, link: `${claims.sub}:${claims.gen ?? 0}` }, nowMs());
    if (!opened.ok) {
      throw new HttpError(429, 'too_many_conversations', `This chat link has ${MAX_CONVERSATIONS_PER_LINK} chats open already: close one, or try again in a few minutes.`);
    }
    return opened;
  };

  server.post(`${BASE}/tokens/generate`, handle(log, async (req, res) => {
    const check = deps.signer.verify(bearerToken(req), 'link');
    if (!check.ok) throw unauthorized(check.reason === 'expired' ? 'This chat link has expired.' : 'This chat link is not valid.');
    await linkStillOpens(check.claims.sub, check.claims.gen);
    const conversationId = randomBytes(16).toString('base64url');
    openOrRefuse({ ...check.claims, cid: conversationId });
    res.json(200, issue({ ...check.claims, lexp: check.claims.exp }, conversationId));
  }));

  server.post(`${BASE}/tokens/refresh`, handle(log, async (req, res) => {
    const claims = await conversationClaims(req);
    res.json(200, issue(claims, claims.cid));
  }));

  server.post(`${BASE}/conversations`, handle(log, async (req, res) => {
    const claims = await conversationClaims(req);
    const { started } = openOrRefuse(claims);
    if (!started) {
      deps.conversations.markStarted(claims.cid);
      const activity = incoming(claims.sub, claims.cid, deps.clock, {
        type: 'conversationUpdate',
        membersAdded: [{ id: userIdFor(claims.sub), name: '', role: 'user' }, LINKWELL_BOT_ACCOUNT],
      });
      await deps.adapter.receive(activity, claims.sub, deps.logic);
    }
    res.json(started ? 200 : 201, issue(claims, claims.cid));
  }));

  server.get(`${BASE}/conversations/:conversationId`, handle(log, async (req, res) => {
    const claims = await conversationClaims(req, req.params.conversationId);
    openOrRefuse(claims);
    res.json(200, issue(claims, claims.cid));
  }));

  server.get(`${BASE}/conversations/:conversationId/activities`, handle(log, async (req, res) => {
    const claims = await conversationClaims(req, req.params.conversationId);
    const watermark = typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;
    res.json(200, deps.conversations.since(claims.cid, watermark, nowMs()));
  }));

  server.post(`${BASE}/conversations/:conversationId/activities`, handle(log, async (req, res: Response) => {
    const claims = await conversationClaims(req, req.params.conversationId);
    const posted = postedActivitySchema.parse(req.body);
    if (posted.type === 'typing') {
      res.json(200, { id: '' });
      return;
    }
    openOrRefuse(claims);
    const activity = incoming(claims.sub, claims.cid, deps.clock, posted);
    // Logged before the turn, as Direct Line does, so web chat sees its own message confirmed.
    const id = deps.conversations.append(claims.cid, activity);
    await deps.adapter.receive(activity, claims.sub, deps.logic);
    res.json(200, { id });
  }));
}

/** The web chat user id of a client: stable, and set by the server, never taken from the page. */
export function userIdFor(clientId: string): string {
  return `client-${clientId}`;
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
