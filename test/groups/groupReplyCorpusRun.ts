import { interpretFitReply, interpretNudgeReply, interpretWentReply, saysNotGoingBack } from '../../dialogs/understanding/interpretGroupReply.js';
import { groupReplyCorpus, type GroupQuestion } from './groupReplyCorpus.js';

/** What a function made of a reply, written as the corpus writes what it should make of it. */
export function heard(question: GroupQuestion, reply: string): string {
  switch (question) {
    case 'nudge': {
      const r = interpretNudgeReply(reply);
      return r.kind === 'not-going' && r.barriers.length > 0 ? `not-going:${r.barriers.join('+')}` : r.kind;
    }
    case 'went': {
      const r = interpretWentReply(reply);
      if (r.kind === 'went') return r.more === undefined ? 'went' : 'went+more';
      return r.kind === 'didnt' && r.barriers.length > 0 ? `didnt:${r.barriers.join('+')}` : r.kind;
    }
    case 'fit':
      return interpretFitReply(reply);
    case 'not-going-back':
      return saysNotGoingBack(reply) ? 'stops' : 'keeps';
  }
}

export interface GroupMiss {
  question: GroupQuestion;
  reply: string;
  expected: string;
  got: string;
}

/** Every reply in the corpus whose reading differs from its label. */
export function groupReplyMisses(question?: GroupQuestion): GroupMiss[] {
  return groupReplyCorpus
    .filter((e) => question === undefined || e.question === question)
    .map((e) => ({ ...e, got: heard(e.question, e.reply) }))
    .filter((m) => m.got !== m.expected);
}

const isYes = (reading: string) => reading === 'going' || reading.startsWith('went');

/**
 * The worst kind of miss: a reply that is not a yes (a reason, a "no", a question back) read as
 * going or went, which answers "enjoy it!" to someone who has just said what got in the way.
 */
export function isFalseYes(miss: Pick<GroupMiss, 'expected' | 'got'>): boolean {
  return isYes(miss.got) && !isYes(miss.expected);
}
