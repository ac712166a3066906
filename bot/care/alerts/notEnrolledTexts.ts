import { toSmsText } from '../../../cards/smsText.js';
import type { AlertContact } from '../../../storage/records.js';
import type { Programme } from '../../config/programmeSchema.js';
import { fill } from '../../../dialogs/wording/wording.js';
import type { AlertService } from './alertService.js';
import { crisisContactsText } from './crisisContacts.js';
import type { RiskScreen } from './riskScreen.js';

const ACK = /^\s*ack\s+([a-z0-9]{4})\W*$/i;

/**
 * What Linkwell answers a text from a number no client has: a member of staff acknowledging an alert
 * (ACK <code>, only from a number the programme lists), someone in crisis (crisis contacts at once,
 * and an alert to the duty contact with the number to call back), or anyone else (the usual reply).
 * Returns the reply text; nothing of the message is stored unless it raised an alert.
 */
export class NotEnrolledTexts {
  constructor(private readonly deps: { programme: Programme; alerts: AlertService; screen: RiskScreen; unknownSenderReply: string }) {}

  async reply(message: { from: string; body: string; sid: string }): Promise<string> {
    return toSmsText(await this.answer(message));
  }

  private async answer(message: { from: string; body: string; sid: string }): Promise<string> {
    const staff = staffContactFor(this.deps.programme, message.from);
    if (staff) return this.fromStaff(staff, message.body);
    const finding = this.deps.screen(message.body);
    if (finding && finding.tier !== 'routine') {
      await this.deps.alerts.raise({
        clientId: null,
        fromPhone: message.from,
        tier: finding.tier,
        categories: finding.categories,
        trigger: { kind: 'message', messageId: message.sid, channel: 'sms' },
      });
      return fill(this.deps.programme.wording.riskUnknownSender, { crisisContacts: crisisContactsText(this.deps.programme) });
    }
    return this.deps.unknownSenderReply;
  }

  private async fromStaff(staff: AlertContact, body: string): Promise<string> {
    const ack = ACK.exec(body);
    if (!ack) return 'Linkwell: to acknowledge an alert, reply ACK and its code, e.g. ACK K7QM.';
    const result = await this.deps.alerts.acknowledge(ack[1]!, { id: staff.id, via: 'sms' });
    if (!result.ok)
      return result.reason === 'resolved'
        ? `Linkwell: alert ${ack[1]!.toUpperCase()} is already closed.`
        : `Linkwell: no alert ${ack[1]!.toUpperCase()}. Check the code in the alert text.`;
    return `Linkwell: thank you, ${staff.name}. Alert ${result.alert.code} is acknowledged; nobody else will be asked.`;
  }
}

/** The member of staff a number belongs to, if the programme lists it (link workers, duty contacts, out-of-hours contact, lead). */
export function staffContactFor(programme: Programme, phone: string): AlertContact | undefined {
  const worker = programme.linkWorkers.find((w) => w.phone === phone);
  if (worker) return { role: 'link-worker', id: worker.id, name: worker.name };
  const duty =
    programme.dutyContacts.find((d) => d.phone === phone) ?? (programme.alerts.outOfHours?.phone === phone ? programme.alerts.outOfHours : undefined);
  if (duty) return { role: 'duty', id: duty.id, name: duty.name };
  const lead = programme.alerts.lead;
  return lead?.phone === phone ? { role: 'lead', id: lead.id, name: lead.name } : undefined;
}
