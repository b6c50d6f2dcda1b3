import type { IncomingMessage } from 'node:http';
import { presentedToken, tokenMatches } from './auth-token';
import { isTrustedRequest } from './trusted-origin';

/** Why a control API request or socket is turned away, before it reaches any command. */
export interface Refusal {
  status: 401 | 403;
  error: string;
  field?: string;
}

export const NO_TOKEN =
  'missing or wrong token: open the dashboard URL lb-lab printed (it ends in ?token=…), or send the header Authorization: Bearer <token>';

/**
 * The one gate in front of every /api/ route and socket: a browser page of
 * another origin or a foreign Host name is refused (CSRF, DNS rebinding),
 * and so is anyone, local process or user, without the lab's token. Null
 * when the request may go on.
 */
export function refuseApiRequest(req: IncomingMessage, port: number, token: string): Refusal | null {
  if (!isTrustedRequest(req, port)) return { status: 403, error: 'requests from other origins are refused' };
  if (!tokenMatches(token, presentedToken(req, port))) return { status: 401, error: NO_TOKEN, field: 'token' };
  return null;
}
