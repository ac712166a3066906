import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import type { ClientEvent, ClientRecord } from '../../storage/records.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

// Wednesday 4 March 2026, noon in London (GMT until the clocks go forward on 29 March).
const NOW = DateTime.fromISO('2026-03-04T12:00:00Z', { zone: 'utc' });
const STAFF = 'Sam Okafor';
const SETTINGS = 'preferredDay, preferredTimeWindow, timezone, channel, language, pausedUntil, programmeStartDate, linkWorkerId';

// The demo programme, with a Welsh translation of one key (a fixture: the demo ships none).
const demo = JSON.parse(readFileSync(DEMO_PROGRAMME_FILE, 'utf8')) as Record<string, unknown>;
const programme = parseProgramme({ ...demo, translations: { cy: { thanks: 'Diolch, {clientName}.' } } }, 'test');

interface ErrorBody {
  error: string;
  message: string;
  details?: string[];
}

describe('PATCH /api/admin/clients/:id', () => {
  let t: TestApp;
  let logs: string[];
  let phones = 0;
  let client: ClientRecord;

  before(async () => {
    logs = [];
    t = await startTestApp({ clock: new ManualClock(NOW), programme, logSink: (line) => logs.push(line) });
  });

  after(async () => {
    await t.close();
  });

  beforeEach(async () => {
    const phone = `+4477009006${String(++phones).padStart(2, '0')}`;
    const res = await t.admin('/api/admin/clients', {
      method: 'POST',
      body: JSON.stringify({ name: 'Maureen Hale', phone, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'sms' }),
    });
    client = (await res.json()) as ClientRecord;
  });

  const patch = (body: unknown, id = client.id) => t.admin(`/api/admin/clients/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
  const stored = async () => (await (await t.admin(`/api/admin/clients/${client.id}`)).json()) as ClientRecord;
  const events = async () => ((await (await t.admin(`/api/admin/clients/${client.id}/responses`)).json()) as { events: ClientEvent[] }).events;

  describe('changes each setting, and records who changed it from what to what', () => {
    const cases: ReadonlyArray<[field: string, value: unknown, storedAs: unknown, from?: unknown]> = [
      ['preferredDay', 'thursday', 'thursday'],
      ['preferredTimeWindow', { start: '10:00', end: '12:30' }, { start: '10:00', end: '12:30' }],
      ['timezone', 'Australia/Brisbane', 'Australia/Brisbane', 'Europe/London'],
      ['channel', 'webchat', 'webchat', 'sms'],
      ['language', 'cy', 'cy'],
      // Messages resume at the start of that day in the client's zone.
      ['pausedUntil', '2026-03-10', '2026-03-10T00:00:00.000Z'],
      ['programmeStartDate', '2026-02-02', '2026-02-02'],
      ['linkWorkerId', 'sam', 'sam', 'priya'],
    ];

    for (const [field, value, storedAs, from = null] of cases) {
      it(`${field}: ${JSON.stringify(value)}`, async () => {
        const res = await patch({ changedBy: STAFF, [field]: value });

        expect(res.status).to.equal(200);
        const body = (await res.json()) as ClientRecord;
        expect(body).to.deep.equal({ ...client, [field]: storedAs });
        expect(await stored()).to.deep.equal(body);
        expect((await events()).filter((e) => e.type === 'settings-changed')).to.deep.equal([
          { type: 'settings-changed', at: NOW.toISO(), by: STAFF, changes: [{ field, from, to: storedAs }] },
        ]);
      });
    }
  });

  it('records several changes in one event, in the order of the settings', async () => {
    const res = await patch({ linkWorkerId: 'sam', preferredDay: 'friday', changedBy: '  priya.shah@example.org ', timezone: 'America/New_York' });

    expect(res.status).to.equal(200);
    expect(await events()).to.deep.equal([
      {
        type: 'settings-changed',
        at: NOW.toISO(),
        by: 'priya.shah@example.org',
        changes: [
          { field: 'preferredDay', from: null, to: 'friday' },
          { field: 'timezone', from: 'Europe/London', to: 'America/New_York' },
          { field: 'linkWorkerId', from: 'priya', to: 'sam' },
        ],
      },
    ]);
  });

  it('clears a setting given null, recording it as changed to null', async () => {
    await patch({ changedBy: STAFF, preferredDay: 'monday', preferredTimeWindow: { start: '14:00', end: '16:00' }, language: 'cy' });

    const res = await patch({ changedBy: STAFF, preferredDay: null, preferredTimeWindow: null, language: null, programmeStartDate: null });

    expect(res.status).to.equal(200);
    expect(await stored()).to.deep.equal(client);
    expect((await events()).at(-1)).to.deep.equal({
      type: 'settings-changed',
      at: NOW.toISO(),
      by: STAFF,
      changes: [
        { field: 'preferredDay', from: 'monday', to: null },
        { field: 'preferredTimeWindow', from: { start: '14:00', end: '16:00' }, to: null },
        { field: 'language', from: 'cy', to: null },
      ],
    });
  });

  it('records nothing, and answers 200 with the client, when nothing would change', async () => {
    await patch({ changedBy: STAFF, preferredDay: 'monday', pausedUntil: '2026-03-09' });
    const before = { client: await stored(), events: await events() };

    const res = await patch({
      changedBy: 'Someone else',
      preferredDay: 'monday',
      pausedUntil: '2026-03-09',
      timezone: 'Europe/London',
      programmeStartDate: null,
    });

    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal(before.client);
    expect({ client: await stored(), events: await events() }).to.deep.equal(before);
  });

  it('pauses from the start of the given day in the new time zone when both change, as a pause by staff', async () => {
    const res = await patch({ changedBy: STAFF, timezone: 'Australia/Brisbane', pausedUntil: '2026-03-10' });

    expect(res.status).to.equal(200);
    // Midnight in Brisbane (UTC+10) is 14:00 the day before in UTC.
    const until = '2026-03-09T14:00:00.000Z';
    expect(await stored()).to.include({ timezone: 'Australia/Brisbane', pausedUntil: until });
    expect(await events()).to.deep.equal([
      { type: 'paused', at: NOW.toISO(), until, source: 'staff', channel: 'admin-api' },
      {
        type: 'settings-changed',
        at: NOW.toISO(),
        by: STAFF,
        changes: [
          { field: 'timezone', from: 'Europe/London', to: 'Australia/Brisbane' },
          { field: 'pausedUntil', from: null, to: until },
        ],
      },
    ]);
  });

  it('ends a pause given pausedUntil null, as a resume by staff', async () => {
    await patch({ changedBy: STAFF, pausedUntil: '2026-03-18' });

    const res = await patch({ changedBy: 'Priya Shah', pausedUntil: null });

    expect(res.status).to.equal(200);
    expect(await stored()).not.to.have.property('pausedUntil');
    expect((await events()).slice(-2)).to.deep.equal([
      { type: 'resumed', at: NOW.toISO(), source: 'staff', channel: 'admin-api' },
      { type: 'settings-changed', at: NOW.toISO(), by: 'Priya Shah', changes: [{ field: 'pausedUntil', from: '2026-03-18T00:00:00.000Z', to: null }] },
    ]);
  });

  it('logs the client id and the names of the fields changed, never the values or the phone number', async () => {
    logs.length = 0;

    await patch({ changedBy: STAFF, timezone: 'Europe/Dublin', pausedUntil: '2026-03-11' });

    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.message === 'client settings changed');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({ clientId: client.id, fields: ['timezone', 'pausedUntil'] });
    expect(logs.join('\n')).not.to.match(new RegExp(`${client.phone.replace('+', '\\+')}|Dublin|2026-03-11|${STAFF}`));
  });

  describe('refuses a change that is not valid, naming each problem by path, and changes nothing', () => {
    const window = (start: string, end: string) => ({ preferredTimeWindow: { start, end } });
    const cases: ReadonlyArray<[what: string, body: Record<string, unknown>, details: string[]]> = [
      [
        'a day that is not a weekday',
        { preferredDay: 'someday' },
        ['preferredDay: expected a day of the week (monday, tuesday, wednesday, thursday, friday, saturday, sunday), got "someday"'],
      ],
      ['a time that does not exist', window('10:00', '25:00'), ['preferredTimeWindow.end: expected HH:mm, got 25:00']],
      ['a window that ends before it starts', window('14:00', '10:00'), ['preferredTimeWindow.end: must be after start (a window cannot run over midnight)']],
      [
        'a window inside quiet hours',
        window('22:00', '23:30'),
        ["preferredTimeWindow: 22:00-23:30 is inside the programme's quiet hours (21:00-09:00), when Linkwell sends nothing: choose a window outside them"],
      ],
      [
        'a window partly inside quiet hours',
        window('08:00', '10:00'),
        [
          "preferredTimeWindow: 08:00-10:00 is partly inside the programme's quiet hours (21:00-09:00), when Linkwell sends nothing: choose a window outside them",
        ],
      ],
      ['a time zone that does not exist', { timezone: 'Mars/Olympus_Mons' }, ['timezone: expected an IANA time zone, e.g. Europe/London']],
      ['a channel Linkwell does not have', { channel: 'fax' }, ['channel: Invalid option: expected one of "sms"|"webchat"']],
      ['a link worker the programme does not have', { linkWorkerId: 'nobody' }, ['linkWorkerId: no link worker with id "nobody"']],
      ['a language the programme has no wording in', { language: 'fr' }, ['language: this programme has no wording in "fr"; choose one of en, cy']],
      [
        'a pause that ended in the past',
        { pausedUntil: '2026-03-01' },
        ['pausedUntil: must be a date after today (2026-03-04 in Europe/London); send null to end a pause now'],
      ],
      [
        'a pause until today',
        { pausedUntil: '2026-03-04' },
        ['pausedUntil: must be a date after today (2026-03-04 in Europe/London); send null to end a pause now'],
      ],
      ['a pause of more than a year', { pausedUntil: '2027-03-05' }, ['pausedUntil: must be no more than a year ahead (by 2027-03-04)']],
      ['a date not in the calendar', { pausedUntil: '2026-02-30' }, ['pausedUntil: 2026-02-30 is not a date in the calendar']],
      ['a date in another form', { programmeStartDate: '04/03/2026' }, ['programmeStartDate: expected a date as yyyy-MM-dd, got "04/03/2026"']],
      [
        'a programme start more than a year ago',
        { programmeStartDate: '2025-03-03' },
        ['programmeStartDate: must be within a year of today (2025-03-04 to 2027-03-04)'],
      ],
      [
        'a programme start more than a year ahead',
        { programmeStartDate: '2027-03-05' },
        ['programmeStartDate: must be within a year of today (2025-03-04 to 2027-03-04)'],
      ],
      [
        'a field that is not a setting',
        { preferredDay: 'monday', favouriteColour: 'blue' },
        [`favouriteColour: not a setting that can be changed here; settings: ${SETTINGS}`],
      ],
      ['a new phone number', { phone: '+447700900999', preferredDay: 'monday' }, ['phone: the phone number cannot be changed through the admin API']],
      ['no changedBy', { changedBy: undefined, preferredDay: 'monday' }, ['changedBy: required: who is making the change (a staff name or email)']],
      ['a blank changedBy', { changedBy: '   ', preferredDay: 'monday' }, ['changedBy: required: who is making the change (a staff name or email)']],
      ['a changedBy of more than 100 characters', { changedBy: 'x'.repeat(101), preferredDay: 'monday' }, ['changedBy: at most 100 characters']],
      ['nothing to change', {}, [`(root): nothing to change: give at least one of ${SETTINGS}`]],
    ];

    for (const [what, change, details] of cases) {
      it(what, async () => {
        const before = { client: await stored(), events: await events() };

        const res = await patch({ changedBy: STAFF, ...change });

        expect(res.status).to.equal(400);
        expect(await res.json()).to.deep.equal({ error: 'invalid_request', message: 'The request is not valid.', details });
        expect({ client: await stored(), events: await events() }).to.deep.equal(before);
      });
    }

    it('lists every problem of a request at once, and applies none of its valid fields', async () => {
      const res = await patch({
        preferredDay: 'friday',
        preferredTimeWindow: { start: '7am', end: '09:30' },
        timezone: 'Nowhere',
        language: 'fr',
        pausedUntil: 'soon',
        linkWorkerId: 'nobody',
        phone: '+447700900999',
        shoeSize: 9,
      });

      expect(res.status).to.equal(400);
      const { details } = (await res.json()) as ErrorBody;
      expect(details!.map((d) => d.split(':')[0]).sort()).to.deep.equal(
        ['changedBy', 'language', 'linkWorkerId', 'pausedUntil', 'phone', 'preferredTimeWindow.start', 'shoeSize', 'timezone'].sort(),
      );
      expect(await stored()).to.deep.equal(client);
    });
  });

  it('answers 404 for a client nobody has, whatever the body', async () => {
    const res = await patch({ changedBy: STAFF, preferredDay: 'monday' }, 'no-such-client');

    expect(res.status).to.equal(404);
    expect(await res.json()).to.deep.equal({ error: 'not_found', message: 'Client not found.' });
  });

  it('answers 401 without the admin token, and changes nothing', async () => {
    const res = await fetch(`${t.url}/api/admin/clients/${client.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ changedBy: STAFF, preferredDay: 'monday' }),
    });

    expect(res.status).to.equal(401);
    expect(await stored()).to.deep.equal(client);
    expect(await events()).to.deep.equal([]);
  });
});
