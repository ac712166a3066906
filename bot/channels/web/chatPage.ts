/**
 * The web chat page; the link token stays in the URL and is read by chat.js. `pushPublicKey`: the
 * server's VAPID public key when Web Push is on (the page then offers notices), else undefined.
 */
export function chatPageHtml(programmeName: string, pollMs: number, pushPublicKey?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Check-in · ${escapeHtml(programmeName)}</title>
<link rel="icon" href="/chat/icon.svg" type="image/svg+xml">
<link rel="manifest" href="/chat/manifest.webmanifest">
<meta name="theme-color" content="#1f4e5f">
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
  #notices { margin: 0; padding: 0.75rem 1rem; background: #eef4f6; border-bottom: 1px solid #c9d9de; }
  #notices h2 { font-size: 1.05rem; margin: 0 0 0.25rem; }
  #notices p { margin: 0 0 0.5rem; line-height: 1.4; }
  #notices button { font: inherit; min-height: 2.75rem; padding: 0 1rem; margin: 0 0.5rem 0.25rem 0; border: 2px solid #1f4e5f; border-radius: 0.4rem; background: #fff; color: #1f4e5f; cursor: pointer; }
  #notices button.primary { background: #1f4e5f; color: #fff; }
  #notices button:focus-visible { outline: 3px solid #1f4e5f; outline-offset: 2px; }
  /* Keyboard focus always shows, on every control (web chat's own ring on its buttons is faint). */
  #webchat button:focus-visible, #webchat textarea:focus-visible, #webchat input:focus-visible { outline: 3px solid #1f4e5f !important; outline-offset: 2px; }
</style>
</head>
<body data-poll-ms="${pollMs}"${pushPublicKey ? ` data-push-key="${escapeHtml(pushPublicKey)}"` : ''}>
<header>
  <h1>${escapeHtml(programmeName)} check-in</h1>
  <p>This is an automated service, not a person. Your link worker sees what you write here.</p>
</header>
<p id="status" role="status">Opening the chat…</p>
<section id="notices" aria-labelledby="notices-heading" hidden>
  <h2 id="notices-heading">Notices on this device</h2>
  <p id="notices-text" aria-live="polite">Would you like a notice on this phone or computer when Linkwell has a check-in for you? It only says "Linkwell has a check-in for you". It never shows your answers or messages.</p>
  <button type="button" class="primary" id="notices-on">Yes, send notices</button>
  <button type="button" id="notices-off" hidden>Turn notices off</button>
  <button type="button" id="notices-no">No thanks</button>
</section>
<main><div id="webchat" role="main" aria-label="Check-in chat"></div></main>
<script src="/chat/webchat.js"></script>
<script src="/chat/chat.js"></script>
</body>
</html>`;
}

/** Shown instead of the chat when its link is not valid. */
export function invalidLinkHtml(programmeName: string, why: 'expired' | 'withdrawn' | 'invalid'): string {
  const reason =
    why === 'expired' ? 'This chat link has expired.' : why === 'withdrawn' ? 'This chat link is no longer in use.' : 'This chat link is not valid.';
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
