import type { RawData, WebSocket } from 'ws';
import { parseInput } from '../shared/schemas';
import { TERMINAL_CLOSE, terminalClientMessageSchema } from '../shared/terminal';
import { LabError } from '../lab/lab-error';
import type { SubscribeOptions, TerminalListener } from '../lab/terminal/terminal-hub';

/** The part of the TerminalHub a terminal socket uses. */
export interface TerminalEndpoint {
  subscribe(port: number, listener: TerminalListener, options?: SubscribeOptions): () => void;
  write(port: number, data: string): boolean;
  resize(port: number, cols: number, rows: number): boolean;
}

export interface TerminalSocketOptions {
  /**
   * Output waiting in the socket beyond which new output is skipped (default
   * 1 MiB). Skipping, not pausing: a pty that is not read stalls the backend
   * the moment it logs, and one slow browser tab must not slow a server the
   * balancer is sending traffic to.
   */
  maxBufferedBytes?: number;
}

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;

/**
 * Serves the terminal of the backend on `port` over one WebSocket, for the
 * control server's `/api/backends/:port/terminal` once it has checked the
 * request's origin and token.
 *
 * Server to client: text messages, each a piece of terminal output (the ring
 * of recent output first, then live output in batches). Client to server:
 * text messages, each one JSON `TerminalClientMessage`:
 * `{"type":"input","data":"ls\r"}` or `{"type":"resize","cols":120,"rows":30}`.
 * Closes with 4400 (reason names the field) on a message that is not one,
 * and with 4404 when the port has no backend or it is removed.
 * While the client reads too slowly, output is skipped and a line saying how
 * much follows once it catches up.
 */
export function serveTerminal(ws: WebSocket, terminals: TerminalEndpoint, port: number, options: TerminalSocketOptions = {}): void {
  const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
  let skipped = 0;
  const send = (text: string): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > maxBuffered) {
      skipped += text.length;
      return;
    }
    if (skipped > 0) {
      ws.send(skippedNotice(skipped));
      skipped = 0;
    }
    ws.send(text);
  };

  let unsubscribe: (() => void) | null = null;
  try {
    unsubscribe = terminals.subscribe(port, send, {
      onEnd: () => close(ws, TERMINAL_CLOSE.unknownPort, `backend ${port} was removed`),
    });
  } catch (err) {
    closeOnError(ws, err);
    return;
  }

  ws.on('message', (raw: RawData, isBinary: boolean) => {
    const message = isBinary ? undefined : parseJson(rawText(raw));
    const parsed = parseInput(terminalClientMessageSchema, message, 'message');
    if (!parsed.ok) {
      close(ws, TERMINAL_CLOSE.badMessage, isBinary ? 'message: send JSON text, not binary' : parsed.error);
      return;
    }
    try {
      const value = parsed.value;
      if (value.type === 'input') terminals.write(port, value.data);
      else terminals.resize(port, value.cols, value.rows);
    } catch (err) {
      closeOnError(ws, err);
    }
  });
  ws.on('close', () => unsubscribe?.());
  ws.on('error', () => ws.terminate());
}

function skippedNotice(chars: number): string {
  return `\r\n\u001b[33m[lab: ${chars} characters of output skipped while this terminal caught up]\u001b[0m\r\n`;
}

function closeOnError(ws: WebSocket, err: unknown): void {
  if (err instanceof LabError && err.status === 404) close(ws, TERMINAL_CLOSE.unknownPort, err.message);
  else if (err instanceof LabError && err.status === 400) close(ws, TERMINAL_CLOSE.badMessage, err.message);
  else {
    console.error('terminal socket failed:', err);
    close(ws, 1011, 'internal error');
  }
}

function close(ws: WebSocket, code: number, reason: string): void {
  let text = reason;
  while (Buffer.byteLength(text) > MAX_REASON_BYTES) text = text.slice(0, -1);
  ws.close(code, text);
}

function rawText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(raw).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
