import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';
import { waitUntil } from '../../electron/lab/wait-until';

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

/** Run the built `lb-lab` with `args`; `npm test` builds it first. */
export function runCli(args: string[]): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
