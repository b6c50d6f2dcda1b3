#!/usr/bin/env node
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExitGuard } from '../lab/backends/exit-guard';
import { neutralise } from '../shared/plain-text';
import { parseCli, USAGE } from './cli-options';
import { runExport } from './cli-export';
import { Host } from './host';
import { LabError } from '../lab/lab-error';
import { setupFromFile, setupFromNginx } from './setup-source';

/** `lb-lab`: the whole lab with no Electron window, until Ctrl-C. */
async function main(): Promise<void> {
  if (process.argv[2] === 'export') {
    process.exitCode = await runExport(process.argv.slice(3), process.env, (t) => process.stdout.write(t), (t) => process.stderr.write(t));
    return;
  }
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
  const source = options.setupFile ? setupFromFile(options.setupFile) : options.nginxFile ? setupFromNginx(options.nginxFile, options.basePort, options.proxyPort, options.upstream) : null;
  if (source && !source.ok) {
    process.stderr.write(`lb-lab: ${neutralise(source.error)}\n`);
    process.exit(2);
  }
  for (const note of source?.notes ?? []) process.stdout.write(`${neutralise(note)}\n`);
  // Built layout: out/main/cli.js beside out/renderer/.
  const rendererRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
  const host = new Host({ ...options, rendererRoot, ...(source ? { setup: source.setup } : {}) });
  installExitGuard(host);
  host.lab.onEvent((event) => process.stdout.write(logLine(new Date(event.at).toLocaleTimeString(), event.message)));
  await host.start().catch((error: unknown) => {
    // A --scenario that names no scenario file is a bad flag, found only once the lab reads the files.
    const badFlag = options.guide && error instanceof LabError && error.field === 'id';
    process.stderr.write(`lb-lab: ${badFlag ? '--scenario: ' : ''}${neutralise((error as Error).message)}\n`);
    process.exit(badFlag ? 2 : 1);
  });
  for (const problem of host.problems) process.stdout.write(`lb-lab: ${neutralise(problem)}\n`);
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
