#!/usr/bin/env node
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExitGuard } from '../lab/backends/exit-guard';
import { parseCli, USAGE } from './cli-options';
import { Host } from './host';

/** `lb-lab`: the whole lab with no Electron window, until Ctrl-C. */
async function main(): Promise<void> {
  const parsed = parseCli(process.argv.slice(2));
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
  host.lab.onEvent((event) => process.stdout.write(`${new Date(event.at).toLocaleTimeString()}  ${event.message}\n`));
  await host.start().catch((error: unknown) => {
    process.stderr.write(`lb-lab: ${(error as Error).message}\n`);
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
      `  proxy:      ${host.lab.proxyUrl}\n` +
      `  dashboard:  ${host.control.url}\n` +
      `  control API: ${host.control.url}api/snapshot\n` +
      `Press Ctrl-C to stop every backend and exit.\n\n`,
  );
}

void main();
