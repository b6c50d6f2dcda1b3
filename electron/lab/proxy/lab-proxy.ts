import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type HttpProxy from 'http-proxy';
import { acceptsSticky } from '../balancer/accepts-sticky';
import type { Balancer, Peer } from '../balancer/types';
import type { LabStats } from '../stats/lab-stats';
import { describeFault, type Fault } from '../../shared/fault';
import { DEFAULT_PROXY_SETTINGS, proxySettingsPatchSchema, type NextUpstreamCondition, type ProxySettings, type ProxySettingsPatch } from '../../shared/proxy-settings';
import { parseInput } from '../../shared/schemas';
import { FaultTable } from '../faults/fault-table';
import { rollFault, type FaultHook, type FaultOutcome } from '../faults/roll-fault';
import { LabError } from '../lab-error';
import { Exchange, EXCHANGE, onClientClose, type LabRequest, type LabResponse, type UpstreamResponse } from './exchange';
import { setForwardedHeaders } from './forwarded-headers';
import { isWebSocketUpgrade, stripHopByHop } from './hop-by-hop';
import { loadHttpProxy } from './load-http-proxy';
import { mayRetry, retryPolicy, type RetryPolicy } from './next-upstream';
import { GATEWAY_TIMEOUT_PAGE, NO_BACKEND_PAGE } from './no-backend-page';
import { DEFAULT_ROUTING, requestInfo, type Routing } from './request-info';
import { responseHeaders } from './response-headers';
import { newClientId, readStickyCookie, stickyCookieHeader } from './sticky-cookie';
import { StickyClients } from './sticky-clients';
import { CONNECT_TIMEOUT, READ_TIMEOUT, SENT_ERROR, readTimeoutError, upstreamFailure, type UpstreamFailure } from './upstream-failure';

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
  /**
   * Timeouts and retry conditions; fields left out take
   * DEFAULT_PROXY_SETTINGS. A bad field throws a 400 LabError naming it.
   */
  settings?: ProxySettingsPatch;
  /** The same as `settings.connectTimeoutMs`, for callers that set only that; `settings` wins. */
  connectTimeoutMs?: number;
  /** Monotonic clock in ms; injected so tests can drive time. */
  now?: () => number;
  /** Hash key, X-Forwarded-For trust and sticky cookies; default none of them. */
  routing?: Routing;
  /** Uniform in [0, 1), like Math.random (the default): the dice of faults. Inject a seeded one in tests. */
  random?: () => number;
}

/**
 * The lab's reverse proxy: http-proxy on a keep-alive agent, nginx's peer
 * selection, nginx's timeouts and `proxy_next_upstream` failover, and
 * Toxiproxy-style faults on its leg to each backend. Per request it touches
 * counters only; nothing here talks to a UI.
 */
