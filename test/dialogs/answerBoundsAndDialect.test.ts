import { items, table } from './answerTable.js';

const { ucla, ons, k6, ons4, happiness, anxiety, health, groups } = items;

// Replies written for these rules (not taken from any corpus): what a client would notice is the
// coded answer, or being asked again rather than having a guess recorded.
describe('interpretReply', () => {
  describe('an answer said as a bound or a leaning is re-asked, never taken as that answer', () => {
    table(ucla, [
      ['sometimes, maybe more', '?'],
      ['sometimes or more', '?'],
      ['at least sometimes', '?'],
      ['sometimes at most', '?'],
      ['closer to often', '?'],
      ['more often', '?'],
      ['less often', '?'],
      ['sometimes, if not more', '?'],
      ['now and again, possibly more', '?'],
      ['more often than not', 3],
      ['sometimes, more or less', 2],
      ['never any more', 1],
    ]);
    table(ons, [
      ['rarely if not never', '?'],
      ['hardly ever, maybe less', '?'],
      ['nearer sometimes', '?'],
    ]);
    table(k6, [
      ['often if not always', '?'],
      ['a little, maybe more', '?'],
    ]);
    table(ons4, [
      ['7 or more', '?'],
      ['6 or less', '?'],
      ['8 at best', '?'],
      ['4 at worst', '?'],
      ['7 at least', '?'],
      ['5 if that', '?'],
      ['closer to 7', '?'],
      ['nearer 8', '?'],
      ['6 or higher', '?'],
      ['7 plus', '?'],
      ['usually 6 but less today', '?'],
      ['7 if not 8', '?'],
      ['7, more or less', 7],
      ['about 7', 7],
    ]);
    table(health, [
      ['better than average', '?'],
      ['above average', '?'],
      ['below average', '?'],
      ['good verging on very good', '?'],
      ['low to middling', '?'],
      ['average', 3],
    ]);
    table(groups, [
      ['2 plus the church', '?'],
      ['3 or more', '?'],
    ]);
  });

  describe('"if not" offers both answers', () => {
    table(ucla, [
      ['often if not always', 3],
      ['hardly ever if not never', 1],
    ]);
    table(ons, [
      ['often if not always', 1],
      ['sometimes if not often', '?'],
    ]);
  });

  describe('a range joined to a count of something else is that count, not an answer', () => {
    table(ons4, [
      ['2 or 3 times a week', '?'],
      ['1 to 2 a day', '?'],
      ['2-3 a week', '?'],
      ['2 - 3 times a week', '?'],
    ]);
    table(groups, [
      ['1 or 2 times a month', '?'],
      ['2 or 3', '?'],
      ['6 1/2', '?'],
    ]);
    table(happiness, [
      ['5 1/2', '?'],
      ['5', 5],
    ]);
  });

  describe('"OK" as one end of a range is a range', () => {
    table(health, [
      ['ok to good', '?'],
      ['fair or ok', '?'],
      ['ok, good', 2],
      ['fine, good', 2],
    ]);
  });

  describe('a sum said last is the answer', () => {
    table(groups, [
      ['I was in 4 but dropped one so 3', 3],
      ['choir and 2 walking groups, which makes 3', 3],
      ['2 or 3, so 3', 3],
      ['had 3 but stopped 2 so 1 now', 1],
      ['2 or so maybe 3', '?'],
    ]);
    table(ons4, [['6 or 7, so 6', 6]]);
  });

  describe('a number said of the past is passed over', () => {
    table(groups, [
      ['4 last year, 2 now', 2],
      ['5 before the pandemic but 1 now', 1],
      ['1 now, last year 3', 1],
    ]);
    table(ons4, [
      ['8, last week 4', 8],
      ['3 last month, 6 now', 6],
    ]);
    table(happiness, [['yesterday was a 7', 7]]);
  });

  describe('how many of something is not how often', () => {
    table(ons, [
      ['never, I have lots of friends', 5],
      ['hardly ever, plenty of company here', 4],
      ['lots of the time', 1],
    ]);
    table(ucla, [
      ['often, a lot of people have moved away', 3],
      ['loads of the time', 3],
    ]);
  });

  describe('"one" after an answer is that answer', () => {
    table(ucla, [
      ['the often one', 3],
      ['sometimes one', 2],
      ['the hardly ever one', 1],
    ]);
    table(ons, [
      ['the occasionally one', 3],
      ['the never one', 5],
    ]);
    table(groups, [
      ['one', 1],
      ['just one', 1],
    ]);
  });

  describe('dialect words for how often and how much', () => {
    table(ucla, [
      ['maist o the time', 3],
      ['maist days', 3],
      ["a' the time", 3],
      ['dead often', 3],
      ['ower often', 3],
      ['reet often', 3],
      ['nowt', 1],
      ['all the while', 3],
      ['dinnae ken', '?'],
    ]);
    table(ons, [
      ['noo and again', 3],
      ['every noo and then', 3],
      ['hardly ivver', 4],
      ['the odd wee time', 3],
      ['now an then', 3],
      ['noo', 5],
    ]);
    table(k6, [
      ['nowt', 0],
      ['nowt really', 0],
      ['no much', 1],
      ['no very often', 1],
    ]);
    table(ons4, [['nil', 0]]);
    table(groups, [
      ['jist the wan', 1],
      ['nobbut one', 1],
    ]);
    table(health, [
      ['no too bad', '?'],
      ['no great', 4],
    ]);
  });

  describe('emphasis and text-speak around an answer', () => {
    table(ucla, [
      ['all the flippin time', 3],
      ['bloody often', 3],
      ['ofc never', 1],
    ]);
    table(ons, [
      ['lyk sometimes', 2],
      ['nopes', 5],
    ]);
  });

  describe('frequency words beyond the labels', () => {
    table(ucla, [
      ['rare', 1],
      ['constant', 3],
      ['frequent', 3],
      ['occasional', 2],
      ['not all that often', 1],
    ]);
    table(ons, [
      ["it's rare", 4],
      ['very rare', 4],
      ['occasional', 3],
      ['on rare occasions', 4],
      ['not all that often', '?'],
    ]);
    table(k6, [
      ['most of the month', 3],
      ['all month', 4],
      ['the whole month', 4],
      ['most time', 3],
      ['some time', 2],
      ['little bit of the time', 1],
      ['all the times', 4],
      ['not hopeless at all', 0],
    ]);
  });

  describe('a scale end in other words', () => {
    table(ons4, [
      ['totally', 10],
      ['fully', 10],
      ['entirely', 10],
      ['totally 7', '?'],
      ['none', '?'],
    ]);
    table(anxiety, [
      ['none', '?'],
      ['not in the slightest', 0],
    ]);
  });

  describe('second-language English', () => {
    table(ons4, [
      ['7 of 10', 7],
      ['6 over 10', 6],
      ['eight on ten', 8],
      ['7 points of 10', 7],
    ]);
    table(ucla, [
      ['I choose sometimes', 2],
      ['it is happen sometimes', 2],
      ['I am feel left out some time', 2],
    ]);
    table(ons, [['I pick never', 5]]);
  });

  describe('declining in other words skips the item', () => {
    table(ons4, [
      ["I don't want to give a number", 'skip'],
      ["don't want to rate it", 'skip'],
      ["I'd rather not score it", 'skip'],
      ["I'd rather not put a number on it", 'skip'],
    ]);
    table(ucla, [
      ["I'd sooner not say", 'skip'],
      ["I'd sooner not go out", '?'],
      ["I don't want to give up", '?'],
    ]);
  });

  describe('"both" is a variation only when it is not counting', () => {
    table(groups, [['2, I love them both', 2]]);
    table(ucla, [
      ['both', '?'],
      ['a bit of both', '?'],
    ]);
  });
});
