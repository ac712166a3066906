import { ConnectionStatus, DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import XHR2 from 'xhr2';

/** xhr2, without its warnings about two headers a browser would not let a page set either (it drops them too). */
class QuietXhr extends XHR2 {
  override setRequestHeader(name: string, value: string): void {
    if (/^(accept-charset|connection)$/i.test(name)) return;
    super.setRequestHeader(name, value);
  }
}

// directlinejs talks through the browser's XMLHttpRequest (rxjs ajax reads the global on each call).
// (So does any axios in this process once it exists: the Twilio client of an app under test too.)
globalThis.XMLHttpRequest ??= QuietXhr;

/** The lower bound directlinejs accepts; anything less falls back to 1000 ms. */
const POLLING_MS = 200;
const WAIT_MS = 5000;

/** What a person sees of one bot message. */
export interface BotMessage {
  /** The message text, or the text blocks of its card, one per line. */
  text: string;
  /** The card's Action.Submit buttons, with the data each one submits. */
  buttons: { title: string; data: unknown }[];
  /** Suggested-action button values ("check in"). */
  suggested: string[];
  activity: Message;
}

/** What tokens/generate answers for a valid chat link. */
export interface IssuedConversation {
  conversationId: string;
  token: string;
  userId: string;
  expires_in: number;
}

/** One client's open web chat, driven through a real botframework-directlinejs client. */
export interface WebChat {
  directLine: DirectLine;
  conversationId: string;
  userId: string;
  /** The conversation token issued for the chat link. */
  token: string;
  /** Type a message. Resolves once the server has run the turn. */
  say(text: string): Promise<void>;
  /** Press the button that submits `value` on the latest card, as an Adaptive Card Action.Submit does. */
  press(value: number): Promise<void>;
  /** The next `n` bot messages not yet read. */
  nextBotMessages(n: number, timeoutMs?: number): Promise<BotMessage[]>;
  /** Read bot messages until one matches `pattern`; returns that one. */
  waitForBotText(pattern: RegExp, timeoutMs?: number): Promise<BotMessage>;
  /** Every bot message not yet read, once all the server holds for this chat have arrived (the history a reopened chat shows). */
  readAll(timeoutMs?: number): Promise<BotMessage[]>;
  end(): void;
}

/** Exchange a chat link's token for a Direct Line conversation, as the chat page does. */
export async function generateToken(url: string, linkToken: string): Promise<Response> {
  return fetch(`${url}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${linkToken}` } });
}

/** The link token inside a chat link (`/chat?t=…`). */
export function linkTokenOf(chatUrl: string): string {
  const token = new URL(chatUrl).searchParams.get('t');
  if (!token) throw new Error(`no link token in ${chatUrl}`);
  return token;
}

