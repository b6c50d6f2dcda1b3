import http from 'node:http';
import { clientAddress } from '../load/request-mix';
import { CookieJar } from './cookie-jar';

export interface VisitOptions {
  count: number;
  path?: string | undefined;
  /** Keep cookies as a browser does, and read the sample backend's visit counter from `/whoami`. */
  session?: boolean | undefined;
  /** Play this many client addresses in turn, as X-Forwarded-For. */
  clients?: number | undefined;
}

/** One answer: who gave it (`X-Lab-Backend`), its status (0: no answer), and the session's visit count when asked for. */
export interface VisitAnswer {
  backend: string;
  status: number;
  visits: number | null;
}

/**
 * Requests one after another through the proxy at `base`, as a person
 * pressing F5: each waits for the one before. Bounded by `count` (at most
 * a thousand by the scenario schema) and by a 10 s timeout each; light
 * enough for the lab's own process, unlike the hammer. With `session`, the
 * path is the sample backend's `/whoami`, whose JSON says the visit count.
 */
export async function visit(base: string, options: VisitOptions): Promise<VisitAnswer[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const jar = new CookieJar();
  const path = options.session ? '/whoami' : (options.path ?? '/');
  const answers: VisitAnswer[] = [];
  try {
    for (let i = 0; i < options.count; i++) {
      const headers: http.OutgoingHttpHeaders = { accept: options.session ? 'application/json' : 'text/html' };
      const cookie = jar.header();
      if (options.session && cookie !== undefined) headers.cookie = cookie;
      if (options.clients) headers['x-forwarded-for'] = clientAddress(i % options.clients);
      answers.push(await one(new URL(path, base), agent, headers, jar));
    }
  } finally {
    agent.destroy();
  }
  return answers;
}

function one(url: URL, agent: http.Agent, headers: http.OutgoingHttpHeaders, jar: CookieJar): Promise<VisitAnswer> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers }, (res) => {
      jar.take(res.headers['set-cookie']);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 65_536) body += chunk;
      });
      res.on('end', () => resolve({ backend: String(res.headers['x-lab-backend'] ?? 'none'), status: res.statusCode ?? 0, visits: visitsIn(body) }));
      res.on('error', () => resolve({ backend: 'none', status: 0, visits: null }));
    });
    req.setTimeout(10_000, () => req.destroy());
    req.on('error', () => resolve({ backend: 'none', status: 0, visits: null }));
  });
}

function visitsIn(body: string): number | null {
  try {
    const visits = (JSON.parse(body) as { session?: { visits?: unknown } }).session?.visits;
    return typeof visits === 'number' ? visits : null;
  } catch {
    return null;
  }
}
