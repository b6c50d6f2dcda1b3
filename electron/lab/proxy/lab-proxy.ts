import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type HttpProxy from 'http-proxy';
import { acceptsSticky } from '../balancer/accepts-sticky';
import type { Balancer, Peer } from '../balancer/types';
import type { LabStats } from '../stats/lab-stats';
import { Exchange, EXCHANGE, onClientClose, type LabRequest, type LabResponse, type UpstreamResponse } from './exchange';
import { setForwardedHeaders } from './forwarded-headers';
import { isRetriable } from './is-retriable';
import { loadHttpProxy } from './load-http-proxy';
import { NO_BACKEND_PAGE } from './no-backend-page';
import { DEFAULT_ROUTING, requestInfo, type Routing } from './request-info';
import { responseHeaders } from './response-headers';
import { newClientId, readStickyCookie, stickyCookieHeader } from './sticky-cookie';
import { StickyClients } from './sticky-clients';

const HttpProxyServer = loadHttpProxy();

/**
 * http-proxy's own call shape `web(req, res, callback)`, which its typings
 * omit: with no options object it skips copying its options per request.
 */
type WebWithCallback = (req: IncomingMessage, res: LabResponse, callback: (error: Error, req: IncomingMessage) => void) => void;

/** Bodies up to this size are held in memory so a failed attempt can be retried. */
const MAX_REPLAY_BODY = 64 * 1024;

export interface LabProxyOptions {
  host: string;
  port: number;
  balancer: Balancer;
  stats: LabStats;
  /** nginx `proxy_connect_timeout`, in ms. */
  connectTimeoutMs: number;
  /** Monotonic clock in ms; injected so tests can drive time. */
  now?: () => number;
  /** Hash key, X-Forwarded-For trust and sticky cookies; default none of them. */
  routing?: Routing;
}

/**
 * The lab's reverse proxy: http-proxy on a keep-alive agent, nginx's peer
 * selection, and nginx's `proxy_next_upstream error timeout` failover.
 * Per request it touches counters only; nothing here talks to a UI.
 */
