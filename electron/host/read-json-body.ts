import type { IncomingMessage } from 'node:http';

const LIMIT = 64 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; error: string };

/** Read a JSON request body; an empty body reads as `{}` (every field is optional somewhere). */
export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > LIMIT) return { ok: false, status: 413, error: `body is larger than ${LIMIT} bytes` };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return { ok: true, value: {} };
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) return { ok: false, status: 415, error: 'body must be JSON (content-type: application/json)' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, error: 'body is not valid JSON' };
  }
}
