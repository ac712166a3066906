// Opens web chat for the client named by the signed link in this page's URL.
(async () => {
  const status = document.getElementById('status');
  const say = (text) => {
    status.textContent = text;
    status.hidden = false;
  };
  const linkToken = new URLSearchParams(location.search).get('t');
  try {
    const res = await fetch('/v3/directline/tokens/generate', {
      method: 'POST',
      headers: { Authorization: `Bearer ${linkToken}` },
    });
    if (res.status === 401) {
      say('This link has expired or is not valid. Please ask your link worker for a new one.');
      return;
    }
    if (!res.ok) throw new Error(`token request failed: ${res.status}`);
    const { token, userId } = await res.json();
    const directLine = window.WebChat.createDirectLine({
      domain: `${location.origin}/v3/directline`,
      token,
      webSocket: false,
      pollingInterval: Number(document.body.dataset.pollMs) || 1000,
    });
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
    document.querySelector('#webchat input, #webchat textarea')?.focus();
  } catch {
    say('Sorry, the chat could not start. Please check your connection and reload the page.');
  }
})();
