import { normalizeReply } from './normalizeReply.js';

/** Words that work anywhere in a conversation, whatever is being asked. */
export type Command = 'skip' | 'stop' | 'help' | 'checkIn' | 'menu';

const COMMANDS: ReadonlyArray<[Command, readonly string[]]> = [
  ['skip', ['skip', 'pass', 'skip it', 'skip this', 'skip this one', 'next', 'next question', 'rather not say', 'prefer not to say']],
  ['stop', ['stop', 'stop please', 'cancel', 'quit', 'exit', 'end', 'finish', 'stop check in', 'stop the check in']],
  ['help', ['help', 'help me', 'help please', 'info', 'what do i do', 'what do i say', '?']],
  // Leaves whatever is open: no one can get stuck in a conversation.
  ['menu', ['menu', 'main menu', 'start again', 'start over', 'restart', 'back to start', 'back to the start', 'go back to the start', 'reset']],
  ['checkIn', ['check in', 'checkin', 'check in please', 'start check in', 'start', 'lets check in', 'begin', 'check in now']],
];

const lookup = new Map<string, Command>(
  COMMANDS.flatMap(([command, phrases]) => phrases.map((p) => [normalizeReply(p) || p, command] as const)),
);

/** The command a whole reply amounts to, if any ("Skip!" → skip; "skip the walk" → none). */
export function recognizeCommand(text: string | undefined): Command | null {
  if (!text) return null;
  const normalized = normalizeReply(text);
  return lookup.get(normalized === '' ? text.trim() : normalized) ?? null;
}
