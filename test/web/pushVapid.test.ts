import { expect } from 'chai';
import webpush from 'web-push';
import { ConfigError } from '../../bot/platform/formatIssues.js';
import { parseVapidEnv } from '../../bot/config/vapid.js';

const pair = webpush.generateVAPIDKeys();
const other = webpush.generateVAPIDKeys();
const SUBJECT = 'mailto:team@example.org';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseVapidEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return expect.fail('expected a ConfigError');
}

describe('parseVapidEnv', () => {
  it('turns push off, without complaint, when neither key is set (empty counts as unset)', () => {
    expect(parseVapidEnv({})).to.equal(undefined);
    expect(parseVapidEnv({ VAPID_PUBLIC_KEY: '', VAPID_PRIVATE_KEY: '', VAPID_SUBJECT: SUBJECT })).to.equal(undefined);
  });

  it('reads a pair made by npm run push:keys, with a mailto: or https: subject, frozen', () => {
    for (const subject of [SUBJECT, 'https://linkwell.example.org/contact']) {
      const vapid = parseVapidEnv({ VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: subject });
      expect(vapid).to.deep.equal({ subject, publicKey: pair.publicKey, privateKey: pair.privateKey });
      expect(Object.isFrozen(vapid)).to.equal(true);
    }
  });

  const broken: Array<[string, Record<string, string>, string[]]> = [
    ['only the public key', { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_SUBJECT: SUBJECT }, ['VAPID_PRIVATE_KEY: required for web push']],
    ['only the private key', { VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: SUBJECT }, ['VAPID_PUBLIC_KEY: required for web push']],
    ['keys but no subject', { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey }, ['VAPID_SUBJECT: required with the VAPID keys']],
    [
      'an http: subject',
      { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: 'http://example.org' },
      ['VAPID_SUBJECT: expected a mailto: address or an https: URL'],
    ],
    [
      'a mailto: with no address',
      { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: 'mailto:team' },
      ['VAPID_SUBJECT: expected an email address'],
    ],
    [
      'a localhost subject',
      { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: 'https://localhost/' },
      ['VAPID_SUBJECT: a localhost subject'],
    ],
    [
      'a padded public key',
      { VAPID_PUBLIC_KEY: `${pair.publicKey}=`, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: SUBJECT },
      ['VAPID_PUBLIC_KEY: expected base64url'],
    ],
    [
      'a short private key',
      { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey.slice(0, 20), VAPID_SUBJECT: SUBJECT },
      ['VAPID_PRIVATE_KEY: expected 32 bytes'],
    ],
    [
      'keys from two pairs',
      { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: other.privateKey, VAPID_SUBJECT: SUBJECT },
      ['VAPID_PUBLIC_KEY: is not the public key of VAPID_PRIVATE_KEY'],
    ],
    [
      'everything wrong at once',
      { VAPID_PUBLIC_KEY: 'x', VAPID_SUBJECT: 'nobody' },
      ['VAPID_PUBLIC_KEY: expected 65 bytes', 'VAPID_PRIVATE_KEY: required', 'VAPID_SUBJECT: expected a mailto:'],
    ],
  ];
  for (const [what, env, expected] of broken) {
    it(`refuses ${what}, naming the variable`, () => {
      const problems = problemsOf(env);
      expect(problems).to.have.length(expected.length);
      for (const [i, start] of expected.entries()) expect(problems[i]).to.satisfy((p: string) => p.startsWith(start), `${problems[i]} starts with ${start}`);
    });
  }
});
