import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Lab } from '../lab/lab';
import { runCommand } from '../lab/run-command';
import { refuseApiRequest } from './api-gate';
import { setFrameHeaders } from './frame-headers';
import { readJsonBody } from './read-json-body';
import { COMMANDS, type CommandSpec } from '../shared/command-table';
import { parseInput, portParamSchema } from '../shared/schemas';
import { refuseUpgrade } from './refuse-upgrade';
import { decodedPath, requestTarget } from './request-target';
import { BODY, matchRoute } from './routes';
import { serveStatic } from './serve-static';
import { serveTerminal } from './terminal-socket';
import { tokenLanding } from './token-landing';

export interface ControlServerOptions {
  lab: Lab;
  host: string;
  port: number;
  /** Folder of the built renderer, served at `/`. */
  rendererRoot: string;
  /** The control API's token: every /api/ route and socket refuses a request without it (401). */
  token: string;
  /** WebSockets under /api/ besides the events stream (a backend's terminal, say); reached only past the token check. */
  sockets?: readonly SocketRoute[];
}

/** A WebSocket endpoint under /api/ that another module serves. */
export interface SocketRoute {
  matches(path: string): boolean;
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

const BEARER_CHALLENGE = { 'www-authenticate': 'Bearer realm="lb-lab"' };
/** Where a backend's terminal is served, one WebSocket per open terminal. */
const TERMINAL_PATH = /^\/api\/backends\/([^/]+)\/terminal$/;

/** A slow client's socket buffer above this skips snapshots instead of growing. */
const MAX_BUFFERED = 1024 * 1024;

/**
 * The headless host's HTTP server: the JSON control API, the events stream
 * (WebSocket at /api/events) and the built dashboard. A thin adapter: every
 * command goes through runCommand, exactly as Electron's IPC does. Every
 * /api/ request and socket passes one gate (origin, host name, token);
 * the dashboard's files need no token, and opening a page with ?token=
 * hands the browser its cookie. Every answer carries the frame headers.
 */
export class ControlServer {
  readonly server: http.Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  /** Terminal input is at most 64 Ki characters a message; nothing bigger is read. */
  private readonly terminalWss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  private port: number;

  constructor(private readonly options: ControlServerOptions) {
    this.port = options.port;
    this.server = http.createServer((req, res) => {
      setFrameHeaders(res);
      this.handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  get requestedPort(): number {
    return this.options.port;
  }

  get url(): string {
    return `http://${this.options.host}:${this.port}/`;
  }

  /** The URL to open in a browser: the dashboard with the token, which the first visit turns into a cookie. */
  get dashboardUrl(): string {
    return `${this.url}?token=${encodeURIComponent(this.options.token)}`;
  }

  /** The token scripts send as `Authorization: Bearer <token>`. */
  get token(): string {
    return this.options.token;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    for (const client of [...this.wss.clients, ...this.terminalWss.clients]) client.terminate();
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestTarget(req.url);
    if (!url) return send(res, 400, malformed(req.url));
    const path = url.pathname;
    if (!path.startsWith('/api/')) return this.page(req, res, url);
    const refused = refuseApiRequest(req, this.port, this.options.token);
    if (refused) return send(res, refused.status, { error: refused.error, field: refused.field ?? null }, refused.status === 401 ? BEARER_CHALLENGE : {});
    if (decodedPath(path) === null) return send(res, 400, malformed(req.url));
    const route = matchRoute(req.method ?? 'GET', path);
    if (!route) return send(res, 404, { error: `no route ${req.method} ${path}` });
    const args = route.args;
    if (route.takesBody) {
      const body = await readJsonBody(req);
      if (!body.ok) return send(res, body.status, { error: body.error, field: 'body' });
      args[args.indexOf(BODY)] = body.value;
    }
    const result = await runCommand(this.options.lab, route.command, args);
    if (!result.ok) return send(res, result.status ?? 400, { error: result.error, field: result.field ?? null });
    const spec: CommandSpec = COMMANDS[route.command];
    if (spec.reply === 'text') return sendText(res, String(result.value));
    return send(res, 200, result.value);
  }

  /** A file of the dashboard, or the landing that turns ?token= into a cookie. */
  private async page(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
    const path = decodedPath(url.pathname);
    if (path === null) return send(res, 400, malformed(req.url));
    const landing = tokenLanding(url, this.options.token, this.port);
    if (landing) {
      res.writeHead(landing.status, landing.headers).end(landing.body);
      return;
    }
    return serveStatic(this.options.rendererRoot, path, res);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = requestTarget(req.url)?.pathname ?? '';
    if (!path.startsWith('/api/')) return refuseUpgrade(socket, 404, `no socket at ${JSON.stringify(req.url)}`);
    const refused = refuseApiRequest(req, this.port, this.options.token);
    if (refused) return refuseUpgrade(socket, refused.status, refused.error, refused.status === 401 ? BEARER_CHALLENGE : {});
    if (path === '/api/events') {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.stream(ws));
      return;
    }
    const terminal = TERMINAL_PATH.exec(path);
    if (terminal) {
      // Keystrokes reach a shell: past the same gate as every command, and a port in plain decimal.
      const port = parseInput(portParamSchema, terminal[1], 'port');
      if (!port.ok) return refuseUpgrade(socket, 400, port.error);
      this.terminalWss.handleUpgrade(req, socket, head, (ws) => serveTerminal(ws, this.options.lab.terminals, port.value));
      return;
    }
    const route = this.options.sockets?.find((r) => r.matches(path));
    if (route) return route.accept(req, socket, head);
    refuseUpgrade(socket, 404, `no socket at ${path}`);
  }

  /** Snapshots on the lab's cadence and events as they happen, one JSON message each. */
  private stream(ws: WebSocket): void {
    const { lab } = this.options;
    ws.send(JSON.stringify({ type: 'snapshot', snapshot: lab.snapshot() }));
    const offEvent = lab.onEvent((event) => ws.send(JSON.stringify({ type: 'event', event })));
    const offSnapshot = lab.onSnapshot((snapshot) => {
      if (ws.bufferedAmount < MAX_BUFFERED) ws.send(JSON.stringify({ type: 'snapshot', snapshot }));
    });
    ws.on('close', () => {
      offEvent();
      offSnapshot();
    });
    ws.on('error', () => ws.terminate());
  }
}

function sendText(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function malformed(target: string | undefined): { error: string; field: string } {
  return { error: `malformed URI ${JSON.stringify(target)}`, field: 'path' };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
