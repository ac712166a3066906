import { OTHER_SELF, PEOPLE, SOMEONE, SOMEONE_ELSE } from './lexiconWords.js';
import type { RiskPhrase } from './riskLexicon.js';

const phrases = (category: string, list: string[], overrides = false): RiskPhrase[] =>
  list.map((phrase) => ({ phrase, tier: 'same-day', category, ...(overrides ? { overrides: true } : {}) }));

/** Abuse, violence, threats, not safe at home, someone else at risk now: a person acts the same day. */
export const sameDayPhrases: RiskPhrase[] = [
  ...phrases('violence', [
    `${SOMEONE} (hit|hits|hurt|hurts|beat|beats|kicked|kicks|punched|punches|pushed|pushes|bit|bites|slapped|slaps|shoved|strangled|choked|attacked|assaulted|grabbed|grabs|kick|punch|slap|push|shove|strangle|choke|attack|thumped|battered) me`,
    '(hits|beats|beaten|beating|punches|punching|kicks|kicking|slaps|slapping|shoves|shoving|strangles|strangling|chokes|choking|throttled|throttles|attacks|attacking|assaults|assaulting|batters|battering|thumps|thumping|hitting) me',
    `${SOMEONE} (is|keeps|has been|was|kept|been)? hurting me`,
    `(threatened|threatens|threatening) (to )?(kill|hurt|hit|harm|stab|beat|throw|put|smash|burn) me`,
    '(threatened|threatens|threatening) me',
    `${SOMEONE} (will|would|is going to|going to|said he would|said she would|says he will|says she will|tried to|wants to|is trying to|could) (kill|hurt|hit|beat|batter|harm) me`,
    '(throws|threw|throwing|thrown) (things|stuff|plates|cups|objects|a plate|a cup) at me',
    '(hell|hed) kill me',
    `${SOMEONE} (has|had|got|pulled|grabbed|carries|came at me with) (a|the) (knife|gun|weapon|hammer)`,
    'came at me',
    `(i will|i am going to|going to|i want to|want to|going) (kill|hurt|stab|batter|strangle|punch|hit|attack) (him|her|them|someone|somebody|my? ${PEOPLE})`,
  ]),
  ...phrases('abuse', [
    '(being|been|am|was|were|is|get|got|getting) (abused|beaten|battered|raped|assaulted|attacked|threatened|bullied)',
    '(abuses|abusing|abused) me',
    'domestic (abuse|violence)',
    `(abusive|violent|controlling) ${PEOPLE}`,
    `${SOMEONE} (is|gets|can be|has been|was|becomes) (very|so|really)? (abusive|violent|aggressive|controlling)`,
    '(will not|would not|does not|never) let me (out|leave the house|go out|see my (friends|family|children|kids|grandchildren)|have my (money|phone|pension|bank card)|use the phone)',
    '(raped|rape|sexually assaulted|sexually abused)',
    'touched me (inappropriately|down there|where)',
    `${SOMEONE} (will not|does not|never|would not|did not) let me (out|leave|go out|go|see|have|use|talk|speak|phone|ring|call|eat|sleep)`,
    `${SOMEONE} (controls|decides) (everything|what i do|where i go|who i see|my life)`,
    `${SOMEONE} (takes|took|taken|taking|stole|steals|stealing|stolen|spends|spent|spending) my (money|pension|benefits|bank card|card|cards|savings|purse|wallet)`,
    '(is|has been|keeps|been|are) (taking|stealing|spending) (all )?my (money|pension|benefits|savings)',
    'walking on eggshells',
    '(taking|stealing|took|stole|steals|takes|taken|stolen) money (from|out of) (my|me)',
    '(taking|takes|took|taken) advantage of me',
  ]),
  ...phrases('unsafe-at-home', [
    `(scared|afraid|frightened|terrified|petrified) (to death )?of ${SOMEONE_ELSE}`,
    '(scared|afraid|frightened|terrified|petrified) of what (he|she|they) (will|might|would|could) do',
    '(scared|afraid|frightened|terrified|petrified) (to go|of going|to be) (home|back home|at home|in the house|alone with (him|her|them))',
    '(not|never) (feel )?safe (at home|in my own? (home|house|flat)|in the house|here|with (him|her|them))',
    '(unsafe|in danger) (at home|in my own? (home|house|flat)|here|with (him|her|them))',
    'feel (unsafe|in danger)',
    `${SOMEONE} (has|is)? (found|followed|following|stalking|tracked|tracking) me`,
    'found out where i (live|am|am living|am staying)',
    `(hide|hiding|hid) from ${SOMEONE_ELSE}`,
    `${SOMEONE} (knows|found out|has found out) where i (live|am)`,
    `${SOMEONE} (locks|locked|lock|locking|shut|shuts) me (in|out)`,
    '(locks|locking) me (in|out)',
    `${SOMEONE} (kicked|threw|thrown|throws|kicks|put|chucked) me out`,
  ]),
  ...phrases('neglect', [
    '(carer|carers) (did not|never|has not|have not|does not|do not|will not|would not) (come|turn up|came|feed me|wash me|help me|give me my (tablets|medication|medicine))',
    '(left|leaves|leave|leaving) me (alone )?(without|with no) (food|water|heating|my tablets|my medication|money)',
  ]),
  // Someone else at risk now: the client is not, but a person should hear of it today. Each re-reads
  // words that would otherwise read as the client's own ("my son is suicidal").
  ...phrases(
    'others-at-risk',
    [
      `(kill|killing|kills|hurt|hurting|hurts|harm|harming|harms|cut|cutting|cuts) ${OTHER_SELF}`,
      `${SOMEONE} (is|has been|was|keeps|feels|feeling|felt|been|seems|gets)? (suicidal|self harming)`,
      `${SOMEONE} (is|has been|was|keeps|been)? talking about (suicide|ending it|ending his life|ending her life|dying)`,
      `${SOMEONE} (wants|wanted|tried|tries|trying|threatened|threatens|threatening|planning|plans) to (die|end (his|her|their) life)`,
      '(tried|tries|trying|threatened|threatens|threatening|planning|plans) to end (his|her|their) life',
      `${SOMEONE} (has|had)? (took|taken|had) (an|a) (overdose|od)`,
      `${SOMEONE} (has )?overdosed`,
    ],
    true,
  ),
];
