import type { Middleware, TurnContext } from 'botbuilder-core';
import type { Request } from 'restify';
import { forbidden } from '../platform/http/httpError.js';
import { CLIENT_ID } from '../channels/turnKeys.js';

/**
 * Local development only (EMULATOR=on, no Azure credentials, the demo programme): a Bot Framework
 * Emulator conversation speaks as the demo client, so a check-in can be tried in the Emulator.
 */
export function emulatorDemoBinding(demoClientId: string): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      if (context.activity.channelId === 'emulator') context.turnState.set(CLIENT_ID, demoClientId);
      await next();
    },
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An anonymous /api/messages request is taken only from the Emulator on this machine: EMULATOR=on,
 * a loopback caller, and replies to a loopback service URL. Anything else is refused before a turn
 * runs, so no caller can make the server post to an address of its choosing.
 */
export function emulatorOnly(emulatorOn: boolean, req: Request, serviceUrl: string): void {
  if (!emulatorOn) throw forbidden('This endpoint needs Azure Bot Service credentials (or EMULATOR=on for local use).');
  if (!isLoopbackAddress(req.socket.remoteAddress) || !LOOPBACK_HOSTS.has(new URL(serviceUrl).hostname)) {
    throw forbidden('The Emulator is served on this machine only.');
  }
}

function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));
}
