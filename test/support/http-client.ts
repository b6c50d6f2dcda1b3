import http from 'node:http';
import { bearer } from './test-token';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET over `agent` (keep-alive by default, like a browser); resolves with the whole reply. */
export function get(url: string, agent: http.Agent | false = keepAlive, headers: http.OutgoingHttpHeaders = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`GET ${url} timed out`)));
  });
}

export const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A JSON request to the control API, with the test token as a Bearer
 * header; `headers` can replace it (a wrong token), and `token: null`
 * sends none.
 */
export async function api(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  token?: string | null,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on whatever the API answered
): Promise<{ status: number; json: any }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token === null ? {} : bearer(token ?? undefined)), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

export interface LoadResult {
  ok: number;
  failed: { status: number; error?: string }[];
  byBackend: Map<string, number>;
}

/**
 * `workers` concurrent keep-alive clients hammering `url` until `stop()`
 * resolves or `maxMs` passes; bounded in time, stops by itself.
 */
export async function hammer(url: string, workers: number, stop: Promise<unknown>, maxMs = 20_000): Promise<LoadResult> {
  const result: LoadResult = { ok: 0, failed: [], byBackend: new Map() };
  const agent = new http.Agent({ keepAlive: true, maxSockets: workers });
  let running = true;
  void stop.then(() => (running = false));
  const deadline = Date.now() + maxMs;
  const worker = async (): Promise<void> => {
    while (running && Date.now() < deadline) {
      try {
        const reply = await get(url, agent);
        if (reply.status === 200) {
          result.ok++;
          const backend = String(reply.headers['x-lab-backend']);
          result.byBackend.set(backend, (result.byBackend.get(backend) ?? 0) + 1);
        } else result.failed.push({ status: reply.status });
      } catch (error) {
        result.failed.push({ status: 0, error: (error as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  agent.destroy();
  return result;
}
