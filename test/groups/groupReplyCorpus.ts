/** The group question a reply answers, by the function that reads it. */
export type GroupQuestion = 'nudge' | 'went' | 'fit' | 'not-going-back';

/**
 * What a reply must come to, per question:
 * - nudge: `going`, `not-going` (no reason given, so the barrier menu follows), `not-going:<barrier>+<barrier>`, `unclear`;
 * - went: `went`, `went+more` (how it went was said too, kept), `didnt`, `didnt:<barrier>+…`, `unclear`;
 * - fit: `yes`, `a-bit`, `no`, `unclear`;
 * - not-going-back: `stops` (nudges for that group stop) or `keeps`.
 * Barriers are listed in menu order, as interpretBarrier gives them.
 */
export interface GroupCorpusEntry {
  question: GroupQuestion;
  reply: string;
  expected: string;
}

type Replies = Array<[reply: string, expected: string]>;

// Replies to "Wednesday Walk tomorrow 10:00 at Central Library. Reply 1 if you're going, 2 if
// something's in the way." as clients send them, many from basic phones: typos, txt-speak, kisses,
// "love", a reason instead of a number, and questions back, which must be re-asked, never guessed.
const nudge: Replies = [
  // Going.
  ['1', 'going'], ['1.', 'going'], [' 1 ', 'going'], ['one', 'going'], ['One', 'going'], ['1\uFE0F\u20E3', 'going'], ['1 going', 'going'],
  ['1 - going', 'going'], ['1 x', 'going'], ['1 see you there', 'going'], ['1 but might be a bit late', 'going'],
  ['Yes', 'going'], ['yes', 'going'], ['YES', 'going'], ['Yes x', 'going'], ['yes xx', 'going'], ['Yes love', 'going'], ['yes dear', 'going'],
  ['yes please', 'going'], ['Yes thank you', 'going'], ['yes thanks x', 'going'], ['yep', 'going'], ['Yep!', 'going'], ['yeah', 'going'],
  ['yea', 'going'], ['y', 'going'], ['Y', 'going'], ['aye', 'going'], ['Aye x', 'going'], ['\u{1F44D}', 'going'], ['\u{1F44D}\u{1F44D}', 'going'],
  ['yes \u{1F44D}', 'going'], ['Going', 'going'], ['going', 'going'], ['Going!', 'going'], ['going \u{1F60A}', 'going'], ["I'm going", 'going'],
  ['im going', 'going'], ['Im goin', 'going'], ['yes im going', 'going'], ["Yes I'm going thank you", 'going'], ['yes going thanks', 'going'],
  ["I'll be there", 'going'], ['ill be there', 'going'], ['Ill be ther x', 'going'], ['will be there', 'going'], ['Yes will be there', 'going'],
  ['see you there', 'going'], ['See you there!', 'going'], ['yes see u there', 'going'], ['Yes see you tomorrow', 'going'],
  ['will do', 'going'], ['yep will do', 'going'], ['Definitely', 'going'], ['definately', 'going'], ['of course', 'going'], ['Of course I am', 'going'],
  ['looking forward to it', 'going'], ['Yes looking forward to it', 'going'], ["can't wait", 'going'], ["I'll try", 'going'],
  ["Wouldn't miss it", 'going'], ['wouldnt miss it for the world', 'going'], ['count me in', 'going'], ["I'd love to", 'going'],
  ['yes, if the bus is running', 'going'], ['Yes but I might be late', 'going'], ["I'll try and get there", 'going'],
  ["A bit nervous but I'll go", 'going'], ["my knee's bad but I'll be there", 'going'], ['I will', 'going'], ['yes I will', 'going'],
  ['going to try', 'going'], ["I'm going to go", 'going'], ['Yes I am', 'going'], ['yes i will go', 'going'],
  ["I'll be there if my hip lets me", 'going'], ['ill go if the weather is ok', 'going'], ['going, bus permitting', 'going'],
  ['going if my lift comes', 'going'], ["can't wait to see everyone", 'going'], ["I don't want to miss it", 'going'],
  ['I will be there, no problem', 'going'], ['\u{1F44D} but I might be late', 'going'], ['im going tomorrow', 'going'], ['1 no problem', 'going'],
  // Not going, no reason given: the barrier menu follows.
  ['2', 'not-going'], ['2.', 'not-going'], ['two', 'not-going'], ['Two', 'not-going'], ['2 x', 'not-going'], ['2 sorry', 'not-going'],
  ['no', 'not-going'], ['No', 'not-going'], ['No x', 'not-going'], ['no sorry', 'not-going'], ['no sorry love', 'not-going'],
  ['No thank you', 'not-going'], ['no thanks', 'not-going'], ['nope', 'not-going'], ['nah', 'not-going'], ['N', 'not-going'], ['\u{1F44E}', 'not-going'],
  ['Not this time', 'not-going'], ['not this week', 'not-going'], ['not this time thanks', 'not-going'], ['cant make it this wk', 'not-going'],
  ["can't make it", 'not-going'], ['cannot make it', 'not-going'], ["can't go", 'not-going'], ['cant come', 'not-going'], ['not going', 'not-going'],
  ["I'm not going", 'not-going'], ['im not going this week', 'not-going'], ['no im not going', 'not-going'], ["won't be there", 'not-going'],
  ["I won't be going", 'not-going'], ["I'll not make it", 'not-going'], ['not able to', 'not-going'], ['unable to come sorry', 'not-going'],
  ["I'll give it a miss this week", 'not-going'], ['giving it a miss', 'not-going'], ['afraid not', 'not-going'], ["I'm afraid not", 'not-going'],
  ['sadly not', 'not-going'], ["I don't think so", 'not-going'], ["Don't think I'll make it", 'not-going'], ['not today', 'not-going'],
  ["can't this week", 'not-going'], ['cant tomorrow sorry', 'not-going'], ['not tomorrow', 'not-going'], ['probably not', 'not-going'],
  ["I doubt it", 'not-going'], ["I'm going to miss this one", 'not-going'], ['sorry I cant', 'not-going'], ['Sorry, can\u2019t', 'not-going'],
  ['no not this time', 'not-going'], ['no chance', 'not-going'], ['no, sorry, not this week x', 'not-going'],
  // Not going, with what is in the way.
  ['2 bus', 'not-going:transport'], ['2. Bus', 'not-going:transport'], ['2 - my hip', 'not-going:health-mobility'], ['two, money', 'not-going:cost'],
  ['2 too nervous to go on my own', 'not-going:nervous-anxious'], ['bus didnt come', 'not-going:transport'], ["bus isn't running", 'not-going:transport'],
  ['no lift', 'not-going:transport'], ["can't get there", 'not-going:transport'], ['no, the bus', 'not-going:transport'],
  ['my hip is playing up', 'not-going:health-mobility'], ["no, my knee's bad", 'not-going:health-mobility'], ["Sorry, I'm poorly", 'not-going:health-mobility'],
  ["No I'm full of cold", 'not-going:health-mobility'], ['got the hospital tomorrow', 'not-going:health-mobility'],
  ['I have a bad back', 'not-going:health-mobility'], ['going to the doctors instead', 'not-going:health-mobility'], ['too nervous', 'not-going:nervous-anxious'],
  ['Too nervous x', 'not-going:nervous-anxious'], ["I'm too shy", 'not-going:nervous-anxious'], ['a bit anxious about going on my own', 'not-going:nervous-anxious'],
  ['not going, too anxious', 'not-going:nervous-anxious'], ["cant afford it this week", 'not-going:cost'], ['no money till thursday', 'not-going:cost'],
  ['would love to but cant afford it', 'not-going:cost'], ['looking after my husband', 'not-going:caring'],
  // interpretBarrier knows "had the grandkids", not "got": not going, and the barrier menu follows.
  ['cant, got the grandkids', 'not-going:caring'],
  ['hubby is poorly', 'not-going:caring'], ['feeling a bit low', 'not-going:feeling-low'], ['not feeling up to it', 'not-going:feeling-low'],
  ["no it's been cancelled", 'not-going:not-running-or-full'], ["they're full", 'not-going:not-running-or-full'], ['I would but my knee', 'not-going:health-mobility'],
  ['yes but I cant get there', 'not-going:transport'], ["couldn't hear a thing last time", 'not-going:hearing-noise'],
  ["Didn't feel welcome last time", 'not-going:not-welcome'], ['taxi too dear', 'not-going:transport+cost'],
  ['I am poorly', 'not-going:health-mobility'], ["I'm going to the doctors", 'not-going:health-mobility'], ["yes I'm going to the doctors", 'not-going:health-mobility'], ['ill with flu', 'not-going:health-mobility'],
  // "I have…", "I am…" start like a yes; a reason the barrier reader cannot name is re-asked, never going.
  ['I have the dentist', 'unclear'], ['i am going shopping', 'unclear'], ['yes but my hip is playing up', 'unclear'], ['yes maybe', 'unclear'],
  ['I cant remember where it is', 'unclear'], ['hopefully', 'unclear'],
  // Questions back, shrugs and hedges: re-asked.
  ['what time is it?', 'unclear'], ['What time does it start', 'unclear'], ['who is this', 'unclear'], ['Who is this?', 'unclear'], ['who are you', 'unclear'],
  ['maybe', 'unclear'], ['Maybe x', 'unclear'], ['dunno', 'unclear'], ['idk', 'unclear'], ['not sure', 'unclear'], ['not sure yet', 'unclear'],
  ['might do', 'unclear'], ['possibly', 'unclear'], ['probably', 'unclear'], ['depends on the weather', 'unclear'], ['if the weathers ok', 'unclear'],
  ['where is it?', 'unclear'], ['Where is it again', 'unclear'], ['is it still on?', 'unclear'], ['is it cancelled?', 'unclear'], ['how do I get there?', 'unclear'],
  ['is there parking?', 'unclear'], ['how much is it', 'unclear'], ['can my friend come?', 'unclear'], ['what group?', 'unclear'], ['hello', 'unclear'],
  ['3', 'unclear'], ['0', 'unclear'], ['1 or 2', 'unclear'], ['\u{1F642}', 'unclear'], ['?', 'unclear'], ['purple', 'unclear'],
];

