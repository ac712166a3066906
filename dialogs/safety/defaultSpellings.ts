/**
 * Text-speak, contractions typed without an apostrophe, and misspellings edit distance would not
 * mend (short words, or two slips), each to the words meant. Keys of two or three words join words
 * split apart ("my self", "n e more"). Repeated letters need no entry: "killl" reads as "kill".
 */
export const defaultSpellings: Readonly<Record<string, string>> = {
  // Contractions without their apostrophe.
  dont: 'do not', dnt: 'do not', doesnt: 'does not', dosnt: 'does not', didnt: 'did not', didn: 'did not',
  cant: 'can not', cnt: 'can not', carnt: 'can not', cannot: 'can not', couldnt: 'could not', cudnt: 'could not',
  wont: 'will not', wouldnt: 'would not', wudnt: 'would not', wouldn: 'would not', shouldnt: 'should not',
  isnt: 'is not', wasnt: 'was not', arent: 'are not', aint: 'am not', havent: 'have not', havnt: 'have not',
  hasnt: 'has not', hadnt: 'had not', im: 'i am', ive: 'i have', id: 'i would', ill: 'i will', hes: 'he is',
  shes: 'she is', theyre: 'they are', theyll: 'they will', youre: 'you are', whats: 'what is', wats: 'what is',
  // Text-speak.
  u: 'you', r: 'are', '2': 'to', b: 'be', '2day': 'today', '2nite': 'tonight', '2night': 'tonight', tonite: 'tonight',
  wanna: 'want to', wana: 'want to', wna: 'want to', wnna: 'want to', wan: 'want', wnt: 'want',
  gonna: 'going to', gona: 'going to', gna: 'going to', gunna: 'going to', gnna: 'going to', gotta: 'got to',
  tryna: 'trying to', goin: 'going', bein: 'being', thinkin: 'thinking', fink: 'think', finking: 'thinking',
  bout: 'about', abt: 'about', cos: 'because', coz: 'because', cuz: 'because', bc: 'because', wud: 'would',
  wld: 'would', cud: 'could', shud: 'should', wiv: 'with', wif: 'with', nuthin: 'nothing', nothin: 'nothing',
  nuffin: 'nothing', ppl: 'people', evry1: 'everyone', every1: 'everyone', sum1: 'someone',
  some1: 'someone', no1: 'nobody', noone: 'nobody', 'no one': 'nobody', any1: 'anyone', 'any more': 'anymore',
  'n e more': 'anymore', nemore: 'anymore', anymor: 'anymore', nomore: 'no more', betta: 'better', beta: 'better',
  luv: 'love', pls: 'please', plz: 'please', rn: 'right now', tmrw: 'tomorrow', '2moro': 'tomorrow', '2morrow': 'tomorrow',
  // Ways of saying it that screening must read.
  kms: 'kill myself', kys: 'kill yourself', unalive: 'kill', unaliving: 'killing', unalived: 'killed',
  sewerslide: 'suicide', 'sewer slide': 'suicide', suicied: 'suicide', suiced: 'suicide', od: 'overdose',
  oding: 'overdosing', selfharm: 'self harm', selfharming: 'self harming', selfharmed: 'self harmed',
  'self harmd': 'self harmed', slef: 'self', 'my self': 'myself', meself: 'myself', miself: 'myself', myslf: 'myself',
  mysef: 'myself', mysel: 'myself', mslf: 'myself', killin: 'killing', kiling: 'killing', kll: 'kill',
  dyin: 'dying', ded: 'dead', cuttin: 'cutting', hurtin: 'hurting', harmin: 'harming', drinkin: 'drinking',
  'over dose': 'overdose', tabs: 'tablets', meds: 'medication', paracetomol: 'paracetamol',
  foodbank: 'food bank', foodbanks: 'food bank', lyf: 'life', lyfe: 'life', killmyself: 'kill myself', kilmyself: 'kill myself',
  livin: 'living', hav: 'have', '4ever': 'forever', '4eva': 'forever', dis: 'this', dat: 'that', dei: 'die',
  cba: 'can not be bothered', arsed: 'bothered', wivout: 'without', witout: 'without', wihout: 'without', 'is been': 'has been',
};
