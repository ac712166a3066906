import { execFileSync } from 'node:child_process';
import { createECDH, type ECDH } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, createServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, LookupFunction } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// web-push's own decryption counterpart (its dependency, pinned beside it): what a browser does with a push.
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(body: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }): Buffer;
};

export const PUSH_HOST = 'push.example.test';

export interface PushRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A push service on this machine, over real HTTPS with a certificate made for the test: it keeps
 * each request and answers each path with the status the test set (201 by default).
 */
export class FakePushService {
  readonly requests: PushRequest[] = [];
  readonly statusFor = new Map<string, number>();
  readonly agent: Agent;
  private constructor(
    private readonly server: HttpsServer,
    readonly origin: string,
    cert: Buffer,
  ) {
    // Every name of the fake service resolves here, as a real push service's would resolve to it.
    const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) as unknown as LookupFunction;
    this.agent = new Agent({ ca: cert, lookup });
  }

  static async start(dir: string): Promise<FakePushService> {
    const key = join(dir, 'push-key.pem');
    const cert = join(dir, 'push-cert.pem');
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '2',
          '-subj',
          `/CN=${PUSH_HOST}`,
          '-addext',
          `subjectAltName=DNS:${PUSH_HOST}`,
        ],
        { stdio: 'pipe' },
      );
    } catch (cause) {
      throw new Error('The fake push service needs openssl to make its certificate (apt-get install openssl)', { cause });
    }
    const pushService = { requests: [] as PushRequest[], statusFor: new Map<string, number>() };
    const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        pushService.requests.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(pushService.statusFor.get(req.url ?? '') ?? 201);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const service = new FakePushService(server, `https://${PUSH_HOST}:${(server.address() as AddressInfo).port}`, readFileSync(cert));
    Object.assign(service, pushService);
    return service;
  }

  close(): Promise<void> {
    this.agent.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A browser's side of a subscription: its keys stay here, so the test can read what it is sent. */
export function pushBrowser(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = Buffer.from(Array.from({ length: 16 }, (_, i) => (i * 37 + endpoint.length) % 256));
  return {
    ecdh,
    auth,
    json: { endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } },
    read: (body: Buffer) => JSON.parse(ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth }).toString('utf8')) as unknown,
  };
}
