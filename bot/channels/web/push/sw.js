// Linkwell's web chat service worker (scope /chat): shows pushed notifications and, when one is
// pressed, brings the client back to their chat. The chat page's URL carries its link token
// (/chat?t=...), so the page tells this worker its URL with postMessage({ chatUrl }) and the worker
// keeps the last one in the Cache API, to open it later.

const FALLBACK = { title: 'Linkwell', body: 'Linkwell has a check-in for you', url: '/chat' };
const CACHE = 'linkwell-chat';
const LAST_CHAT_URL = '/chat/last-chat-url';

/** A same-origin /chat URL (with its query), or undefined for anything else. */
function chatUrlOf(value) {
  if (typeof value !== 'string' || value.length > 4096) return undefined;
  try {
    const url = new URL(value, self.location.origin);
    return url.origin === self.location.origin && url.pathname === '/chat' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

async function rememberChatUrl(chatUrl) {
  const cache = await caches.open(CACHE);
  await cache.put(LAST_CHAT_URL, new Response(chatUrl, { headers: { 'Content-Type': 'text/plain' } }));
}

async function lastChatUrl() {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(LAST_CHAT_URL);
  return kept ? chatUrlOf(await kept.text()) : undefined;
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const chatUrl = chatUrlOf(event.data?.chatUrl);
  if (chatUrl) event.waitUntil(rememberChatUrl(chatUrl));
});

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data?.json() || {};
  } catch {
    data = {};
  }
  const text = (value, fallback) => (typeof value === 'string' && value.trim() ? value.slice(0, 200) : fallback);
  const title = text(data.title, FALLBACK.title);
  event.waitUntil(
    self.registration.showNotification(title, {
      body: text(data.body, FALLBACK.body),
      icon: '/chat/icon-192.png',
      // One Linkwell notification at a time: a newer one replaces it.
      tag: 'linkwell',
      data: { url: chatUrlOf(data.url) || FALLBACK.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => chatUrlOf(w.url));
      if (open) return open.focus();
      const target = (await lastChatUrl()) || chatUrlOf(event.notification.data?.url) || FALLBACK.url;
      return self.clients.openWindow(target);
    })(),
  );
});

// The installed app starts at /chat, which has no token: open the last chat instead, when known.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.mode !== 'navigate' || url.origin !== self.location.origin || url.pathname !== '/chat' || url.search) return;
  event.respondWith(
    (async () => {
      const last = await lastChatUrl();
      return last && last !== url.href ? Response.redirect(last, 302) : fetch(event.request);
    })(),
  );
});
