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
