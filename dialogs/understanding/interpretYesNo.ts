import { answerTokens } from './answerTokens.js';

/** What a reply to a yes/no question ("Did you go to the choir?") meant; `unclear` is re-asked. */
export type YesNo = 'yes' | 'no' | 'unclear';

const phrases = (list: string[]) => new Set(list.map((p) => answerTokens(p).join(' ')));

const YES = phrases([
  'yes',
  'yess',
  'yass',
  'y',
  'ye',
  'yep',
  'yeah',
  'yea',
  'ya',
  'yah',
  'yup',
  'yus',
  'yh',
  'aye',
  'yes please',
  'ok',
  'okay',
  'k',
  'kk',
  'sure',
  'of course',
  'definitely',
  'certainly',
  'absolutely',
  'indeed',
  'correct',
  'right',
  'thats right',
  'that is right',
  'i did',
  'did',
  'yes i did',
  'i went',
  'went',
  'yes i went',
  'i do',
  'i have',
  'i am',
  'why not',
  'go on',
  'go on then',
  'alright',
  'all right',
  'sounds good',
  'yes thanks',
  'yes thank you',
  'yes ok',
  'ok then',
  'i did yes',
  'yes indeed',
  'yes definitely',
  'yes of course',
  'yes sure',
  'sure thing',
  'thumbs up',
]);

const NO = phrases([
  'no',
  'noo',
  'n',
  'nope',
  'nah',
  'na',
  'naw',
  'nay',
  'no thanks',
  'no thank you',
  'no ta',
  'not really',
  'not at all',
  'never',
  'i didnt',
  'didnt',
  'did not',
  'i did not',
  'no i didnt',
  'no i did not',
  'i didnt go',
  'didnt go',
  'not this time',
  'not today',
  'not yet',
  'no way',
  'certainly not',
  'definitely not',
  'i couldnt',
  'couldnt',
  'couldnt go',
  'i couldnt go',
  'i missed it',
  'missed it',
  'no i missed it',
  'wasnt able to',
  'i wasnt able to',
  'no chance',
  'no not really',
  'not this week',
  'no sorry',
  'sorry no',
  'no i couldnt',
  'afraid not',
  'im afraid not',
  'i dont',
  'dont',
  'no i dont',
  'i havent',
  'havent',
  'no i havent',
  'not me',
  'no not yet',
  'no not today',
]);

const words = (list: string) => new Set(list.split(' '));
// Words that turn either answer into a maybe, or into both ("idk" arrives as "i dont know").
const DOUBT = words('maybe perhaps sort kind kinda sorta half partly unsure know depends might possibly probably sometimes sure instead rather');
const NOT_YES = words('no nope nah not never didnt dont cant couldnt wasnt wont n havent');
const NOT_NO = words('yes yeah yep yup y aye ok okay');
const FILLERS = words('um umm er erm oh ah well hi hello thanks thank you x xx xxx lol tbh honestly haha mate love dear');

/** Yes, no or unclear, from a whole reply: "yep", "Yes please!", "👍" are yes; "nah", "not really", "no thanks" no. */
export function interpretYesNo(text: string): YesNo {
  const thumbs = /\u{1F44D}|\u2705|\u2714|\u{1F44C}/u.test(text);
  const down = /\u{1F44E}|\u274C|\u2716/u.test(text);
  const tokens = answerTokens(text).filter((t) => !FILLERS.has(t));
  if (tokens.length === 0) return thumbs === down ? 'unclear' : thumbs ? 'yes' : 'no';
  const whole = tokens.join(' ');
  const said = YES.has(whole) ? 'yes' : NO.has(whole) ? 'no' : leading(tokens);
  if (said === 'unclear' || (said === 'yes' && down) || (said === 'no' && thumbs)) return 'unclear';
  return said;
}

/** A yes or no said first, then more that does not take it back ("yes I went on Tuesday"). */
function leading(tokens: readonly string[]): YesNo {
  for (let length = Math.min(3, tokens.length - 1); length >= 1; length--) {
    const lead = tokens.slice(0, length).join(' ');
    const said = YES.has(lead) ? 'yes' : NO.has(lead) ? 'no' : null;
    if (!said) continue;
    const rest = tokens.slice(length);
    const against = said === 'yes' ? NOT_YES : NOT_NO;
    if (rest.some((t) => DOUBT.has(t) || against.has(t))) return 'unclear';
    return said;
  }
  return 'unclear';
}
