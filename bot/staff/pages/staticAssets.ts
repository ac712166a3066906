import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { STAFF_HEADERS } from '../staffResponses.js';
import { PROJECT_ROOT } from '../../platform/projectRoot.js';

const here = join(PROJECT_ROOT, 'bot', 'staff', 'pages');
const require = createRequire(import.meta.url);

/**
 * Scripts the staff pages load, from this server (it may run offline): Chart.js as published, and
 * charts.js, which draws each page's charts from the JSON data blocks the page carries.
 */
export function registerStaticAssets(server: Server): void {
  const assets = new Map<string, Buffer>([
    // The package exports only its module entry (dist/chart.cjs); the browser build sits beside it.
    ['chart.umd.js', readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'))],
    ['charts.js', readFileSync(join(here, '..', 'static', 'charts.js'))],
  ]);
  server.get('/staff/static/:name', async (req: Request, res: Response) => {
    const body = assets.get(String(req.params.name));
    if (!body) {
      res.writeHead(404, { ...STAFF_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, { ...STAFF_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'private, max-age=3600' });
    res.end(body);
  });
}
