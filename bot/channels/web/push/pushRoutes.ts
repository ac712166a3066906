import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { PushSubscriptionStore } from '../../../../storage/ports.js';
import type { Clock } from '../../../time/clock.js';
import { formatIssues } from '../../../platform/formatIssues.js';
import { bearerToken, handle } from '../../../platform/http/handle.js';
import { HttpError, notFound, unauthorized } from '../../../platform/http/httpError.js';
import type { Logger } from '../../../platform/logger.js';
import type { TokenSigner } from '../../../platform/signedToken.js';
import type { ChatLinks } from '../chatLinks.js';
import { MAX_ENDPOINT_LENGTH, pushSubscriptionSchema } from './subscriptionSchema.js';
import type { VapidDetails } from '../../../config/vapid.js';
import { PROJECT_ROOT } from '../../../platform/projectRoot.js';

const here = join(PROJECT_ROOT, 'bot', 'channels', 'web', 'push');
const API = '/api/webchat/push';

/** The service worker's scope: the chat page (`/chat?t=...`) and everything under /chat/. */
export const SERVICE_WORKER_SCOPE = '/chat';

export interface PushRouteDeps {
  /** The server's VAPID keys; undefined when push is off (the key and subscribe routes then answer 404). */
  vapid: Pick<VapidDetails, 'publicKey'> | undefined;
  subscriptions: PushSubscriptionStore;
  signer: TokenSigner;
  links: Pick<ChatLinks, 'standing'>;
  clock: Clock;
  log: Logger;
}

const unsubscribeSchema = z.object({ endpoint: z.string().min(1).max(MAX_ENDPOINT_LENGTH) });

/** Static files of the installable chat, by path: the service worker, its manifest and icons. */
const FILES: Record<string, { file: string; headers: Record<string, string> }> = {
  '/chat/sw.js': {
    file: 'sw.js',
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      // The script lives in /chat/ but controls /chat itself, where the page is.
      'Service-Worker-Allowed': SERVICE_WORKER_SCOPE,
      // The server's default policy (default-src 'none') would also bind the worker.
      'Content-Security-Policy': "default-src 'self'",
    },
  },
  '/chat/manifest.webmanifest': {
    file: 'manifest.webmanifest',
    headers: { 'Content-Type': 'application/manifest+json; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  },
  '/chat/icon.svg': { file: 'icon.svg', headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' } },
  '/chat/icon-192.png': { file: 'icon-192.png', headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' } },
  '/chat/icon-512.png': { file: 'icon-512.png', headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' } },
};

/**
 * Web Push for web chat: the server's public key, subscribing and unsubscribing a browser (with the
 * chat's conversation token, for the client it names), and the service worker, manifest and icons.
 */
export function registerPushRoutes(server: Server, deps: PushRouteDeps): void {
  const { log } = deps;

  /** The client a conversation token speaks for, refused once its link has expired or been withdrawn. */
  const clientOf = async (req: Request): Promise<string> => {
    const check = deps.signer.verify(bearerToken(req), 'conversation');
    if (!check.ok) throw unauthorized(check.reason === 'expired' ? 'The conversation token has expired.' : undefined);
    if (!((check.claims.lexp ?? check.claims.exp) > deps.clock.now().toSeconds())) throw unauthorized('This chat link has expired.');
    const standing = await deps.links.standing(check.claims.sub, check.claims.gen);
    if (standing !== 'ok') throw unauthorized(standing === 'withdrawn' ? 'This chat link is no longer in use.' : 'This chat link is not valid.');
    return check.claims.sub;
  };

  const pushIsOn = () => {
    if (!deps.vapid) throw notFound('Web push');
    return deps.vapid;
  };

  server.get(
    `${API}/key`,
    handle(log, async (_req, res) => {
      res.json(200, { publicKey: pushIsOn().publicKey });
    }),
  );

  server.post(
    `${API}/subscription`,
    handle(log, async (req, res) => {
      pushIsOn();
      const clientId = await clientOf(req);
      const parsed = pushSubscriptionSchema.safeParse(req.body);
      if (!parsed.success) {
        const problems = formatIssues(parsed.error.issues, 'subscription');
        throw new HttpError(400, 'invalid_subscription', `The push subscription is not valid: ${problems[0]}`, problems);
      }
      const { endpoint, expirationTime, keys } = parsed.data;
      await deps.subscriptions.add(clientId, {
        endpoint,
        ...(expirationTime !== undefined ? { expirationTime } : {}),
        keys: { p256dh: keys.p256dh, auth: keys.auth },
        createdAt: deps.clock.now().toISO()!,
      });
      res.json(201, { subscribed: true });
    }),
  );

  server.post(
    `${API}/unsubscribe`,
    handle(log, async (req, res) => {
      const clientId = await clientOf(req);
      const { endpoint } = unsubscribeSchema.parse(req.body);
      await deps.subscriptions.remove(clientId, endpoint);
      res.send(204);
    }),
  );

  for (const [path, { file, headers }] of Object.entries(FILES)) {
    const body = readFileSync(join(here, file));
    server.get(
      path,
      handle(log, async (_req, res) => {
        res.writeHead(200, headers);
        res.end(body);
      }),
    );
  }
}
