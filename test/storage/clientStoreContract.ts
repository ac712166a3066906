import { expect } from 'chai';
import type { ClientHistoryRepository, ClientRepository } from '../../storage/ports.js';
import type { CheckInRecord, ItemResponseRecord, NewClient, NoteRecord } from '../../storage/records.js';

type ClientStore = ClientRepository & ClientHistoryRepository;

export interface ClientStoreUnderTest {
  store: ClientStore;
  reopen: () => Promise<ClientStore>;
  cleanup?: () => Promise<void>;
}

export const newClient = (phone: string, name = 'Ada'): NewClient => ({
  programmeId: 'walking-group',
  name,
  phone,
  timezone: 'Europe/London',
  linkWorkerId: 'lw-1',
  channel: 'sms',
  createdAt: '2024-03-01T09:00:00.000Z',
});
const checkIn = (clientId: string, id: string, startedAt: string): CheckInRecord => ({
  id,
  clientId,
  channel: 'sms',
  instrumentIds: ['ons4'],
  status: 'open',
  startedAt,
});
const answer = (checkInId: string, itemId: string, value: number, answeredAt: string, effectKey?: string): ItemResponseRecord => ({
  checkInId,
  instrumentId: 'ons4',
  instrumentVersion: '1',
  itemId,
  value,
  optionId: null,
  status: 'answered',
  raw: `my answer is ${value}`,
  channel: 'sms',
  answeredAt,
  ...(effectKey ? { effectKey } : {}),
});
const note = (text: string, createdAt: string, checkInId: string | null = null): NoteRecord => ({ checkInId, text, channel: 'sms', createdAt });

/**
 * Clients and their history, the contract every backend passes. Atomic promises: one client per
 * phone however many enrolments race; a change never alters a client's id or phone; a record a
 * replayed turn makes again (the same effect key) is kept once.
 */
