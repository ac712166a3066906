import type { Server } from 'node:http';

/**
 * Stop taking connections and wait for the requests in flight to be answered. Node closes idle
 * keep-alive connections only once, when close() is called: a chat page polling every few hundred
 * milliseconds over one connection keeps it busy at that moment often enough that close() would
 * then wait for ever (every poll resets its keep-alive timer). So each connection is closed as soon
 * as it falls idle between requests, and any still open after `graceMs` are cut.
 */
export async function stopServer(server: Server, { graceMs = 5_000, sweepMs = 25 } = {}): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), sweepMs);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}
