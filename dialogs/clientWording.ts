import { ActivityTypes, type Activity } from 'botbuilder-core';
import type { ClientRecord } from '../storage/records.js';
import type { Clock } from '../bot/time/clock.js';
import type { Programme } from '../bot/config/programmeSchema.js';
import { wordingFor } from '../bot/config/wordingFor.js';
import { whenStaffSee } from '../bot/care/alerts/workingDay.js';
import { hasAgreed } from '../bot/channels/contactPreferences.js';
import type { CheckInOptions } from './checkInDialog.js';
import { fill, type Wording, type WordingValues } from './wording/wording.js';

/** What the bot says to a client in its own words: the programme's wording in their language, filled for them. */
export class ClientWording {
  private readonly wordings = new Map<string, Wording>();

  constructor(
    private readonly programme: Programme,
    private readonly clock: Clock,
  ) {}

  say(key: keyof Wording, client: ClientRecord, values: WordingValues = {}): string {
    const linkWorker = this.programme.linkWorkers.find((w) => w.id === client.linkWorkerId);
    return fill(this.wordingOf(client.language)[key], {
      clientName: client.name,
      linkWorkerName: this.linkWorkerName(client),
      linkWorkerPhone: linkWorker?.phone ?? '',
      programmeName: this.programme.name,
      // When the link worker will see what is passed on ("today", "tomorrow", "on Monday"), unless
      // the wording's {date} means something else and is given.
      date: whenStaffSee(this.programme, this.clock.now()),
      ...values,
    });
  }

  /**
   * A message outside a check-in, with what the client can do next as buttons in web chat (text
   * messages carry only the words): Yes / Not now until they agree, then Check in and Help.
   */
  offering(client: ClientRecord, text: string): Partial<Activity> {
    const actions = hasAgreed(client)
      ? [
          { type: 'imBack', title: 'Check in', value: 'check in' },
          { type: 'imBack', title: 'Help', value: 'help' },
        ]
      : [
          { type: 'imBack', title: 'Yes', value: 'yes' },
          { type: 'imBack', title: 'Not now', value: 'not now' },
        ];
    return { type: ActivityTypes.Message, text, suggestedActions: { to: [], actions } };
  }

  /** The welcome, with the question of agreement until the client has agreed. */
  welcome(client: ClientRecord): Partial<Activity> {
    return this.offering(client, hasAgreed(client) ? this.say('welcome', client) : `${this.say('welcome', client)} ${this.say('consentAsk', client)}`);
  }

  /** What a check-in needs to know of the client to speak to them. */
  checkInOptions(client: ClientRecord): CheckInOptions {
    return {
      clientId: client.id,
      clientName: client.name,
      linkWorkerName: this.linkWorkerName(client),
      programmeName: this.programme.name,
      language: client.language,
    };
  }

  private linkWorkerName(client: ClientRecord): string {
    return this.programme.linkWorkers.find((w) => w.id === client.linkWorkerId)?.name ?? 'your link worker';
  }

  /** The programme's wording in a language (each worked out once). */
  private wordingOf(language: string | undefined): Wording {
    const key = language ?? '';
    let wording = this.wordings.get(key);
    if (!wording) {
      wording = wordingFor(this.programme, language);
      this.wordings.set(key, wording);
    }
    return wording;
  }
}
