import type { Middleware, TurnContext } from 'botbuilder';
import { CLIENT_ID } from './turnKeys.js';

/**
 * Local development only: with no Azure credentials and the demo programme, a Bot Framework
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
