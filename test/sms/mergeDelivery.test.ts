import { expect } from 'chai';
import { mergeDelivery } from '../../bot/channels/sms/mergeDelivery.js';

describe('mergeDelivery: a status callback merged into what is known', () => {
  const sent = { status: 'sent' as const, errorCode: null, at: '2026-03-02T10:00:00.000Z' };

  it('moves a message on to a later status and keeps a final one against a late earlier one', () => {
    expect(mergeDelivery(sent, 'delivered', null, '2026-03-02T10:00:05.000Z')?.status).to.equal('delivered');
    expect(mergeDelivery({ ...sent, status: 'delivered' }, 'sent', null, '2026-03-02T10:00:06.000Z')?.status).to.equal('delivered');
    expect(mergeDelivery(undefined, 'read', null, '2026-03-02T10:00:06.000Z')?.status).to.equal('delivered');
  });

  it('ignores a status name it does not know, even one an object inherits', () => {
    for (const status of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'bogus']) {
      expect(mergeDelivery(sent, status, null, '2026-03-02T10:00:05.000Z'), status).to.deep.equal(sent);
    }
  });
});