export class LabProxy {
  readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true, maxFreeSockets: 1024, scheduling: 'lifo', noDelay: true } as http.AgentOptions);
  private readonly proxies = new Map<number, HttpProxy>();
  private readonly balancer: Balancer;
  private readonly stats: LabStats;
  private proxySettings: ProxySettings;
  private policy: RetryPolicy;
  private readonly faults = new FaultTable();
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly host: string;
  private port: number;
  private routing: Routing;
  /** Clients pinned to each backend by the sticky cookie; touched only while sticky is on. */
  readonly stickyClients = new StickyClients();

  constructor(options: LabProxyOptions) {
    this.balancer = options.balancer;
    this.stats = options.stats;
    const initial = { ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}), ...options.settings };
    this.proxySettings = Object.keys(initial).length > 0 ? mergeSettings(DEFAULT_PROXY_SETTINGS, initial) : { ...DEFAULT_PROXY_SETTINGS, nextUpstream: [...DEFAULT_PROXY_SETTINGS.nextUpstream] };
    this.policy = retryPolicy(this.proxySettings);
    this.random = options.random ?? Math.random;
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

  /** Forget a removed backend's proxy and fault; its pooled sockets close with the process. */
  forget(port: number): void {
    this.proxies.get(port)?.close();
    this.proxies.delete(port);
    this.faults.clear(port);
  }

  /** The timeouts and retry conditions in force (a copy). */
  get settings(): ProxySettings {
    return { ...this.proxySettings, nextUpstream: [...this.proxySettings.nextUpstream] };
  }

  /**
   * Change some settings live (`PUT /api/proxy`); fields left out keep their
   * value. Attempts already in progress keep the timeouts they started with.
   * Throws a 400 LabError naming the bad field, changing nothing.
   */
  configure(patch: unknown): ProxySettings {
    this.proxySettings = mergeSettings(this.proxySettings, patch);
    this.policy = retryPolicy(this.proxySettings);
    return this.settings;
  }

  /**
   * Put `fault` on the lab's leg to `port` (replacing its fault), or clear it
   * with null. Takes effect for the next attempt on that backend. Throws a
   * 400 LabError naming the bad field, changing nothing.
   */
  setFault(port: number, fault: Fault | null): Readonly<Fault> | null {
    if (fault === null) {
      this.faults.clear(port);
      return null;
    }
    return this.faults.set(port, fault);
  }

  /** The fault on `port`, or null. */
  fault(port: number): Readonly<Fault> | null {
    return this.faults.get(port);
  }

  /** The fault on `port` in words ("+200 ms ±50", "30% → 503", "hung"), or null when it has none. */
  faultWords(port: number): string | null {
    const fault = this.faults.get(port);
    return fault === null ? null : describeFault(fault);
  }

  /** For the health checker: the fault outcome of one check to `port`, rolled with the proxy's dice. */
  readonly faultHook: FaultHook = (port) => {
    const fault = this.faults.get(port);
    return fault === null ? null : rollFault(fault, this.random);
  };

  private handle(req: LabRequest, res: LabResponse): void {
    this.stats.requests++;
    // Read before setForwardedHeaders appends this client to X-Forwarded-For.
    const exchange = new Exchange(this, req, res, this.now(), req.socket.bytesWritten, requestInfo(req, this.routing));
    if (this.routing.sticky) exchange.sticky = readStickyCookie(req.headers.cookie);
    req[EXCHANGE] = exchange;
    res[EXCHANGE] = exchange;
    res.on('close', onClientClose);
    stripHopByHop(req.headers, false);
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

  /** Send the request to the first peer; false when no peer is usable. */
  private attempt(exchange: Exchange): boolean {
    const now = this.now();
    // A sticky cookie decides the first attempt; a retry is balanced as usual.
    const pinned = exchange.sticky !== null ? this.stickyPeer(exchange.sticky.port, now) : null;
    const peer = pinned ?? this.balancer.pick(null, now, exchange.request);
    if (!peer) return false;
    this.begin(exchange, peer, now);
    return true;
  }

  /** Start an attempt on `peer`, through its fault when it has one. */
  private begin(exchange: Exchange, peer: Peer, now: number): void {
    exchange.peer = peer;
    exchange.proxyReq = null;
    exchange.attemptStart = now;
    exchange.ttfbMs = undefined;
    exchange.attempts++;
    exchange.readTimeoutMs = this.proxySettings.readTimeoutMs;
    // The fault layer's whole cost while no backend has a fault: this one test.
    if (this.faults.active !== null) {
      const fault = this.faults.active.get(peer.id);
      if (fault !== undefined) {
        this.injectFault(exchange, rollFault(fault, this.random));
        return;
      }
    }
    this.send(exchange);
  }

  private send(exchange: Exchange): void {
    const proxy = this.proxyFor(exchange.peer!.id);
    if (exchange.body) proxy.web(exchange.req, exchange.res, { buffer: Readable.from([exchange.body]) }, this.onUpstreamError);
    else (proxy.web as unknown as WebWithCallback).call(proxy, exchange.req, exchange.res, this.onUpstreamError);
  }

  /**
   * Play a fault's outcome for the attempt in progress. Every outcome waits
   * on a timer (its latency, at least one tick), so a failure never recurses
   * into the retry that follows it. A latency that reaches the read timeout
   * is a read timeout, as it would be behind a real slow network.
   */
  private injectFault(exchange: Exchange, outcome: FaultOutcome): void {
    if (outcome.kind === 'unreachable') {
      exchange.faultTimer = setTimeout(this.onFaultConnectTimeout, this.proxySettings.connectTimeoutMs, exchange);
      return;
    }
    const readTimeoutMs = exchange.readTimeoutMs;
    if (outcome.kind === 'hang' || outcome.delayMs >= readTimeoutMs) {
      exchange.faultTimer = setTimeout(this.onFaultTimeout, readTimeoutMs, exchange);
      return;
    }
    exchange.faultTimer = setTimeout(this.onFaultDelay, outcome.delayMs, exchange, outcome);
  }

  private readonly onFaultTimeout = (exchange: Exchange): void => {
    exchange.faultTimer = null;
    if (exchange.peer) this.failed(exchange, exchange.peer, READ_TIMEOUT);
  };

  private readonly onFaultConnectTimeout = (exchange: Exchange): void => {
    exchange.faultTimer = null;
    if (exchange.peer) this.failed(exchange, exchange.peer, CONNECT_TIMEOUT);
  };

  private readonly onFaultDelay = (exchange: Exchange, outcome: FaultOutcome): void => {
    exchange.faultTimer = null;
    const peer = exchange.peer;
    if (!peer) return;
    switch (outcome.kind) {
      case 'reset':
        // Cut after the request went out, as a worker that crashes on it.
        this.failed(exchange, peer, SENT_ERROR);
        return;
      case 'error':
        this.injectedStatus(exchange, peer, outcome.status);
        return;
      default:
        exchange.readTimeoutMs -= outcome.delayMs;
        this.send(exchange);
    }
  };

  /**
   * A fault's error answer, seen by the proxy as if the backend had sent
   * it: retried under a listed `http_NNN` as a real one would be, else passed
   * to the client (and counted in the backend's responses).
   */
  private injectedStatus(exchange: Exchange, peer: Peer, status: number): void {
    exchange.ttfbMs = this.now() - exchange.attemptStart;
    if (this.policy.statuses !== null && this.retryOnStatus(exchange, peer, status)) return;
    exchange.responded = true;
    this.stats.backend(peer.id).response(status);
    const { res } = exchange;
    if (res.destroyed) return;
    const headers = ['Content-Type', 'text/plain; charset=utf-8', 'X-Lab-Fault', 'error', 'X-Lab-Backend', String(peer.id)];
    if (this.routing.sticky) this.stick(exchange, peer.id, headers);
    res.writeHead(status, headers);
    res.end(`${status}: injected by the lab's fault on ${peer.id} (${this.faultWords(peer.id) ?? 'cleared since'})\n`);
  }

  /**
   * nginx's ngx_http_upstream_test_next: a status listed in
   * `proxy_next_upstream` fails this attempt and goes to the next untried
   * server, if the retry rules and the tries limit allow and a server is
   * left; then true (the caller drops its response). Otherwise false: the
   * response is the answer, and nginx counts no failure for it.
   */
  private retryOnStatus(exchange: Exchange, peer: Peer, status: number): boolean {
    const condition = this.policy.statuses!.get(status);
    if (condition === undefined || !exchange.replayable || !mayRetry(this.policy, condition, true, exchange.req.method, exchange.attempts)) return false;
    const now = this.now();
    const next = this.pickNext(exchange, peer, now);
    if (next === null) return false;
    const stats = this.stats.backend(peer.id);
    stats.response(status);
    stats.failures++;
    this.balancer.report(peer, false, now, exchange.ttfbMs);
    this.stats.retried(peer.id, next.id);
    this.begin(exchange, next, now);
    return true;
  }

  /** The next untried peer after `failed`, counted as taken; null when none is usable. */
  private pickNext(exchange: Exchange, failed: Peer, now: number): Peer | null {
    (exchange.tried ??= new Set()).add(failed);
    return this.balancer.pick(exchange.tried, now, exchange.request);
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
    if (!finished) {
      exchange.proxyReq?.destroy();
      // Only an attempt the client left can still have a fault's timer running.
      if (exchange.faultTimer !== null) clearTimeout(exchange.faultTimer);
      exchange.faultTimer = null;
    }
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

  /**
   * An upstream request has a socket: arm the connect timeout and the read
   * timeout (Node's socket idle timer, which starts once connected and is
   * reset by every read: nginx's "between two successive read operations"),
   * or cancel the request if the client already left.
   */
  private readonly onProxyReq = (proxyReq: ClientRequest, req: IncomingMessage): void => {
    const exchange = (req as LabRequest)[EXCHANGE];
    if (!exchange) return;
    exchange.proxyReq = proxyReq;
    if (exchange.res.destroyed) {
      proxyReq.destroy();
      return;
    }
    const socket = proxyReq.socket as UpstreamSocket | null;
    if (!socket) return;
    if (socket.connecting) armConnectTimeout(proxyReq, socket, this.proxySettings.connectTimeoutMs);
    // Set on the socket, not the request: a pooled socket keeps its listener, and
    // its timer is re-armed only when the value differs (the agent sets the
    // backend's keep-alive hint on it while it is idle in the pool).
    socket[EXCHANGE] = exchange;
    if (socket.timeout !== exchange.readTimeoutMs) socket.setTimeout(exchange.readTimeoutMs);
    if (socket[WATCHED] !== true) {
      socket[WATCHED] = true;
      socket.on('timeout', onSocketTimeout);
    }
  };

  /**
   * The response headers arrived: nothing is retried from here on. The lab
   * writes the response itself (selfHandleResponse), in one writeHead with a
   * raw header list, which is cheaper than http-proxy's header passes.
   */
  private readonly onProxyRes = (proxyRes: UpstreamResponse, req: IncomingMessage): void => {
    const exchange = (req as LabRequest)[EXCHANGE];
    if (!exchange?.peer) return;
    exchange.ttfbMs = this.now() - exchange.attemptStart;
    const status = proxyRes.statusCode ?? 502;
    if (this.policy.statuses !== null) {
      const answered = exchange.proxyReq;
      if (this.retryOnStatus(exchange, exchange.peer, status)) {
        // nginx closes the connection of an attempt it passes over; so does the lab.
        answered?.destroy();
        return;
      }
    }
    exchange.responded = true;
    proxyRes[EXCHANGE] = exchange;
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
    if (exchange.res.destroyed) {
      exchange.peer = null;
      exchange.proxyReq = null;
      // The client left first; that is not the peer's fault.
      this.balancer.report(peer, true, this.now());
      return;
    }
    this.failed(exchange, peer, upstreamFailure(error));
  };

  /**
   * An attempt failed with an error or a timeout (nginx counts both against
   * the peer whether or not they are listed): go on to the next untried peer
   * when `proxy_next_upstream` allows, else answer 502 (error) or 504
   * (timeout), as ngx_http_upstream_next does. Nothing is retried once the
   * response began.
   */
  private failed(exchange: Exchange, peer: Peer, failure: UpstreamFailure): void {
    exchange.peer = null;
    exchange.proxyReq = null;
    this.stats.backend(peer.id).failures++;
    const now = this.now();
    this.balancer.report(peer, false, now);
    const { res } = exchange;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (!exchange.responded && exchange.replayable && mayRetry(this.policy, failure.condition, failure.sent, exchange.req.method, exchange.attempts)) {
      const next = this.pickNext(exchange, peer, now);
      if (next !== null) {
        this.stats.retried(peer.id, next.id);
        this.begin(exchange, next, now);
        return;
      }
    }
    if (failure.condition === 'timeout') this.gatewayTimeout(exchange);
    else this.noBackend(exchange);
  }

  private noBackend(exchange: Exchange): void {
    this.stats.errors++;
    const { res } = exchange;
    if (res.headersSent || res.destroyed) return;
    res.writeHead(502, { 'content-type': 'text/html; charset=utf-8', 'x-lab-backend': 'none' });
    res.end(NO_BACKEND_PAGE);
  }

  private gatewayTimeout(exchange: Exchange): void {
    this.stats.errors++;
    const { res } = exchange;
    if (res.headersSent || res.destroyed) return;
    res.writeHead(504, { 'content-type': 'text/html; charset=utf-8', 'x-lab-backend': 'none' });
    res.end(GATEWAY_TIMEOUT_PAGE);
  }

  /**
   * An Upgrade to another protocol than WebSocket (`curl --http2` asks for
   * h2c): nginx does not pass the Upgrade on and answers over HTTP/1.1; so
   * does the lab, on a response of its own over the socket Node handed over,
   * closed after it. Node has stopped parsing at the headers, so a body
   * could not be read: such a request gets 501.
   */
  private plainRequest(req: IncomingMessage, socket: Socket): void {
    if (hasBody(req)) {
      this.stats.requests++;
      this.stats.errors++;
      socket.end('HTTP/1.1 501 Not Implemented\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const res = new http.ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket);
    // The socket's close then closes the response, which settles the request's accounts.
    res.once('finish', () => socket.destroySoon());
    this.handle(req, res);
  }

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    if (!isWebSocketUpgrade(req.headers)) {
      this.plainRequest(req, socket);
      return;
    }
    this.stats.requests++;
    const request = requestInfo(req, this.routing);
    const cookie = this.routing.sticky ? readStickyCookie(req.headers.cookie) : null;
    stripHopByHop(req.headers, true);
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

/** An upstream socket, with the exchange it last carried and whether the read-timeout listener is on it. */
type UpstreamSocket = Socket & { [EXCHANGE]?: Exchange; [WATCHED]?: true };
const WATCHED = Symbol('lab.readTimeoutWatched');

/**
 * An upstream socket was idle for its timeout. In use by an attempt: that
 * is the read timeout. After the response began, nginx closes the
 * connection and the client keeps what came so far; before, it is a
 * `timeout` failure. Idle in the pool: the agent closes it itself. While
 * still connecting: the connect timeout decides.
 */
function onSocketTimeout(this: UpstreamSocket): void {
  const exchange = this[EXCHANGE];
  const proxyReq = exchange?.proxyReq;
  if (this.connecting || !exchange || !proxyReq || proxyReq.socket !== this) return;
  if (exchange.responded) proxyReq.destroy();
  else proxyReq.destroy(readTimeoutError(exchange.readTimeoutMs));
}

/** `patch` validated and applied over `base`; throws a 400 LabError naming the bad field. */
function mergeSettings(base: Readonly<ProxySettings>, patch: unknown): ProxySettings {
  const parsed = parseInput(proxySettingsPatchSchema, patch, 'settings');
  if (!parsed.ok) throw new LabError(parsed.error, 400, parsed.field);
  const next: ProxySettings = { ...base, nextUpstream: [...base.nextUpstream] };
  if (parsed.value.connectTimeoutMs !== undefined) next.connectTimeoutMs = parsed.value.connectTimeoutMs;
  if (parsed.value.readTimeoutMs !== undefined) next.readTimeoutMs = parsed.value.readTimeoutMs;
  if (parsed.value.nextUpstream !== undefined) next.nextUpstream = [...parsed.value.nextUpstream] as NextUpstreamCondition[];
  if (parsed.value.nextUpstreamTries !== undefined) next.nextUpstreamTries = parsed.value.nextUpstreamTries;
  return next;
}

function onUpstreamClose(this: UpstreamResponse): void {
  if (this.complete) return;
  const exchange = this[EXCHANGE];
  if (exchange && !exchange.res.writableFinished) exchange.res.destroy();
}
