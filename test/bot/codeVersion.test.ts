import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { codeVersion } from '../../bot/platform/codeVersion.js';

describe('codeVersion: which build is running', () => {
  let root: string;
  const inDist = () => pathToFileURL(join(root, 'dist', 'chunks', 'chunk-ABC.js')).href;
  const built = (inputs: Record<string, string>) =>
    writeFileSync(join(root, 'dist', 'built-from.json'), JSON.stringify({ builtAt: new Date().toISOString(), inputs }));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'linkwell-code-version-'));
    mkdirSync(join(root, 'dist', 'chunks'), { recursive: true });
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}');
    built({ 'bot/a.ts': 'hash-a', 'bot/b.ts': 'hash-b' });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names a build by what it was built from, not when', () => {
    const first = codeVersion(inDist(), root);
    expect(first).to.match(/^[0-9a-f]{64}$/);
    built({ 'bot/b.ts': 'hash-b', 'bot/a.ts': 'hash-a' });
    expect(codeVersion(inDist(), root), 'built again from the same sources, listed in another order').to.equal(first);
    built({ 'bot/a.ts': 'hash-a', 'bot/b.ts': 'hash-b2' });
    expect(codeVersion(inDist(), root), 'one source changed').to.not.equal(first);
    built({ 'bot/a.ts': 'hash-a', 'bot/b.ts': 'hash-b' });
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{"node_modules/luxon":{"version":"3.7.3"}}}');
    expect(codeVersion(inDist(), root), 'a package upgraded').to.not.equal(first);
  });

  it('names nothing when running from the sources, or when the build cannot say what it was built from', () => {
    expect(codeVersion(pathToFileURL(join(root, 'bot', 'platform', 'codeVersion.ts')).href, root)).to.equal(undefined);
    writeFileSync(join(root, 'dist', 'built-from.json'), '{ half a file');
    expect(codeVersion(inDist(), root)).to.equal(undefined);
    rmSync(join(root, 'dist', 'built-from.json'));
    expect(codeVersion(inDist(), root)).to.equal(undefined);
  });
});
