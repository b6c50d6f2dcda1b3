import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Supervisor } from '../../../electron/lab/backends/supervisor';
import { TerminalHub } from '../../../electron/lab/terminal/terminal-hub';
import { get, sleep, waitFor } from '../backends/helpers';

// Ports 26300-26349 belong to this file; terminal-socket.test.ts uses 26350-26399.
const BASE = 26300;
const NODE = JSON.stringify(process.execPath);
/** A server on $PORT that echoes each line it reads from its terminal as `got:<line>`. */
const ECHO =
  "require('http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT, '127.0.0.1');" +
  "process.stdin.setEncoding('utf8').on('data', (d) => console.log('got:' + d.trim()))";

let supervisor: Supervisor;
let hub: TerminalHub;

beforeEach(() => {
  supervisor = new Supervisor({ readyTimeoutMs: 10_000, killGraceMs: 2_000 });
  hub = new TerminalHub(supervisor);
});

afterEach(async () => {
  hub.close();
  supervisor.killAllSync();
  await Promise.race([supervisor.shutdown(), sleep(3_000)]);
});

/** Every `n=<i>` the sample backend's access log shows, in the order shown. */
function loggedRequests(text: string): number[] {
  return [...text.matchAll(/GET \/health\?n=(\d+) /g)].map((m) => Number(m[1]));
}

async function requests(port: number, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) expect((await get(port, `/health?n=${i}`)).status).toBe(200);
}

describe('TerminalHub over real backends', () => {
  it('streams the sample backend’s access log in order and complete, only while the terminal is open', async () => {
    const port = BASE;
    expect((await supervisor.start({ port })).status).toBe('up');
    await requests(port, 0, 5);
    await waitFor('the first log lines in the ring', () => loggedRequests(hub.text(port)).length === 5);

    let seen = '';
    const off = hub.subscribe(port, (data) => (seen += data));
    expect(loggedRequests(seen)).toEqual([0, 1, 2, 3, 4]);
    await requests(port, 5, 30);
    await waitFor('the live log lines', () => loggedRequests(seen).length === 30);
    expect(loggedRequests(seen)).toEqual([...Array(30).keys()]);
    expect(seen.startsWith('\u001b[2m─── pid ')).toBe(true);

    off();
    const closedAt = seen.length;
    await requests(port, 30, 40);
    await waitFor('the lines logged while closed, in the ring', () => loggedRequests(hub.text(port)).length === 40);
    expect(seen.length).toBe(closedAt);
    expect(loggedRequests(hub.text(port))).toEqual([...Array(40).keys()]);
  });

  it('keeps only the last output of a chatty backend, ending with its latest line', async () => {
    const port = BASE + 1;
    const ringBytes = 16 * 1024;
    hub.close();
    hub = new TerminalHub(supervisor, { ringBytes });
    const lines = 5000;
    const chatty = `for (let i = 0; i < ${lines}; i++) console.log('line ' + i); ${ECHO}`;
    expect((await supervisor.start({ port, command: `exec ${NODE} -e "${chatty}"` })).status).toBe('up');
    await waitFor('the last line', () => hub.text(port).includes(`line ${lines - 1}\n`));
    let recent = '';
    hub.subscribe(port, (data) => (recent += data));
    expect(Buffer.byteLength(recent)).toBeLessThanOrEqual(ringBytes);
    const numbers = [...recent.matchAll(/line (\d+)\r\n/g)].map((m) => Number(m[1]));
    expect(numbers.at(-1)).toBe(lines - 1);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });

  it('sends keystrokes to the backend’s terminal, which reads them as a line', async () => {
    const port = BASE + 2;
    expect((await supervisor.start({ port, command: `exec ${NODE} -e "${ECHO}"` })).status).toBe('up');
    let seen = '';
    hub.subscribe(port, (data) => (seen += data));
    expect(hub.write(port, 'hello lab\r')).toBe(true);
    await waitFor('the echoed line', () => seen.includes('got:hello lab'));
  });

  it('ends a waiting backend with Ctrl-C typed into its terminal, and says so', async () => {
    const port = BASE + 3;
    const first = await supervisor.start({ port, command: `exec ${NODE} -e "${ECHO}"` });
    expect(first.status).toBe('up');
    let seen = '';
    hub.subscribe(port, (data) => (seen += data));
    expect(hub.write(port, '\u0003')).toBe(true);
    await waitFor('the backend to die of SIGINT', () => supervisor.get(port)?.status === 'crashed');
    expect(supervisor.get(port)?.exit?.signal).toBe('SIGINT');
    expect(seen).toContain(`─── pid ${first.pid} ended by SIGINT ───`);
    expect(hub.write(port, 'x')).toBe(false);
  });

  it('prints a separator with the new pid on restart, after the old run’s output', async () => {
    const port = BASE + 4;
    const first = await supervisor.start({ port });
    await requests(port, 0, 1);
    await waitFor('the first run’s log line', () => loggedRequests(hub.text(port)).length === 1);
    let seen = '';
    hub.subscribe(port, (data) => (seen += data));
    const second = await supervisor.restart(port);
    expect(second.pid).not.toBe(first.pid);
    await requests(port, 1, 2);
    await waitFor('the second run’s log line', () => loggedRequests(seen).length === 2);
    // The sample backend finishes its requests on SIGTERM and exits cleanly.
    const oldEnd = seen.indexOf(`─── pid ${first.pid} exited with code 0 ───`);
    const newStart = seen.indexOf(`─── pid ${second.pid} started: `);
    expect(oldEnd).toBeGreaterThan(seen.indexOf('GET /health?n=0 '));
    expect(newStart).toBeGreaterThan(oldEnd);
    expect(seen.indexOf('GET /health?n=1 ')).toBeGreaterThan(newStart);
  });

  it('resizes the backend’s terminal, as the program inside sees it', async () => {
    const port = BASE + 5;
    const report = "process.stdout.on('resize', () => console.log('size:' + process.stdout.columns + 'x' + process.stdout.rows));" + ECHO;
    expect((await supervisor.start({ port, command: `exec ${NODE} -e "${report}"` })).status).toBe('up');
    let seen = '';
    hub.subscribe(port, (data) => (seen += data));
    expect(hub.resize(port, 91, 33)).toBe(true);
    await waitFor('the program to see its new size', () => seen.includes('size:91x33'));
  });
});
