import { isDecline } from './isDecline.js';
import { normalizeReply } from './normalizeReply.js';

/** Words that work anywhere in a conversation, whatever is being asked. */
export type Command = 'skip' | 'stop' | 'help' | 'checkIn' | 'menu' | 'later';

const COMMANDS: ReadonlyArray<[Command, readonly string[]]> = [
  [
    'skip',
    [
      'skip',
      'pass',
      'skip it',
      'skip this',
      'skip this one',
      'next',
      'next question',
      'rather not say',
      'prefer not to say',
      "i'd rather not say",
      'pass on that one',
    ],
  ],
  ['stop', ['stop', 'stop please', 'cancel', 'quit', 'exit', 'end', 'finish', 'stop check in', 'stop the check in']],
  ['help', ['help', 'help me', 'help please', 'info', 'what do i do', 'what do i say', '?']],
  // Leaves whatever is open: no one can get stuck in a conversation.
  ['menu', ['menu', 'main menu', 'start again', 'start over', 'restart', 'back to start', 'back to the start', 'go back to the start', 'reset']],
  ['checkIn', ['check in', 'checkin', 'check in please', 'start check in', 'start', 'lets check in', 'begin', 'check in now']],
  // Not now, but not stop: the check-in waits for the next allowed time within its window.
  [
    'later',
    [
      'later',
      'not now',
      'not right now',
      'ask me later',
      'ask later',
      'another time',
      'some other time',
      'busy',
      'im busy',
      'busy now',
      'busy right now',
      'bit busy',
      'a bit busy',
      'busy at the moment',
      'cant talk now',
      'cant talk',
      'cant talk right now',
      'cant do it now',
      'cant do this now',
      'not a good time',
      'bad time',
      'not a good time now',
      'later please',
      'maybe later',
      'try later',
      'try again later',
      'text me later',
      'message me later',
      'remind me later',
      'can we do this later',
      'can we do it later',
      'do it later',
      'later on',
      'in a bit',
      'not at the moment',
      'im out',
      'im out at the moment',
      'driving',
      'im driving',
      'at work',
      'im at work',
      'out now',
      'cant now',
    ],
  ],
];

// Said around a command without changing it: "sorry, busy", "skip please x".
const COURTESY = new Set(['sorry', 'please', 'pls', 'plz', 'thanks', 'ta', 'x', 'xx', 'xxx', 'oh', 'ah', 'um', 'er', 'hi', 'love', 'dear', 'atm']);

const lookup = new Map<string, Command>(COMMANDS.flatMap(([command, phrases]) => phrases.map((p) => [normalizeReply(p) || p, command] as const)));

/**
 * The command a whole reply amounts to, if any ("Skip!" → skip; "sorry, busy" → later; "skip the
 * walk" → none). Declining to answer, however it is put, is skip ("I'd rather not say", "mind your own").
 */
export function recognizeCommand(text: string | undefined): Command | null {
  if (!text) return null;
  const normalized = normalizeReply(text);
  const exact = lookup.get(normalized === '' ? text.trim() : normalized);
  if (exact) return exact;
  const bare = normalized
    .split(' ')
    .filter((w) => !COURTESY.has(w))
    .join(' ');
  const command = bare === '' ? null : (lookup.get(bare) ?? null);
  return command ?? (isDecline(text) ? 'skip' : null);
}
