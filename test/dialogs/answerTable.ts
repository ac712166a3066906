import { expect } from 'chai';
import { builtinInstruments } from '../../dialogs/instruments/builtinInstruments.js';
import type { InstrumentItem } from '../../dialogs/instruments/instrumentSchema.js';
import { interpretReply } from '../../dialogs/understanding/interpretReply.js';
import { recognizeCommand } from '../../dialogs/understanding/recognizeCommand.js';

/** A built-in item: the instrument's first, or the one named. */
export const builtinItem = (instrumentId: string, itemId?: string): InstrumentItem => {
  const items = builtinInstruments.get(instrumentId)!.items;
  return itemId ? items.find((i) => i.id === itemId)! : items[0]!;
};

/** The items the blind evaluation asks about: UCLA-3, ONS loneliness, K6, ONS4, self-rated health, groups. */
export const items = {
  ucla: builtinItem('ucla3', 'left_out'),
  ons: builtinItem('ons-loneliness'),
  k6: builtinItem('k6', 'hopeless'),
  ons4: builtinItem('ons4', 'life_satisfaction'),
  happiness: builtinItem('ons4', 'happiness'),
  anxiety: builtinItem('ons4', 'anxiety'),
  health: builtinItem('gss-health'),
  groups: builtinItem('groups'),
};

/** A coded value, the reason it must be re-asked ('?' alone: re-asked for any reason), or 'skip'. */
export type Expected = number | `?${string}` | 'skip';

/** What the check-in makes of a typed reply: skip (a decline), a coded value, or `?reason`. */
export function understood(on: InstrumentItem, reply: string): Expected {
  if (recognizeCommand(reply) === 'skip') return 'skip';
  const meaning = interpretReply(on, { text: reply });
  return meaning.kind === 'answer' ? meaning.value : `?${meaning.reason}`;
}

export function agrees(got: Expected, expected: Expected): boolean {
  return expected === '?' ? typeof got === 'string' && got.startsWith('?') : got === expected;
}

/** One test per row: the reply on `on` comes to `expected`. */
export function table(on: InstrumentItem, rows: Array<[reply: string, expected: Expected]>, what: (reply: string, e: Expected) => string = as) {
  for (const [reply, expected] of rows) {
    it(what(reply, expected), () => {
      const got = understood(on, reply);
      expect(agrees(got, expected), `${JSON.stringify(reply)} → ${got}, expected ${expected}`).to.equal(true);
    });
  }
}

/** "takes … as 2", "re-asks … (ambiguous)", "skips …". */
export const as = (reply: string, e: Expected) =>
  typeof e === 'number'
    ? `takes ${JSON.stringify(reply)} as ${e}`
    : e === 'skip'
      ? `skips ${JSON.stringify(reply)}`
      : `re-asks ${JSON.stringify(reply)} (${e.slice(1) || 'unclear'})`;
