import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { handle } from '../../platform/http/handle.js';
import { HttpError } from '../../platform/http/httpError.js';
import type { Logger } from '../../platform/logger.js';
import { PROJECT_ROOT } from '../../platform/projectRoot.js';
import type { ChatLinks } from './chatLinks.js';
import type { TokenSigner } from '../../platform/signedToken.js';
import { chatPageHtml, invalidLinkHtml } from './chatPage.js';

const here = join(PROJECT_ROOT, 'bot', 'channels', 'web');
const BUNDLE_DIR = join(PROJECT_ROOT, 'node_modules', '.linkwell');

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  // The page URL carries the link token: never cache it, never send it on as a referrer.
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
};

export interface ChatRouteDeps {
  signer: TokenSigner;
  links: ChatLinks;
  programmeName: string;
  log: Logger;
  pollMs?: number;
  /** The VAPID public key when Web Push is on: the page offers notices. */
  pushPublicKey?: string | undefined;
}

/** `/chat?t=<link token>`: the web chat page for one client, and the scripts it loads. */
export function registerChatRoutes(server: Server, deps: ChatRouteDeps): void {
  const script = readFileSync(join(here, 'chat.js'));
  let bundle: Buffer | undefined;

  server.get(
    '/chat',
    handle(deps.log, async (req: Request, res: Response) => {
      const check = deps.signer.verify(typeof req.query?.t === 'string' ? req.query.t : undefined, 'link');
      const standing = check.ok ? await deps.links.standing(check.claims.sub, check.claims.gen) : check.reason === 'expired' ? 'expired' : 'invalid';
      const valid = standing === 'ok';
      const html = valid ? chatPageHtml(deps.programmeName, deps.pollMs ?? 1000, deps.pushPublicKey) : invalidLinkHtml(deps.programmeName, standing);
      res.writeHead(valid ? 200 : 401, PAGE_HEADERS);
      res.end(html);
    }),
  );

  server.get(
    '/chat/chat.js',
    handle(deps.log, async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(script);
    }),
  );

  server.get(
    '/chat/webchat.js',
    handle(deps.log, async (_req, res) => {
      bundle ??= loadBundle();
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' });
      res.end(bundle);
    }),
  );
}

function loadBundle(): Buffer {
  const name = safeList(BUNDLE_DIR).find((f) => /^webchat-[\d.]+\.js$/.test(f));
  if (!name) throw new HttpError(503, 'webchat_missing', 'The web chat bundle is not installed: run npm ci.');
  return readFileSync(join(BUNDLE_DIR, name));
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
