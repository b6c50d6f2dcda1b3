import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Peer, RequestInfo } from '../balancer/types';
import type { StickyCookie } from './sticky-cookie';

/** Where the proxy keeps per-request state on Node's own objects. */
export const EXCHANGE = Symbol('lab.exchange');

export type LabRequest = IncomingMessage & { [EXCHANGE]?: Exchange };
export type LabResponse = ServerResponse<IncomingMessage> & { [EXCHANGE]?: Exchange };
export type UpstreamResponse = IncomingMessage & { [EXCHANGE]?: Exchange };

/** A response's 'close' listener: one shared function, no closure per request. */
export function onClientClose(this: LabResponse): void {
  const exchange = this[EXCHANGE];
  if (exchange) exchange.owner.settle(exchange);
}

/**
 * One client request and its attempts on upstream peers. A plain object with
 * fixed fields, so the hot path allocates one of these and no closures.
 */
export class Exchange {
  /** The peer of the attempt in progress; null between attempts and after the end. */
  peer: Peer | null = null;
  /** Peers that failed this request; allocated only when a retry happens. */
  tried: Set<Peer> | null = null;
  proxyReq: ClientRequest | null = null;
  /** An upstream response has begun: from here on nothing is retried. */
  responded = false;
  /** Request body held so a retry can send it again; null when there is none. */
  body: Buffer | null = null;
  /** False once a body has been streamed to a peer and cannot be sent again. */
  replayable = true;
  /** When the attempt in progress began (ms), and its time to first byte once headers arrived. */
  attemptStart = 0;
  ttfbMs: number | undefined = undefined;
  /** Attempts made so far, the one in progress included (nginx `proxy_next_upstream_tries` counts them). */
  attempts = 0;
  /** The read timeout of the attempt in progress: the setting, less any latency a fault already spent. */
  readTimeoutMs = 0;
  /** A fault's timer (its latency, or the read timeout of a hang); null unless a fault is in play. */
  faultTimer: NodeJS.Timeout | null = null;
  /** The sticky cookie the request came with; read only while sticky sessions are on. */
  sticky: StickyCookie | null = null;

  constructor(
    /** Who settles the accounts when the client's response closes. */
    readonly owner: { settle(exchange: Exchange): void },
    readonly req: LabRequest,
    readonly res: LabResponse,
    readonly start: number,
    readonly bytesAtStart: number,
    /** What ip-hash and hash select by: the client address and the hash key. */
    readonly request: RequestInfo,
  ) {}
}
