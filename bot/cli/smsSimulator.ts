import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import twilio from 'twilio';
import { smsSegments } from '../../cards/smsText.js';
import { CorruptDataError, DataDirLockedError } from '../../storage/errors.js';
import { createApp, type App } from '../server/app.js';
import { systemClock } from '../time/clock.js';
import { loadEnv, type AppConfig } from '../config/env.js';
import { e164 } from '../config/fieldSchemas.js';
import { ConfigError } from '../platform/formatIssues.js';
import { loadProgrammeFile, type Programme } from '../config/programmeSchema.js';
import { SMS_WEBHOOK_PATH } from '../channels/sms/smsRoutes.js';
import { startLocalTwilio, type LocalTwilio } from '../channels/sms/localTwilio.js';
import { freePort } from '../platform/http/freePort.js';

// `npm run sms -- +447700900123 "hardly ever"`: text Linkwell as a phone would, without Twilio or
// a phone. Runs Linkwell on your DATA_DIR and programme with a local stand-in for Twilio, posts a
// signed webhook exactly as Twilio does, and prints every reply with its SMS segment count.
// Without a text, reads one text per line until Ctrl+D.

const USAGE = `Usage: npm run sms -- <phone in E.164, e.g. +447700900123> ["text"] [--enrol "Name"]
  Without a text, type one text per line (Ctrl+D to finish).
  --enrol "Name"  enrol the number first (SMS, the programme's time zone and first link worker)`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { enrol: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
const [from, ...words] = positionals;
if (values.help || !from) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(from || values.help ? 0 : 1);
}
if (!e164.safeParse(from).success) {
  process.stderr.write(`"${from}" is not a phone number in international form, e.g. +447700900123.\n${USAGE}\n`);
  process.exit(1);
}

let app: App | undefined;
let local: LocalTwilio | undefined;
try {
  const config = loadEnv();
  const programme = await loadProgrammeFile(config.programmeFile);
  const authToken = randomBytes(16).toString('hex');
  local = await startLocalTwilio(`AC${'0'.repeat(32)}`, authToken, () => systemClock.now().toJSDate());
  const port = await freePort();
  const simulated: AppConfig = {
    ...config,
    port,
    host: '127.0.0.1',
    publicBaseUrl: `http://127.0.0.1:${port}`,
    logLevel: 'warn',
    chatLinkSecret: config.chatLinkSecret ?? randomBytes(32).toString('base64url'),
    sms: { accountSid: `AC${'0'.repeat(32)}`, authToken, sender: { from: '+15005550006' }, apiBaseUrl: local.url, sendRatePerSecond: 100 },
  };
  app = await createApp({ config: simulated, programme, scheduler: 'manual' });
  await app.listen();
  await enrolIfAsked(app, programme, from, values.enrol);

  const texts = words.length > 0 ? [words.join(' ')] : readLines();
  for await (const text of texts) await exchange(app, local, simulated, from, text);
} catch (error) {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(
      `Linkwell is already running on this data directory (process ${error.pid}). Stop it first (Ctrl+C in its terminal),\n` +
        'or try SMS on a separate store: DATA_DIR=./data-sms npm run sms -- ...\n',
    );
    process.exitCode = 1;
  } else if (error instanceof ConfigError || error instanceof CorruptDataError) {
    process.stderr.write(`Cannot start the SMS simulator.\n${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await app?.close();
  await local?.close();
}

async function enrolIfAsked(app: App, programme: Programme, phone: string, name: string | undefined): Promise<void> {
  const enrolled = await app.store.clients.findByPhone(phone);
  if (name === undefined) {
    if (!enrolled) process.stdout.write(`(${phone} is not enrolled, so it gets the reply strangers get. Add --enrol "Name" to enrol it.)\n`);
    return;
  }
  if (enrolled) {
    process.stdout.write(`(${phone} is already enrolled as ${enrolled.name}.)\n`);
    return;
  }
  await app.store.clients.create({
    programmeId: programme.id,
    name,
    phone,
    timezone: programme.timezone,
    linkWorkerId: programme.linkWorkers[0]!.id,
    channel: 'sms',
    createdAt: systemClock.now().toISO()!,
  });
  process.stdout.write(`(Enrolled ${name}, ${phone}, with link worker ${programme.linkWorkers[0]!.name}.)\n`);
}

/** Post one text as Twilio would and print what comes back, by TwiML or through the REST API. */
async function exchange(app: App, local: LocalTwilio, config: AppConfig, phone: string, text: string): Promise<void> {
  const before = local.sent.length;
  const sid = `SM${randomBytes(16).toString('hex')}`;
  const form = {
    MessageSid: sid,
    SmsMessageSid: sid,
    SmsSid: sid,
    AccountSid: config.sms!.accountSid,
    From: phone,
    To: '+15005550006',
    Body: text,
    NumMedia: '0',
    NumSegments: '1',
    ApiVersion: '2010-04-01',
  };
  const signature = twilio.getExpectedTwilioSignature(config.sms!.authToken, `${config.publicBaseUrl}${SMS_WEBHOOK_PATH}`, form);
  const res = await fetch(`${config.publicBaseUrl}${SMS_WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(form).toString(),
  });
  process.stdout.write(`\nYou: ${text}\n`);
  const twiml = await res.text();
  if (res.status !== 200) process.stdout.write(`(the webhook answered ${res.status})\n`);
  for (const [, message] of twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)) print(unescapeXml(message!));
  await app.sms!.inbound.idle();
  await app.sms!.dispatcher.idle();
  // Texts to the client first, as they see them; then any to staff (risk alerts), labelled.
  const sent = local.sent.slice(before);
  for (const text of sent.filter((m) => m.to === phone)) print(text.body);
  for (const text of sent.filter((m) => m.to !== phone)) print(text.body, `To staff ${text.to}`);
}

function print(body: string, who = 'Linkwell'): void {
  const { segments, encoding } = smsSegments(body);
  const indented = body.split('\n').join('\n          ');
  process.stdout.write(`${who}: ${indented}\n          [${segments} segment${segments === 1 ? '' : 's'}, ${encoding}]\n`);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

async function* readLines(): AsyncGenerator<string> {
  if (process.stdin.isTTY) process.stdout.write('Type a text and press Enter (Ctrl+D to finish).\n');
  for await (const line of createInterface({ input: process.stdin })) yield line;
}
