import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importCycles, layerOf, projectEdges, projectSources, ROOTS, specifiersOf, valueImportsOf, violations } from './layers.js';

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

  it("loads botbuilder-dialogs' core modules only, never its index (which loads every prompt and an older recognizer copy)", () => {
    const sample = [
      { path: 'a.ts', source: "import type { DialogContext } from 'botbuilder-dialogs';" },
      { path: 'b.ts', source: "import { Dialog } from 'botbuilder-dialogs';" },
      { path: 'c.ts', source: "import {\n  type DialogContext,\n  DialogSet,\n} from 'botbuilder-dialogs';" },
      { path: 'd.ts', source: "import { Dialog } from 'botbuilder-dialogs/lib/dialog.js';" },
    ];
    expect(valueImportsOf(sample, 'botbuilder-dialogs')).to.deep.equal(['b.ts: botbuilder-dialogs', 'c.ts: botbuilder-dialogs']);
    expect(valueImportsOf(projectSources(), 'botbuilder-dialogs')).to.deep.equal([]);
  });

  it('has no files that import one another round a loop', () => {
    expect(
      importCycles([
        { from: 'bot/a.ts', to: 'bot/b.js' },
        { from: 'bot/b.ts', to: 'bot/c.js' },
        { from: 'bot/c.ts', to: 'bot/a.js' },
        { from: 'bot/c.ts', to: 'bot/d.js' },
        { from: 'bot/d.ts', to: 'luxon' },
      ]),
    ).to.deep.equal([['bot/a.ts', 'bot/b.ts', 'bot/c.ts']]);
    expect(importCycles(projectEdges())).to.deep.equal([]);
  });
});