// Replies to "Hello Dorothy, did you make it to Wednesday Walk today? Reply 1 yes, 2 no."
const went: Replies = [
  ['1', 'went'], ['1.', 'went'], ['one', 'went'], ['2', 'didnt'], ['2.', 'didnt'], ['two', 'didnt'], ['2 bus never came', 'didnt:transport'],
  ['yes but I didnt feel welcome', 'went+more'], ["Yes I went, didn't like it", 'went+more'],
  ['lovely', 'went'], ['yes', 'went'], ['Yes', 'went'], ['YES', 'went'], ['Yes x', 'went'], ['yes love', 'went'], ['yes thanks', 'went'], ['Yes thank you', 'went'],
  ['yep', 'went'], ['yeah', 'went'], ['y', 'went'], ['aye', 'went'], ['\u{1F44D}', 'went'], ['Yes \u{1F60A}', 'went'], ['I did', 'went'],
  ['yes I did', 'went'], ['I went', 'went'], ['yes i went', 'went'], ['Went', 'went'], ['made it', 'went'], ['I made it!', 'went'],
  ['did go', 'went'], ['I was there', 'went'], ["I've been", 'went'], ['yes I made it', 'went'], ['yes lovely', 'went'], ['yes I did thanks', 'went'],
  ['Yes, it was lovely thank you', 'went+more'], ['was lovely thank you', 'went+more'], ['yes everyone was very friendly', 'went+more'],
  ['Yes I went but nobody spoke to me', 'went+more'], ['I did but left early', 'went+more'], ['Got there in the end', 'went+more'],
  ['yes, the bus was late but I got there', 'went+more'], ['really enjoyed it thanks', 'went+more'], ['had a lovely time', 'went+more'],
  ['It was great, going again next week', 'went+more'], ['loved it, thank you for asking', 'went+more'], ['Yes, a bit noisy but lovely', 'went+more'],
  ['yes it was good fun', 'went+more'], ['it was really good x', 'went+more'],
  ['no', 'didnt'], ['No', 'didnt'], ['No x', 'didnt'], ['no sorry', 'didnt'], ['no sorry love', 'didnt'], ['nope', 'didnt'], ['nah', 'didnt'],
  ['\u{1F44E}', 'didnt'], ['not this time', 'didnt'], ["didn't go", 'didnt'], ['didnt go', 'didnt'], ["I didn't go", 'didnt'], ["couldn't go", 'didnt'],
  ['didnt make it', 'didnt'], ["I couldn't make it", 'didnt'], ['no I missed it', 'didnt'], ['missed it', 'didnt'], ['never made it', 'didnt'],
  ['sadly not', 'didnt'], ['afraid not', 'didnt'], ['no, not this week', 'didnt'], ['I gave it a miss', 'didnt'], ['not really', 'didnt'],
  ["didn't fancy it", 'didnt'], ['no I didnt sorry', 'didnt'],
  ['bus didnt come', 'didnt:transport'], ["couldn't get there", 'didnt:transport'], ['no lift', 'didnt:transport'],
  ['my hip is playing up', 'didnt:health-mobility'], ['no, my knee', 'didnt:health-mobility'], ['No I was poorly', 'didnt:health-mobility'],
  ['had a fall', 'didnt:health-mobility'], ["didn't go, hip", 'didnt:health-mobility'], ['went to the doctors instead', 'didnt:health-mobility'],
  ['too nervous', 'didnt:nervous-anxious'], ['I bottled it', 'didnt:nervous-anxious'], ["couldn't face it", 'didnt:nervous-anxious'],
  ['It was cancelled', 'didnt:not-running-or-full'], ['no, it was cancelled', 'didnt:not-running-or-full'], ['door was locked', 'didnt:not-running-or-full'],
  ['no the husband was bad', 'didnt:caring'], ['had the grandkids', 'didnt:caring'], ['didnt feel welcome last time', 'didnt:not-welcome'],
  ["couldn't afford it", 'didnt:cost'], ['I have a bad back', 'didnt:health-mobility'], ['I did my back in', 'didnt:health-mobility'],
  ['would have been lovely but the bus never came', 'didnt:transport'], ['yes but it was cancelled', 'didnt:not-running-or-full'],
  ['I got there but it was cancelled', 'didnt:not-running-or-full'], ['went shopping instead', 'didnt'], ['i was ill', 'didnt:health-mobility'],
  ["I'll tell you later", 'unclear'], ['felt too low', 'didnt:feeling-low'], ['no, too noisy last time', 'didnt:hearing-noise'],
  ['what time is it?', 'unclear'], ['who is this', 'unclear'], ['maybe', 'unclear'], ['dunno', 'unclear'], ['which group?', 'unclear'],
  ['what group', 'unclear'], ['when is the next one?', 'unclear'], ['not sure', 'unclear'], ['is it on today?', 'unclear'], ['how do I get there?', 'unclear'],
  ['hello?', 'unclear'], ['sort of', 'unclear'], ['\u{1F642}', 'unclear'], ['?', 'unclear'], ['purple', 'unclear'],
];

