import { expect } from 'chai';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'restify';
import { streamCsv } from '../../bot/staff/pages/outcomesDownload.js';

describe('streamCsv', () => {
  let server: http.Server;
  let url: string;
  let lines: () => AsyncGenerator<string>;
  let outcome: Promise<boolean | Error>;

  beforeEach(async () => {
    server = http.createServer((_req, res) => {
      outcome = streamCsv(res as unknown as Response, 'linkwell-demo-items-2026-03-02.csv', lines()).catch((error: Error) => error);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends every line, in order, as a CSV attachment', async () => {
    lines = async function* () {
      for (let n = 0; n < 20_000; n += 1) yield `row-${n},${'x'.repeat(20)}\r\n`;
    };
    const res = await fetch(url);
    expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).to.equal('attachment; filename="linkwell-demo-items-2026-03-02.csv"');
    const text = await res.text();
    const rows = text.split('\r\n');
    expect(rows).to.have.length(20_001);
    expect(rows[19_999]).to.equal(`row-19999,${'x'.repeat(20)}`);
    expect(await outcome).to.equal(true);
  });

  it('cuts the download off when reading fails midway, so a partial file is not taken for a whole one', async () => {
    lines = async function* () {
      for (let n = 0; n < 10_000; n += 1) yield `row-${n},${'x'.repeat(20)}\r\n`;
      throw new Error('a history could not be read');
    };
    const res = await fetch(url);
    let failed = false;
    try {
      await res.text();
    } catch {
      failed = true;
    }
    expect(failed, 'the browser sees a broken download').to.equal(true);
    expect(((await outcome) as Error).message).to.equal('a history could not be read');
  });

  it('stops reading histories when the browser goes away', async () => {
    let read = 0;
    let closed = false;
    lines = async function* () {
      try {
        for (let n = 0; n < 1_000_000; n += 1) {
          read += 1;
          yield `row-${n},${'x'.repeat(200)}\r\n`;
          if (n % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        closed = true;
      }
    };
    const controller = new AbortController();
    const res = await fetch(url, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    expect(await outcome).to.equal(false);
    expect(closed, 'the line source is closed').to.equal(true);
    expect(read).to.be.lessThan(1_000_000);
  });
});
