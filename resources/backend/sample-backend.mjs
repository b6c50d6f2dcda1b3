// @ts-check
/**
 * Load Balancer Lab sample backend: one tiny HTTP server that says who it is.
 *
 *   node sample-backend.mjs <port>      (or PORT=<port> node sample-backend.mjs)
 *
 * GET /                      HTML page: the port in large type, a colour of its
 *                            own, the visitor's session ("visit 7 in this
 *                            session, kept by port 4001"), this backend's
 *                            hits, pid and uptime
 * GET /whoami                JSON {port, pid, hits, startedAt, aborted, inFlight,
 *                            sessions, session: {id, visits}}: `aborted` counts
 *                            requests whose client left before the answer was
 *                            complete, `inFlight` the requests in progress
 *                            besides this one, `sessions` the sessions held
 * GET <any> + Accept: application/json   the same JSON
 * GET /slow?ms=N             headers and a first chunk at once, the rest after
 *                            N ms (at most 60 000); a client that leaves early
 *                            is counted in `aborted`
 * GET /health                200 {status: "passing", sessions}, or 503
 *                            {status: "failing", sessions} after POST /health/fail;
 *                            a health check target that starts no session
 * POST /health/fail          make GET /health answer 503 from now on (the
 *                            health check demo); POST /health/pass undoes it
 *
 * Sessions, as a login would keep them: `/` and `/whoami` give a visitor
 * without a known `lab_session` cookie a new in-memory session (visits 1)
 * and the cookie; a visitor that comes back with it counts up. Another
 * backend does not know that cookie, so it starts the visitor over: with
 * round-robin the counter keeps resetting, with ip-hash or sticky cookies it
 * keeps counting. Memory is bounded (10 000 sessions, forgotten after 30
 * idle minutes), and health checks (User-Agent lb-lab-health) start none.
 *
 * Plain Node, no dependencies, binds 127.0.0.1 only. One access-log line per
 * request on stdout, written in batches. SIGTERM, SIGINT or SIGHUP: stop
 * accepting, finish what is in flight, exit 0 (forced exit 1 after 5 s).
 */
import { randomBytes } from 'node:crypto';
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
const SESSION_COOKIE = 'lab_session';
const SESSION_LIMIT = 10_000;
const SESSION_IDLE_MS = 30 * 60_000;
/** What the lab's health checker sends: a check is not a visitor. */
const HEALTH_CHECK_AGENT = 'lb-lab-health';

const port = parsePort(process.argv[2] ?? process.env.PORT);
const pid = process.pid;
const startedAtMs = Date.now();
const startedAt = new Date(startedAtMs).toISOString();
const colour = colourFor(port);

let hits = 0;
let aborted = 0;
let inFlight = 0;
let closing = false;
/** Set by POST /health/fail: GET /health answers 503 until POST /health/pass. */
let healthFailing = false;

// ------------------------------------------------------------------ sessions

/**
 * Session id -> visits and last visit. A Map keeps insertion order, and a
 * visit re-inserts its session, so the oldest idle session is always first.
 * @type {Map<string, {visits: number, seenAt: number}>}
 */
const sessions = new Map();
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The session id the Cookie header names, if it looks like one of ours.
 * @param {string | undefined} header
 */
function sessionCookie(header) {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const id = part.slice(eq + 1).trim();
      return SESSION_ID.test(id) ? id : null;
    }
  }
  return null;
}

/**
 * Count a visit in the visitor's session, starting one (and setting its
 * cookie) when the cookie names none this backend knows.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @returns {{id: string, visits: number} | null} null for a health check
 */
function visit(req, res) {
  if (req.headers['user-agent'] === HEALTH_CHECK_AGENT) return null;
  const now = Date.now();
  forgetIdleSessions(now);
  const known = sessionCookie(req.headers.cookie);
  const session = known === null ? undefined : sessions.get(known);
  if (known !== null && session !== undefined) {
    session.visits++;
    session.seenAt = now;
    sessions.delete(known);
    sessions.set(known, session);
    return { id: known, visits: session.visits };
  }
  const id = randomBytes(12).toString('base64url');
  sessions.set(id, { visits: 1, seenAt: now });
  if (sessions.size > SESSION_LIMIT) sessions.delete(/** @type {string} */ (sessions.keys().next().value));
  res.setHeader('set-cookie', `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`);
  return { id, visits: 1 };
}

/** @param {number} now */
function forgetIdleSessions(now) {
  for (const [id, session] of sessions) {
    if (now - session.seenAt <= SESSION_IDLE_MS) return;
    sessions.delete(id);
  }
}

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
  '#session{font-size:min(7vw,3rem);margin:1rem 0 0;text-align:center;font-variant-numeric:tabular-nums}' +
  '</style></head><body>' +
  `<h1>:${port}</h1>`;
const PAGE_TAIL = '</dl></body></html>';

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} start
 */
function sendPage(req, res, start) {
  const session = visit(req, res);
  const said = session === null ? '' : `<p id="session">visit <span id="visits">${session.visits}</span> in this session, kept by port ${port}</p>`;
  const body =
    PAGE_HEAD +
    said +
    '<dl>' +
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
  const session = visit(req, res);
  // inFlight counts the others: this request is being answered, not waiting.
  const body = JSON.stringify({ port, pid, hits, startedAt, aborted, inFlight: inFlight - 1, sessions: sessions.size, session });
  send(req, res, start, 200, 'application/json', body);
}

/**
 * The health check target: the sessions held, and passing unless told to fail.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} start
 */
function sendHealth(req, res, start) {
  const body = JSON.stringify({ status: healthFailing ? 'failing' : 'passing', sessions: sessions.size });
  send(req, res, start, healthFailing ? 503 : 200, 'application/json', body);
}

/**
 * POST /health/fail and /health/pass: the switch the health check demo flips.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} start
 * @param {boolean} failing
 */
function setHealth(req, res, start, failing) {
  healthFailing = failing;
  // Any body is ignored; read it so the connection stays usable.
  req.resume();
  send(req, res, start, 200, 'text/plain; charset=utf-8', `port ${port}: GET /health now answers ${failing ? 503 : 200}\n`);
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

  if (method === 'POST' && (path === '/health/fail' || path === '/health/pass')) {
    setHealth(req, res, start, path === '/health/fail');
  } else if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    send(req, res, start, 405, 'text/plain; charset=utf-8', `port ${port}: method not allowed\n`);
  } else if (path === '/health') {
    sendHealth(req, res, start);
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
