import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Lab } from '../lab/lab';
import { runCommand } from '../lab/run-command';
import { readJsonBody } from './read-json-body';
import { COMMANDS, type CommandSpec } from '../shared/command-table';
import { BODY, matchRoute, type RouteMatch } from './routes';
import { serveStatic } from './serve-static';
import { serveTerminal } from './terminal-socket';
import { isTrustedRequest } from './trusted-origin';
import { parseInput, portParamSchema } from '../shared/schemas';

export interface ControlServerOptions {
  lab: Lab;
  host: string;
  port: number;
  /** Folder of the built renderer, served at `/`. */
  rendererRoot: string;
}

/** Where a backend's terminal is served, one WebSocket per open terminal. */
const TERMINAL_PATH = /^\/api\/backends\/([^/]+)\/terminal$/;

/** A slow client's socket buffer above this skips snapshots instead of growing. */
const MAX_BUFFERED = 1024 * 1024;

/**
 * The headless host's HTTP server: the JSON control API, the events stream
 * (WebSocket at /api/events) and the built dashboard. A thin adapter: every
 * command goes through runCommand, exactly as Electron's IPC does.
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
      this.handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(req, socket, head));
  }

  get requestedPort(): number {
    return this.options.port;
  }

  get url(): string {
    return `http://${this.options.host}:${this.port}/`;
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
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
      return serveStatic(this.options.rendererRoot, path, res);
    }
    if (!isTrustedRequest(req, this.port)) return send(res, 403, { error: 'requests from other origins are refused' });
    let route: RouteMatch | null;
    try {
      route = matchRoute(req.method ?? 'GET', path);
    } catch {
      return send(res, 400, { error: `malformed URI ${JSON.stringify(req.url)}`, field: 'path' });
    }
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

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const terminal = TERMINAL_PATH.exec(path);
    if ((path !== '/api/events' && !terminal) || !isTrustedRequest(req, this.port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    if (terminal) {
      // Keystrokes reach a shell: the same origin checks as every command, and a port in plain decimal.
      const port = parseInput(portParamSchema, terminal[1], 'port');
      if (!port.ok) {
        socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      this.terminalWss.handleUpgrade(req, socket, head, (ws) => serveTerminal(ws, this.options.lab.terminals, port.value));
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.stream(ws));
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

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