// Replies to "Did you feel welcome? Reply 1 yes, 2 a bit, 3 no."
const fit: Replies = [
  ['1', 'yes'], ['1.', 'yes'], ['one', 'yes'], ['1 very', 'yes'], ['yes', 'yes'], ['Yes x', 'yes'], ['yes very', 'yes'], ['very welcome', 'yes'],
  ['yes everyone was lovely', 'yes'], ['they were lovely', 'yes'], ['definitely', 'yes'], ['\u{1F44D}', 'yes'], ['yes thank you', 'yes'],
  ['very much so', 'yes'], ['oh yes', 'yes'], ['Yes they made me feel very welcome', 'yes'], ['everyone was so friendly', 'yes'],
  ['lovely people', 'yes'], ['Yes \u{1F60A}', 'yes'], ['absolutely', 'yes'], ['felt right at home', 'yes'], ['they were very kind', 'yes'], ['yep', 'yes'],
  ['2', 'a-bit'], ['two', 'a-bit'], ['2 - some were nice', 'a-bit'], ['a bit', 'a-bit'], ['abit', 'a-bit'], ['bit', 'a-bit'], ['sort of', 'a-bit'],
  ['kind of', 'a-bit'], ['kinda', 'a-bit'], ['a little', 'a-bit'], ['somewhat', 'a-bit'], ['in parts', 'a-bit'], ['mostly', 'a-bit'],
  ['so so', 'a-bit'], ['yes mostly', 'a-bit'], ['it was ok', 'a-bit'], ['it was alright', 'a-bit'], ['more or less', 'a-bit'],
  ['some were friendly, some not', 'a-bit'], ['they were a bit cliquey', 'a-bit'], ['fairly', 'a-bit'], ['sort of, early days', 'a-bit'],
  ['3', 'no'], ['three', 'no'], ['3 nobody spoke to me', 'no'], ['no', 'no'], ['No x', 'no'], ['not really', 'no'], ['not at all', 'no'], ['nope', 'no'],
  ['no not really', 'no'], ["didn't feel welcome", 'no'], ['no nobody spoke to me', 'no'], ['they ignored me', 'no'], ['felt left out', 'no'],
  ['felt like an outsider', 'no'], ['no one talked to me', 'no'], ['\u{1F44E}', 'no'], ['not much', 'no'], ['they were rude', 'no'],
  ["didn't fit in", 'no'], ['not my cup of tea', 'no'], ['felt out of place', 'no'], ["wasn't very welcoming", 'no'], ["they weren't friendly", 'no'],
  ['very cliquey', 'no'], ['not very', 'no'], ['not nice', 'no'], ['they were nice', 'yes'], ['everyone lovely but a bit cliquey', 'a-bit'],
  ['what do you mean', 'unclear'], ['who is this', 'unclear'], ['dunno', 'unclear'], ["I don't know", 'unclear'], ['maybe', 'unclear'],
  ['why?', 'unclear'], ['4', 'unclear'], ['0', 'unclear'], ['\u{1F642}', 'unclear'], ['purple', 'unclear'],
];