/** Open web chat for a chat link token against a running Linkwell, and wait until it is online. */
export async function openChat(url: string, linkToken: string): Promise<WebChat> {
  const generated = await generateToken(url, linkToken);
  if (generated.status !== 200) throw new Error(`tokens/generate answered ${generated.status}: ${await generated.text()}`);
  const issued = (await generated.json()) as IssuedConversation;

  const directLine = new DirectLine({
    token: issued.token,
    domain: `${url}/v3/directline`,
    webSocket: false,
    pollingInterval: POLLING_MS,
    // Node 20 has no global WebSocket, and directlinejs reads it even when polling.
    WebSocket: class {} as unknown as typeof WebSocket,
  });

  const inbox: BotMessage[] = [];
  /** Bot messages received since the chat opened, read or not. */
  let received = 0;
  const waiters = new Set<() => void>();
  let failure: unknown;
  const subscription = directLine.activity$.subscribe({
    next: (activity) => {
      if (!isBotMessage(activity)) return;
      inbox.push(toBotMessage(activity));
      received += 1;
      for (const wake of waiters) wake();
    },
    error: (error: unknown) => {
      failure = error;
      for (const wake of waiters) wake();
    },
  });
  try {
    await waitForStatus(directLine, ConnectionStatus.Online);
  } catch (error) {
    subscription.unsubscribe();
    directLine.end();
    throw error;
  }

  let latestButtons: BotMessage['buttons'] = [];

  /** Resolve when `ready()` returns a value, re-checking as activities arrive (the timer is only a deadline). */
  const until = <T>(ready: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        if (failure) return finish(() => reject(failure));
        const value = ready();
        if (value !== undefined) finish(() => resolve(value));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; unread: ${JSON.stringify(inbox.map((m) => m.text))}`))),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });

  const take = (count: number) => {
    const taken = inbox.splice(0, count);
    for (const message of taken) if (message.buttons.length > 0) latestButtons = message.buttons;
    return taken;
  };

  const post = (activity: Partial<Message>) =>
    new Promise<void>((resolve, reject) => {
      directLine.postActivity({ type: 'message', from: { id: issued.userId }, ...activity } as Message).subscribe({
        next: (id: string) => (id === 'retry' ? reject(new Error('Direct Line asked to retry the post')) : resolve()),
        error: reject,
      });
    });

  return {
    directLine,
    conversationId: issued.conversationId,
    userId: issued.userId,
    token: issued.token,
    say: (text) => post({ text }),
    press: (value) => {
      // A person can only press what the last card they read shows.
      const button = latestButtons.find((b) => (b.data as { value?: unknown }).value === value);
      if (!button) return Promise.reject(new Error(`the latest card has no button for ${value}: ${JSON.stringify(latestButtons)}`));
      return post({ value: button.data as object });
    },
    nextBotMessages: (n, timeoutMs = WAIT_MS) => until(() => (inbox.length >= n ? take(n) : undefined), `${n} bot message(s)`, timeoutMs),
    waitForBotText: (pattern, timeoutMs = WAIT_MS) =>
      until(
        () => {
          const at = inbox.findIndex((m) => pattern.test(m.text));
          return at === -1 ? undefined : take(at + 1).at(-1);
        },
        `a bot message matching ${pattern}`,
        timeoutMs,
      ),
    readAll: async (timeoutMs = WAIT_MS) => {
      // Everything the server holds for this chat now (the turn run on opening it is kept before the
      // chat is online): read as the page's own first poll reads it, from the start.
      const res = await fetch(`${url}/v3/directline/conversations/${issued.conversationId}/activities`, {
        headers: { Authorization: `Bearer ${issued.token}` },
      });
      if (res.status !== 200) throw new Error(`reading the chat's activities answered ${res.status}: ${await res.text()}`);
      const held = ((await res.json()) as { activities: Activity[] }).activities.filter(isBotMessage).length;
      return until(() => (received >= held ? take(inbox.length) : undefined), `the ${held} bot message(s) the server holds`, timeoutMs);
    },
    end: () => {
      subscription.unsubscribe();
      directLine.end();
    },
  };
}

function isBotMessage(activity: Activity): activity is Message {
  return activity.type === 'message' && activity.from.role === 'bot';
}

function toBotMessage(activity: Message): BotMessage {
  const card = activity.attachments?.[0] as { content?: CardContent } | undefined;
  const blocks = (card?.content?.body ?? []).filter((b) => b.type === 'TextBlock').map((b) => b.text ?? '');
  return {
    text: [activity.text ?? '', ...blocks].filter((t) => t !== '').join('\n'),
    buttons: (card?.content?.actions ?? []).filter((a) => a.type === 'Action.Submit').map((a) => ({ title: a.title ?? '', data: a.data })),
    suggested: (activity.suggestedActions?.actions ?? []).map((a) => String(a.value)),
    activity,
  };
}

interface CardContent {
  body?: { type: string; text?: string }[];
  actions?: { type: string; title?: string; data?: unknown }[];
}

/** Resolve once Direct Line reaches `wanted` (the timer is only a deadline). */
function waitForStatus(directLine: DirectLine, wanted: ConnectionStatus): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`Direct Line did not reach ${ConnectionStatus[wanted]} (now ${ConnectionStatus[directLine.connectionStatus$.getValue()]})`));
    }, WAIT_MS);
    const subscription = directLine.connectionStatus$.subscribe((status) => {
      if (status === wanted) {
        clearTimeout(timer);
        // Unsubscribing inside the first synchronous emission is not possible yet: defer it.
        queueMicrotask(() => subscription.unsubscribe());
        resolve();
      } else if (status === ConnectionStatus.FailedToConnect || status === ConnectionStatus.Ended) {
        clearTimeout(timer);
        queueMicrotask(() => subscription.unsubscribe());
        reject(new Error(`Direct Line could not connect (${ConnectionStatus[status]})`));
      }
    });
  });
}
