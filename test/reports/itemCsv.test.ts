import { expect } from 'chai';
import { itemCsv, itemCsvLines } from '../../bot/care/reports/itemCsv.js';
import type { ClientHistory } from '../../storage/records.js';
import { checkIn, client, emptyHistory, give, response } from './outcomeFixtures.js';

const HEADER = 'client_id,wave_id,check_in_id,check_in_kind,instrument_id,instrument_version,item_id,option_id,value,status,late,answered_at,channel\r\n';

function historyOf(clientId: string): ClientHistory {
  const wave = checkIn(clientId, 'wave', 'week-8', '2026-03-02T10:00:00.000Z');
  const routine = checkIn(clientId, 'routine', 'check-in', '2026-03-09T10:00:00.000Z');
  let h = give(emptyHistory(clientId), wave, { lonely: 'often_always' });
  h = give(h, routine, { groups: 2 });
  // A late answer to the routine check-in, and an item skipped.
  h.responses.push(response(routine, 'groups', 'count', 3, null, { late: true, answeredAt: '2026-03-12T08:30:00.000Z' }));
  h.responses.push(response(wave, 'gss-health', 'general', null, null, { instrumentVersion: '2' }));
  h.notes.push({ checkInId: wave.id, text: 'my phone is 07700 900123', channel: 'sms', createdAt: wave.startedAt });
  return h;
}

describe('itemCsv', () => {
  it('writes one row per answer with the wave it was asked in, blank for a routine check-in, and late answers marked', () => {
    expect(itemCsv([historyOf('p-7f3a')])).to.equal(
      HEADER +
        'p-7f3a,week-8,p-7f3a-wave-week-8,wave,ons-loneliness,1,lonely,often_always,1,answered,false,2026-03-02T10:00:00.000Z,sms\r\n' +
        'p-7f3a,,p-7f3a-routine-check-in,routine,groups,1,count,,2,answered,false,2026-03-09T10:00:00.000Z,sms\r\n' +
        'p-7f3a,,p-7f3a-routine-check-in,routine,groups,1,count,,3,answered,true,2026-03-12T08:30:00.000Z,sms\r\n' +
        'p-7f3a,week-8,p-7f3a-wave-week-8,wave,gss-health,2,general,,,skipped,false,2026-03-02T10:00:00.000Z,sms\r\n',
    );
  });

  it('never writes a name, a phone number, a raw reply or a note', () => {
    const h = historyOf('p-1');
    h.responses[0]!.raw = 'often, since my husband died';
    const text = itemCsv([h]);
    expect(text).not.to.include(client('p-1').name);
    expect(text).not.to.include('7700');
    expect(text).not.to.include('husband');
  });

  it('quotes and defuses ids that would break the file or run as a formula', () => {
    const h = emptyHistory('=cmd|x');
    const c = { ...checkIn('=cmd|x', 'on-request', 'x'), id: 'a,"b"' };
    h.checkIns.push(c);
    h.responses.push(response(c, 'own', '@item', -1, '+opt'));
    const row = itemCsv([h]).split('\r\n')[1];
    expect(row).to.equal(`'=cmd|x,,"a,""b""",on-request,own,1,'@item,'+opt,-1,answered,false,2026-01-05T10:00:00.000Z,sms`);
  });

  it('still writes an answer whose check-in is not in the history read, unattributed', () => {
    const h = emptyHistory('p-2');
    h.responses.push(response(checkIn('p-2', 'wave', 'baseline'), 'groups', 'count', 1, null));
    expect(itemCsv([h]).split('\r\n')[1]).to.equal('p-2,,p-2-wave-baseline,,groups,1,count,,1,answered,false,2026-01-05T10:00:00.000Z,sms');
  });
});

describe('itemCsvLines', () => {
  it('reads each client history only when its rows are wanted, and gives each client its rows in turn', async () => {
    const ids = ['p-1', 'p-2', 'p-3'];
    const read: string[] = [];
    const repository = {
      async history(clientId: string) {
        read.push(clientId);
        return historyOf(clientId);
      },
    };
    const lines = itemCsvLines(
      ids.map((id) => client(id)),
      repository,
    );
    expect((await lines.next()).value).to.equal(HEADER);
    expect(read).to.deep.equal([]);
    await lines.next();
    expect(read).to.deep.equal(['p-1']);
    const rest: string[] = [];
    for await (const line of lines) rest.push(line);
    expect(read).to.deep.equal(ids);
    // Four rows a client, as in the first test above: one already taken.
    const rowsOf = (id: string) => [
      `${id},week-8,${id}-wave-week-8,wave,ons-loneliness,1,lonely,often_always,1,answered,false,2026-03-02T10:00:00.000Z,sms\r\n`,
      `${id},,${id}-routine-check-in,routine,groups,1,count,,2,answered,false,2026-03-09T10:00:00.000Z,sms\r\n`,
      `${id},,${id}-routine-check-in,routine,groups,1,count,,3,answered,true,2026-03-12T08:30:00.000Z,sms\r\n`,
      `${id},week-8,${id}-wave-week-8,wave,gss-health,2,general,,,skipped,false,2026-03-02T10:00:00.000Z,sms\r\n`,
    ];
    expect(rest).to.deep.equal([...rowsOf('p-1').slice(1), ...rowsOf('p-2'), ...rowsOf('p-3')]);
  });
});
