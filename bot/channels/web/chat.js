// Opens web chat for the client named by the signed link in this page's URL. The chat is the
// client's one continuing conversation: opening it again (a reload, a new tab, tomorrow) shows its
// history. When the server cannot be reached for a while (a restart, a dropped connection), web
// chat's own polling stops for good, so this page notices and opens the chat again once it can.
(() => {
  const status = document.getElementById('status');
  const say = (text) => {
    status.textContent = text;
    status.hidden = false;
  };
  const linkToken = new URLSearchParams(location.search).get('t');
  const pollMs = Number(document.body.dataset.pollMs) || 1000;
  // A poll quieter than this means web chat has stopped polling.
  const stalledMs = 5 * pollMs + 3000;
  let directLine;
  let lastPoll = Date.now();
  let retryMs = 1000;
  let starting = false;

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.initiatorType === 'xmlhttprequest' && entry.name.includes('/activities?watermark=')) lastPoll = Date.now();
    }
  }).observe({ type: 'resource' });

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) lastPoll = Math.max(lastPoll, Date.now() - pollMs);
  });

  async function start() {
    starting = true;
    try {
      const res = await fetch('/v3/directline/tokens/generate', {
        method: 'POST',
        headers: { Authorization: `Bearer ${linkToken}` },
      });
      if (res.status === 401) {
        const { message } = await res.json().catch(() => ({}));
        say(`${message || 'This link has expired or is not valid.'} Please ask your link worker for a new one.`);
        return 'refused';
      }
      if (!res.ok) throw new Error(`token request failed: ${res.status}`);
      const { token, userId } = await res.json();
      directLine?.end();
      directLine = window.WebChat.createDirectLine({
        domain: `${location.origin}/v3/directline`,
        token,
        webSocket: false,
        pollingInterval: pollMs,
      });
      const focused = document.activeElement;
      window.WebChat.renderWebChat(
        {
          directLine,
          userID: userId,
          locale: 'en-GB',
          styleOptions: {
            bubbleMaxWidth: 640,
            fontSizeSmall: '90%',
            hideUploadButton: true,
            suggestedActionLayout: 'flow',
            sendBoxTextWrap: true,
          },
        },
        document.getElementById('webchat'),
      );
      status.hidden = true;
      lastPoll = Date.now();
      retryMs = 1000;
      if (!focused || focused === document.body) document.querySelector('#webchat input, #webchat textarea')?.focus();
      return 'open';
    } catch {
      return 'failed';
    } finally {
      starting = false;
    }
  }

  async function reopen() {
    say('Reconnecting to the chat…');
    const result = await start();
    if (result === 'failed') {
      retryMs = Math.min(retryMs * 2, 30_000);
      setTimeout(reopen, retryMs);
    } else if (result === 'open') {
      watch();
    }
  }

  function watch() {
    const timer = setInterval(() => {
      performance.clearResourceTimings();
      // A hidden page's timers are slowed by the browser: only a visible page is judged.
      if (starting || document.hidden || Date.now() - lastPoll < stalledMs) return;
      clearInterval(timer);
      void reopen();
    }, pollMs);
  }

  void start().then((result) => {
    if (result === 'open') watch();
    else if (result === 'failed') say('Sorry, the chat could not start. Please check your connection and reload the page.');
  });
})();

// Notices on this device (Web Push): offered once the chat is open, only where the browser can
// show them and the server sends them; never asked for again once declined on this device.
(() => {
  const section = document.getElementById('notices');
  const text = document.getElementById('notices-text');
  const on = document.getElementById('notices-on');
  const off = document.getElementById('notices-off');
  const no = document.getElementById('notices-no');
  const linkToken = new URLSearchParams(location.search).get('t');
  const DECLINED = 'linkwell-notices-declined';
  const show = (words, buttons) => {
    text.textContent = words;
    on.hidden = !buttons.includes('on');
    off.hidden = !buttons.includes('off');
    no.hidden = !buttons.includes('no');
    section.hidden = false;
  };
  const conversationToken = async () => {
    const res = await fetch('/v3/directline/tokens/generate', { method: 'POST', headers: { Authorization: `Bearer ${linkToken}` } });
    if (!res.ok) throw new Error(`token request failed: ${res.status}`);
    return (await res.json()).token;
  };
  const post = async (path, body) => {
    const res = await fetch(path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await conversationToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  };

  // The server's push key, when it sends notices at all.
  const publicKey = document.body.dataset.pushKey;

  async function start() {
    if (!('serviceWorker' in navigator)) return;
    // The service worker makes the chat an installable app, notices or not.
    const registration = await navigator.serviceWorker.register('/chat/sw.js', { scope: '/chat' });
    await navigator.serviceWorker.ready;
    (registration.active || navigator.serviceWorker.controller)?.postMessage({ chatUrl: location.href });
    if (!publicKey || !('PushManager' in window) || !('Notification' in window)) return;
    const current = await registration.pushManager.getSubscription();
    if (current && Notification.permission === 'granted') {
      show('Notices are on for this device.', ['off']);
    } else if (Notification.permission !== 'denied' && localStorage.getItem(DECLINED) !== 'yes') {
      show(text.textContent, ['on', 'no']);
    }

    on.addEventListener('click', async () => {
      try {
        if ((await Notification.requestPermission()) !== 'granted') {
          show('Notices are off. Your check-ins will still be here in the chat.', []);
          return;
        }
        const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
        const subscription =
          (await registration.pushManager.getSubscription()) ||
          (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }));
        await post('/api/webchat/push/subscription', subscription.toJSON());
        show('Notices are on for this device.', ['off']);
        off.focus();
      } catch {
        show('Notices could not be turned on for this device. Your check-ins will still be here in the chat.', []);
      }
    });
    off.addEventListener('click', async () => {
      try {
        const subscription = await registration.pushManager.getSubscription();
        if (subscription) {
          await post('/api/webchat/push/unsubscribe', { endpoint: subscription.endpoint });
          await subscription.unsubscribe();
        }
        show('Notices are off for this device.', ['on']);
      } catch {
        show('Notices could not be turned off just now. Please try again.', ['off']);
      }
    });
    no.addEventListener('click', () => {
      localStorage.setItem(DECLINED, 'yes');
      section.hidden = true;
    });
  }

  void start().catch(() => {
    // No service worker or push here: the chat works as before.
  });
})();
