import { expect } from 'chai';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stopServer } from '../../bot/platform/http/stopServer.js';
import { startTestApp } from '../support/testApp.js';

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
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return { seen, stop: async () => ((stopped = true), await done) };
}

describe('stopping the server while a page keeps polling', function () {
  this.timeout(15_000);

  it('answers the request in flight, then closes the connection it came on and stops', async () => {
    const server: Server = createServer((_req, res) => setTimeout(() => res.end('ok'), 150));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const inFlight = get(agent, port, '/');
    await new Promise((resolve) => setTimeout(resolve, 30)); // the request is being handled
    const stopping = stopServer(server, { graceMs: 60_000 }); // far past this test's time limit
    const follower = poll(agent, port, '/'); // keeps the connection busy, as a polling chat page does
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
    const hanging = get(agent, port, '/');
    await new Promise((resolve) => setTimeout(resolve, 30));
    await stopServer(server, { graceMs: 200 });
    expect(await hanging).to.equal('ECONNRESET');
    agent.destroy();
  });

  it('lets Linkwell stop while a chat page polls it over a kept-alive connection', async () => {
    const t = await startTestApp({});
    const port = Number(new URL(t.url).port);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const page = poll(agent, port, '/healthz');
    while (page.seen.length < 20) await new Promise((resolve) => setTimeout(resolve, 10));
    await t.close();
    await page.stop();
    agent.destroy();
    expect(page.seen.slice(0, 20)).to.deep.equal(Array(20).fill(200));
  });
});
