// @ts-check
/**
 * Load Balancer Lab sample backend: one tiny HTTP server that says who it is.
 *
 *   node sample-backend.mjs <port>      (or PORT=<port> node sample-backend.mjs)
 *
 * GET /                      HTML page: the port in large type, a colour of its
 *                            own, this backend's hits, pid and uptime
 * GET /whoami                JSON {port, pid, hits, startedAt, aborted, inFlight}:
 *                            `aborted` counts requests whose client left before
 *                            the answer was complete, `inFlight` the requests
 *                            in progress besides this one
 * GET <any> + Accept: application/json   the same JSON
 * GET /slow?ms=N             headers and a first chunk at once, the rest after
 *                            N ms (at most 60 000); a client that leaves early
 *                            is counted in `aborted`
 *
 * Plain Node, no dependencies, binds 127.0.0.1 only. One access-log line per
 * request on stdout, written in batches. SIGTERM, SIGINT or SIGHUP: stop
 * accepting, finish what is in flight, exit 0 (forced exit 1 after 5 s).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const HOST = '127.0.0.1';
const SLOW_MAX_MS = 60_000;
const SLOW_DEFAULT_MS = 1_000;
const LOG_FLUSH_MS = 50;
const LOG_FLUSH_BYTES = 64 * 1024;
const FORCE_EXIT_MS = 5_000;
/** Longer than any proxy's idle pool timeout, so pooled sockets are never closed under it. */
const KEEP_ALIVE_MS = 65_000;

const port = parsePort(process.argv[2] ?? process.env.PORT);
const pid = process.pid;
const startedAtMs = Date.now();
const startedAt = new Date(startedAtMs).toISOString();
const colour = colourFor(port);

let hits = 0;
let aborted = 0;
let inFlight = 0;
let closing = false;

// ---------------------------------------------------------------- access log

/** Pending log text; written at most every LOG_FLUSH_MS or at LOG_FLUSH_BYTES. */
let logBuffer = '';
/** @type {NodeJS.Timeout | null} */
let logTimer = null;
let logEnabled = true;
let clockSecond = -1;
let clockText = '';

// A hung-up terminal (the lab quit under us) answers writes with EIO: stop logging, keep serving.
process.stdout.on('error', () => {
  logEnabled = false;
  logBuffer = '';
});

/** @param {string} text */
function log(text) {
  if (!logEnabled) return;
  logBuffer += text;
  if (logBuffer.length >= LOG_FLUSH_BYTES) flushLog();
  else if (logTimer === null) logTimer = setTimeout(flushLog, LOG_FLUSH_MS);
}

