// Word sets the built-in phrases share, in the pattern syntax of phrasePattern.ts.

/** People who may hurt, threaten or control a client, or be at risk themselves (as a noun). */
export const PEOPLE =
  '(husband|hubby|wife|partner|boyfriend|girlfriend|fella|ex|son|daughter|grandson|granddaughter|carer|carers|brother|sister|dad|mum|mam|mom|father|mother|stepdad|stepson|stepdaughter|neighbour|neighbours|lodger|nephew|niece|son in law|daughter in law|landlord)';
/** Someone else doing something: "he", "(my) son", "carer" (a match may start at "son"). */
export const SOMEONE = `(he|she|they|${PEOPLE})`;
/** Someone else, done to: "him", "my son". */
export const SOMEONE_ELSE = `(him|her|them|my? ${PEOPLE})`;
/** Reflexive, anyone's. */
export const ANY_SELF = '(myself|himself|herself|themselves|themself)';
/** Reflexive, someone else's. */
export const OTHER_SELF = '(himself|herself|themselves|themself)';
export const PILLS =
  '(pills|tablets|medication|medicine|paracetamol|painkillers|sleeping pills|sleeping tablets|antidepressants|tramadol|co codamol|codeine|insulin|morphine|diazepam|oramorph)';
