import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { riskScreenFor } from '../../bot/care/alerts/riskScreen.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';

describe('riskScreenFor', () => {
  const programme = loadProgrammeForTest();

  it('raises a same-day alert ("could not screen") and logs the error without the message when the screen throws', () => {
    const logged: Array<[string, Record<string, unknown> | undefined]> = [];
    const screen = riskScreenFor(programme, { error: (message, fields) => logged.push([message, fields]) }, () => {
      throw new RangeError('broken model');
    });
    const finding = screen('my private words');
    expect(finding).to.deep.include({ tier: 'same-day', categories: ['could-not-screen'] });
    expect(logged).to.have.length(1);
    expect(JSON.stringify(logged)).to.include('broken model').and.not.include('my private words');
  });

  it('screens empty, blank, emoji-only and 1,600-character texts without error', () => {
    const screen = riskScreenFor(programme);
    for (const text of ['', '   ', '\u{1F44D}\u{1F60A}\u{1F33B}', 'The walk was lovely today and the weather held. '.repeat(34).slice(0, 1600)]) {
      expect(() => screen(text), JSON.stringify(text.slice(0, 20))).to.not.throw();
    }
    expect(screen('')).to.equal(null);
    expect(screen('\u{1F44D}')).to.equal(null);
  });

  it('warms up, and screens as before once warm', async () => {
    const screen = riskScreenFor(programme);
    await screen.warm(() => new Promise<void>((done) => setImmediate(done)));
    expect(screen('I want to end it all tonight')?.tier).to.equal('urgent');
    expect(screen('Lovely walk today, see you next week')).to.equal(null);
  });

  it('finds an urgent risk in the middle of a 1,600-character ramble', () => {
    const ordinary = 'Went to the lunch club on Tuesday and had the soup, then the bus home was late again. ';
    const text = `${ordinary.repeat(9)}Honestly I have been saving my tablets up for a while now. ${ordinary.repeat(8)}`.slice(0, 1600);
    expect(riskScreenFor(programme)(text)?.tier).to.equal('urgent');
  });
});

function loadProgrammeForTest() {
  return parseProgramme(JSON.parse(readFileSync(new URL('../../bot/config/programmes/demo.programme.json', import.meta.url), 'utf8')), 'demo.programme.json');
}
