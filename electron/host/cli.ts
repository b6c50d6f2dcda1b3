#!/usr/bin/env node
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExitGuard } from '../lab/backends/exit-guard';
import { neutralise } from '../shared/plain-text';
import { parseCli, USAGE } from './cli-options';
import { Host } from './host';

/** `lb-lab`: the whole lab with no Electron window, until Ctrl-C. */
async function main(): Promise<void> {
  const parsed = parseCli(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    process.stderr.write(`lb-lab: ${parsed.error}\nRun \`lb-lab --help\` for the options.\n`);
    process.exit(2);
  }
  const { options } = parsed;
  // Built layout: out/main/cli.js beside out/renderer/.
  const rendererRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
  const host = new Host({ ...options, rendererRoot });
  installExitGuard(host);
  host.lab.onEvent((event) => process.stdout.write(logLine(new Date(event.at).toLocaleTimeString(), event.message)));
  await host.start().catch((error: unknown) => {
    process.stderr.write(`lb-lab: ${neutralise((error as Error).message)}\n`);
    process.exit(1);
  });
  const extras = [
    options.algorithm,
    options.trustForwardedFor ? 'client from X-Forwarded-For' : '',
    options.sticky ? 'sticky cookie' : '',
    options.backups ? `${options.backups} backup(s)` : '',
    options.health ? `health checks on ${options.health.path}` : '',
  ].filter(Boolean);
  process.stdout.write(
    `\nLoad Balancer Lab is running (${extras.join(', ')}).\n` +
      `  proxy:       ${host.lab.proxyUrl}\n` +
      `  dashboard:   ${host.control.dashboardUrl}\n` +
      `  control API: ${host.control.url}api/snapshot\n` +
      `               with the header Authorization: Bearer ${host.control.token}\n` +
      `Press Ctrl-C to stop every backend and exit.\n\n`,
  );
}

/**
 * One event as lines of the host's terminal: a backend's text cannot move
 * the cursor or recolour it, and its line breaks are indented under the
 * time, so they never pass for events of their own.
 */
function logLine(time: string, message: string): string {
  return `${time}  ${neutralise(message).replace(/\n/g, `\n${' '.repeat(time.length + 2)}`)}\n`;
}

void main();
