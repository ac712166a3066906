import { createECDH } from 'node:crypto';
import { expect } from 'chai';
import { MAX_ENDPOINT_LENGTH, pushSubscriptionSchema } from '../../bot/channels/web/push/subscriptionSchema.js';

const ecdh = createECDH('prime256v1');
ecdh.generateKeys();
const keys = { p256dh: ecdh.getPublicKey().toString('base64url'), auth: Buffer.alloc(16, 9).toString('base64url') };

describe('pushSubscriptionSchema', () => {
  // The shapes of the endpoints Chrome, Firefox, Safari and Edge hand out.
  for (const endpoint of [
    'https://fcm.googleapis.com/fcm/send/dpH5lCsTSSM:APA91bHqjZxM0VImWWqDRN7U0a3AycjUf4O-byuxb_wJsKRaKvV_iKw56s16ekq6FUqoCF7k2nICUpd8fHPxVTgqLunFeVeB9lLCQZyohyAztTH8ZQL9WCxKpA6dvTG_TUIhQUFq_n',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAAABh_example',
    'https://web.push.apple.com/QGuQyavXutnMbBwTaE-example',
    'https://wns2-par02p.notify.windows.com/w/?token=BQYAAAB%2bexample',
  ]) {
    it(`accepts a browser's subscription at ${new URL(endpoint).hostname}`, () => {
      expect(pushSubscriptionSchema.safeParse({ endpoint, expirationTime: null, keys }).success).to.equal(true);
    });
  }

  it('accepts keys with base64 padding and a subscription with no expirationTime', () => {
    const padded = { p256dh: `${keys.p256dh}=`, auth: `${keys.auth}==` };
    expect(pushSubscriptionSchema.safeParse({ endpoint: 'https://push.example.org/1', keys: padded }).success).to.equal(true);
  });

  it('refuses an endpoint past its length limit, and a missing key, naming the field', () => {
    const long = pushSubscriptionSchema.safeParse({ endpoint: `https://push.example.org/${'a'.repeat(MAX_ENDPOINT_LENGTH)}`, keys });
    expect(long.success).to.equal(false);
    expect(long.error?.issues[0]?.path).to.deep.equal(['endpoint']);
    const missing = pushSubscriptionSchema.safeParse({ endpoint: 'https://push.example.org/1', keys: { p256dh: keys.p256dh } });
    expect(missing.error?.issues.map((i) => i.path.join('.'))).to.deep.equal(['keys.auth']);
  });

  it('refuses an overlong key before decoding it', () => {
    const result = pushSubscriptionSchema.safeParse({ endpoint: 'https://push.example.org/1', keys: { ...keys, auth: 'A'.repeat(10_000) } });
    expect(result.error?.issues.map((i) => i.message)).to.deep.equal(['must be base64url of 16 bytes']);
  });
});
