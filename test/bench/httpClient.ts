import { Agent, request } from 'node:http';

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
}

/**
 * A small keep-alive JSON client for loopback benchmarks: lighter on CPU than fetch, which
 * matters because the load generator shares the machine's two cores with the server under test.
 */
export class HttpClient {
  private readonly agent: Agent;

  /**
   * `scheduling: 'fifo'` reuses the least recently used socket, so none sits idle long enough for
   * the server to close it (5 s) just as a request is written on it: for a client that spreads its
   * load over several servers, where LIFO leaves many sockets idle.
   */
  constructor(
    private readonly port: number,
    options: { scheduling?: 'fifo' | 'lifo' } = {},
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 128, ...options });
  }

  get<T>(path: string, token?: string): Promise<JsonResponse<T>> {
    return this.send<T>('GET', path, token);
  }

  post<T>(path: string, token?: string, body?: unknown): Promise<JsonResponse<T>> {
    return this.send<T>('POST', path, token, body);
  }

  close(): void {
    this.agent.destroy();
  }

  private send<T>(method: string, path: string, token: string | undefined, body?: unknown): Promise<JsonResponse<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      // Only ever 127.0.0.1: the bench talks to the servers it started, nothing else.
      const req = request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: (text === '' ? undefined : JSON.parse(text)) as T });
          } catch (cause) {
            reject(new Error(`${method} ${path}: response is not JSON (status ${res.statusCode})`, { cause }));
          }
        });
        res.on('error', reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
      req.on('error', reject);
      req.end(payload);
    });
  }
}