// Whether a reply, to any group question, says the client does not want to go back: nudges for the
// group stop and the link worker is told. One "no" to one session must not stop them.
const notGoingBack: Replies = [
  ['never again', 'stops'], ['Never again!', 'stops'], ['not going back', 'stops'], ["I won't be going back", 'stops'], ["I'm not going again", 'stops'],
  ["don't want to go back", 'stops'], ['I dont wanna go back', 'stops'], ['not for me', 'stops'], ["it's not for me thanks", 'stops'],
  ["I'm not going back there", 'stops'], ["won't be back", 'stops'], ["I won't be returning", 'stops'], ['please stop reminding me', 'stops'],
  ['no more messages about it please', 'stops'], ["I'll not go back", 'stops'], ['never going there again', 'stops'], ["I'll never go back", 'stops'],
  ["I shan't go again", 'stops'], ["No. I won't go again", 'stops'], ['not my cup of tea, won\u2019t go again', 'stops'],
  ['not going', 'keeps'], ['not going this week', 'keeps'], ['no', 'keeps'], ["can't go this week but I'll go back next week", 'keeps'],
  ["I'll go again next week", 'keeps'], ['yes I will go again', 'keeps'], ['Going back next week!', 'keeps'], ['never been before', 'keeps'],
  ['no more buses on a sunday', 'keeps'], ["I'll give it another go", 'keeps'], ['would go again', 'keeps'], ['definitely going back', 'keeps'],
];

const entries = (question: GroupQuestion, replies: Replies): GroupCorpusEntry[] => replies.map(([reply, expected]) => ({ question, reply, expected }));

/** Every labelled reply, by the question it answers. */
export const groupReplyCorpus: readonly GroupCorpusEntry[] = [
  ...entries('nudge', nudge),
  ...entries('went', went),
  ...entries('fit', fit),
  ...entries('not-going-back', notGoingBack),
];
