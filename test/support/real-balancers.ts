import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptsConnection } from '../../electron/lab/backends/accepts-connection';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const HAPROXY = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';

/** A temp dir per config; removed by `cleanup`. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `lb-lab-${prefix}-`));
}

/**
 * An exported nginx.conf changed only where a test must: its pid, logs and
 * temp paths into `dir` (so any user can run it) and, when given, the
 * listen port onto 127.0.0.1.
 */
export function nginxForTest(conf: string, dir: string, listenPort?: number): string {
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub), { recursive: true });
  let out = conf
    .replace(/^pid .*;$/m, `pid ${join(dir, 'nginx.pid')};`)
    .replace(/^error_log .*;$/m, `error_log ${join(dir, 'error.log')};`)
    .replace(/^(\s*)access_log .*;$/m, `$1access_log ${join(dir, 'access.log')};`)
    .replace(
      /^http \{$/m,
      `http {\n    client_body_temp_path ${join(dir, 'body')};\n    proxy_temp_path ${join(dir, 'proxy')};\n    fastcgi_temp_path ${join(dir, 'fastcgi')};\n    uwsgi_temp_path ${join(dir, 'uwsgi')};\n    scgi_temp_path ${join(dir, 'scgi')};`,
    );
  if (listenPort !== undefined) out = out.replace(/^(\s*)listen \d+;$/m, `$1listen 127.0.0.1:${listenPort};`);
  return out;
}

/** An exported haproxy.cfg with its frontend bound to 127.0.0.1:`listenPort` (when given). */
export function haproxyForTest(cfg: string, listenPort?: number): string {
  return listenPort === undefined ? cfg : cfg.replace(/^(\s*)bind :\d+$/m, `$1bind 127.0.0.1:${listenPort}`);
}

/** `nginx -t -c`: status and what it printed. */
export function nginxTest(conf: string, dir: string): { status: number | null; output: string } {
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  const r = spawnSync(NGINX, ['-t', '-q', '-p', dir, '-e', join(dir, 'error.log'), '-c', file], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** `haproxy -c -f`: status and what it printed. */
export function haproxyCheck(cfg: string, dir: string): { status: number | null; output: string } {
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, cfg);
  const r = spawnSync(HAPROXY, ['-c', '-f', file], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** A balancer process a test started; `stop` kills it by PID and removes its dir. */
export interface RealBalancer {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Run Debian's nginx in the foreground on `conf` (already made test-ready), resolved once its port accepts. */
export async function startNginx(conf: string, dir: string, port: number): Promise<RealBalancer> {
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  return startProcess(NGINX, ['-g', 'daemon off;', '-p', dir, '-e', join(dir, 'error.log'), '-c', file], port, dir);
}

/** Run HAProxy in the foreground on `cfg` (already made test-ready). */
export async function startHaproxy(cfg: string, dir: string, port: number): Promise<RealBalancer> {
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, cfg);
  return startProcess(HAPROXY, ['-db', '-f', file], port, dir);
}

async function startProcess(bin: string, args: string[], port: number, dir: string): Promise<RealBalancer> {
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      // nginx's master takes its worker along on SIGTERM; SIGKILL would orphan the worker.
      process.kill(child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const up = await pollUntil(async () => child.exitCode === null && (await acceptsConnection(port)), 10_000);
  if (!up) {
    await stop();
    throw new Error(`${bin} did not listen on ${port}: ${stderr}`);
  }
  return { child, stop };
}

/** Poll an asynchronous condition (bounded); resolves whether it held. */
export async function pollUntil(done: () => Promise<boolean>, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
