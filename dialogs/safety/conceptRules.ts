import type { RiskTier } from './riskLexicon.js';

/**
 * A combination of concepts (concepts.ts) that carries a risk, whatever the words. `all` must each
 * be found, at places that do not overlap, within one clause (`scope: 'clause'`) or one sentence of
 * a short message (`'sentence'`; a message of up to 40 words counts as one); within `span` words of
 * each other when given. `none` found in the same stretch cancels the rule. The first concept of
 * `all` that is not `self` is the one a denial must reach ("I'm not going to the bridge").
 */
export interface ConceptRule {
  category: string;
  tier: RiskTier;
  all: readonly string[];
  none?: readonly string[];
  scope: 'clause' | 'sentence';
  span?: number;
}

const urgent = (category: string, all: string[], scope: ConceptRule['scope'], more: Partial<ConceptRule> = {}): ConceptRule => ({
  category,
  tier: 'urgent',
  all,
  scope,
  ...more,
});
const sameDay = (category: string, all: string[], scope: ConceptRule['scope'], more: Partial<ConceptRule> = {}): ConceptRule => ({
  category,
  tier: 'same-day',
  all,
  scope,
  ...more,
});
const routine = (category: string, all: string[], scope: ConceptRule['scope'], more: Partial<ConceptRule> = {}): ConceptRule => ({
  category,
  tier: 'routine',
  all,
  scope,
  ...more,
});

/** The C-SSRS ladder, self-harm, overdose, immediate danger; then what a person should see today; then flags. */
export const conceptRules: readonly ConceptRule[] = [
  // Wish to be dead, passive or religious: "wouldn't mind not waking up", "ready to go and be with him".
  urgent('suicide', ['wish', 'death'], 'clause', { span: 6 }),
  urgent('suicide', ['indifference'], 'clause'),
  // Method and preparation without an act named: "saved up my tablets", "looked up how many".
  urgent('suicide', ['means', 'prepare'], 'sentence', { span: 8 }),
  urgent('suicide', ['lethal', 'got'], 'sentence', { span: 8, none: ['household'] }),
  urgent('suicide', ['means', 'lots', 'act'], 'sentence', { span: 10 }),
  // An overdose or poisoning taken, without the word: "necked the lot of my meds", "drank bleach".
  urgent('overdose', ['self', 'took', 'lots', 'means'], 'sentence', { span: 10, none: ['resolved', 'household'] }),
  urgent('overdose', ['took', 'poison'], 'clause', { span: 5, none: ['household'] }),
  // At a dangerous place now, in distress.
  urgent('suicide', ['there', 'place', 'distress'], 'sentence', { span: 14, none: ['household'] }),
  // Self-harm: named, abbreviated, in everyday words, relapse and urges.
  urgent('self-harm', ['selfHarm'], 'clause'),
  urgent('self-harm', ['self', 'harmSelf', 'body', 'deliberate'], 'sentence', { span: 12, none: ['accident'] }),
  urgent('self-harm', ['relapse', 'harmSelf'], 'sentence', { span: 12, none: ['accident'] }),
  urgent('self-harm', ['urge', 'harmSelf'], 'sentence', { span: 8, none: ['accident'] }),
  urgent('self-harm', ['notEating', 'deliberate'], 'sentence', { span: 10 }),
  // Intent and plan with no act named; farewells; going soon.
  urgent('suicide', ['plan', 'ending'], 'sentence', { span: 12 }),
  urgent('suicide', ['ending', 'now'], 'clause', { span: 6 }),
  urgent('suicide', ['farewell', 'farewell'], 'sentence'),
  urgent('suicide', ['farewell', 'final'], 'sentence', { span: 10 }),
  urgent('suicide', ['goneSoon'], 'clause'),
  // Attempts, including ones stopped partway.
  urgent('suicide', ['stopped', 'act'], 'sentence', { span: 8 }),
  urgent('suicide', ['stopped', 'lethal'], 'sentence', { span: 10 }),
  urgent('suicide', ['stopped', 'place'], 'sentence', { span: 8 }),
  urgent('suicide', ['stopped', 'ending'], 'sentence', { span: 8 }),
  urgent('suicide', ['unsafeSelf'], 'clause'),
  // Immediate danger that is not about suicide.
  urgent('violence', ['atTheDoor', 'afraid'], 'sentence'),
  urgent('medical-emergency', ['emergency', 'ongoing'], 'sentence', { none: ['resolved'] }),
  urgent('fall-long-lie', ['fall', 'longLie'], 'sentence', { none: ['resolved'] }),

  // Today: no food, money or heating; losing the home; sharp deterioration; others harmed.
  sameDay('no-food-or-heating', ['without', 'basics', 'urgentTime'], 'sentence', { span: 10 }),
  sameDay('no-food-or-heating', ['destitute'], 'clause'),
  sameDay('eviction', ['evicted', 'now'], 'sentence', { span: 12 }),
  sameDay('eviction', ['evicted', 'urgentTime'], 'sentence', { span: 12 }),
  sameDay('deterioration', ['worse'], 'clause'),
  sameDay('deterioration', ['relapse'], 'clause'),
  sameDay('deterioration', ['notEating'], 'clause'),
  sameDay('others-at-risk', ['harmingOthers'], 'clause'),

  // Flags: loneliness that hurts.
  routine('loneliness', ['lonely', 'intense'], 'clause', { span: 6 }),
];
