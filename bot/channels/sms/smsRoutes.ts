import type { Request, Response } from 'restify';
import type restify from 'restify';
import { z } from 'zod';
import { recognizeSmsKeyword } from '../../../dialogs/understanding/recognizeSmsKeyword.js';
import type { ClientRepository, ExpiringRecords } from '../../../storage/ports.js';
import type { Clock } from '../../time/clock.js';
import { handle } from '../../platform/http/handle.js';
import { forbidden } from '../../platform/http/httpError.js';
import { redactPhone, type Logger } from '../../platform/logger.js';
import type { DeliveryReports } from './deliveryReports.js';
import type { SmsInbound } from './smsInbound.js';
import { twilioSdk } from './twilioSdk.js';

export const SMS_WEBHOOK_PATH = '/api/sms';
export const SMS_STATUS_PATH = '/api/sms/status';

export interface SmsRouteDeps {
  authToken: string;
  /** The public base URL Twilio calls: signatures are made over it, never over the Host header. */
  publicBaseUrl: string;
  clients: ClientRepository;
  inbound: SmsInbound;
  reports: DeliveryReports;
  /** The reply to a number that is not enrolled (staff acknowledging an alert, someone in crisis, anyone else). */
  notEnrolled: { reply(message: { from: string; body: string; sid: string }): Promise<string> };
  /** Texts from numbers nobody is enrolled with, by sid, for a day: shared by every instance. */
  unknownTexts: ExpiringRecords<true>;
  clock: Clock;
  log: Logger;
}

const sid = z.string().regex(/^[A-Z]{2}[0-9a-f]{32}$/i);

/** Twilio's inbound message webhook (form-encoded); unknown fields are allowed and ignored. */
const inboundSchema = z.object({
  MessageSid: sid,
  From: z.string().min(1).max(64),
  To: z.string().max(64).optional(),
  // Twilio concatenates a long text into one Body of up to 1,600 characters.
  Body: z.string().max(1600).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  OptOutType: z.string().max(20).optional(),
});

const statusSchema = z.object({
  MessageSid: sid,
  MessageStatus: z.string().min(1).max(20),
  ErrorCode: z.coerce.number().int().optional(),
});

const statusQuerySchema = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });

/** The SMS webhooks: signature first, then a fast answer; the turn itself runs after Twilio is answered. */
export function registerSmsRoutes(server: restify.Server, deps: SmsRouteDeps): void {
  server.post(
    SMS_WEBHOOK_PATH,
    handle(deps.log, async (req, res) => {
      const form = verified(req, deps, SMS_WEBHOOK_PATH);
      const message = inboundSchema.parse(form);
      const client = await deps.clients.findByPhone(message.From);
      if (!client) {
        // Nothing about an unknown number is kept but that its text came (by a hash of its sid), so a
        // Twilio retry, on any instance, gets no second reply.
        const now = deps.clock.now();
        let retry = false;
        await deps.unknownTexts.change(message.MessageSid, now.toISO()!, (seen) => {
          retry = seen !== undefined;
          return { value: true, expiresAt: now.plus({ days: 1 }).toISO()! };
        });
        // STOP from anyone is answered by Twilio's own opt-out handling, or not at all: never with more text.
        const optingOut = Boolean(message.OptOutType) || recognizeSmsKeyword(message.Body, deps.clock.now())?.kind === 'optOut';
        deps.log.info('sms from a number that is not enrolled', { from: redactPhone(message.From), retry, optingOut });
        twiml(res, retry || optingOut ? undefined : await deps.notEnrolled.reply({ from: message.From, body: message.Body, sid: message.MessageSid }));
        return;
      }
      const accepted = await deps.inbound.accept({
        sid: message.MessageSid,
        clientId: client.id,
        body: message.Body,
        numMedia: message.NumMedia,
        optOutType: message.OptOutType ?? null,
        receivedAt: deps.clock.now().toISO()!,
      });
      if (!accepted) deps.log.info('sms retried by twilio, already accepted', { messageSid: message.MessageSid });
      twiml(res);
    }),
  );

  server.post(
    SMS_STATUS_PATH,
    handle(deps.log, async (req, res) => {
      const form = verified(req, deps, SMS_STATUS_PATH);
      const { id } = statusQuerySchema.parse(req.query ?? {});
      const report = statusSchema.parse(form);
      await deps.reports.record({ messageId: id, twilioSid: report.MessageSid, status: report.MessageStatus, errorCode: report.ErrorCode ?? null });
      res.send(204);
    }),
  );
}

/** The form Twilio posted, once its X-Twilio-Signature matches; otherwise a 403 and nothing else happens. */
function verified(req: Request, deps: SmsRouteDeps, path: string): Record<string, string> {
  const signature = req.header('x-twilio-signature');
  const form = formOf(req.body);
  const query = new URL(req.url ?? path, 'http://x').search;
  const url = `${deps.publicBaseUrl}${path}${query}`;
  if (!signature || !form || !twilioSdk().validateRequest(deps.authToken, signature, url, form)) {
    deps.log.warn('sms webhook with a missing or wrong signature', { path });
    throw forbidden('Invalid Twilio signature.');
  }
  return form;
}

function formOf(body: unknown): Record<string, string> | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const entries = Object.entries(body);
  if (entries.some(([, value]) => typeof value !== 'string')) return undefined;
  // Own properties whatever the names (a field called "__proto__" stays a field).
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Answer Twilio at once: empty TwiML, or one reply that Twilio sends itself. */
function twiml(res: Response, reply?: string): void {
  const response = new (twilioSdk().twiml.MessagingResponse)();
  if (reply) response.message(reply);
  res.setHeader('Content-Type', 'text/xml');
  res.sendRaw(200, response.toString());
}
