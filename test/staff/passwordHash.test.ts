import { expect } from 'chai';
import { hashPassword, verifyPassword } from '../../bot/staff/passwordHash.js';

describe('hashPassword', () => {
  it('stores scrypt with its cost, a random salt and the hash, never the password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).to.match(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.to.include('horse');
    expect(await hashPassword('correct horse battery staple')).not.to.equal(stored);
  });

  it('accepts the same password and refuses any other', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).to.equal(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).to.equal(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).to.equal(false);
    expect(await verifyPassword('', stored)).to.equal(false);
  });

  it('reads the cost from the stored hash, so a cheaper or dearer one still verifies', async () => {
    const stored = await hashPassword('correct horse battery staple', { N: 1024, r: 8, p: 1 });
    expect(stored.startsWith('scrypt$1024$8$1$')).to.equal(true);
    expect(await verifyPassword('correct horse battery staple', stored)).to.equal(true);
  });

  it('refuses a hash it cannot read rather than failing', async () => {
    for (const stored of [
      '',
      'plain text',
      'scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA',
      'argon2id$v=19$m=65536,t=3,p=4$abc$def',
      `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA`,
    ]) {
      expect(await verifyPassword('anything', stored), stored).to.equal(false);
    }
  });
});
