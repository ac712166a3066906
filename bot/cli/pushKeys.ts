import webpush from 'web-push';
import { ConfigError } from '../platform/formatIssues.js';
import { parseVapidEnv } from '../config/vapid.js';

// `npm run push:keys -- mailto:team@example.org`: a new VAPID key pair for web push, as the three
// lines to paste into .env. A new pair ends every browser's subscription: make one per server, once.

const subject = process.argv[2] ?? '';
const { publicKey, privateKey } = webpush.generateVAPIDKeys();
try {
  if (subject) parseVapidEnv({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject });
  process.stdout.write(`VAPID_PUBLIC_KEY=${publicKey}\nVAPID_PRIVATE_KEY=${privateKey}\nVAPID_SUBJECT=${subject}\n`);
  if (!subject)
    process.stderr.write(
      'Set VAPID_SUBJECT to a mailto: address (or https: URL) where push services can reach you, e.g. npm run push:keys -- mailto:team@example.org\n',
    );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.problems.find((p) => p.startsWith('VAPID_SUBJECT')) ?? error.message}\n`);
  process.exitCode = 1;
}
