/** A plain keep-alive HTTP client for the sequential parts (logins, the offline replay, single timings). */
import { Agent, request } from 'node:http';

export interface HttpResult {
  status: number;
  body: any;
  bytes: number;
  ms: number;
}

export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly base: string, private token: string | null = null) {}

  as(token: string): HttpClient {
    const client = new HttpClient(this.base, token);
    return client;
  }

  get authorization(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  /** One request; a connection reset before any answer (a kept-alive socket the server had just closed) is tried once more. */
  async call(method: string, path: string, body?: unknown): Promise<HttpResult> {
    try {
      return await this.once(method, path, body);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
      return this.once(method, path, body);
    }
  }

  private once(method: string, path: string, body?: unknown): Promise<HttpResult> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(`${this.base}${path}`, {
        method, agent: this.agent,
        headers: { ...this.authorization, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const type = String(res.headers['content-type'] ?? '');
          let parsed: unknown = raw;
          if (type.includes('json')) {
            try {
              parsed = JSON.parse(raw.toString('utf8'));
            } catch {
              parsed = raw.toString('utf8');
            }
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, bytes: raw.length, ms: performance.now() - started });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  get(path: string): Promise<HttpResult> {
    return this.call('GET', path);
  }

  put(path: string, body: unknown): Promise<HttpResult> {
    return this.call('PUT', path, body);
  }

  post(path: string, body: unknown): Promise<HttpResult> {
    return this.call('POST', path, body);
  }

  /** Fails with the body when the status is not the expected one. */
  async expect(result: Promise<HttpResult>, status = 200): Promise<HttpResult> {
    const r = await result;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${typeof r.body === 'object' && !Buffer.isBuffer(r.body) ? JSON.stringify(r.body).slice(0, 500) : String(r.body).slice(0, 200)}`);
    return r;
  }

  close(): void {
    this.agent.destroy();
  }
}
