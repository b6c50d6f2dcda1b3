import http from 'node:http';

/**
 * How many in-memory sessions the sample backend on host:port holds, read
 * from its `GET /health` (which starts no session itself); 0 when it does
 * not answer in `timeoutMs` or answers something else. Asked once, just
 * before the lab stops or kills a backend, so the event log can say that
 * those sessions are lost. Never rejects.
 */
export function probeSessions(host: string, port: number, timeoutMs = 500): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host, port, path: '/health', agent: false, headers: { accept: 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 4096) req.destroy();
      });
      res.on('end', () => resolve(sessionsIn(body)));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('close', () => resolve(0));
  });
}

function sessionsIn(body: string): number {
  try {
    const value = (JSON.parse(body) as { sessions?: unknown }).sessions;
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}
