import { DateTime } from 'luxon';
import type { ClientHistoryRepository, ClientRepository } from '../../../storage/ports.js';
import type { ClientRecord, ClientSettingChange } from '../../../storage/records.js';
import type { Clock } from '../../time/clock.js';
import type { ContactPreferences } from '../../channels/contactPreferences.js';
import { SETTING_FIELDS, type SettingsChange } from './clientSettingsSchema.js';

/** The channel named in the 'paused' and 'resumed' events of a pause staff set or ended. */
export const ADMIN_CHANNEL = 'admin-api';

type StoredValue = ClientSettingChange['to'];

/**
 * Staff changes to a client's settings, each kept as one 'settings-changed' event (who, when, every
 * field from and to). A pause or its end goes through ContactPreferences, like PAUSE and RESUME by
 * text, so it is also recorded as 'paused' or 'resumed' by staff.
 */
export class ClientSettings {
  constructor(
    private readonly deps: {
      clients: ClientRepository;
      history: Pick<ClientHistoryRepository, 'recordEvent'>;
      contact: ContactPreferences;
      clock: Clock;
    },
  ) {}

  /** Apply a validated change. Undefined when there is no such client; `changes` is empty when nothing differed. */
  async change(clientId: string, change: SettingsChange): Promise<{ client: ClientRecord; changes: ClientSettingChange[] } | undefined> {
    const at = this.deps.clock.now().toISO()!;
    const wanted = storedValues(change);
    const { pausedUntil, ...rest } = wanted;
    let changes: ClientSettingChange[] = [];
    const updated = await this.deps.clients.update(clientId, (client) => {
      // Compared with the record under the store's lock, so the audit says what was really replaced.
      changes = differences(client, wanted);
      return applied(client, rest);
    });
    if (!updated) return undefined;
    if (changes.length === 0) return { client: updated, changes };

    if (changes.some((c) => c.field === 'pausedUntil')) {
      if (change.pausedUntil) await this.deps.contact.pause(clientId, change.pausedUntil, 'staff', ADMIN_CHANNEL);
      else await this.deps.contact.resume(clientId, 'staff', ADMIN_CHANNEL);
    }
    await this.deps.history.recordEvent(clientId, { type: 'settings-changed', at, by: change.changedBy, changes });
    return { client: (await this.deps.clients.get(clientId)) ?? updated, changes };
  }
}

/** Each setting the change names, as it would be stored (null: cleared). */
function storedValues(change: SettingsChange): Partial<Record<ClientSettingChange['field'], StoredValue>> {
  const values: Partial<Record<ClientSettingChange['field'], StoredValue>> = {};
  for (const field of SETTING_FIELDS) {
    const value = change[field];
    if (value === undefined) continue;
    values[field] = DateTime.isDateTime(value) ? value.toUTC().toISO()! : value;
  }
  return values;
}

function differences(client: ClientRecord, wanted: Partial<Record<ClientSettingChange['field'], StoredValue>>): ClientSettingChange[] {
  return Object.entries(wanted).flatMap(([key, to]) => {
    const field = key as ClientSettingChange['field'];
    const from = (client[field] ?? null) as StoredValue;
    return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ field, from, to: to ?? null }];
  });
}

function applied(client: ClientRecord, values: Partial<Record<ClientSettingChange['field'], StoredValue>>): ClientRecord {
  const next: Record<string, unknown> = { ...client };
  for (const [field, value] of Object.entries(values)) {
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next as unknown as ClientRecord;
}
