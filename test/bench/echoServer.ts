import { ActivityHandler } from 'botbuilder';
import { createApp } from '../../bot/server/app.js';
import { loadEnv } from '../../bot/config/env.js';
import { loadProgrammeFile } from '../../bot/config/programmeSchema.js';

// The benchmark's baseline: a bare botbuilder echo bot on Linkwell's own server, routes and
// Direct Line adapter, so the difference measured is Linkwell's turn logic and storage.

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (context.activity.membersAdded?.some((m) => m.id !== context.activity.recipient.id)) {
        await context.sendActivity('Hello and welcome!');
      }
      await next();
    });
  }
}

const config = loadEnv();
const programme = await loadProgrammeFile(config.programmeFile);
const app = await createApp({ config, programme, makeBot: () => new EchoBot() });
const url = await app.listen();
process.stdout.write(`Echo bot is running at ${url}\n`);

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
