import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';
import { waitUntil } from '../../electron/lab/wait-until';
import { TEST_TOKEN } from './test-token';

export const CLI = resolve(import.meta.dirname, '../../out/main/cli.js');

const running = new Set<ChildProcess>();

/** Kill (by PID) every CLI a test started, even when the test failed. */
export function useCli(): void {
  afterEach(() => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    running.clear();
  });
}

export interface CliRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Run the built `lb-lab` with `args`; `npm test` builds it first. Its token
 * is TEST_TOKEN (through LB_LAB_TOKEN) unless `token` says otherwise; null
 * lets the lab make its own.
 */
export function runCli(args: string[], token: string | null = TEST_TOKEN): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const env = { ...process.env };
  delete env.LB_LAB_TOKEN;
  if (token !== null) env.LB_LAB_TOKEN = token;
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

/** Wait until the CLI says it is running (bounded). */
export async function untilRunning(run: CliRun): Promise<void> {
  const ok = await waitUntil(() => run.output().includes('Press Ctrl-C'), 20_000);
  if (!ok) throw new Error(`lb-lab did not start:\n${run.output()}`);
}

/** The dashboard URL the CLI printed, token included (the way in a person copies). */
export function printedDashboardUrl(run: CliRun): URL {
  const match = /dashboard: +(http:\/\/\S+)/.exec(run.output());
  if (!match) throw new Error(`lb-lab printed no dashboard URL:\n${run.output()}`);
  return new URL(match[1]!);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