function flushLog() {
  if (logTimer !== null) {
    clearTimeout(logTimer);
    logTimer = null;
  }
  if (logBuffer === '' || !logEnabled) return;
  const text = logBuffer;
  logBuffer = '';
  try {
    process.stdout.write(text);
  } catch {
    logEnabled = false;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx's `$time_local` in UTC, recomputed once a second. */
function clock() {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== clockSecond) {
    clockSecond = second;
    const d = new Date(now);
    clockText = `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
  }
  return clockText;
}

/** @param {number} n */
function pad2(n) {
  return n < 10 ? `0${n}` : String(n);
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1f\x7f-\uffff"\\]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_GLOBAL = /[\x00-\x1f\x7f-\uffff"\\]/g;

/** As nginx does: no control characters or quotes from a client reach the terminal verbatim. */
/** @param {string} text */
function escapeLog(text) {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_GLOBAL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * One nginx-style line: `addr - - [time] "GET /path HTTP/1.1" 200 bytes 0.123ms`.
 * @param {http.IncomingMessage} req
 * @param {number} status
 * @param {number} bytes
 * @param {number} start performance.now() at arrival
 * @param {string | undefined} addr the client's address (gone from a destroyed socket)
 */
function logRequest(req, status, bytes, start, addr = req.socket.remoteAddress) {
  if (!logEnabled) return;
  const ms = (performance.now() - start).toFixed(3);
  log(`${addr ?? '-'} - - [${clock()}] "${req.method} ${escapeLog(req.url ?? '')} HTTP/${req.httpVersion}" ${status} ${bytes} ${ms}ms\n`);
}

// ------------------------------------------------------------------ handlers

/** @param {number} p */
function colourFor(p) {
  // The golden angle spreads sequential ports far apart on the colour wheel.
  const hue = Math.round((p * 137.508) % 360);
  return `hsl(${hue} 65% 42%)`;
}

/** @param {number} ms */
function formatUptime(ms) {
  let s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return h > 0 ? `${h}h ${m}m ${s}s` : m > 0 ? `${m}m ${s}s` : `${s}s`;
}

const PAGE_HEAD =
  '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  // Inline icon: a browser must not fetch /favicon.ico through the proxy (one F5 is one request).
  '<link rel="icon" href="data:,">' +
  `<title>Backend :${port}</title><style>` +
  `body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;` +
  `font-family:system-ui,sans-serif;color:#fff;background:${colour}}` +
  'h1{font-size:min(30vw,12rem);margin:0;line-height:1;font-variant-numeric:tabular-nums}' +
  'dl{display:grid;grid-template-columns:auto auto;gap:.25rem 1rem;font-size:1.5rem;margin:2rem 0 0}' +
  'dt{opacity:.75;text-align:right}dd{margin:0;font-variant-numeric:tabular-nums}' +
  '</style></head><body>' +
  `<h1>:${port}</h1><dl>`;
const PAGE_TAIL = '</dl></body></html>';

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} start
 */
function sendPage(req, res, start) {
  const body =
    PAGE_HEAD +
    `<dt>hits</dt><dd id="hits">${hits}</dd>` +
    `<dt>pid</dt><dd id="pid">${pid}</dd>` +
    `<dt>up</dt><dd id="uptime">${formatUptime(Date.now() - startedAtMs)}</dd>` +
    PAGE_TAIL;
  send(req, res, start, 200, 'text/html; charset=utf-8', body);
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} start
 */
function sendWhoami(req, res, start) {
  // inFlight counts the others: this request is being answered, not waiting.
  const body = JSON.stringify({ port, pid, hits, startedAt, aborted, inFlight: inFlight - 1 });
  send(req, res, start, 200, 'application/json', body);
}

/**
 * Headers and a first chunk now, the rest after `ms`; notices a client that leaves early.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} start
 * @param {string} query
 */
function sendSlow(req, res, start, query) {
  const ms = slowMs(query);
  const first = `port ${port}: answering in ${ms} ms\n`;
  const last = `port ${port}: done after ${ms} ms\n`;
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.write(first);
  const timer = setTimeout(() => res.end(last), ms);
  const addr = req.socket.remoteAddress;
  res.once('close', () => {
    clearTimeout(timer);
    // 'close' comes after 'finish' for a complete response; before it if the client left.
    const done = res.writableFinished;
    if (!done) aborted++;
    finished(req, done ? 200 : 499, done ? first.length + last.length : first.length, start, addr);
    // Shutting down: this keep-alive connection is idle now, and would hold server.close() open.
    if (closing) server.closeIdleConnections();
  });
}

/** @param {string} query the part after `?`, or '' */
function slowMs(query) {
  const match = /(?:^|&)ms=(\d+)/.exec(query);
  if (match === null) return SLOW_DEFAULT_MS;
  return Math.min(Number(match[1]), SLOW_MAX_MS);
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} start
 * @param {number} status
 * @param {string} type
 * @param {string} body
 */
function send(req, res, start, status, type, body) {
  const bytes = Buffer.byteLength(body);
  res.writeHead(status, { 'content-type': type, 'content-length': bytes, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
  finished(req, status, bytes, start);
}

/**
 * @param {http.IncomingMessage} req
 * @param {number} status
 * @param {number} bytes
 * @param {number} start
 * @param {string | undefined} [addr]
 */
function finished(req, status, bytes, start, addr) {
  inFlight--;
  logRequest(req, status, bytes, start, addr);
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function handle(req, res) {
  const start = performance.now();
  hits++;
  inFlight++;
  // During shutdown, answer what arrives on open connections but close them after.
  if (closing) res.shouldKeepAlive = false;

  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const method = req.method;

  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    send(req, res, start, 405, 'text/plain; charset=utf-8', `port ${port}: method not allowed\n`);
  } else if (path === '/slow') {
    sendSlow(req, res, start, q === -1 ? '' : url.slice(q + 1));
  } else if (path === '/whoami' || (req.headers.accept ?? '').includes('application/json')) {
    sendWhoami(req, res, start);
  } else if (path === '/') {
    sendPage(req, res, start);
  } else {
    send(req, res, start, 404, 'text/plain; charset=utf-8', `port ${port}: no such page\n`);
  }
}

// ------------------------------------------------------------------ lifecycle

/** @param {string | undefined} value */
function parsePort(value) {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(n) || n < 1 || n > 65535) {
    process.stderr.write(`usage: sample-backend.mjs <port>  (or PORT=<port>); got ${JSON.stringify(value ?? null)}\n`);
    process.exit(2);
  }
  return n;
}

const server = http.createServer({ keepAlive: true }, handle);
server.keepAliveTimeout = KEEP_ALIVE_MS;
// Must outlast keepAliveTimeout, or a request arriving as the idle timer fires can be cut.
server.headersTimeout = KEEP_ALIVE_MS + 1_000;

server.on('error', (err) => {
  flushLog();
  process.stderr.write(`sample backend: cannot listen on ${HOST}:${port}: ${err.message}\n`);
  process.exit(1);
});

server.listen(port, HOST, () => {
  log(`listening on http://${HOST}:${port}\n`);
  flushLog();
});

/** @param {NodeJS.Signals} signal */
function shutdown(signal) {
  if (signal === 'SIGHUP') {
    // The terminal is gone; its writes would fail.
    logEnabled = false;
    logBuffer = '';
  }
  if (closing) return;
  closing = true;
  log(`${signal}: finishing ${inFlight} request(s) in flight, then exiting\n`);
  flushLog();
  // close() also drops idle keep-alive connections; busy ones close as their response ends.
  server.close(() => {
    flushLog();
    process.exit(0);
  });
  setTimeout(() => {
    log(`still ${inFlight} request(s) in flight after ${FORCE_EXIT_MS} ms: exiting anyway\n`);
    flushLog();
    process.exit(1);
  }, FORCE_EXIT_MS).unref();
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.on('SIGHUP', shutdown);
