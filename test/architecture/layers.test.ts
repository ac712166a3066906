import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The layers, bottom to top. A file may import from its own layer or any layer below, never above,
 * so the direction of every dependency can be read off the folders. The README's map shows the same
 * folders (checked below). A folder is matched by the longest prefix, so `dialogs/` holds the
 * conversations while its language folders sit lower down.
 */
export const LAYERS: ReadonlyArray<{ name: string; folders: readonly string[] }> = [
  { name: 'time', folders: ['bot/time/'] },
  { name: 'platform', folders: ['storage/', 'bot/platform/'] },
  { name: 'language', folders: ['dialogs/understanding/', 'dialogs/instruments/', 'dialogs/safety/', 'dialogs/wording/'] },
  { name: 'programme', folders: ['bot/config/'] },
  { name: 'channels', folders: ['bot/channels/', 'cards/'] },
  { name: 'care', folders: ['bot/care/', 'dialogs/'] },
  { name: 'schedule', folders: ['bot/schedule/'] },
  { name: 'staff', folders: ['bot/staff/'] },
  { name: 'server', folders: ['bot/server/', 'bot/cli/'] },
];

/** Packages the ground floors (time, language) must never import: they stay plain, testable code. */
const FRAMEWORKS = ['botbuilder', 'botbuilder-dialogs', 'restify', 'twilio', 'pg', 'lowdb'];
const PURE_LAYERS = new Set(['time', 'language']);

const ROOTS = ['bot', 'dialogs', 'cards', 'storage'];
const SOURCE = /\.(ts|mjs|js)$/;

export function layerOf(path: string): number {
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach((layer, index) => {
    for (const folder of layer.folders) {
      if (path.startsWith(folder) && folder.length > bestLength) {
        best = index;
        bestLength = folder.length;
      }
    }
  });
  return best;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'static' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file names (static imports, re-exports, side-effect and dynamic imports). */
export function specifiersOf(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

export interface Edge {
  from: string;
  to: string;
}

/** Imports that point up the layers, or out of the mapped folders, or to a framework from a pure layer. */
export function violations(edges: readonly Edge[]): string[] {
  const found: string[] = [];
  for (const { from, to } of edges) {
    const fromLayer = layerOf(from);
    if (fromLayer < 0) {
      found.push(`${from} is in no layer`);
      continue;
    }
    if (!to.startsWith('.') && !ROOTS.some((root) => to.startsWith(`${root}/`))) {
      const pkg = to.startsWith('@') ? to.split('/').slice(0, 2).join('/') : to.split('/')[0]!;
      if (PURE_LAYERS.has(LAYERS[fromLayer]!.name) && FRAMEWORKS.includes(pkg)) found.push(`${from} (${LAYERS[fromLayer]!.name}) imports ${pkg}`);
      continue;
    }
    const toLayer = layerOf(to);
    if (toLayer < 0) found.push(`${from} imports ${to}, which is in no layer`);
    else if (toLayer > fromLayer) found.push(`${from} (${LAYERS[fromLayer]!.name}) imports ${to} (${LAYERS[toLayer]!.name})`);
  }
  return found;
}

function projectEdges(): Edge[] {
  return ROOTS.flatMap(sourceFiles).flatMap((file) =>
    specifiersOf(readFileSync(file, 'utf8')).map((spec) => ({
      from: file,
      to: spec.startsWith('.') ? normalize(join(dirname(file), spec)) : spec,
    })),
  );
}

describe('Architecture: layers', () => {
  it('finds an import that points up, one from outside every layer, and a framework in the domain', () => {
    expect(
      violations([
        { from: 'bot/time/clock.ts', to: 'bot/time/localClock.js' },
        { from: 'bot/care/alerts/alertService.ts', to: 'bot/time/clock.js' },
        { from: 'bot/channels/sms/smsRoutes.ts', to: 'bot/schedule/planDue.js' },
        { from: 'dialogs/understanding/interpretReply.ts', to: 'dialogs/checkInDialog.js' },
        { from: 'bot/elsewhere/x.ts', to: 'bot/time/clock.js' },
        { from: 'dialogs/safety/screenMessage.ts', to: 'botbuilder' },
        { from: 'bot/channels/sms/twilioSmsAdapter.ts', to: 'botbuilder' },
      ]),
    ).to.deep.equal([
      'bot/channels/sms/smsRoutes.ts (channels) imports bot/schedule/planDue.js (schedule)',
      'dialogs/understanding/interpretReply.ts (language) imports dialogs/checkInDialog.js (care)',
      'bot/elsewhere/x.ts is in no layer',
      'dialogs/safety/screenMessage.ts (language) imports botbuilder',
    ]);
  });

  it('reads static, type-only, re-exported, side-effect and dynamic imports', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "import './d.js';",
      "const e = await import('./e.js');",
      "import {\n  f,\n} from 'luxon';",
    ].join('\n');
    expect(specifiersOf(source)).to.deep.equal(['./a.js', '../b.js', './c.js', './d.js', './e.js', 'luxon']);
  });

  it('every import in bot/, dialogs/, cards/ and storage/ points down the layers or across one', () => {
    expect(violations(projectEdges())).to.deep.equal([]);
  });

  it("the README's map names every top-level folder under bot/, dialogs/, cards/ and storage/", () => {
    const readme = readFileSync('README.md', 'utf8');
    const map = readme.slice(readme.indexOf('## The map'));
    const folders = ROOTS.flatMap((root) =>
      readdirSync(root)
        .filter((name) => statSync(join(root, name)).isDirectory())
        .map((name) => `${root}/${name}/`),
    );
    expect(folders.length).to.be.greaterThan(10);
    expect(folders.filter((folder) => !map.includes(folder))).to.deep.equal([]);
    for (const folder of folders) expect(layerOf(folder), folder).to.be.at.least(0);
  });

  it('no file lies outside the four source folders it is mapped from', () => {
    for (const { from } of projectEdges()) expect(relative('.', from)).to.match(/^(bot|dialogs|cards|storage)\//);
  });
});
