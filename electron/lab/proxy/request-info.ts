import type { IncomingMessage } from 'node:http';
import { forwardedClientAddress } from '../balancer/client-address';
import type { RequestInfo } from '../balancer/types';
import type { HashKey } from '../../shared/types';
import { DEFAULTS } from '../defaults';

/** How the proxy reads a request for the balancer, and whether it pins clients by cookie. */
export interface Routing {
  /** What `hash` hashes: the request URI, its path, or the client address. */
  hashKey: HashKey;
  /** Take the client address from the first X-Forwarded-For entry when there is one. */
  trustForwardedFor: boolean;
  /** Sticky sessions by cookie. */
  sticky: boolean;
}

/** The lab's routing defaults (electron/lab/defaults.ts): hash the request URI, trust no X-Forwarded-For, no sticky cookie. */
export const DEFAULT_ROUTING: Routing = { hashKey: DEFAULTS.hashKey, trustForwardedFor: DEFAULTS.trustForwardedFor, sticky: DEFAULTS.sticky };

/**
 * What ip-hash and hash select by for `req`. Read before the proxy appends
 * the client to X-Forwarded-For. With the defaults this is the socket address
 * and `req.url` as they are: no parsing, no string built.
 */
export function requestInfo(req: IncomingMessage, routing: Routing): RequestInfo {
  const socketAddress = req.socket.remoteAddress ?? '';
  // As nginx's realip reads it (ngx_parse_addr): an entry that is no address leaves the socket's.
  const forwarded = routing.trustForwardedFor ? forwardedClientAddress(firstForwardedFor(req.headers['x-forwarded-for'])) : null;
  const clientKey = forwarded ?? socketAddress;
  const from = forwarded === null ? {} : { clientKeyFrom: 'x-forwarded-for' as const };
  const url = req.url ?? '/';
  switch (routing.hashKey) {
    case 'request-uri':
      return { clientKey, hashKey: url, ...from };
    case 'path': {
      const query = url.indexOf('?');
      return { clientKey, hashKey: query === -1 ? url : url.slice(0, query), ...from };
    }
    case 'client':
      return { clientKey, hashKey: clientKey, ...from };
  }
}

/**
 * The first address of an X-Forwarded-For header (the original client, as
 * the first proxy saw it); null when there is none. Used only when the user
 * trusts the header: anyone can send it, which is exactly what lets one
 * laptop play many clients (`curl -H 'X-Forwarded-For: 10.0.0.7'`).
 */
export function firstForwardedFor(header: string | string[] | undefined): string | null {
  const text = Array.isArray(header) ? header[0] : header;
  if (text === undefined) return null;
  const comma = text.indexOf(',');
  const first = (comma === -1 ? text : text.slice(0, comma)).trim();
  return first === '' ? null : first;
}
