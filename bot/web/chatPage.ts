/** The web chat page; the link token stays in the URL and is read by chat.js. */
export function chatPageHtml(programmeName: string, pollMs: number): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Check-in · ${escapeHtml(programmeName)}</title>
<link rel="icon" href="data:,">
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; color: #1b1b1b; background: #f6f6f4; }
  body { display: flex; flex-direction: column; }
  header { padding: 0.75rem 1rem; background: #1f4e5f; color: #fff; }
  header h1 { font-size: 1.25rem; margin: 0; }
  header p { margin: 0.25rem 0 0; font-size: 0.95rem; }
  #status { margin: 1rem; font-size: 1.1rem; }
  main { flex: 1; min-height: 0; background: #fff; }
  #webchat { height: 100%; }
  /* Adaptive Cards set 13–14 px inline; many clients are older readers, so cards match the 16 px bubbles. */
  #webchat .ac-textBlock { font-size: 1rem !important; line-height: 1.4 !important; }
  #webchat .ac-pushButton { font-size: 1rem !important; min-height: 2.75rem; }
  #webchat .ac-textBlock[style*="color: rgb(118"] { color: #4a4a4a !important; }
  #webchat .webchat__send-box { border-top: 2px solid #1f4e5f !important; }
  /* Keyboard focus always shows, on every control (web chat's own ring on its buttons is faint). */
  #webchat button:focus-visible, #webchat textarea:focus-visible, #webchat input:focus-visible { outline: 3px solid #1f4e5f !important; outline-offset: 2px; }
</style>
</head>
<body data-poll-ms="${pollMs}">
<header>
  <h1>${escapeHtml(programmeName)} check-in</h1>
  <p>This is an automated service, not a person. Your link worker sees what you write here.</p>
</header>
<p id="status" role="status">Opening the chat…</p>
<main><div id="webchat" role="main" aria-label="Check-in chat"></div></main>
<script src="/chat/webchat.js"></script>
<script src="/chat/chat.js"></script>
</body>
</html>`;
}

/** Shown instead of the chat when its link is not valid. */
export function invalidLinkHtml(programmeName: string, why: 'expired' | 'withdrawn' | 'invalid'): string {
  const reason = why === 'expired' ? 'This chat link has expired.' : why === 'withdrawn' ? 'This chat link is no longer in use.' : 'This chat link is not valid.';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Link not valid · ${escapeHtml(programmeName)}</title>
<style>body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; font-size: 1.15rem; line-height: 1.5; color: #1b1b1b; }</style>
</head>
<body>
<h1>${reason}</h1>
<p>Please ask your link worker for a new link. If you need help now, contact your link worker or your GP practice.</p>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
