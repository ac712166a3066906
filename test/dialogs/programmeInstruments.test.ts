import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_PROGRAMME_FILE } from '../../bot/config/env.js';
import { checkInInstruments, parseProgramme } from '../../bot/config/programmeSchema.js';
import { wellbeingSeven } from './instrumentFixtures.js';
import { programmeProblems } from '../support/programmeProblems.js';

const demo = JSON.parse(readFileSync(DEMO_PROGRAMME_FILE, 'utf8')) as Record<string, unknown>;
const withOwn = (...instruments: unknown[]) => ({ ...demo, instruments, checkIn: { instruments: ['ucla3', 'wellbeing-7'] } });

describe("a programme's own instruments", () => {
  it('are asked in its check-ins beside the built-in ones', () => {
    const programme = parseProgramme(withOwn(wellbeingSeven), 'test');
    expect(checkInInstruments(programme).map((i) => [i.id, i.version])).to.deep.equal([
      ['ucla3', '1'],
      ['wellbeing-7', '2'],
    ]);
  });

  it('cannot take the id of a built-in instrument, whose validated wording would be replaced, or of another of its own', () => {
    const reworded = { ...wellbeingSeven, id: 'ucla3', title: 'UCLA, reworded' };
    expect(programmeProblems({ ...withOwn(reworded, wellbeingSeven, wellbeingSeven) })).to.deep.equal([
      'programme.instruments[0].id: "ucla3" is a built-in instrument, whose wording cannot be changed: give your own instrument another id',
      'programme.instruments[2].id: duplicate instrument id "wellbeing-7"',
    ]);
  });

  it('name the path of a bad conversion table or band in the programme file', () => {
    const broken = {
      ...wellbeingSeven,
      scoring: {
        ...wellbeingSeven.scoring,
        conversion: wellbeingSeven.scoring.conversion.filter((row) => row.raw !== 35),
        bands: [
          { label: 'low', min: 5, max: 20 },
          { label: 'high', min: 20, max: 39.8 },
        ],
      },
    };
    expect(programmeProblems(withOwn(broken))).to.deep.equal([
      'programme.instruments[0].scoring.conversion: no row for raw total 35 (raw totals run 7–35; each needs a row)',
    ]);
    const fixed = { ...broken, scoring: { ...broken.scoring, conversion: wellbeingSeven.scoring.conversion } };
    expect(programmeProblems(withOwn(fixed))).to.deep.equal(['programme.instruments[0].scoring.bands[1]: overlaps band "low" (5–20)']);
  });

  it('pass npm run programme:check, which lists every problem of a bad one by path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkwell-instruments-'));
    const [good, bad] = [join(dir, 'good.json'), join(dir, 'bad.json')];
    writeFileSync(good, JSON.stringify(withOwn(wellbeingSeven)));
    const gap = {
      ...wellbeingSeven,
      scoring: {
        ...wellbeingSeven.scoring,
        bands: [
          { label: 'low', min: 5, max: 19.99 },
          { label: 'high', min: 30, max: 39.8 },
        ],
      },
    };
    writeFileSync(bad, JSON.stringify(withOwn(gap)));
    const check = (file: string) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'bot/cli/programmeCheck.ts', file]);
    expect((await check(good)).stdout).to.match(/good\.json: valid\..*\(ucla3, wellbeing-7\)/);
    const failed = (await check(bad).catch((e: unknown) => e)) as { code: number; stdout: string };
    expect(failed.code).to.equal(1);
    expect(failed.stdout).to.contain(
      'programme.instruments[0].scoring.bands: no band holds score 20.19, 21.3, 22.4, 23.5, 24.61 and 4 more (scores run 5–39.8)',
    );
  });
});