export function clientStoreContract(name: string, make: () => Promise<ClientStoreUnderTest>): void {
  describe(name, () => {
    let subject: ClientStoreUnderTest;
    let store: ClientStore;
    beforeEach(async () => {
      subject = await make();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup?.();
    });

    async function enrol(phone: string, who = 'Ada') {
      const made = await store.create(newClient(phone, who));
      if (!made.ok) throw new Error(made.reason);
      return made.client;
    }

    it('enrols one client per phone however many enrolments race, found by id and by phone after a restart', async () => {
      const made = await Promise.all(['Ada', 'Bea', 'Cy'].map((who) => store.create(newClient('+447700900001', who))));
      expect(made.filter((r) => r.ok)).to.have.length(1);
      expect(made.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).to.deep.equal(['duplicate_phone', 'duplicate_phone']);
      const client = made.find((r) => r.ok)!;
      const again = await subject.reopen();
      expect(await again.get(client.ok ? client.client.id : '')).to.deep.equal(client.ok && client.client);
      expect((await again.findByPhone('+447700900001'))?.id).to.equal(client.ok && client.client.id);
      expect(await again.findByPhone('+447700900999')).to.equal(undefined);
    });

    it('changes a client but never their id or phone, and lists every client', async () => {
      const ada = await enrol('+447700900002');
      await enrol('+447700900003', 'Bea');
      const changed = await store.update(ada.id, (c) => ({ ...c, id: 'other', phone: '+440000', name: 'Ada L', pausedUntil: '2024-04-01T00:00:00.000Z' }));
      expect([changed?.id, changed?.phone, changed?.name, changed?.pausedUntil]).to.deep.equal([ada.id, ada.phone, 'Ada L', '2024-04-01T00:00:00.000Z']);
      expect((await (await subject.reopen()).get(ada.id))?.name).to.equal('Ada L');
      expect((await store.list()).map((c) => c.name).sort()).to.deep.equal(['Ada L', 'Bea']);
      expect(await store.update('no-such-client', (c) => c)).to.equal(undefined);
    });

    it('tells its listeners once a client is added or their record has changed, not for a change that changes nothing', async () => {
      const told: string[] = [];
      const stop = store.onChanged((clientId) => told.push(clientId));
      const ada = await enrol('+447700900101');
      await store.create(newClient('+447700900101', 'Ada again'));
      await store.update(ada.id, (c) => ({ ...c, name: 'Ada Lovelace' }));
      await store.update(ada.id, (c) => c);
      await store.update('nobody', (c) => ({ ...c, name: 'x' }));
      expect(told).to.deep.equal([ada.id, ada.id]);
      stop();
      await store.update(ada.id, (c) => ({ ...c, name: 'Ada' }));
      expect(told, 'no longer listening').to.have.length(2);
    });

    it('finds the clients of a link worker, those linked to a group, and several by id', async () => {
      const ada = await enrol('+447700900111', 'Ada');
      const bea = await enrol('+447700900112', 'Bea');
      const cy = await enrol('+447700900113', 'Cy');
      await store.update(bea.id, (c) => ({ ...c, linkWorkerId: 'lw-2', groups: [{ groupId: 'choir', status: 'stopped', nudge: 'off', since: '2024-03-02' }] }));
      await store.update(cy.id, (c) => ({
        ...c,
        groups: [
          { groupId: 'walk', status: 'going', nudge: 'day-before', since: '2024-03-02' },
          { groupId: 'choir', status: 'interested', nudge: 'off', since: '2024-03-02' },
        ],
      }));
      const names = (clients: Array<{ name: string }>) => clients.map((c) => c.name).sort();
      expect(names(await store.find({ linkWorkerId: 'lw-1' }))).to.deep.equal(['Ada', 'Cy']);
      expect(names(await store.find({ linkWorkerId: 'lw-2' }))).to.deep.equal(['Bea']);
      expect(await store.find({ linkWorkerId: 'nobody' })).to.deep.equal([]);
      expect(names(await store.find({ groupId: 'choir' }))).to.deep.equal(['Bea', 'Cy']);
      expect(names(await store.find({ groupId: 'walk' }))).to.deep.equal(['Cy']);
      expect(await store.find({ groupId: 'chess' })).to.deep.equal([]);
      expect(names(await store.getMany([cy.id, ada.id, 'no-such-client', cy.id]))).to.deep.equal(['Ada', 'Cy']);
      expect(await store.getMany([])).to.deep.equal([]);
      const reopened = await subject.reopen();
      expect(names(await reopened.find({ linkWorkerId: 'lw-2' })), 'after a restart').to.deep.equal(['Bea']);
    });

    it('keeps a check-in with its answers, notes and scores, in order, across months and a restart', async () => {
      const ada = await enrol('+447700900004');
      await store.startCheckIn(checkIn(ada.id, 'ci-feb', '2024-02-28T09:00:00.000Z'));
      await store.startCheckIn(checkIn(ada.id, 'ci-jan', '2024-01-15T09:00:00.000Z'));
      // Answered in March, the check-in started in February: kept with it.
      await store.recordResponse(ada.id, answer('ci-feb', 'happiness', 7, '2024-03-01T09:05:00.000Z'));
      await store.recordNote(ada.id, note('later note', '2024-03-02T10:00:00.000Z'));
      await store.recordNote(ada.id, note('in the check-in', '2024-02-28T09:10:00.000Z', 'ci-feb'));
      await store.endCheckIn(ada.id, 'ci-feb', { status: 'completed', endedAt: '2024-03-01T09:06:00.000Z', waitingFor: undefined }, [
        { checkInId: 'ci-feb', instrumentId: 'ons4', instrumentVersion: '1', score: null, complete: true, computedAt: '2024-03-01T09:06:00.000Z' },
      ]);
      const history = await (await subject.reopen()).history(ada.id);
      expect(history.checkIns.map((c) => [c.id, c.status])).to.deep.equal([
        ['ci-jan', 'open'],
        ['ci-feb', 'completed'],
      ]);
      expect(history.responses.map((r) => [r.checkInId, r.value])).to.deep.equal([['ci-feb', 7]]);
      expect(history.notes.map((n) => n.text)).to.deep.equal(['in the check-in', 'later note']);
      expect(history.scores).to.have.length(1);
      expect(
        (await store.history(ada.id, ['2024-01'])).checkIns.map((c) => c.id),
        'only the months asked for',
      ).to.deep.equal(['ci-jan']);
    });

    it('keeps what a replayed turn makes again once, and refuses an answer to a check-in never started', async () => {
      const ada = await enrol('+447700900005');
      await store.startCheckIn(checkIn(ada.id, 'ci-1', '2024-03-01T09:00:00.000Z'));
      await store.startCheckIn(checkIn(ada.id, 'ci-1', '2024-03-01T09:00:00.000Z'));
      await store.recordResponse(ada.id, answer('ci-1', 'happiness', 7, '2024-03-01T09:05:00.000Z', 'SM1#answer0'));
      await store.recordResponse(ada.id, answer('ci-1', 'happiness', 7, '2024-03-01T09:05:00.000Z', 'SM1#answer0'));
      const history = await store.history(ada.id);
      expect([history.checkIns.length, history.responses.length]).to.deep.equal([1, 1]);
      const refused = await store.recordResponse(ada.id, answer('ci-never', 'happiness', 1, '2024-03-01T09:05:00.000Z')).then(
        () => 'kept',
        () => 'refused',
      );
      expect(refused).to.equal('refused');
    });

    it('refuses to read or write the history of a client it does not have (an erased one, say), and keeps nothing', async () => {
      const ada = await enrol('+447700900015');
      const ghost = 'no-such-client';
      const outcomes = await Promise.all(
        [
          () => store.history(ghost),
          () => store.conversationReference(ghost, 'sms'),
          () => store.saveConversationReference(ghost, 'sms', { channelId: 'sms' }),
          () => store.startCheckIn(checkIn(ghost, 'ci-ghost', '2024-03-01T09:00:00.000Z')),
          () =>
            store.recordEvent(ghost, {
              type: 'paused',
              at: '2024-03-01T10:00:00.000Z',
              until: '2024-03-08T10:00:00.000Z',
              source: 'sms-keyword',
              channel: 'sms',
            }),
        ].map((attempt) =>
          attempt().then(
            () => 'done',
            (error: Error) => error.message,
          ),
        ),
      );
      expect(outcomes).to.deep.equal(Array(5).fill(`Unknown client ${ghost}`));
      // A client who does exist with nothing kept yet reads as empty, not as unknown.
      expect(await store.conversationReference(ada.id, 'sms')).to.equal(undefined);
      expect((await store.history(ada.id)).checkIns).to.deep.equal([]);
      expect((await (await subject.reopen()).list()).map((c) => c.id)).to.deep.equal([ada.id]);
    });

    it('keeps conversation references, events, group sessions and tasks', async () => {
      const ada = await enrol('+447700900006');
      await store.saveConversationReference(ada.id, 'sms', {
        conversation: { id: 'sms:ada', isGroup: false, conversationType: 'personal', name: '' },
        channelId: 'sms',
      });
      await store.recordEvent(ada.id, {
        type: 'paused',
        at: '2024-03-01T10:00:00.000Z',
        until: '2024-03-08T10:00:00.000Z',
        source: 'sms-keyword',
        channel: 'sms',
      });
      const session = { sessionKey: 'walk|2024-03-06T10:00', groupId: 'walk', sessionStart: '2024-03-06T10:00:00.000Z' };
      await store.recordAttendance(ada.id, session, () => ({
        ...session,
        attendance: 'unknown',
        barriers: [],
        channel: 'sms',
        updatedAt: '2024-03-05T10:00:00.000Z',
      }));
      const second = await store.recordAttendance(ada.id, session, (current) => ({ ...current!, attendance: 'went', howItWent: 'lovely' }));
      expect([second.attendance, second.howItWent]).to.deep.equal(['went', 'lovely']);
      await store.addTask(ada.id, {
        id: 'task-1',
        kind: 'accompany',
        groupId: 'walk',
        detail: 'Go with Ada',
        state: 'open',
        createdAt: '2024-03-02T09:00:00.000Z',
      });
      const done = await store.updateTask(ada.id, 'task-1', (t) => ({ ...t, id: 'other', state: 'done', doneBy: 'Sam' }));
      expect([done?.id, done?.state]).to.deep.equal(['task-1', 'done']);
      expect(await store.updateTask(ada.id, 'task-9', (t) => t)).to.equal(undefined);
      const again = await subject.reopen();
      expect((await again.conversationReference(ada.id, 'sms'))?.conversation?.id).to.equal('sms:ada');
      expect(await again.conversationReference(ada.id, 'webchat')).to.equal(undefined);
      const history = await again.history(ada.id);
      expect(history.events.map((e) => e.type)).to.deep.equal(['paused']);
      expect(history.attendance.map((a) => [a.sessionKey, a.attendance])).to.deep.equal([['walk|2024-03-06T10:00', 'went']]);
      expect(history.tasks.map((t) => t.state)).to.deep.equal(['done']);
    });

    it('replaces words older than a time with a placeholder (coded answers stay), and erases a client whole', async () => {
      const ada = await enrol('+447700900007');
      await store.startCheckIn(checkIn(ada.id, 'ci-1', '2024-01-10T09:00:00.000Z'));
      await store.recordResponse(ada.id, answer('ci-1', 'happiness', 7, '2024-01-10T09:05:00.000Z'));
      await store.recordNote(ada.id, note('old words', '2024-01-10T09:06:00.000Z'));
      await store.recordNote(ada.id, note('new words', '2024-06-10T09:06:00.000Z'));
      expect(await store.removeWordsBefore(ada.id, '2024-03-01T00:00:00.000Z', '[removed]')).to.equal(2);
      expect(await store.removeWordsBefore(ada.id, '2024-03-01T00:00:00.000Z', '[removed]')).to.equal(0);
      const history = await store.history(ada.id);
      expect(history.responses.map((r) => [r.value, r.raw])).to.deep.equal([[7, '[removed]']]);
      expect(history.notes.map((n) => n.text)).to.deep.equal(['[removed]', 'new words']);
      expect(await store.erase(ada.id)).to.equal(true);
      expect(await store.erase(ada.id)).to.equal(false);
      expect(await store.get(ada.id)).to.equal(undefined);
      expect(await store.findByPhone(ada.phone)).to.equal(undefined);
      expect((await store.create(newClient(ada.phone))).ok, 'the phone is free again').to.equal(true);
    });

    it('hands out copies: changing a history read changes nothing stored', async () => {
      const ada = await enrol('+447700900008');
      await store.recordNote(ada.id, note('kept as written', '2024-03-02T10:00:00.000Z'));
      const history = await store.history(ada.id);
      history.notes[0]!.text = 'changed by a reader';
      expect((await store.history(ada.id)).notes[0]!.text).to.equal('kept as written');
    });
  });
}
