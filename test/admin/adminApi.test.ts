import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import type { ClientRepository } from '../../storage/ports.js';
import type { ClientRecord } from '../../storage/records.js';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/testApp.js';

/** Every admin route, with `:id` standing for a client id. */
const ROUTES: ReadonlyArray<readonly [method: string, path: string]> = [
  ['GET', '/api/admin/link-workers'],
  ['POST', '/api/admin/clients'],
  ['GET', '/api/admin/clients/:id'],
  ['PATCH', '/api/admin/clients/:id'],
  ['GET', '/api/admin/clients/:id/chat-link'],
  ['POST', '/api/admin/clients/:id/checkins'],
  ['GET', '/api/admin/clients/:id/responses'],
];
const CLIENT_ROUTES = ROUTES.filter(([, path]) => path.includes(':id'));

const validClient = (phone: string) => ({ name: 'Hal', phone, timezone: 'Europe/London', linkWorkerId: 'priya', channel: 'sms' });

interface ErrorBody {
  error: string;
  message: string;
  details?: string[];
}

/** Call every route with the same headers; answers `METHOD path → status` lines. */
async function callEach(t: TestApp, routes: typeof ROUTES, id: string, headers: Record<string, string>, body?: unknown) {
  return Promise.all(
    routes.map(async ([method, path]) => {
      const res = await fetch(`${t.url}${path.replace(':id', id)}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        ...(method === 'POST' || method === 'PATCH' ? { body: JSON.stringify(body ?? {}) } : {}),
      });
      return { route: `${method} ${path}`, status: res.status, body: (await res.json()) as ErrorBody };
    }),
  );
}

describe('Admin API', () => {
  let t: TestApp;
  let demoId: string;

  before(async () => {
    t = await startTestApp();
    demoId = t.app.demoClientId!;
  });

  after(async () => {
    await t.close();
  });

  const post = (path: string, body: unknown) => t.admin(path, { method: 'POST', body: JSON.stringify(body) });

  describe('authorisation', () => {
    const wrongSameLength = TEST_ADMIN_TOKEN.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'));
    const cases: ReadonlyArray<[string, Record<string, string>]> = [
      ['no Authorization header', {}],
      ['an empty bearer token', { Authorization: 'Bearer ' }],
      ['a wrong token of another length', { Authorization: 'Bearer not-the-admin-token' }],
      ['a wrong token of the same length', { Authorization: `Bearer ${wrongSameLength}` }],
      ['the right token under another scheme', { Authorization: `Basic ${TEST_ADMIN_TOKEN}` }],
      ['the right token with something after it', { Authorization: `Bearer ${TEST_ADMIN_TOKEN}x` }],
    ];

    for (const [what, headers] of cases) {
      it(`answers 401 on every admin route to ${what}`, async () => {
        const answers = await callEach(t, ROUTES, demoId, headers, validClient('+447700900801'));
        expect(answers.map((a) => `${a.route} → ${a.status}`)).to.deep.equal(ROUTES.map(([m, p]) => `${m} ${p} → 401`));
        for (const { body } of answers) expect(body).to.deep.equal({ error: 'unauthorized', message: 'Missing or invalid bearer token.' });
      });
    }

    it('enrols nobody when the enrolment was not authorised', async () => {
      await callEach(t, ROUTES, demoId, { Authorization: 'Bearer nope' }, validClient('+447700900802'));
      expect((await post('/api/admin/clients', validClient('+447700900802'))).status).to.equal(201);
    });
  });

  describe('POST /api/admin/clients', () => {
    let phones = 0;
    const freshPhone = () => `+4477009005${String(++phones).padStart(2, '0')}`;

    it('enrols a client, answering 201 with its id and fields, and GET returns the same client', async () => {
      const phone = freshPhone();
      const res = await post('/api/admin/clients', { ...validClient(phone), name: '  Hal Jordan  ' });

      expect(res.status).to.equal(201);
      const created = (await res.json()) as ClientRecord;
      expect(created).to.deep.include({
        name: 'Hal Jordan',
        phone,
        timezone: 'Europe/London',
        linkWorkerId: 'priya',
        channel: 'sms',
        programmeId: 'demo',
      });
      expect(created.id).to.be.a('string').and.not.equal('');
      expect(DateTime.fromISO(created.createdAt).isValid).to.equal(true);

      const read = await t.admin(`/api/admin/clients/${created.id}`);
      expect(read.status).to.equal(200);
      expect(await read.json()).to.deep.equal(created);
    });

    const invalid: ReadonlyArray<[string, Record<string, unknown>, RegExp]> = [
      ['a phone number not in E.164 form', { phone: '07700 900123' }, /^phone: expected a phone number in international E\.164 form/],
      ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, /^timezone: expected an IANA time zone/],
      ['an unknown link worker', { linkWorkerId: 'nobody' }, /^linkWorkerId: no link worker with id "nobody"$/],
      ['a channel Linkwell does not have', { channel: 'fax' }, /^channel: /],
      ['no name', { name: undefined }, /^name: /],
      ['a blank name', { name: '   ' }, /^name: /],
    ];

    for (const [what, change, detail] of invalid) {
      it(`answers 400 naming the field for ${what}, and enrols nobody`, async () => {
        const phone = freshPhone();
        const res = await post('/api/admin/clients', { ...validClient(phone), ...change });

        expect(res.status).to.equal(400);
        const body = (await res.json()) as ErrorBody;
        expect(body).to.include({ error: 'invalid_request', message: 'The request is not valid.' });
        expect(body.details).to.have.length(1);
        expect(body.details![0]).to.match(detail);
        if (!('phone' in change)) expect((await post('/api/admin/clients', validClient(phone))).status).to.equal(201);
      });
    }

    it('lists every problem of a request at once, each with its path', async () => {
      const res = await post('/api/admin/clients', { phone: '12345', timezone: 'Nowhere', linkWorkerId: 'nobody', channel: 'fax' });

      expect(res.status).to.equal(400);
      const { details } = (await res.json()) as ErrorBody;
      expect(details!.map((d) => d.split(':')[0]).sort()).to.deep.equal(['channel', 'linkWorkerId', 'name', 'phone', 'timezone']);
    });

    it('answers 409 for a phone number that is already enrolled', async () => {
      const res = await post('/api/admin/clients', validClient('+447700900001'));

      expect(res.status).to.equal(409);
      expect(await res.json()).to.deep.equal({ error: 'duplicate_phone', message: 'A client with this phone number is already enrolled.' });
    });
  });

  it('answers 404 on every client route for an id nobody has', async () => {
    for (const id of ['no-such-client', '__proto__', '..%2Findex.json']) {
      const answers = await callEach(t, CLIENT_ROUTES, id, { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
      expect(
        answers.map((a) => `${a.route} → ${a.status}`),
        id,
      ).to.deep.equal(CLIENT_ROUTES.map(([m, p]) => `${m} ${p} → 404`));
      for (const { body } of answers) expect(body).to.deep.equal({ error: 'not_found', message: 'Client not found.' });
    }
  });

  it("lists the demo programme's link workers by id, name and phone only", async () => {
    const programme = JSON.parse(readFileSync(DEMO_PROGRAMME_FILE, 'utf8')) as { linkWorkers: { id: string; name: string; phone: string }[] };

    const res = await t.admin('/api/admin/link-workers');

    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal(programme.linkWorkers.map(({ id, name, phone }) => ({ id, name, phone })));
  });

  it('gives a chat link that opens the chat page and expires after CHAT_LINK_TTL_HOURS', async () => {
    const before = DateTime.utc();
    const res = await t.admin(`/api/admin/clients/${demoId}/chat-link`);

    expect(res.status).to.equal(200);
    const link = (await res.json()) as { url: string; expiresAt: string };
    expect(link.url.startsWith(`${t.url}/chat?t=`)).to.equal(true);
    const hours = DateTime.fromISO(link.expiresAt).diff(before, 'hours').hours;
    expect(hours).to.be.within(167.99, 168.01);

    const page = await fetch(link.url);
    expect(page.status).to.equal(200);
    expect(await page.text()).to.contain('<h1>Linkwell Demo Programme check-in</h1>');
  });

  it('answers a failure it did not expect with a bare 500 that says nothing of the cause', async () => {
    const clients: Pick<ClientRepository, 'get'> = t.app.store.clients;
    clients.get = () => Promise.reject(new Error('EACCES: permission denied, open /srv/linkwell/data/clients/index.json'));
    try {
      const res = await t.admin(`/api/admin/clients/${demoId}`);

      expect(res.status).to.equal(500);
      const text = await res.text();
      expect(JSON.parse(text)).to.deep.equal({ error: 'internal', message: 'Internal Server Error' });
      expect(text).not.to.match(/EACCES|\/srv|index\.json|at /);
    } finally {
      Reflect.deleteProperty(clients, 'get');
    }
    expect((await t.admin(`/api/admin/clients/${demoId}`)).status).to.equal(200);
  });
});

describe('Admin API without ADMIN_API_TOKEN', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ env: { ADMIN_API_TOKEN: '' } });
  });

  after(async () => {
    await t.close();
  });

  for (const [what, headers] of [
    ['no token', {}],
    ['any token at all', { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` }],
  ] as const) {
    it(`answers 401 on every admin route, saying it is disabled, to ${what}`, async () => {
      const answers = await callEach(t, ROUTES, t.app.demoClientId!, headers, validClient('+447700900901'));

      expect(answers.map((a) => `${a.route} → ${a.status}`)).to.deep.equal(ROUTES.map(([m, p]) => `${m} ${p} → 401`));
      for (const { body } of answers) {
        expect(body).to.deep.equal({ error: 'unauthorized', message: 'The admin API is disabled: set ADMIN_API_TOKEN to enable it.' });
      }
    });
  }
});
