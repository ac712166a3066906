/**
 * Real English words within a slip or two of a word the screener mends misspellings of
 * ("hotels" is not "hopeless", "subside" is not "suicide"): never mended. Drawn from a 274,000-word
 * English list; test/dialogs/spellingRepairWordList.test.ts fails, naming the word, if one is missing.
 */
export const realWordsNearRiskWords: readonly string[] = [
  'decreased', 'decrewed', 'deepened', 'deepnesses', 'degreased', 'demersed', 'depermed', 'depleted', 'deposed',
  'depraved', 'deprehend', 'depressor', 'emiction', 'evection', 'evections', 'evictor', 'evitation', 'evocation',
  'hobbles', 'hobbyless', 'hockles', 'hoddles', 'holeless', 'homages', 'hombres', 'homelier', 'homely', 'homelyn',
  'homelyns', 'homeoses', 'homered', 'homers', 'homeyness', 'homeys', 'homies', 'homilies', 'homines', 'hominess',
  'hommoses', 'hondles', 'honeyless', 'hoodless', 'hoofless', 'hookless', 'hoopers', 'hooplas', 'hoopless', 'hoopoes',
  'hopers', 'hoppers', 'hoppled', 'hoppler', 'hopplers', 'hopples', 'hormeses', 'hornless', 'horseless', 'hosels',
  'hotels', 'hourless', 'houseless', 'hoveled', 'hovelled', 'hoveller', 'hovellers', 'hovels', 'hoyles', 'od',
  'overbooked', 'overbore', 'overclose', 'overcooked', 'overcooled', 'overdare', 'overdared', 'overdated', 'overdoer',
  'overdog', 'overdogs', 'overdress', 'overdressed', 'overdried', 'overdrove', 'overdubbed', 'overdust', 'overdusted',
  'overdye', 'overdyed', 'overdyes', 'overgoes', 'overgone', 'overhope', 'overhoped', 'overjoyed', 'overlooked',
  'overlove', 'overloved', 'overpassed', 'overpoise', 'overpoised', 'overpost', 'overposted', 'oversowed',
  'overtopped', 'overuse', 'overused', 'overvote', 'overvoted', 'overwise', 'overwore', 'popeless', 'subcode',
  'subside', 'subtidal', 'succade', 'succise', 'suilline', 'sulfide', 'wontless', 'wordless', 'workless', 'wormholes',
  'worthed', 'worthied', 'worthier', 'worthies', 'worthiest', 'worthiness', 'wortles',
];