export class LabProxy {
  readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true, maxFreeSockets: 1024, scheduling: 'lifo', noDelay: true } as http.AgentOptions);
  private readonly proxies = new Map<number, HttpProxy>();
  private readonly balancer: Balancer;
  private readonly stats: LabStats;
  private readonly connectTimeoutMs: number;
  private readonly now: () => number;
  private readonly host: string;
  private port: number;
  private routing: Routing;
  /** Clients pinned to each backend by the sticky cookie; touched only while sticky is on. */
  readonly stickyClients = new StickyClients();

  constructor(options: LabProxyOptions) {
    this.balancer = options.balancer;
    this.stats = options.stats;
    this.connectTimeoutMs = options.connectTimeoutMs;
    this.now = options.now ?? (() => performance.now());
    this.host = options.host;
    this.port = options.port;
    this.routing = options.routing ?? DEFAULT_ROUTING;
    this.server = http.createServer({ noDelay: true }, (req, res) => this.handle(req, res));
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(req, socket, head));
  }

  /** The port actually bound (differs from the option when that was 0). */
  get boundPort(): number {
    return this.port;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, this.host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
  }

  /** Stop listening and drop every client and upstream connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    this.agent.destroy();
    for (const proxy of this.proxies.values()) proxy.close();
    this.proxies.clear();
    await closed;
  }

  /** How requests are read and pinned now. */
  get currentRouting(): Routing {
    return this.routing;
  }

  /** Change how requests are read and pinned; requests already in flight keep what they read. */
  setRouting(routing: Routing): void {
    if (!routing.sticky) this.stickyClients.clear();
    this.routing = routing;
  }

  /** Forget a removed backend's proxy; its pooled sockets close with the process. */
  forget(port: number): void {
    this.proxies.get(port)?.close();
    this.proxies.delete(port);
  }

  private handle(req: LabRequest, res: LabResponse): void {
    this.stats.requests++;
    // Read before setForwardedHeaders appends this client to X-Forwarded-For.
    const exchange = new Exchange(this, req, res, this.now(), req.socket.bytesWritten, requestInfo(req, this.routing));
    if (this.routing.sticky) exchange.sticky = readStickyCookie(req.headers.cookie);
    req[EXCHANGE] = exchange;
    res[EXCHANGE] = exchange;
    res.on('close', onClientClose);
    setForwardedHeaders(req);
    if (hasBody(req)) this.readBody(exchange);
    else this.dispatch(exchange);
  }

  /** Hold a small body in memory so it can be replayed on the next peer. */
  private readBody(exchange: Exchange): void {
    const length = Number(exchange.req.headers['content-length'] ?? NaN);
    if (!(length <= MAX_REPLAY_BODY)) {
      exchange.replayable = false;
      this.dispatch(exchange);
      return;
    }
    const chunks: Buffer[] = [];
    exchange.req.on('data', (chunk: Buffer) => chunks.push(chunk));
    exchange.req.on('end', () => {
      exchange.body = Buffer.concat(chunks);
      this.dispatch(exchange);
    });
  }

  private dispatch(exchange: Exchange): void {
    if (!this.attempt(exchange)) this.noBackend(exchange);
  }

  /** Send the request to the next peer; false when no untried peer is usable. */
  private attempt(exchange: Exchange): boolean {
    const now = this.now();
    // A sticky cookie decides the first attempt; a retry is balanced as usual.
    const pinned = exchange.sticky !== null && exchange.tried === null ? this.stickyPeer(exchange.sticky.port, now) : null;
    const peer = pinned ?? this.balancer.pick(exchange.tried, now, exchange.request);
    if (!peer) return false;
    exchange.peer = peer;
    exchange.attemptStart = now;
    exchange.ttfbMs = undefined;
    const proxy = this.proxyFor(peer.id);
    if (exchange.body) proxy.web(exchange.req, exchange.res, { buffer: Readable.from([exchange.body]) }, this.onUpstreamError);
    else (proxy.web as unknown as WebWithCallback).call(proxy, exchange.req, exchange.res, this.onUpstreamError);
    return true;
  }

  /**
   * The client's response closed, finished or aborted: count the hit on the
   * peer that answered and, if the client left early, cancel the upstream
   * request so the backend does not keep working for nobody.
   */
  settle(exchange: Exchange): void {
    const peer = exchange.peer;
    if (!peer) return;
    exchange.peer = null;
    const { res, req } = exchange;
    const finished = res.writableFinished;
    if (!finished) exchange.proxyReq?.destroy();
    exchange.proxyReq = null;
    const stats = this.stats.backend(peer.id);
    stats.hits++;
    stats.bytes += req.socket.bytesWritten - exchange.bytesAtStart;
    const now = this.now();
    if (finished) stats.latency.record(now - exchange.start);
    this.balancer.report(peer, true, now, exchange.ttfbMs);
  }

  /** The peer a sticky cookie names, counted as taken, when it may still serve its clients; else null. */
  private stickyPeer(port: number, now: number): Peer | null {
    const peer = this.balancer.peers.find((p) => p.id === port);
    if (peer === undefined || !acceptsSticky(peer, now)) return null;
    this.balancer.take(peer);
    return peer;
  }

  /**
   * Sticky sessions on: a client whose cookie named another backend (or none)
   * is pinned to the one that answered, with a new cookie; a client that came
   * back with its cookie is counted for that backend.
   */
  private stick(exchange: Exchange, port: number, headers: string[]): void {
    const cookie = exchange.sticky;
    if (cookie === null) {
      headers.push('Set-Cookie', stickyCookieHeader(port, newClientId()));
      return;
    }
    if (cookie.port !== port) headers.push('Set-Cookie', stickyCookieHeader(port, cookie.clientId));
    this.stickyClients.seen(cookie.clientId, port, this.now());
  }

  private proxyFor(port: number): HttpProxy {
    let proxy = this.proxies.get(port);
    if (!proxy) {
      proxy = HttpProxyServer.createProxyServer({ target: { host: '127.0.0.1', port }, agent: this.agent, xfwd: false, selfHandleResponse: true });
      proxy.on('proxyReq', this.onProxyReq);
      proxy.on('proxyRes', this.onProxyRes);
      this.proxies.set(port, proxy);
    }
    return proxy;
  }

  /** An upstream request has a socket: arm the connect timeout, or cancel it if the client already left. */
  private readonly onProxyReq = (proxyReq: ClientRequest, req: IncomingMessage): void => {
    const exchange = (req as LabRequest)[EXCHANGE];
    if (!exchange) return;
    exchange.proxyReq = proxyReq;
    if (exchange.res.destroyed) {
      proxyReq.destroy();
      return;
    }
    const socket = proxyReq.socket;
    if (socket && socket.connecting) armConnectTimeout(proxyReq, socket, this.connectTimeoutMs);
  };

  /**
   * The response headers arrived: nothing is retried from here on. The lab
   * writes the response itself (selfHandleResponse), in one writeHead with a
   * raw header list, which is cheaper than http-proxy's header passes.
   */
  private readonly onProxyRes = (proxyRes: UpstreamResponse, req: IncomingMessage): void => {
    const exchange = (req as LabRequest)[EXCHANGE];
    if (!exchange?.peer) return;
    exchange.responded = true;
    exchange.ttfbMs = this.now() - exchange.attemptStart;
    proxyRes[EXCHANGE] = exchange;
    const status = proxyRes.statusCode ?? 502;
    this.stats.backend(exchange.peer.id).response(status);
    const { res } = exchange;
    if (res.destroyed) return;
    const headers = responseHeaders(proxyRes.rawHeaders, String(exchange.peer.id));
    if (this.routing.sticky) this.stick(exchange, exchange.peer.id, headers);
    res.writeHead(status, proxyRes.statusMessage, headers);
    // Upstream gone mid-body: cut the client off too rather than leave it hanging.
    proxyRes.on('close', onUpstreamClose);
    proxyRes.pipe(res);
  };

  /** http-proxy's per-request error callback: the attempt failed. */
  private readonly onUpstreamError = (error: Error, req: IncomingMessage): void => {
    const exchange = (req as LabRequest)[EXCHANGE];
    const peer = exchange?.peer;
    if (!exchange || !peer) return;
    exchange.peer = null;
    exchange.proxyReq = null;
    const { res } = exchange;
    if (res.destroyed) {
      // The client left first; that is not the peer's fault.
      this.balancer.report(peer, true, this.now());
      return;
    }
    this.stats.backend(peer.id).failures++;
    this.balancer.report(peer, false, this.now());
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (!exchange.responded && exchange.replayable && isRetriable(error, exchange.req.method)) {
      (exchange.tried ??= new Set()).add(peer);
      if (this.attempt(exchange)) {
        this.stats.retried(peer.id, exchange.peer!.id);
        return;
      }
    }
    this.noBackend(exchange);
  };

  private noBackend(exchange: Exchange): void {
    this.stats.errors++;
    const { res } = exchange;
    if (res.headersSent || res.destroyed) return;
    res.writeHead(502, { 'content-type': 'text/html; charset=utf-8', 'x-lab-backend': 'none' });
    res.end(NO_BACKEND_PAGE);
  }

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    this.stats.requests++;
    const request = requestInfo(req, this.routing);
    const cookie = this.routing.sticky ? readStickyCookie(req.headers.cookie) : null;
    setForwardedHeaders(req);
    const now = this.now();
    // A WebSocket follows the sticky cookie too; its 101 reply cannot set one.
    const peer = (cookie !== null ? this.stickyPeer(cookie.port, now) : null) ?? this.balancer.pick(null, now, request);
    if (!peer) {
      this.stats.errors++;
      socket.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const stats = this.stats.backend(peer.id);
    stats.hits++;
    let settled = false;
    const settle = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      if (!ok) stats.failures++;
      this.balancer.report(peer, ok, this.now());
    };
    socket.once('close', () => settle(true));
    this.proxyFor(peer.id).ws(req, socket, head, { agent: undefined }, () => {
      settle(false);
      socket.destroy();
    });
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function armConnectTimeout(proxyReq: ClientRequest, socket: Socket, ms: number): void {
  const timer = setTimeout(() => {
    proxyReq.destroy(Object.assign(new Error(`connect timed out after ${ms} ms`), { code: 'ETIMEDOUT' }));
  }, ms);
  const clear = (): void => clearTimeout(timer);
  socket.once('connect', clear);
  socket.once('close', clear);
}

function onUpstreamClose(this: UpstreamResponse): void {
  if (this.complete) return;
  const exchange = this[EXCHANGE];
  if (exchange && !exchange.res.writableFinished) exchange.res.destroy();
}
