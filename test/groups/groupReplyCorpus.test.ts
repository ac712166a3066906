import { expect } from 'chai';
import { groupReplyCorpus, type GroupQuestion } from './groupReplyCorpus.js';
import { groupReplyMisses, heard, isFalseYes } from './groupReplyCorpusRun.js';

const QUESTIONS: ReadonlyArray<[GroupQuestion, string]> = [
  ['nudge', 'interpretNudgeReply'],
  ['went', 'interpretWentReply'],
  ['fit', 'interpretFitReply'],
  ['not-going-back', 'saysNotGoingBack'],
];

const show = (misses: ReadonlyArray<{ reply: string; expected: string; got: string }>) =>
  misses.map((m) => `${JSON.stringify(m.reply)}: expected ${m.expected}, got ${m.got}`);

describe('group replies over the reply corpus', () => {
  it('holds at least 250 labelled replies, some for every question', () => {
    expect(groupReplyCorpus.length).to.be.at.least(250);
    for (const [question] of QUESTIONS) expect(groupReplyCorpus.filter((e) => e.question === question).length, question).to.be.at.least(30);
  });

  for (const [question, name] of QUESTIONS) {
    it(`${name} reads every reply as labelled`, () => {
      expect(show(groupReplyMisses(question))).to.deep.equal([]);
    });
  }

  it('never reads a reason, a "no" or a question back as going or went', () => {
    const falseYes = groupReplyCorpus
      .filter((e) => e.question === 'nudge' || e.question === 'went')
      .map((e) => ({ ...e, got: heard(e.question, e.reply) }))
      .filter(isFalseYes);
    expect(show(falseYes)).to.deep.equal([]);
  });

  it('stops nudges only when the client says so: no other reply to any question does', () => {
    const stopping = groupReplyCorpus
      .filter((e) => e.question !== 'not-going-back')
      .map((e) => ({ reply: e.reply, expected: 'keeps', got: heard('not-going-back', e.reply) }))
      .filter((m) => m.got !== 'keeps');
    expect(show(stopping)).to.deep.equal([]);
  });

  it('never reads "I do not want to go back" as going, or as went', () => {
    const going = groupReplyCorpus
      .filter((e) => e.question === 'not-going-back' && e.expected === 'stops')
      .flatMap((e) => [
        { reply: e.reply, expected: 'not going', got: heard('nudge', e.reply) },
        { reply: e.reply, expected: 'not went', got: heard('went', e.reply) },
      ])
      .filter((m) => m.got === 'going' || m.got.startsWith('went'));
    expect(show(going)).to.deep.equal([]);
  });
});
