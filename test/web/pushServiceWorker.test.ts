import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { expect } from 'chai';

const ORIGIN = 'https://linkwell.example.org';
const SOURCE = readFileSync(new URL('../../bot/channels/web/push/sw.js', import.meta.url), 'utf8');

type Listener = (event: Record<string, unknown>) => void;

/**
 * bot/channels/web/push/sw.js run as a browser runs it, in a scope of its own with the parts of the service
 * worker global it uses: events, the Cache API (in memory), notifications and window clients.
 */
function serviceWorker(openWindows: string[] = []) {
  const listeners = new Map<string, Listener>();
  const cached = new Map<string, Response>();
  const shown: Array<{ title: string; options: { body: string; icon: string; tag: string; data: { url: string } } }> = [];
  const opened: string[] = [];
  const focused: string[] = [];
  const self = {
    location: new URL(`${ORIGIN}/chat/sw.js`),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    skipWaiting: async () => {},
    registration: {
      showNotification: async (title: string, options: (typeof shown)[number]['options']) => {
        shown.push({ title, options });
      },
    },
    clients: {
      claim: async () => {},
      matchAll: async () => openWindows.map((url) => ({ url, focus: async () => focused.push(url) })),
      openWindow: async (url: string) => opened.push(url),
    },
  };
  const caches = {
    open: async () => ({
      put: async (key: string, response: Response) => void cached.set(key, response.clone()),
      match: async (key: string) => cached.get(key)?.clone(),
    }),
  };
  runInNewContext(SOURCE, { self, caches, Response, URL, fetch: async () => new Response('from the network') });

  /** Dispatch an event and wait for what it asked the browser to wait for. */
  async function dispatch(type: string, fields: Record<string, unknown> = {}): Promise<unknown> {
    const waits: Array<Promise<unknown>> = [];
    let responded: Promise<unknown> | undefined;
    listeners.get(type)!({ ...fields, waitUntil: (p: Promise<unknown>) => waits.push(p), respondWith: (p: Promise<unknown>) => (responded = p) });
    await Promise.all(waits);
    return responded;
  }
  const push = (data?: string) => dispatch('push', data === undefined ? { data: null } : { data: { json: () => JSON.parse(data) as unknown } });
  const click = (url = '/chat') => dispatch('notificationclick', { notification: { data: { url }, close: () => {} } });
  const tell = (chatUrl: unknown) => dispatch('message', { data: { chatUrl } });
  const navigate = async (url: string) => (await dispatch('fetch', { request: { url, mode: 'navigate' } })) as Response | undefined;
  return { push, click, tell, navigate, shown, opened, focused };
}

describe('the web chat service worker (sw.js)', () => {
  it('shows the pushed words, with the icon, as the one Linkwell notification', async () => {
    const sw = serviceWorker();
    await sw.push(JSON.stringify({ title: 'Linkwell', body: 'Linkwell has a message for you', url: '/chat' }));
    expect(sw.shown).to.deep.equal([
      { title: 'Linkwell', options: { body: 'Linkwell has a message for you', icon: '/chat/icon-192.png', tag: 'linkwell', data: { url: `${ORIGIN}/chat` } } },
    ]);
  });

  it('falls back to "Linkwell has a check-in for you" for an empty or unreadable push', async () => {
    const sw = serviceWorker();
    await sw.push();
    await sw.push('not json');
    await sw.push(JSON.stringify({ title: '', body: 42, url: 'https://elsewhere.example.com/' }));
    expect(sw.shown.map((s) => [s.title, s.options.body, s.options.data.url])).to.deep.equal(
      Array(3).fill(['Linkwell', 'Linkwell has a check-in for you', '/chat']),
    );
  });

  it('opens the last chat the page told it about when a notification is pressed and no chat is open', async () => {
    const sw = serviceWorker([`${ORIGIN}/staff/home`]);
    await sw.tell(`${ORIGIN}/chat?t=v1.link-token`);
    await sw.click();
    expect(sw.opened).to.deep.equal([`${ORIGIN}/chat?t=v1.link-token`]);
    expect(sw.focused).to.deep.equal([]);
  });

  it('focuses a chat already open instead of opening another', async () => {
    const sw = serviceWorker([`${ORIGIN}/chat?t=v1.link-token`]);
    await sw.click();
    expect(sw.focused).to.deep.equal([`${ORIGIN}/chat?t=v1.link-token`]);
    expect(sw.opened).to.deep.equal([]);
  });

  it('opens /chat when it was never told a chat URL, and ignores a URL that is not this chat', async () => {
    const sw = serviceWorker();
    await sw.tell('https://elsewhere.example.com/chat?t=x');
    await sw.tell(`${ORIGIN}/staff/home`);
    await sw.click();
    expect(sw.opened).to.deep.equal([`${ORIGIN}/chat`]);
  });

  it('starts the installed app (/chat, no token) at the last chat; other pages go to the network untouched', async () => {
    const sw = serviceWorker();
    expect(await (await sw.navigate(`${ORIGIN}/chat`))?.text()).to.equal('from the network');
    await sw.tell(`${ORIGIN}/chat?t=v1.link-token`);
    const started = await sw.navigate(`${ORIGIN}/chat`);
    expect([started?.status, started?.headers.get('location')]).to.deep.equal([302, `${ORIGIN}/chat?t=v1.link-token`]);
    expect(await sw.navigate(`${ORIGIN}/chat?t=v1.other`)).to.equal(undefined);
    expect(await sw.navigate(`${ORIGIN}/chat/manifest.webmanifest`)).to.equal(undefined);
  });
});
