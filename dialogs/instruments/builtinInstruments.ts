import { groupBelonging } from './builtin/groupBelonging.js';
import { groups } from './builtin/groups.js';
import { gssHealth } from './builtin/gssHealth.js';
import { k6 } from './builtin/k6.js';
import { linkWorkerRelationship } from './builtin/linkWorkerRelationship.js';
import { ons4 } from './builtin/ons4.js';
import { onsLoneliness } from './builtin/onsLoneliness.js';
import { ucla3 } from './builtin/ucla3.js';
import { instrumentSchema, type Instrument } from './instrumentSchema.js';

// Validated wording: never reworded. Sources and scoring: docs/domain.md and docs/instruments.md.

/** Instruments Linkwell ships, by id, validated once at load. */
export const builtinInstruments: ReadonlyMap<string, Instrument> = new Map(
  [ucla3, onsLoneliness, ons4, k6, gssHealth, groups, linkWorkerRelationship, groupBelonging].map((input) => {
    const instrument = instrumentSchema.parse(input);
    return [instrument.id, instrument] as const;
  }),
);
