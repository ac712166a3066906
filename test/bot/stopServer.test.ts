import { expect } from 'chai';
import { once } from 'node:events';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stopServer } from '../../bot/platform/http/stopServer.js';
import { startTestApp } from '../support/testApp.js';
import { waitFor } from '../support/waitFor.js';

/** One GET over the agent's kept-alive connection: its status, or the error's code. */
function get(agent: Agent, port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    req.end();
  });
}

/** A page polling as fast as it can over one kept-alive connection until told to stop. */
function poll(agent: Agent, port: number, path: string) {
  const seen: Array<number | string> = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const result = await get(agent, port, path);
      seen.push(result);
      if (typeof result === 'string') return; // the server is gone
      // The page's own pace between polls (not a wait for anything).
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    seen,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

describe('stopping the server while a page keeps polling', function () {
  this.timeout(15_000);

  it('answers the request in flight, then closes the connection it came on and stops', async () => {
    // The first request is answered only once the test lets it; every one after it at once.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const server: Server = createServer((_req, res) => void released.then(() => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const handling = once(server, 'request');
    const inFlight = get(agent, port, '/');
    await handling; // the request is being handled
    const stopping = stopServer(server, { graceMs: 60_000 }); // far past this test's time limit
    const follower = poll(agent, port, '/'); // keeps the connection busy, as a polling chat page does
    release();
    expect(await inFlight, 'the request in flight is answered').to.equal(200);
    await stopping;
    expect(server.listening).to.equal(false);
    await follower.stop();
    agent.destroy();
  });

  it('cuts a connection still busy when the grace period ends', async () => {
    const server: Server = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true });
    const handling = once(server, 'request');
    const hanging = get(agent, port, '/');
    await handling;
    await stopServer(server, { graceMs: 200 });
    expect(await hanging).to.equal('ECONNRESET');
    agent.destroy();
  });

  it('lets Linkwell stop while a chat page polls it over a kept-alive connection', async () => {
    const t = await startTestApp({});
    const port = Number(new URL(t.url).port);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const page = poll(agent, port, '/healthz');
    await waitFor(() => page.seen.length >= 20, { what: '20 answers to the polling page' });
    await t.close();
    await page.stop();
    agent.destroy();
    expect(page.seen.slice(0, 20)).to.deep.equal(Array(20).fill(200));
  });
});
