import { ANY_SELF, PEOPLE, SOMEONE } from './lexiconWords.js';

/**
 * Ways of speaking that contain risk words but say nothing of risk. Each drops the phrase matches
 * lying wholly inside it, never an explicit one: "I cut myself shaving" is not self-harm, but
 * "I killed myself laughing" still alerts (see RiskPhrase.explicit). Idioms that match no phrase
 * ("this weather is killing me", "my phone died") need no entry.
 */
export const figuresOfSpeech: string[] = [
  `(cut|cuts|cutting) ${ANY_SELF} (shaving|cooking|chopping|peeling|slicing|gardening|pruning|opening|by accident|accidentally|a|some|another|on (a|the|some|broken))`,
  `(burn|burnt|burned|burning) ${ANY_SELF} (cooking|ironing|making|with the|by accident|accidentally|on (a|an|the|my))`,
  `(hurt|hurting|hurts) ${ANY_SELF} (falling|gardening|lifting|doing|playing|slipping|tripping|carrying|moving|reaching|bending|laughing|exercising|walking|dancing|by accident|accidentally|on the|in the garden|in a fall|when i fell|when i slipped|when i tripped|falling over)`,
  '(cut|cutting|burnt|burned|burn|scratched) my (arm|arms|leg|legs|hand|hands|finger|skin) (on|shaving|cooking|gardening|pruning|chopping|peeling|by accident|accidentally|in the garden)',
  '(giving|given|gave) (away )?(all )?my (things|stuff|belongings|possessions) (away )?(to|for) (the )?(charity|charity shop|hospice shop|oxfam|church|jumble sale|grandchildren|family)',
  `(hit|hitting) ${ANY_SELF} on the (head|door|cupboard|shin|knee)`,
  'end it with (him|her|them|my? (boyfriend|girlfriend|partner|fella))',
  '(going to|want to|wanting to|planning to|decided to)? end it with (the|my) (gym|club|group|class|membership|subscription|catalogue|phone contract)',
  '(can not|can|could|could not) go on (the|a|an|that|those|these|my|our|his|her|their|holiday|holidays|trip|trips|walk|walks|outing|outings|bus|buses|coach|train|trains|plane|planes|computer|internet|facebook|zoom|it|them|tomorrow|today|about|and on|till|until|this (trip|walk|outing|bus|one)|long walks|foot|(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|next (week|time|month|one))',
  '(can not|can|could|could not) carry on (with the|with my|going to|doing|walking|singing|at the|to the|with choir|with the group)',
  'rather die than',
  '(wanted|wished) to die (of|from) (embarrassment|shame|boredom|laughing|laughter)',
  'curl up and die (of )?(embarrassment|shame)',
  'lost the will to live (in|on|at) (that|the|this)',
  'lost the will to live (waiting|queuing|queueing)',
  `${SOMEONE}? (beat|beats|beaten|beating) me (at|to it|hands down|in the (quiz|race|game|final|raffle))`,
  '(it|that|this|what) beats me',
  'beats me (how|why|what|where|when|who)',
  `${SOMEONE}? pushed me (to|into) (come|coming|go|going|try|trying|join|joining|get|getting|do|see|ring|call|book|keep|take|taking|apply|applying|sign|signing)`,
  `${SOMEONE}? grabbed me (a|an|some|the)`,
  `${SOMEONE}? (has|is)? found me (a|an|some|the|another)`,
  `(losing|lost|loss of|death of|passing of|passing) (my|our)? ${PEOPLE} hit me`,
  '(it|this|that|grief|reality|news|loss) (is|has been)? hitting me',
  'stabbed me with (a|the) needle',
  'drinking (a lot|lots|loads|too much|more|plenty|enough|every day|all day) (of )?(water|tea|coffee|fluids|squash|juice|milk)',
  '(i am|i feel|feel|feeling)? (hopeless|useless) (at|with)',
  'take my life (savings|in my hands)',
];
